"""The roles explorer: every AI role, one role in full, and two roles side by side."""

from __future__ import annotations

from django.http import HttpResponse
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from content_engine import store
from content_engine.queries import key_stages, roles_matching
from webkit.htmx import HtmxHttpRequest, partial_or_page
from webkit.page_cache import content_page
from webkit.rendering import ErrorItem, crumb, not_found, render_page, trail

from .comparison import compare_roles

ROLES = ("Roles", "roles:list")


@require_safe
@vary_on_headers("HX-Request")
@content_page
def role_list(request: HtmxHttpRequest) -> HttpResponse:
    content = store.get()
    background_id = request.GET.get("background", "").strip()[:80]
    deep = request.GET.get("deep_ml", "").strip()[:10]
    messages = []
    if background_id and background_id not in content.background_by_id:
        messages.append(f"There is no background called “{background_id}”; showing every role.")
        background_id = ""
    deep_ml = {"yes": True, "no": False}.get(deep)
    if deep and deep_ml is None:
        messages.append("The deep-ML filter takes “yes” or “no”; showing both.")
        deep = ""
    roles = roles_matching(content, background=background_id or None, deep_ml=deep_ml)
    context = {
        "roles": roles,
        "backgrounds": content.backgrounds,
        "background": content.background_by_id.get(background_id),
        "deep_ml": deep,
        "messages": messages,
        "skill_by_id": content.skill_by_id,
        "total": len(content.roles),
    }
    return render_page(
        request,
        partial_or_page(request, "roles/list.html", "role-list"),
        context,
        title="AI roles explorer",
        description="AI-lifecycle roles mapped to the software roles you know: what each owns, "
        "how senior it runs, and the five skills that make it work.",
        section="roles",
        breadcrumbs=trail(ROLES),
    )


@require_safe
@content_page
def role_detail(request: HtmxHttpRequest, role_id: str) -> HttpResponse:
    content = store.get()
    role = content.role_by_id.get(role_id)
    if role is None:
        return not_found(
            request,
            what="role",
            wanted=role_id,
            choices=((r.id, crumb(r.name, "roles:detail", r.id)) for r in content.roles),
            index=crumb("every role", "roles:list"),
        )
    context = {
        "role": role,
        "skills": [content.skill_by_id[s] for s in role.key_skills],
        "backgrounds": [content.background_by_id[b] for b in role.backgrounds],
        "stages": [(content.stage_number[s.id], s) for s in key_stages(content, role=role)],
        "neighbour": content.role_by_id[role.nearest_neighbour.role],
        "traits": [(t, role.traits.get(t.id, 0)) for t in content.quiz.traits],
    }
    return render_page(
        request,
        "roles/detail.html",
        context,
        title=role.name,
        description=role.summary,
        section="roles",
        breadcrumbs=trail(ROLES, (role.name, "roles:detail", role.id)),
    )


@require_safe
@content_page
def role_compare(request: HtmxHttpRequest) -> HttpResponse:
    content = store.get()
    comparison = compare_roles(content, a=request.GET.getlist("a"), b=request.GET.getlist("b"))
    return render_page(
        request,
        "roles/compare.html",
        {
            "comparison": comparison,
            "error_list": [ErrorItem(message, "#role-a") for message in comparison.messages],
            "roles": content.roles,
            "skill_by_id": content.skill_by_id,
        },
        title=f"{comparison.left.name} vs {comparison.right.name}"
        if comparison.left and comparison.right and comparison.ready
        else "Compare two roles",
        description="Two AI roles side by side, the differences first.",
        section="roles",
        breadcrumbs=trail(ROLES, ("Compare", "roles:compare")),
        status=404 if comparison.unknown else 200,
    )
