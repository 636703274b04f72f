"""Read a plan's choices (background, role, hours a week, start date, optional stages) out of a
submitted form, with one specific message for each field that is wrong. Pure: no Django. Hours
a week follow the route's rule (content_engine.pacing: 1 to 60)."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from content_engine.pacing import MAX_HOURS_PER_WEEK as MAX_HOURS
from content_engine.pacing import MIN_HOURS_PER_WEEK as MIN_HOURS

START_WINDOW = timedelta(days=366)  # a start date up to a year either side of today
MAX_VALUE_LENGTH = 100
FIELDS = ("background", "role", "hours", "start", "include")


@dataclass(frozen=True)
class Choices:
    background: str
    role: str  # "" when the person has no target role yet
    hours_per_week: int
    start: date
    added: tuple[str, ...] = ()  # optional stages the person asked for


@dataclass(frozen=True)
class ParsedChoices:
    submitted: dict[str, str | list[str]] = field(default_factory=dict)  # to show again
    errors: dict[str, str] = field(default_factory=dict)  # field name -> message
    choices: Choices | None = None

    @property
    def ok(self) -> bool:
        return self.choices is not None


def _one(data: Mapping[str, Sequence[str]], name: str) -> tuple[str, bool]:
    """(the value sent for `name`, stripped, or ""; whether more than one was sent)."""
    values = [v.strip() for v in data.get(name, []) if v.strip()]
    return (values[0][:MAX_VALUE_LENGTH] if values else ""), len(values) > 1


def parse_hours(text: str) -> tuple[int | None, str]:
    if not text:
        return None, "Enter how many hours a week you can give, for example 12"
    try:
        value = float(text)
    except ValueError:
        return None, "Hours a week must be a number, for example 12"
    if value != value or value in (float("inf"), float("-inf")):
        return None, "Hours a week must be a number, for example 12"
    if value != int(value):
        return None, "Hours a week must be a whole number, for example 12"
    if value < MIN_HOURS:
        return None, f"Hours a week must be at least {MIN_HOURS}"
    if value > MAX_HOURS:
        return None, f"Hours a week must be {MAX_HOURS} or fewer"
    return int(value), ""


def parse_start(
    text: str, *, today: date, window: timedelta = START_WINDOW
) -> tuple[date | None, str]:
    if not text:
        return today, ""
    try:
        start = date.fromisoformat(text)
    except ValueError:
        return None, "Start date must be a real date, written like 2026-03-02"
    if len(text) != 10:  # fromisoformat also reads 20260302 and week dates
        return None, "Start date must be a real date, written like 2026-03-02"
    if start > today + window:
        return None, "Start date must be within a year from today"
    if start < today - window:
        return None, "Start date must be no more than a year ago"
    return start, ""


def parse_choices(
    data: Mapping[str, Sequence[str]],
    *,
    background_ids: Collection[str],
    role_ids: Collection[str],
    optional_stage_ids: Collection[str],
    today: date,
    start_window: timedelta = START_WINDOW,
) -> ParsedChoices:
    """`data` maps field name -> every value sent (Django's QueryDict.lists()). A restored plan
    keeps its own start date, however long ago (`start_window`)."""
    errors: dict[str, str] = {}
    background, many = _one(data, "background")
    if many:
        errors["background"] = "Choose one background"
    elif not background:
        errors["background"] = "Choose what you do today"
    elif background not in background_ids:
        errors["background"] = "Choose a background from the list"

    role, many = _one(data, "role")
    if many:
        errors["role"] = "Choose one role, or “Not sure yet”"
    elif role and role not in role_ids:
        errors["role"] = "Choose a role from the list, or “Not sure yet”"

    hours_text, many = _one(data, "hours")
    hours, message = parse_hours(hours_text)
    if many:
        errors["hours"] = "Enter one number of hours a week"
    elif message:
        errors["hours"] = message

    start_text, many = _one(data, "start")
    start, message = parse_start(start_text, today=today, window=start_window)
    if many:
        errors["start"] = "Enter one start date"
    elif message:
        errors["start"] = message

    included = [v.strip()[:MAX_VALUE_LENGTH] for v in data.get("include", []) if v.strip()]
    if any(stage_id not in optional_stage_ids for stage_id in included):
        errors["include"] = "Choose optional stages from the list"

    submitted: dict[str, str | list[str]] = {
        "background": background,
        "role": role,
        "hours": hours_text,
        "start": start_text,
        "include": included,
    }
    if errors or hours is None or start is None:
        return ParsedChoices(submitted, errors)
    added = tuple(sorted(set(included)))
    return ParsedChoices(submitted, {}, Choices(background, role, hours, start, added))
