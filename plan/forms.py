"""The choices form (background, role, hours a week, start, optional stages) as the start page
and the choices page show it: the values to fill in, each field's error and the error summary.
Reading the form is plan/choices.py (pure)."""

from __future__ import annotations

import re

from django.http import HttpRequest

from content_engine.content import Content
from webkit.rendering import ErrorItem

from .choices import FIELDS, ParsedChoices, parse_choices
from .estimate import RULE
from .overview import PlanOverview, optional_stages
from .web import today

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ANCHORS = {"background": "background", "role": "role", "hours": "hours", "start": "start"}


def parse(request: HttpRequest, content: Content) -> ParsedChoices:
    return parse_choices(
        dict(request.POST.lists()),
        background_ids=content.background_by_id.keys(),
        role_ids=content.role_by_id.keys(),
        optional_stage_ids={s.id for s in optional_stages(content)},
        today=today(),
    )


def choice_errors(parsed: ParsedChoices, content: Content) -> list[ErrorItem]:
    first_optional = next(iter(optional_stages(content)), None)
    anchors = {
        **ANCHORS,
        "include": f"include-{first_optional.id}" if first_optional else "background",
    }
    return [
        ErrorItem(parsed.errors[name], f"#{anchors[name]}")
        for name in FIELDS
        if name in parsed.errors
    ]


def form_context(
    content: Content, parsed: ParsedChoices | None, *, overview: PlanOverview | None = None
) -> dict[str, object]:
    """What the choice fields show: what was sent (`parsed`), else the plan's own choices
    (`overview`), else the defaults (the middle pace, today)."""
    pace = content.route.pacing[len(content.route.pacing) // 2].hours_per_week
    if overview is not None:
        c = overview.choices
        values: dict[str, object] = {
            "background": c.background,
            "role": c.role,
            "hours": str(c.hours_per_week),
            "start": c.start.isoformat(),
            "include": list(c.added),
        }
    else:
        submitted = parsed.submitted if parsed else {}
        start = str(submitted.get("start") or today().isoformat())
        values = {
            "background": submitted.get("background", ""),
            "role": submitted.get("role", ""),
            "hours": submitted.get("hours") or str(pace),
            # A date field can only hold a date: anything else typed is named in the message.
            "start": start if DATE_RE.match(start) else "",
            "include": submitted.get("include", []),
        }
    # An optional stage a role leans on is in that role's plan whether it is ticked or not.
    leaning = {
        stage.id: [role.name for role in content.roles if stage.id in role.key_stages]
        for stage in optional_stages(content)
    }
    return {
        "backgrounds": content.backgrounds,
        "roles": content.roles,
        "optional_stages": optional_stages(content),
        "leaning_roles": leaning,
        "values": values,
        "errors": parsed.errors if parsed else {},
        "error_list": choice_errors(parsed, content) if parsed else [],
        "rule": RULE,
    }
