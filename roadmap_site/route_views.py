"""The route: all stages with a pacing control, and one page per stage."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from content_engine import store

from .page_cache import content_page
from .rendering import crumb, not_found, render_page
from .selectors import default_pace, pace_route, parse_hours_per_week, roles_for_stage


@require_GET
@content_page
def route(request: HttpRequest) -> HttpResponse:
    content = store.get()
    choice = parse_hours_per_week(
        request.GET.get("hours"), default=default_pace(content).hours_per_week
    )
    context = {
        "route": content.route,
        "plan": pace_route(content, choice.hours),
        "hours_message": choice.message,
        "presets": content.route.pacing,
    }
    template = "route.html#route-plan" if request.htmx else "route.html"
    return render_page(
        request,
        template,
        context,
        title="The route",
        description="Ordered stages from orientation to a shipped capstone, each with a runnable "
        "deliverable, paced to the hours you have each week.",
        section="route",
        breadcrumbs=[crumb("Route", "/route/")],
    )


@require_GET
@content_page
def stage(request: HttpRequest, stage_id: str) -> HttpResponse:
    content = store.get()
    found = content.stage_by_id.get(stage_id)
    if found is None:
        return not_found(
            request,
            what="route stage",
            wanted=stage_id,
            options={s.id: (s.title, f"/route/{s.id}/") for s in content.stages},
            index_url="/route/",
            index_label="the whole route",
        )
    number = content.stage_number[found.id]
    stages = content.stages
    context = {
        "stage": found,
        "number": number,
        "total": len(stages),
        "skills": [content.skill_by_id[s] for s in found.skills],
        "roles": roles_for_stage(content, found),
        "previous": stages[number - 2] if number > 1 else None,
        "next": stages[number] if number < len(stages) else None,
    }
    return render_page(
        request,
        "stage.html",
        context,
        title=f"Stage {number}: {found.title}",
        description=found.goal,
        section="route",
        breadcrumbs=[crumb("Route", "/route/"), crumb(found.title, f"/route/{found.id}/")],
    )
