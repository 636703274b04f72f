"""The roles explorer: every AI role, one role in full, and two roles side by side."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from content_engine import store
from roadmap_site.page_cache import content_page
from roadmap_site.rendering import crumb, not_found, render_page
from roadmap_site.selectors import roles_matching

from .comparison import compare_roles

CRUMBS = [crumb("Roles", "/roles/")]


@require_GET
@content_page
def role_list(request: HttpRequest) -> HttpResponse:
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
    template = "roles/list.html#role-list" if request.htmx else "roles/list.html"
    return render_page(
        request,
        template,
        context,
        title="AI roles explorer",
        description="AI-lifecycle roles mapped to the software roles you know: what each owns, "
        "how senior it runs, and the five skills that make it work.",
        section="roles",
        breadcrumbs=CRUMBS,
    )


@require_GET
@content_page
def role_detail(request: HttpRequest, role_id: str) -> HttpResponse:
    content = store.get()
    role = content.role_by_id.get(role_id)
    if role is None:
        return not_found(
            request,
            what="role",
            wanted=role_id,
            options={r.id: (r.name, f"/roles/{r.id}/") for r in content.roles},
            index_url="/roles/",
            index_label="every role",
        )
    neighbour = content.role_by_id[role.nearest_neighbour.role]
    context = {
        "role": role,
        "skills": [content.skill_by_id[s] for s in role.key_skills],
        "backgrounds": [content.background_by_id[b] for b in role.backgrounds],
        "stages": sorted(
            ((content.stage_number[s], content.stage_by_id[s]) for s in role.key_stages),
            key=lambda pair: pair[0],
        ),
        "neighbour": neighbour,
        "traits": [(t, role.traits.get(t.id, 0)) for t in content.quiz.traits],
    }
    return render_page(
        request,
        "roles/detail.html",
        context,
        title=role.name,
        description=role.summary,
        section="roles",
        breadcrumbs=[*CRUMBS, crumb(role.name, f"/roles/{role.id}/")],
    )


@require_GET
@content_page
def role_compare(request: HttpRequest) -> HttpResponse:
    content = store.get()
    comparison = compare_roles(content, request.GET.getlist("a"), request.GET.getlist("b"))
    status = 404 if comparison.unknown else 200
    title = (
        f"{comparison.left.name} vs {comparison.right.name}"
        if comparison.ready
        else "Compare two roles"
    )
    return render_page(
        request,
        "roles/compare.html",
        {"comparison": comparison, "roles": content.roles, "skill_by_id": content.skill_by_id},
        title=title,
        description="Two AI roles side by side, the differences first.",
        section="roles",
        breadcrumbs=[*CRUMBS, crumb("Compare", "/roles/compare/")],
        status=status,
    )
