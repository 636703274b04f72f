"""The plan page (/plan/<token>/) and what changes a plan: the whole progress form (without
JavaScript), one item's tick (JavaScript's path), and the choices page.

Reading a plan never waits on a write: "last opened" and "changed since your last visit" are
recorded best-effort (skipped when the database is locked or read-only), so the page answers
whenever the database can be read. The rendered page is kept per state of the plan (its
revision, the content version and the day) in this process's own cache: reloads, Back and a
second device get it with their own CSRF token put in (`make bench-plan` measures why)."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.core.cache import caches
from django.db import DatabaseError, InterfaceError, OperationalError, connection, transaction
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from content_engine import store
from content_engine.content import Content
from content_engine.per_version import per_version
from webkit import ratelimit
from webkit.htmx import HtmxHttpRequest
from webkit.links import absolute_url
from webkit.redirects import see_other
from webkit.rendering import Page, crumb
from webkit.writes import without_waiting, writer_slot

from . import device, forms
from .estimate import RULE, included_stages
from .models import Plan
from .progress import read_ticked, stage_items
from .selectors import visit_state
from .services import change_choices, record_visit, save_progress, set_item, visit_has_news
from .web import (
    NOT_SAVED,
    overview_of,
    plan_or_404,
    plan_section,
    private,
    route_map_of,
    title_of,
    today,
    unavailable,
    view_url,
)

logger = logging.getLogger(__name__)
PAGE_CACHE_SECONDS = 10 * 60  # in this process's own cache (settings.CACHES["process"])
CSRF_PLACEHOLDER = "csrf-token-placeholder-2f9c"  # never a real token: those are 64 characters
CSRF_BYTES = CSRF_PLACEHOLDER.encode()


# --- reading --------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def plan(request: HtmxHttpRequest, token: str) -> HttpResponse:
    content = store.get()
    if request.method == "POST":
        return _save(request, content, token)
    # Most visits have nothing to record and find the page already rendered: one light read.
    state = visit_state(token)
    if state is None:
        return _gone(request, token)
    saved_stage = request.GET.get("saved", "")[:80]
    response = None
    now = timezone.now()
    news = visit_has_news(
        seen_version=state.seen_version, opened_at=state.opened_at,
        noticed_at=state.noticed_at, content_version=content.version, now=now,
    )  # fmt: skip
    if not saved_stage and not (news and request.method == "GET"):
        response = _stored_page(request, content, state.pk, state.revision)
    if response is None:
        found = plan_or_404(token=token)
        if news and request.method == "GET":
            found = _record_visit(found, content)
        response = _page_response(request, content, found, saved_stage)
    if not device.is_latest(request, token):
        device.remember(request, response, token)
    return private(response)


def _gone(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """A plan deleted after a long time unopened, or a mistyped link: 404, and this browser's
    list forgets it."""
    page = Page("Plan not found")
    response = page.render(request, "plan/missing.html", {}, status=404)
    if token in device.remembered(request):
        device.forget(request, response, {token})
    return private(response)


def _record_visit(found: Plan, content: Content) -> Plan:
    """What the visit has to record, best-effort: on a locked or read-only database the page
    is shown from what was read, and the visit is recorded next time."""
    try:
        with without_waiting(connection), transaction.atomic():
            return record_visit(plan=found, content=content, now=timezone.now())
    except DatabaseError as error:
        first_line = next(iter(str(error).splitlines()), "")
        logger.warning("plan visit not recorded (%s: %s)", type(error).__name__, first_line)
        return found


def _page_key(content: Content, pk: int, revision: int) -> str:
    return f"plan-page:v5:{pk}:{revision}:{content.version}:{today().isoformat()}"


def _stored_page(
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


def _page_response(
    request: HtmxHttpRequest, content: Content, found: Plan, saved_stage: str = ""
) -> HttpResponse:
    overview = overview_of(content, found, notices=True)
    page = plan_section(content).child(
        f"My plan: {title_of(overview)}", "", crumb("Your plan", "plan:plan", found.token)
    )
    context = {
        "plan": found,
        "overview": overview,
        "route_map": route_map_of(content, overview),
        "rule": RULE,
        "plan_url": absolute_url(reverse("plan:plan", args=[found.token])),
        "view_url": view_url(found),
        "saved_stage": saved_stage,
        "other_plans": len(device.remembered(request)) > 1,
    }
    if saved_stage or request.COOKIES.get("messages"):
        return page.render(request, "plan/plan.html", context)  # one-off: not stored
    response = page.render(request, "plan/plan.html", {**context, "csrf_token": CSRF_PLACEHOLDER})
    key = _page_key(content, found.pk, found.revision)
    caches["process"].set(key, response.content, PAGE_CACHE_SECONDS)
    return HttpResponse(response.content.replace(CSRF_BYTES, get_token(request).encode()))


# --- the whole progress form (without JavaScript) -------------------------------------------


def _shown_items(content: Content, plan: Plan) -> frozenset[str]:
    """The items of the stages this plan shows: what its whole progress form sends."""
    role = content.role_by_id.get(plan.role)
    stages = included_stages(content, role=role, added=plan.added_stages)
    return frozenset(item.id for stage in stages for item in stage_items(stage))


def _save(request: HtmxHttpRequest, content: Content, token: str) -> HttpResponse:
    """The form sends every ticked box of the stages the plan shows; the items of other stages
    (one left out, one the content has dropped) keep their ticks. Back to the stage whose
    button was pressed, with the saved state said there."""
    sent = request.POST.getlist("done")
    on_route = read_ticked(sent, item_ids=_item_stage(content).keys())  # kept if not saved
    # What the page showed as done when it was drawn: only what the person changed is saved.
    shown_before = request.POST.get("was")
    was = None if shown_before is None else set(shown_before[:8000].split(","))
    if limited := ratelimit.exceeded(request, "plan-save"):
        response = _not_saved(
            request, content, token, sorted(on_route.done), limited.message, was=was
        )
        return private(limited.mark(response))
    try:
        with writer_slot():
            found = Plan.objects.only("role", "added_stages").filter(token=token).first()
            if found is None:
                raise Http404("no such plan")
            shown = _shown_items(content, found)
            ticked = read_ticked(sent, item_ids=shown)
            save_progress(token=token, ticked=ticked.done, shown=shown, now=timezone.now(), was=was)
    except (OperationalError, InterfaceError) as error:
        response = _not_saved(request, content, token, sorted(on_route.done), was=was)
        return unavailable(request, response, error)
    if ticked.message:
        messages.warning(request, ticked.message)
    stage = request.POST.get("stage", "")[:80]
    url = reverse("plan:plan", args=[token])
    if stage in {_item_stage(content)[item_id] for item_id in shown}:
        return see_other(f"{url}?saved={stage}#saved-{stage}")
    return see_other(f"{url}?saved=plan#plan-saved")


def _not_saved(
    request: HtmxHttpRequest,
    content: Content,
    token: str,
    done: list[str],
    message: str = NOT_SAVED,
    *,
    was: set[str] | None = None,
) -> HttpResponse:
    context: dict[str, object] = {
        "token": token,
        "done": done,
        "message": message,
        "was": None if was is None else ",".join(sorted(was)),
    }
    page = Page("Progress not saved", section="plan", trail=plan_section(content).trail)
    return page.render(request, "plan/not_saved.html", context, status=503)


# --- one item (JavaScript's path) -----------------------------------------------------------


@per_version
def _item_stage(content: Content) -> dict[str, str]:
    """Every item id on the route -> its stage's id."""
    return {
        item_id: stage.id
        for stage in content.stages
        for item_id in [stage.deliverable.id, *(c.id for c in stage.done_when)]
    }


@require_POST
def item(request: HtmxHttpRequest, token: str, item_id: str) -> HttpResponse:
    """Tick (`done=1`) or untick (`done=0`) one item, and only it: two tabs ticking in turn keep
    every tick. Answers the stage's and the plan's new counts as a fragment the script puts in
    place, or, for a plain form, 303 back to the stage."""
    content = store.get()
    done = request.POST.get("done", "")
    stage_id = _item_stage(content).get(item_id)
    if stage_id is None or done not in ("0", "1"):
        problem = "Send done=1 or done=0." if stage_id else "That is not an item of this plan."
        return private(HttpResponse(problem, status=400, content_type="text/plain; charset=utf-8"))
    if limited := ratelimit.exceeded(request, "plan-save"):
        response = HttpResponse(limited.message, content_type="text/plain; charset=utf-8")
        return private(limited.mark(response))
    try:
        with writer_slot():
            found = set_item(token=token, item_id=item_id, done=done == "1", now=timezone.now())
    except (OperationalError, InterfaceError) as error:
        response = HttpResponse(NOT_SAVED, status=503, content_type="text/plain; charset=utf-8")
        return unavailable(request, response, error)
    if found is None:
        raise Http404("no such plan")
    if not request.headers.get("X-Plan-Tick"):
        url = reverse("plan:plan", args=[token])
        return see_other(f"{url}?saved={stage_id}#saved-{stage_id}")
    overview = overview_of(content, found)
    row = next((r for r in overview.stages if r.stage.id == stage_id), None)
    # The fragment needs no context processors: the template alone.
    html = get_template("plan/plan.html#ticked").render({"overview": overview, "row": row})
    return private(HttpResponse(html))


# --- choices --------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def choices(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """Change background, role, pace, start or optional stages: a page of its own, so the plan
    page stays light. Progress is kept whatever changes."""
    content = store.get()
    found = plan_or_404(token=token)
    overview = overview_of(content, found)
    title = f"Change your plan: {title_of(overview)}"
    status, error, limited = 200, None, None
    context: dict[str, object] = {"plan": found, "overview": overview}
    if request.method == "POST":
        parsed = forms.parse(request, content)
        limited = ratelimit.exceeded(request, "plan-save") if parsed.choices else None
        if limited is not None:
            context.update(forms.form_context(content, parsed), not_saved=limited.message)
            status = 429
        elif parsed.choices is not None:
            try:
                with writer_slot():
                    change_choices(plan=found, choices=parsed.choices, now=timezone.now())
                messages.success(request, "Your plan is updated. Your progress is kept.")
                return see_other(reverse("plan:plan", args=[token]))
            except (OperationalError, InterfaceError) as failed:
                context.update(forms.form_context(content, parsed), not_saved=NOT_SAVED)
                status, error = 503, failed
        else:
            context.update(forms.form_context(content, parsed))
            title, status = f"Error: {title}", 400
    else:
        context.update(forms.form_context(content, None, overview=overview))
    here = crumb("Change your plan", "plan:choices", token)
    response = (
        plan_section(content)
        .child(title, "", here)
        .render(request, "plan/choices.html", context, status=status)
    )
    if limited is not None:
        limited.mark(response)
    return unavailable(request, response, error) if error else private(response)
