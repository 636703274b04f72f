"""A content analysis for `check_content`: no background and role, with or without the optional
stages, gets a plan with zero, negative or absurd hours under the re-estimate rule."""

from __future__ import annotations

from fractions import Fraction

from content_engine.content import Content
from content_engine.problems import Problem

from .estimate import estimate_route

MIN_SHARE_OF_ROUTE = Fraction(1, 4)  # no background makes three quarters of the route moot


def estimate_problems(content: Content) -> list[Problem]:
    problems: list[Problem] = []
    optional = [s.id for s in content.stages if s.optional]
    core_hours = sum(s.hours for s in content.stages if not s.optional)
    seen: set[str] = set()
    for b, background in enumerate(content.backgrounds):
        for role in [None, *content.roles]:
            for added in ((), tuple(optional)):
                estimate = estimate_route(content, background=background, role=role, added=added)
                who = f"a {background.name.lower()}" + (f" aiming at {role.name}" if role else "")
                for stage in estimate.included:
                    s = content.stage_number[stage.stage.id] - 1
                    wrong = ""
                    if stage.hours < 1:
                        wrong = f"{stage.hours} hours"
                    elif stage.hours > stage.full_hours:
                        wrong = f"{stage.hours} hours, more than the stage's {stage.full_hours}"
                    elif 2 * stage.hours < stage.full_hours:
                        wrong = f"{stage.hours} hours, under half the stage's {stage.full_hours}"
                    if wrong and (key := f"{stage.stage.id}|{wrong}") not in seen:
                        seen.add(key)
                        path, line = content.locate("route.yaml", ("stages", s, "hours"))
                        message = f"a plan for {who} gives this stage {wrong}"
                        problems.append(Problem(path, line, f"stages[{s}].hours", message))
                total = estimate.total_hours
                if (
                    total <= 0
                    or total > estimate.full_route_hours
                    or total < MIN_SHARE_OF_ROUTE * core_hours
                ):
                    path, line = content.locate("backgrounds.yaml", ("backgrounds", b, "id"))
                    message = (
                        f"a plan for {who} totals {total} hours of the route's "
                        f"{estimate.full_route_hours}: check the transfers' skills"
                    )
                    problems.append(Problem(path, line, f"backgrounds[{b}]", message))
    return problems
