from django.apps import AppConfig

from content_engine import analyses
from content_engine.content import Content
from content_engine.problems import Problem
from webkit import retention


def _quiz_balance(content: Content) -> list[Problem]:
    # Imported when the analysis runs, so the web process never loads numpy.
    from .balance import balance_problems

    return balance_problems(content)


class QuizConfig(AppConfig):
    name = "quiz"
    verbose_name = "Fit quiz"

    def ready(self) -> None:
        analyses.register("quiz balance", _quiz_balance, rule="quiz-balance")
        from .models import QuizSubmission

        rule = retention.Rule("quiz results", QuizSubmission, "QUIZ_RESULT_RETENTION_MONTHS")
        retention.register(rule)
