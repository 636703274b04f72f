"""My plan's ways in: the start form (/plan/), "My plan" (/plan/continue/), the plans made on
this browser (/plan/mine/) and a plan restored from its export (/plan/import/).

No account: a plan's URL is the plan, and this browser remembers the plans it made in
first-party cookies (plan/device.py). The plan page and what changes a plan are
plan/plan_page.py; the read-only pages and exports are plan/shared_views.py."""

from __future__ import annotations

from dataclasses import replace

from django.contrib import messages
from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe
from django.views.decorators.vary import vary_on_headers

from content_engine import store
from content_engine.content import Content
from webkit import ratelimit
from webkit.htmx import HtmxHttpRequest, partial_or_page
from webkit.redirects import load_page, see_other
from webkit.rendering import ErrorItem, Page, crumb

from . import device, forms
from .choices import ParsedChoices
from .models import Plan
from .overview import all_items, optional_stages
from .restore import MAX_BYTES, read_export
from .services import create_plan
from .web import NOT_SAVED, overview_of, plan_section, private, title_of, today, unavailable


def _remembered_plans(request: HtmxHttpRequest) -> list[Plan]:
    """The plans this browser remembers that still exist, the most recent first."""
    tokens = device.remembered(request)
    found = {p.token: p for p in Plan.objects.filter(token__in=tokens)}
    return [found[t] for t in tokens if t in found]


@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
def start(request: HtmxHttpRequest) -> HttpResponse:
    content = store.get()
    page = plan_section(content)
    if request.method == "POST":
        return _create(request, content, page)
    # Prefilled from the quiz result, a role page or the skills map; a value that is not in
    # the lists is simply not prefilled.
    background = request.GET.get("background", "")[:80]
    role = request.GET.get("role", "")[:80]
    prefill = ParsedChoices(
        {
            "background": background if background in content.background_by_id else "",
            "role": role if role in content.role_by_id else "",
        }
    )
    context = {
        **forms.form_context(content, prefill),
        "existing": _existing(request, content, role if role in content.role_by_id else ""),
    }
    return private(page.render(request, "plan/start.html", context))


def _existing(request: HtmxHttpRequest, content: Content, role: str) -> dict[str, object] | None:
    """The latest plan on this browser, when there is one: the start page offers to apply the
    new role to it (ticks kept) or to start a separate plan, never a silent replacement."""
    plans = _remembered_plans(request)
    if not plans:
        return None
    latest = plans[0]
    overview = overview_of(content, latest)
    return {
        "plan": latest,
        "overview": overview,
        "title": title_of(overview),
        "count": len(plans),
        "new_role": content.role_by_id.get(role)
        if role and role != overview.choices.role
        else None,
    }


def _create(request: HtmxHttpRequest, content: Content, page: Page) -> HttpResponse:
    parsed = forms.parse(request, content)
    template = partial_or_page(request, "plan/start.html", "start-form")
    context = {**forms.form_context(content, parsed), "existing": None}
    if parsed.choices is None:
        page = replace(page, title=f"Error: {page.title}")
        return private(page.render(request, template, context, status=400))
    if limited := ratelimit.exceeded(request, "plan-create"):
        response = page.render(request, template, {**context, "not_saved": limited.message})
        return private(limited.mark(response))
    try:
        plan = create_plan(content=content, choices=parsed.choices, now=timezone.now())
    except (OperationalError, InterfaceError) as error:
        response = page.render(request, template, {**context, "not_saved": NOT_SAVED}, status=503)
        return unavailable(request, response, error)
    response = load_page(request, reverse("plan:plan", args=[plan.token]))
    device.remember(request, response, plan.token)
    return response


@require_safe
def continue_plan(request: HtmxHttpRequest) -> HttpResponse:
    """Where "My plan" and "Continue your plan" point: the latest plan this browser made, else
    the start form. The same link on every cached page, so no page ever carries a plan."""
    plans = _remembered_plans(request)
    if not plans:
        response = see_other(reverse("plan:start"))
        device.forget(request, response, set(device.remembered(request)))
    else:
        response = see_other(reverse("plan:plan", args=[plans[0].token]))
    return private(response)


@require_safe
def mine(request: HtmxHttpRequest) -> HttpResponse:
    """Every plan made on this browser, with its background, role, progress and last change."""
    content = store.get()
    plans = _remembered_plans(request)
    rows = [{"plan": p, "overview": overview_of(content, p)} for p in plans]
    for row in rows:
        row["title"] = title_of(row["overview"])  # type: ignore[arg-type]
    page = plan_section(content).child("Your plans", "", crumb("Your plans", "plan:mine"))
    response = page.render(request, "plan/mine.html", {"rows": rows, "max_plans": device.MAX_PLANS})
    gone = set(device.remembered(request)) - {p.token for p in plans}
    if gone:
        device.forget(request, response, gone)
    return private(response)


@require_http_methods(["GET", "HEAD", "POST"])
def import_plan(request: HtmxHttpRequest) -> HttpResponse:
    """A plan made again from its plan.json (pasted, or a file): its choices and its ticks."""
    content = store.get()
    page = plan_section(content).child(
        "Restore a plan from its export", "", crumb("Restore a plan", "plan:import")
    )
    if request.method != "POST":
        return private(page.render(request, "plan/import.html", {"text": ""}))
    try:
        upload = request.FILES.get("plan_json")
        text = request.POST.get("plan_json", "")
    except RequestDataTooBig:
        upload, text = None, "x" * (MAX_BYTES + 1)  # said as too big, below; nothing to keep
    if upload is not None:
        text = upload.read(MAX_BYTES + 1).decode("utf-8", "replace")
    restored = read_export(
        text,
        background_ids=content.background_by_id.keys(),
        role_ids=content.role_by_id.keys(),
        optional_stage_ids={s.id for s in optional_stages(content)},
        item_ids=all_items(content).keys(),
        today=today(),
    )
    context: dict[str, object] = {"text": text if len(text) <= MAX_BYTES else ""}
    if restored.choices is None:
        errors = [ErrorItem(problem, "#plan-json") for problem in restored.problems]
        context["error_list"] = errors
        bad = replace(page, title=f"Error: {page.title}")
        return private(bad.render(request, "plan/import.html", context, status=400))
    if limited := ratelimit.exceeded(request, "plan-import"):
        response = page.render(
            request, "plan/import.html", {**context, "not_saved": limited.message}
        )
        return private(limited.mark(response))
    try:
        plan = create_plan(
            content=content, choices=restored.choices, now=timezone.now(), done=restored.done
        )
    except (OperationalError, InterfaceError) as error:
        response = page.render(
            request, "plan/import.html", {**context, "not_saved": NOT_SAVED}, status=503
        )
        return unavailable(request, response, error)
    done = len(restored.done)
    ticks = f"{done} tick{'s' if done != 1 else ''}"
    messages.success(request, f"Your plan is restored, with {ticks}. {restored.note}".strip())
    response = see_other(reverse("plan:plan", args=[plan.token]))
    device.remember(request, response, plan.token)
    return response
