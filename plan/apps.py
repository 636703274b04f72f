from django.apps import AppConfig

from content_engine import analyses
from content_engine.content import Content
from content_engine.problems import Problem
from webkit import retention


def _plan_estimates(content: Content) -> list[Problem]:
    from .analysis import estimate_problems

    return estimate_problems(content)


class PlanConfig(AppConfig):
    name = "plan"
    verbose_name = "My plan"

    def ready(self) -> None:
        analyses.register("plan estimates", _plan_estimates, rule="plan-estimates")
        from .models import Plan

        retention.register(retention.Rule("plans", Plan, "PLAN_RETENTION_MONTHS"))
