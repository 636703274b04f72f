"""A plan as iCalendar, Markdown and JSON. Pure: the same overview every page shows.

iCalendar: one all-day event per stage spanning its dates, with the deliverable and the "done
when" list in the description. Each event's UID is made from the stage id and a fingerprint
of the plan's read-only token, so importing the file again updates the events instead of
adding copies, and the file never reveals a link that can change the plan."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from .overview import PlanOverview, StageRow

PRODID = "-//Engineer to AI Engineer//My plan//EN"
STATUS_WORDS = {"done": "done", "in-progress": "in progress", "not-started": "not started"}


def calendar_key(view_token: str) -> str:
    """A stable, non-secret key for a plan's calendar events."""
    return hashlib.sha256(f"plan-calendar:{view_token}".encode()).hexdigest()[:20]


def _title(overview: PlanOverview) -> str:
    role = overview.role.name if overview.role else "AI engineering"
    return f"{overview.background.name} → {role}"


def _checklist(row: StageRow) -> list[str]:
    lines = []
    for item in row.items:
        mark = "x" if item.done else " "
        prefix = "Deliverable: " if item.item.kind == "deliverable" else ""
        lines.append(f"- [{mark}] {prefix}{item.text}")
    return lines


def to_ical(
    overview: PlanOverview, *, plan_key: str, view_url: str, now: datetime | None = None
) -> bytes:
    # Imported here, so that only a calendar download loads icalendar (and its time zone data),
    # never start-up or check_content.
    from icalendar import Calendar, Event

    stamp = now or datetime.now(UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"My plan: {_title(overview)}")
    for row in overview.stages:
        stage, slot = row.stage, row.slot
        event = Event()
        event.add("uid", f"{plan_key}-{stage.id}@engineer-to-ai-engineer")
        event.add("dtstamp", stamp)
        event.add("dtstart", slot.start)
        event.add("dtend", slot.end + timedelta(days=1))  # all-day events end the day after
        done = " (done)" if row.status == "done" else ""
        event.add("summary", f"Stage {row.estimate.number}: {stage.title}{done}")
        description = [
            f"{row.estimate.hours} focused hours at {overview.choices.hours_per_week} h a week; "
            f"{STATUS_WORDS[row.status]}, {row.done_count} of {len(row.items)} done.",
            "",
            f"Ship: {stage.deliverable.title}",
            "",
            "Done when:",
            *_checklist(row),
            "",
            f"The plan (read-only): {view_url}",
        ]
        event.add("description", "\n".join(description))
        event.add("url", view_url)
        event.add("transp", "TRANSPARENT")  # study time, not a meeting: shows as free
        calendar.add_component(event)
    body: bytes = calendar.to_ical()
    return body


def hours_accounting(overview: PlanOverview) -> str:
    """The plan's hours against the whole route's, in the words the plan page uses: what the
    background carries over and what the optional stages left out save, apart."""
    e = overview.estimate
    less = []
    if e.carried_over_hours:
        less.append(f"{e.carried_over_hours} that carry over from your work")
    if e.optional_hours_left_out:
        names = " and ".join(f"“{s.stage.title}”" for s in overview.skipped)
        plural = "s" if len(overview.skipped) > 1 else ""
        less.append(f"{e.optional_hours_left_out} in the optional {names} stage{plural}, left out")
    tail = f": less {' and '.join(less)}" if less else ""
    return f"{e.total_hours} focused hours. The whole route is {e.full_route_hours}{tail}."


def to_markdown(overview: PlanOverview, *, view_url: str) -> str:
    choices = overview.choices
    calendar = overview.calendar
    lines = [
        f"# My plan: {_title(overview)}",
        "",
        f"{choices.hours_per_week} hours a week from {choices.start.isoformat()}. "
        f"{hours_accounting(overview)} {overview.done_items} of {overview.total_items} items "
        f"done; on this pace the rest is finished around {calendar.finish.isoformat()}.",
        "",
        f"Read-only link: {view_url}",
    ]
    for row in overview.stages:
        slot = row.slot
        lines += [
            "",
            f"## Stage {row.estimate.number}: {row.stage.title}",
            "",
            f"{row.estimate.hours} hours, {slot.start.isoformat()} to {slot.end.isoformat()}, "
            f"{STATUS_WORDS[row.status]}.",
            "",
            *_checklist(row),
        ]
    if overview.skipped:
        names = ", ".join(e.stage.title for e in overview.skipped)
        lines += ["", f"Left out (optional): {names}."]
    return "\n".join(lines) + "\n"


def to_json(overview: PlanOverview) -> dict[str, object]:
    """Exactly the keys the public contract names (docs/plan.md, PRODUCT.md)."""
    choices = overview.choices
    return {
        "background": choices.background,
        "role": choices.role or None,
        "hours_per_week": choices.hours_per_week,
        "start": choices.start.isoformat(),
        "total_hours": overview.estimate.total_hours,
        "full_route_hours": overview.estimate.full_route_hours,
        "carried_over_hours": overview.estimate.carried_over_hours,
        "optional_hours_left_out": overview.estimate.optional_hours_left_out,
        "stages": [
            {
                "id": row.stage.id,
                "title": row.stage.title,
                "hours": row.estimate.hours,
                "start": row.slot.start.isoformat(),
                "end": row.slot.end.isoformat(),
                "status": row.status,
                "items": [
                    {"id": item.id, "text": item.text, "done": item.done} for item in row.items
                ],
            }
            for row in overview.stages
        ],
        "done": list(overview.done_ids),
    }
