"""The route laid on a calendar at a given number of hours a week. Pure: no Django."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .content import Content
from .schema import Pace, Stage

WEEKS_PER_MONTH = 4.345
# One rule for the route's pace and a plan's: whole hours a week, from 1 to 60 (nobody sustains
# more study than that on top of anything else).
MIN_HOURS_PER_WEEK = 1
MAX_HOURS_PER_WEEK = 60
HOURS_RULE = f"a whole number of hours a week from {MIN_HOURS_PER_WEEK} to {MAX_HOURS_PER_WEEK}"


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
    total_hours: int  # every stage, the optional ones included
    total_weeks: int

    @property
    def optional_stages(self) -> list[Stage]:
        return [item.stage for item in self.stages if item.stage.optional]

    @property
    def optional_hours(self) -> int:
        return sum(stage.hours for stage in self.optional_stages)

    @property
    def months(self) -> float:
        return round(self.total_weeks / WEEKS_PER_MONTH, 1)

    @property
    def calendar_length(self) -> str:
        """The calendar length in words a person plans with, never "71.8 months"."""
        return describe_weeks(self.total_weeks)

    def stage(self, stage_id: str) -> PacedStage:
        """Where one stage falls on this calendar."""
        return next(item for item in self.stages if item.stage.id == stage_id)


def describe_weeks(weeks: int) -> str:
    """A number of weeks as a person says it: "under a month", "about 1.5 months", "about 18
    months", "about 6 years" (halves of a month below three months, whole months up to two
    years, then years to the nearest half)."""
    months = weeks / WEEKS_PER_MONTH
    if weeks < 4:
        return "under a month"
    if months < 3:
        halves = max(1.0, round(months * 2) / 2)
        return f"about {halves:g} month{'s' if halves != 1 else ''}"
    if months <= 24:
        return f"about {round(months)} months"
    return f"about {round(months / 12 * 2) / 2:g} years"


def pace_route(content: Content, *, hours_per_week: int) -> PacedRoute:
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
    """The middle preset: the pace a visitor sees before choosing one."""
    return content.route.pacing[len(content.route.pacing) // 2]
