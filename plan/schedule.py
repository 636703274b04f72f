"""Put a plan's stages on a calendar at N hours a week. Pure: no Django.

Stages run end to end, each starting on the day the one before it ends when the hours run over
part of a day. A stage whose items are all done shows where it was planned (cut off at today,
when it was finished ahead of plan) and takes no more time; what remains is laid out again from
today (or from the start date, if that is later), so no two stages' dates cross.
An unfinished stage still needs the share of its hours that its open items stand for.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from typing import Literal

Status = Literal["done", "in-progress", "not-started"]
DAYS_PER_WEEK = 7


@dataclass(frozen=True)
class Work:
    """What the calendar needs to know about one included stage."""

    stage_id: str
    hours: int
    items: int
    items_done: int

    @property
    def status(self) -> Status:
        if self.items and self.items_done >= self.items:
            return "done"
        return "in-progress" if self.items_done else "not-started"

    @property
    def remaining_hours(self) -> int:
        if self.status == "done":
            return 0
        return math.ceil(self.hours * Fraction(self.items - self.items_done, self.items or 1))


@dataclass(frozen=True)
class Slot:
    stage_id: str
    status: Status
    start: date
    end: date  # inclusive
    hours: int  # the stage's hours
    remaining_hours: int

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class Calendar:
    hours_per_week: int
    start: date
    anchor: date  # where what remains is laid out from: today, or the start date if later
    slots: tuple[Slot, ...]
    planned_finish: date  # every stage laid out from the start date
    finish: date  # what remains, laid out from today (or the start date, if later)
    remaining_hours: int

    @property
    def remaining_weeks(self) -> int:
        return math.ceil(self.remaining_hours / self.hours_per_week)


def _span(anchor: date, before: Fraction, hours: int, per_week: int) -> tuple[date, date]:
    """The days taken by `hours` of work that starts `before` hours after `anchor`."""
    first = math.floor(before * DAYS_PER_WEEK / per_week)
    last = max(first, math.ceil((before + hours) * DAYS_PER_WEEK / per_week) - 1)
    return anchor + timedelta(days=first), anchor + timedelta(days=last)


def lay_out(work: Sequence[Work], *, start: date, today: date, hours_per_week: int) -> Calendar:
    planned: list[tuple[date, date]] = []
    before = Fraction(0)
    for w in work:
        planned.append(_span(start, before, w.hours, hours_per_week))
        before += w.hours
    planned_finish = planned[-1][1] if planned else start

    anchor = max(start, today)
    slots: list[Slot] = []
    before = Fraction(0)
    finish = anchor
    for w, (planned_start, planned_end) in zip(work, planned, strict=True):
        if w.status == "done":
            # Where it was planned, but never after today's re-plan starts: a stage finished
            # ahead of plan does not sit in the future, over the stages laid out from today.
            done_start, done_end = min(planned_start, anchor), min(planned_end, anchor)
            slots.append(Slot(w.stage_id, "done", done_start, done_end, w.hours, 0))
            continue
        first, last = _span(anchor, before, w.remaining_hours, hours_per_week)
        slots.append(Slot(w.stage_id, w.status, first, last, w.hours, w.remaining_hours))
        before += w.remaining_hours
        finish = last
    remaining = sum(w.remaining_hours for w in work)
    return Calendar(hours_per_week, start, anchor, tuple(slots), planned_finish, finish, remaining)
