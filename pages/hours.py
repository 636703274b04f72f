"""Read `?hours=` (hours of study a week) from a request, saying what was changed and why."""

from __future__ import annotations

import math
from dataclasses import dataclass

from content_engine.pacing import MAX_HOURS_PER_WEEK, MIN_HOURS_PER_WEEK


@dataclass(frozen=True)
class HoursChoice:
    hours: int
    message: str  # empty when the request was valid
    given: bool = True  # False when the request named no pace and `hours` is the default

    @property
    def query(self) -> str:
        """`?hours=N` for links that carry the pace on, or "" when no pace was asked for."""
        return f"?hours={self.hours}" if self.given else ""


def parse_hours_per_week(raw: str | None, *, default: int) -> HoursChoice:
    """Turn ?hours=... into a usable number, with a message whenever it was not taken as given."""
    if raw is None or raw.strip() == "":
        return HoursChoice(default, "", given=False)
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
    unit = "hour" if rounded == 1 else "hours"
    message = "" if rounded == value else f"Rounded to {rounded} {unit} a week."
    return HoursChoice(rounded, message)
