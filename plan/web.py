"""What every plan view shares: finding a plan by its token, its overview as of today, its title,
and how a plan's responses are marked (private, or unavailable while the database is down)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from content_engine.content import Content
from content_engine.queries import familiar_stages
from webkit.links import absolute_url
from webkit.middleware import database_unavailable
from webkit.rendering import Page, section_page
from webkit.route_map import RouteMap, route_map

from .choices import Choices
from .models import Plan
from .overview import PlanOverview, StoredPlan, build_overview

NOT_SAVED = (
    "We could not save just now: our database is not answering. Nothing you chose is lost: "
    "it is all still below. Try again in a minute."
)


def today() -> date:
    return timezone.localdate()


def plan_section(content: Content) -> Page:
    return section_page(content.site, "plan", "plan:start")


def plan_or_404(**lookup: str) -> Plan:
    try:
        return Plan.objects.get(**lookup)
    except Plan.DoesNotExist:
        raise Http404("no such plan") from None


def choices_of(content: Content, plan: Plan) -> Choices:
    """The plan's choices as the content today can show them: a role or background removed
    from the content since falls back (no role; the first background), and the choices form
    offers to pick again."""
    choices = Choices(
        background=plan.background,
        role=plan.role if plan.role in content.role_by_id else "",
        hours_per_week=plan.hours_per_week,
        start=plan.start,
        added=tuple(plan.added_stages),
    )
    if plan.background not in content.background_by_id:
        choices = replace(choices, background=content.backgrounds[0].id)
    return choices


def overview_of(content: Content, plan: Plan, *, notices: bool = False) -> PlanOverview:
    stored = StoredPlan(
        choices=choices_of(content, plan),
        done=frozenset(plan.done),
        changed=frozenset(plan.changed) if notices else frozenset(),
        removed=tuple(plan.removed) if notices else (),
    )
    return build_overview(content, stored=stored, today=today())


def route_map_of(content: Content, overview: PlanOverview) -> RouteMap:
    """The whole route, with the stages the plan's background mostly knows marked as on that
    background's skills map (the same line the re-estimate draws: those stages shrink most)."""
    known = familiar_stages(content, background=overview.background)
    return route_map(content.stages, familiar={stage.id for stage in known})


def title_of(overview: PlanOverview) -> str:
    role = overview.role.name if overview.role else "AI engineering"
    return f"{overview.background.name} → {role}"


def view_url(plan: Plan) -> str:
    return absolute_url(reverse("plan:view", args=[plan.view_token]))


def private(response: HttpResponse) -> HttpResponse:
    """A plan is one person's: never stored by a shared cache, never indexed."""
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response


def unavailable(request: HttpRequest, response: HttpResponse, error: Exception) -> HttpResponse:
    """The database is down: the response (the person's input kept) says when to retry."""
    database_unavailable(request, response, error)
    return private(response)
