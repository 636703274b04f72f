"""My plan: a personal route with progress, a calendar and exports, and no account. Each view
parses the request, asks a pure function or a service, and renders.

The plan's URL is the plan. A first-party cookie (`plan`, HttpOnly) remembers the latest plan
on this browser; its companion `plan_hint` holds no token, only "1", so the cached, shared
content pages can show "Continue your plan" with a few lines of script and never carry one
visitor's plan into another's page (docs/plan.md)."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import NamedTuple

from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods, require_safe
from django.views.decorators.vary import vary_on_headers

from content_engine import store
from content_engine.content import Content
from content_engine.per_version import per_version
from content_engine.queries import familiar_stages
from webkit import ratelimit
from webkit.htmx import HtmxHttpRequest, partial_or_page
from webkit.redirects import load_page, see_other
from webkit.rendering import Crumb, ErrorItem, Page, crumb, section_page
from webkit.route_map import RouteMap, route_map
from webkit.tokens import is_token
from webkit.writes import writer_slot

from . import exports
from .choices import FIELDS, Choices, ParsedChoices, parse_choices
from .estimate import RULE
from .models import Plan
from .overview import PlanOverview, StoredPlan, build_overview, optional_stages
from .progress import read_ticked
from .selectors import visit_state
from .services import (
    change_choices,
    create_plan,
    record_opened,
    record_visit,
    save_progress,
    visit_has_news,
)

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 30
PAGE_CACHE_SECONDS = 10 * 60  # in this process's own cache (settings.CACHES["process"])
CSRF_PLACEHOLDER = "csrf-token-placeholder-2f9c"  # never a real token: those are 64 characters
CSRF_BYTES = CSRF_PLACEHOLDER.encode()
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
PLAN_COOKIE = "plan"
HINT_COOKIE = "plan_hint"
COOKIE_MAX_AGE = 400 * 24 * 60 * 60  # the longest a browser keeps a cookie
NOT_SAVED = (
    "We could not save just now: our database is not answering. Nothing you chose is lost: "
    "it is all still below. Try again in a minute."
)
ANCHORS = {"background": "background", "role": "role", "hours": "hours", "start": "start"}


def _absolute(request: HtmxHttpRequest, path: str) -> str:
    """The public address of `path`: SITE_URL when it is configured, else this request's."""
    site_url: str = getattr(settings, "SITE_URL", "")
    return f"{site_url}{path}" if site_url else request.build_absolute_uri(path)


def _view_url(request: HtmxHttpRequest, plan: Plan) -> str:
    return _absolute(request, reverse("plan:view", args=[plan.view_token]))


def _unavailable(request: HtmxHttpRequest, response: HttpResponse, error: Exception) -> None:
    """The database is down: say when to retry, never cache, one log line (no traceback)."""
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    logger.error(
        "plan not saved, database unavailable (%s): %s", type(error).__name__, request.path
    )


def _today() -> date:
    return timezone.localdate()


def _plan_page(content: Content) -> Page:
    return section_page(content.site, "plan", "plan:start")


def _errors(parsed: ParsedChoices, content: Content) -> list[ErrorItem]:
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


def _parse(request: HtmxHttpRequest, content: Content) -> ParsedChoices:
    return parse_choices(
        dict(request.POST.lists()),
        background_ids=content.background_by_id.keys(),
        role_ids=content.role_by_id.keys(),
        optional_stage_ids={s.id for s in optional_stages(content)},
        today=_today(),
    )


def _form_context(content: Content, parsed: ParsedChoices) -> dict[str, object]:
    pace = content.route.pacing[len(content.route.pacing) // 2].hours_per_week
    submitted = parsed.submitted
    start = str(submitted.get("start") or _today().isoformat())
    return {
        "backgrounds": content.backgrounds,
        "roles": content.roles,
        "optional_stages": optional_stages(content),
        "values": {
            "background": submitted.get("background", ""),
            "role": submitted.get("role", ""),
            "hours": submitted.get("hours") or str(pace),
            # A date field can only hold a date: anything else typed is named in the message.
            "start": start if DATE_RE.match(start) else "",
            "include": submitted.get("include", []),
        },
        "errors": parsed.errors,
        "error_list": _errors(parsed, content),
        "rule": RULE,
    }


def _remember(response: HttpResponse, token: str) -> None:
    """The server-set, first-party cookies behind "Continue your plan"."""
    secure = not settings.DEBUG
    response.set_cookie(
        PLAN_COOKIE, token, max_age=COOKIE_MAX_AGE, secure=secure, httponly=True,
        samesite="Lax",
    )  # fmt: skip
    response.set_cookie(
        HINT_COOKIE, "1", max_age=COOKIE_MAX_AGE, secure=secure, httponly=False, samesite="Lax"
    )


def _forget(response: HttpResponse) -> None:
    response.delete_cookie(PLAN_COOKIE, samesite="Lax")
    response.delete_cookie(HINT_COOKIE, samesite="Lax")


def _private(response: HttpResponse) -> HttpResponse:
    """A plan is one person's: never stored by a shared cache, never indexed."""
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response


def _remembered_plan(request: HtmxHttpRequest) -> Plan | None:
    token = request.COOKIES.get(PLAN_COOKIE, "")
    if not is_token(token):
        return None
    return Plan.objects.filter(token=token).only("token", "background", "role").first()


# --- start ----------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
def start(request: HtmxHttpRequest) -> HttpResponse:
    content = store.get()
    page = _plan_page(content)
    if request.method == "POST":
        return _create(request, content, page)
    # Prefilled from the quiz result or the skills map; a value that is not in the lists is
    # simply not prefilled.
    background = request.GET.get("background", "")[:80]
    role = request.GET.get("role", "")[:80]
    prefill = ParsedChoices(
        {
            "background": background if background in content.background_by_id else "",
            "role": role if role in content.role_by_id else "",
        }
    )
    context = {**_form_context(content, prefill), "remembered": _remembered_plan(request)}
    return _private(page.render(request, "plan/start.html", context))


def _create(request: HtmxHttpRequest, content: Content, page: Page) -> HttpResponse:
    parsed = _parse(request, content)
    template = partial_or_page(request, "plan/start.html", "start-form")
    if parsed.choices is None:
        page = replace(page, title=f"Error: {page.title}")
        context = {**_form_context(content, parsed), "remembered": None}
        return _private(page.render(request, template, context, status=400))
    if limited := ratelimit.exceeded(request, "plan-create"):
        context = {
            **_form_context(content, parsed),
            "remembered": None,
            "not_saved": limited.message,
        }
        return _private(limited.mark(page.render(request, template, context)))
    try:
        with writer_slot():
            plan = create_plan(content=content, choices=parsed.choices, now=timezone.now())
    except (OperationalError, InterfaceError) as error:
        context = {**_form_context(content, parsed), "remembered": None, "not_saved": NOT_SAVED}
        response = page.render(request, template, context, status=503)
        _unavailable(request, response, error)
        return _private(response)
    url = reverse("plan:plan", args=[plan.token])
    response = load_page(request, url)
    _remember(response, plan.token)
    return response


@require_safe
def continue_plan(request: HtmxHttpRequest) -> HttpResponse:
    """Where "Continue your plan" points: the plan this browser's cookie names, else the start
    form. The same link on every cached page, so no page ever carries someone's plan."""
    plan = _remembered_plan(request)
    if plan is None:
        response = see_other(reverse("plan:start"))
        _forget(response)
    else:
        response = see_other(reverse("plan:plan", args=[plan.token]))
    return _private(response)


# --- one plan -------------------------------------------------------------------------------


def _plan_or_404(**lookup: str) -> Plan:
    """The plan a token names, or 404."""
    token = next(iter(lookup.values()))
    if not is_token(token):
        raise Http404("no such plan")
    try:
        return Plan.objects.get(**lookup)
    except Plan.DoesNotExist:
        raise Http404("no such plan") from None


def _overview(content: Content, plan: Plan, *, notices: bool = False) -> PlanOverview:
    choices = Choices(
        background=plan.background,
        role=plan.role if plan.role in content.role_by_id else "",
        hours_per_week=plan.hours_per_week,
        start=plan.start,
        added=tuple(plan.added_stages),
    )
    if plan.background not in content.background_by_id:
        # A background removed from the content since: show the plan for the first one rather
        # than fail; the choices form offers to pick again.
        choices = replace(choices, background=content.backgrounds[0].id)
    stored = StoredPlan(
        choices=choices,
        done=frozenset(plan.done),
        changed=frozenset(plan.changed) if notices else frozenset(),
        removed=tuple(plan.removed) if notices else (),
    )
    return build_overview(content, stored=stored, today=_today())


def _route_map(content: Content, overview: PlanOverview) -> RouteMap:
    """The whole route, with the stages the plan's background mostly knows marked as on that
    background's skills map (the same line the re-estimate draws: those stages shrink most)."""
    known = familiar_stages(content, background=overview.background)
    return route_map(content.stages, familiar={stage.id for stage in known})


def _title(overview: PlanOverview) -> str:
    role = overview.role.name if overview.role else "AI engineering"
    return f"{overview.background.name} → {role}"


def _plan_context(
    request: HtmxHttpRequest, content: Content, plan: Plan, overview: PlanOverview
) -> dict[str, object]:
    return {
        "plan": plan,
        "overview": overview,
        "route_map": _route_map(content, overview),
        "rule": RULE,
        "plan_url": _absolute(request, reverse("plan:plan", args=[plan.token])),
        "view_url": _view_url(request, plan),
        "backgrounds": content.backgrounds,
        "roles": content.roles,
        "optional_stages": optional_stages(content),
        "values": {
            "background": overview.choices.background,
            "role": overview.choices.role,
            "hours": str(overview.choices.hours_per_week),
            "start": overview.choices.start.isoformat(),
            "include": list(overview.choices.added),
        },
    }


@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
def plan(request: HtmxHttpRequest, token: str) -> HttpResponse:
    content = store.get()
    if request.method == "POST":
        return _save(request, content, token)
    if not is_token(token):
        raise Http404("no such plan")
    # Most visits have nothing to record and find the page already rendered: one light read.
    state = visit_state(token)
    if state is None:
        raise Http404("no such plan")
    now = timezone.now()
    news = visit_has_news(
        seen_version=state.seen_version, opened_at=state.opened_at,
        noticed_at=state.noticed_at, content_version=content.version, now=now,
    )  # fmt: skip
    response = None
    if not (news and request.method == "GET"):
        response = _stored_plan_page(request, content, state.pk, state.revision)
    if response is None:
        found = _plan_or_404(token=token)
        if request.method == "GET":
            found = record_visit(plan=found, content=content, now=now)
        response = _plan_page_response(request, content, found)
    if request.COOKIES.get(PLAN_COOKIE) != token:
        _remember(response, token)
    return _private(response)


def _page_key(content: Content, pk: int, revision: int) -> str:
    return f"plan-page:v4:{pk}:{revision}:{content.version}:{_today().isoformat()}"


def _stored_plan_page(
    request: HtmxHttpRequest, content: Content, pk: int, revision: int
) -> HttpResponse | None:
    """The page as rendered for this state of the plan, with this visitor's CSRF token; None
    when it is not stored, or a one-off message is waiting to be shown."""
    if request.COOKIES.get("messages"):
        return None
    body = caches["process"].get(_page_key(content, pk, revision))
    if not isinstance(body, bytes):
        return None
    return HttpResponse(body.replace(CSRF_BYTES, get_token(request).encode()))


def _plan_page_response(request: HtmxHttpRequest, content: Content, plan: Plan) -> HttpResponse:
    """The plan page, rendered once per state of the plan: its revision, the content version and
    the day (the calendar runs from today). Reloads, Back and a second device get the stored
    HTML with this visitor's own CSRF token put in. A page with a one-off message (after a
    save without JavaScript) is rendered fresh."""
    cacheable = not request.COOKIES.get("messages")
    if cacheable and (stored := _stored_plan_page(request, content, plan.pk, plan.revision)):
        return stored
    overview = _overview(content, plan, notices=True)
    page = _plan_page(content).child(
        f"My plan: {_title(overview)}", "", crumb("Your plan", "plan:plan", plan.token)
    )
    context = _plan_context(request, content, plan, overview)
    if not cacheable:
        return page.render(request, "plan/plan.html", context)
    response = page.render(request, "plan/plan.html", {**context, "csrf_token": CSRF_PLACEHOLDER})
    key = _page_key(content, plan.pk, plan.revision)
    caches["process"].set(key, response.content, PAGE_CACHE_SECONDS)
    return HttpResponse(response.content.replace(CSRF_BYTES, get_token(request).encode()))


def _save(request: HtmxHttpRequest, content: Content, token: str) -> HttpResponse:
    if not is_token(token):
        raise Http404("no such plan")
    # The form is the whole state of every item on today's route: a box not sent is not done.
    route_items = _route_item_ids(content)
    ticked = read_ticked(request.POST.getlist("done"), item_ids=route_items)
    if limited := ratelimit.exceeded(request, "plan-save"):
        response = _not_saved(request, content, token, sorted(ticked.done), limited.message)
        return _private(limited.mark(response))
    try:
        with writer_slot():
            saved = save_progress(
                token=token, ticked=ticked.done, shown=route_items, now=timezone.now()
            )
    except (OperationalError, InterfaceError) as error:
        response = _not_saved(request, content, token, sorted(ticked.done))
        _unavailable(request, response, error)
        return _private(response)
    if not saved:
        raise Http404("no such plan")
    if request.htmx:
        saved_plan = _plan_or_404(token=token)  # as stored now: the fragment shows the calendar
        overview = _overview(content, saved_plan)
        context = {"overview": overview, "message": ticked.message, "plan": saved_plan}
        response = Page("").render(request, "plan/plan.html#saved", context)
        return _private(response)
    if ticked.message:
        messages.warning(request, ticked.message)
    else:
        messages.success(request, "Your progress is saved.")
    return see_other(reverse("plan:plan", args=[token]))


@per_version
def _route_item_ids(content: Content) -> frozenset[str]:
    """Every item id on the route, worked out once per content version."""
    return frozenset(
        i
        for stage in content.stages
        for i in [stage.deliverable.id, *(c.id for c in stage.done_when)]
    )


def _not_saved(
    request: HtmxHttpRequest,
    content: Content,
    token: str,
    done: list[str],
    message: str = NOT_SAVED,
) -> HttpResponse:
    context: dict[str, object] = {"token": token, "done": done, "message": message}
    page = replace(_plan_page(content), title="Progress not saved")
    return page.render(request, "plan/not_saved.html", context, status=503)


@require_http_methods(["GET", "HEAD", "POST"])
def choices(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """Change background, role, pace, start or optional stages: a page of its own, so the plan
    page stays light. Progress is kept whatever changes."""
    content = store.get()
    found = _plan_or_404(token=token)
    overview = _overview(content, found)
    title = f"Change your plan: {_title(overview)}"
    status = 200
    if request.method == "POST":
        parsed = _parse(request, content)
        if parsed.choices is not None:
            with writer_slot():
                change_choices(plan=found, choices=parsed.choices, now=timezone.now())
            messages.success(request, "Your plan is updated. Your progress is kept.")
            return see_other(reverse("plan:plan", args=[token]))
        context = {**_form_context(content, parsed), "plan": found}
        title, status = f"Error: {title}", 400
    else:
        context = {**_plan_context(request, content, found, overview), "errors": {}}
    page = _plan_page(content).child(title, "", crumb("Change your plan", "plan:choices", token))
    return _private(page.render(request, "plan/choices.html", context, status=status))


@require_safe
def view(request: HtmxHttpRequest, view_token: str) -> HttpResponse:
    """The read-only link for a mentor: the plan and progress, nothing to change."""
    opened = _opened(view_token=view_token)
    here = crumb("Shared plan", "plan:view", view_token)
    extra = {"route_map": _route_map(opened.content, opened.overview), "read_only": True}
    return _render_opened(request, opened, "Plan", here, "plan/view.html", extra)


@require_safe
def brief(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """The case for my manager: one printable page."""
    opened = _opened(token=token)
    here = crumb("Brief", "plan:brief", token)
    extra = {"view_url": _view_url(request, opened.plan)}
    return _render_opened(request, opened, "Learning plan", here, "plan/brief.html", extra)


@require_safe
def hours(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """How the plan's hours are worked out: the rule, and stage by stage which skills the
    background carries over and from what. A page of its own, so the plan page stays light."""
    content = store.get()
    found = _plan_or_404(token=token)
    overview = _overview(content, found)
    page = (
        _plan_page(content)
        .child("", "", crumb("Your plan", "plan:plan", token))
        .child(
            f"How the hours are worked out: {_title(overview)}",
            "",
            crumb("How the hours are worked out", "plan:hours", token),
        )
    )
    context = {"plan": found, "overview": overview, "rule": RULE}
    return _private(page.render(request, "plan/hours.html", context))


class _Opened(NamedTuple):
    content: Content
    plan: Plan
    overview: PlanOverview


def _opened(**lookup: str) -> _Opened:
    """The plan a token names (or 404), recorded as opened, and its overview: where the
    read-only page, the brief and the exports start."""
    content = store.get()
    found = _plan_or_404(**lookup)
    record_opened(plan=found, now=timezone.now())
    return _Opened(content, found, _overview(content, found))


def _render_opened(
    request: HtmxHttpRequest,
    opened: _Opened,
    title: str,
    here: Crumb,
    template: str,
    extra: Mapping[str, object],
) -> HttpResponse:
    """A page showing an opened plan, nothing on it to change: titled `title` and the plan's own
    title, `here` its last crumb, with the plan, its overview and the hours rule, and `extra`."""
    page = _plan_page(opened.content).child(f"{title}: {_title(opened.overview)}", "", here)
    context = {"plan": opened.plan, "overview": opened.overview, "rule": RULE, **extra}
    return _private(page.render(request, template, context))


def _download(body: str | bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return _private(response)


@require_safe
def export_ics(request: HtmxHttpRequest, token: str) -> HttpResponse:
    content, found, overview = _opened(token=token)
    body = exports.to_ical(
        overview,
        plan_key=exports.calendar_key(found.view_token),
        view_url=_view_url(request, found),
    )
    return _download(body, "text/calendar; charset=utf-8", "plan.ics")


@require_safe
def export_md(request: HtmxHttpRequest, token: str) -> HttpResponse:
    content, found, overview = _opened(token=token)
    body = exports.to_markdown(overview, view_url=_view_url(request, found))
    return _download(body, "text/markdown; charset=utf-8", "plan.md")


@require_safe
def export_json(request: HtmxHttpRequest, token: str) -> HttpResponse:
    content, found, overview = _opened(token=token)
    body = json.dumps(exports.to_json(overview), indent=2, ensure_ascii=False)
    return _download(body, "application/json", "plan.json")
