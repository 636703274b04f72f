"""Read-only questions asked of the content, kept out of views so they are easy to test."""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass

from content_engine.content import Content
from content_engine.schema import Background, Pace, Role, Skill, Stage

MIN_HOURS_PER_WEEK = 1
MAX_HOURS_PER_WEEK = 60


def nearest_ids(wanted: str, ids: list[str], *, limit: int = 3) -> list[str]:
    """The valid ids that look most like a mistyped one (for helpful 404 pages)."""
    return difflib.get_close_matches(wanted[:80], ids, n=limit, cutoff=0.4)


@dataclass(frozen=True)
class HoursChoice:
    hours: int
    message: str  # empty when the request was valid


def parse_hours_per_week(raw: str | None, *, default: int) -> HoursChoice:
    """Turn ?hours=... into a usable number, saying what we changed and why."""
    if raw is None or raw.strip() == "":
        return HoursChoice(default, "")
    text = raw.strip()[:20]
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if math.isnan(value):
        return HoursChoice(default, f"“{text}” is not a number of hours; showing {default} a week.")
    if value < MIN_HOURS_PER_WEEK:
        return HoursChoice(
            MIN_HOURS_PER_WEEK,
            f"Hours a week must be at least {MIN_HOURS_PER_WEEK}; showing {MIN_HOURS_PER_WEEK}.",
        )
    if value > MAX_HOURS_PER_WEEK:
        return HoursChoice(
            MAX_HOURS_PER_WEEK,
            f"Nobody sustains more than {MAX_HOURS_PER_WEEK} hours a week of study; "
            f"showing {MAX_HOURS_PER_WEEK}.",
        )
    rounded = round(value)
    message = "" if rounded == value else f"Rounded to {rounded} hours a week."
    return HoursChoice(rounded, message)


@dataclass(frozen=True)
class PacedStage:
    stage: Stage
    number: int
    starts_week: int
    ends_week: int


@dataclass(frozen=True)
class PacedRoute:
    hours_per_week: int
    stages: list[PacedStage]
    total_hours: int
    total_weeks: int

    @property
    def months(self) -> float:
        return round(self.total_weeks / 4.345, 1)


def pace_route(content: Content, hours_per_week: int) -> PacedRoute:
    """Lay the stages end to end on a calendar at a given number of hours a week.

    Stages run on from one another (a short stage shares its week with the next), so the total
    is the whole route's hours divided by the weekly hours, rounded up to a whole week."""
    paced, hours_before = [], 0
    for number, stage in enumerate(content.stages, start=1):
        hours_after = hours_before + stage.hours
        starts = hours_before // hours_per_week + 1
        ends = max(starts, math.ceil(hours_after / hours_per_week))
        paced.append(PacedStage(stage, number, starts, ends))
        hours_before = hours_after
    return PacedRoute(hours_per_week, paced, hours_before, math.ceil(hours_before / hours_per_week))


def default_pace(content: Content) -> Pace:
    return content.route.pacing[len(content.route.pacing) // 2]


def roles_for_stage(content: Content, stage: Stage) -> list[Role]:
    return [role for role in content.roles if stage.id in role.key_stages]


def stages_teaching(content: Content, skill: Skill) -> list[Stage]:
    return [stage for stage in content.stages if skill.id in stage.skills]


def roles_needing(content: Content, skill: Skill) -> list[Role]:
    return [role for role in content.roles if skill.id in role.key_skills]


def backgrounds_for_skill(content: Content, skill: Skill) -> list[tuple[Background, bool]]:
    """Every background, and whether this skill is genuinely new for it."""
    return [(b, skill.id in b.new_skills) for b in content.backgrounds]


def roles_matching(content: Content, *, background: str | None, deep_ml: bool | None) -> list[Role]:
    roles = content.roles
    if background:
        roles = [r for r in roles if background in r.backgrounds]
    if deep_ml is not None:
        roles = [r for r in roles if r.needs_deep_ml == deep_ml]
    return roles
