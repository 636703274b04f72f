"""A plan's pages that change nothing: the read-only view for a mentor, the brief for a manager
(under the edit link and the read-only one), how the hours are worked out, and the exports.

Opening one records "last opened" (so the retention rule keeps the plan) best-effort: never
waited for, skipped when the database cannot be written, so each answers 200 whenever the
database can be read."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import NamedTuple

from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from content_engine import store
from content_engine.content import Content
from webkit.htmx import HtmxHttpRequest
from webkit.rendering import Crumb, crumb

from . import exports
from .estimate import RULE
from .models import Plan
from .overview import PlanOverview
from .services import record_opened
from .web import (
    overview_of,
    plan_or_404,
    plan_section,
    private,
    route_map_of,
    title_of,
    view_url,
)


class _Opened(NamedTuple):
    content: Content
    plan: Plan
    overview: PlanOverview


def _opened(**lookup: str) -> _Opened:
    """The plan a token names (or 404), recorded as opened, and its overview."""
    content = store.get()
    found = plan_or_404(**lookup)
    record_opened(plan=found, now=timezone.now())
    return _Opened(content, found, overview_of(content, found))


def _render(
    request: HtmxHttpRequest,
    opened: _Opened,
    title: str,
    here: Crumb,
    template: str,
    extra: Mapping[str, object],
) -> HttpResponse:
    """A page showing an opened plan: titled `title` and the plan's own title, `here` its last
    crumb, with the plan, its overview and the hours rule, and `extra`."""
    page = plan_section(opened.content).child(f"{title}: {title_of(opened.overview)}", "", here)
    context = {"plan": opened.plan, "overview": opened.overview, "rule": RULE, **extra}
    return private(page.render(request, template, context))


@require_safe
def view(request: HtmxHttpRequest, view_token: str) -> HttpResponse:
    """The read-only link for a mentor: the plan and progress, nothing to change."""
    opened = _opened(view_token=view_token)
    here = crumb("Shared plan", "plan:view", view_token)
    extra = {"route_map": route_map_of(opened.content, opened.overview), "read_only": True}
    return _render(request, opened, "Plan", here, "plan/view.html", extra)


def _brief(request: HtmxHttpRequest, viewname: str, **lookup: str) -> HttpResponse:
    """The case for my manager, one printable page, under either token: the read-only one is
    the one to send; under the edit link the brief links to it."""
    opened = _opened(**lookup)
    here = crumb("Brief", viewname, *lookup.values())
    extra = {"view_url": view_url(opened.plan), "read_only": "view_token" in lookup}
    return _render(request, opened, "Learning plan", here, "plan/brief.html", extra)


@require_safe
def brief(request: HtmxHttpRequest, token: str) -> HttpResponse:
    return _brief(request, "plan:brief", token=token)


@require_safe
def view_brief(request: HtmxHttpRequest, view_token: str) -> HttpResponse:
    return _brief(request, "plan:view-brief", view_token=view_token)


@require_safe
def hours(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """How the plan's hours are worked out: the rule, and stage by stage which skills the
    background carries over and from what."""
    opened = _opened(token=token)
    here = crumb("How the hours are worked out", "plan:hours", token)
    return _render(request, opened, "How the hours are worked out", here, "plan/hours.html", {})


def _download(body: str | bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return private(response)


@require_safe
def export_ics(request: HtmxHttpRequest, token: str) -> HttpResponse:
    _, found, overview = _opened(token=token)
    body = exports.to_ical(
        overview, plan_key=exports.calendar_key(found.view_token), view_url=view_url(found)
    )
    return _download(body, "text/calendar; charset=utf-8", "plan.ics")


@require_safe
def export_md(request: HtmxHttpRequest, token: str) -> HttpResponse:
    _, found, overview = _opened(token=token)
    body = exports.to_markdown(overview, view_url=view_url(found))
    return _download(body, "text/markdown; charset=utf-8", "plan.md")


@require_safe
def export_json(request: HtmxHttpRequest, token: str) -> HttpResponse:
    _, found, overview = _opened(token=token)
    body = json.dumps(exports.to_json(overview), indent=2, ensure_ascii=False)
    return _download(body, "application/json", "plan.json")
