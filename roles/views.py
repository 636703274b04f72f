"""The roles explorer: every AI role, one role in full, and two roles side by side."""

from __future__ import annotations

from django.http import HttpResponse

from content_engine import store
from content_engine.queries import looser_filters, numbered_stages, roles_matching
from webkit.htmx import HtmxHttpRequest, partial_or_page
from webkit.page_cache import content_page
from webkit.rendering import Catalogue, ErrorItem, crumb, section_page

from .comparison import compare_roles
from .trait_chart import trait_chart

COMPARE = crumb("Compare", "roles:compare")
ROLE_PAGES = Catalogue("role", "roles:detail", crumb("every role", "roles:list"))


@content_page(query=("background", "deep_ml"))
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
    looser = looser_filters(content, background=background_id or None, deep_ml=deep_ml)
    context = {
        "roles": roles,
        "looser": [(option, _filter_query(option.background, option.deep_ml)) for option in looser],
        "backgrounds": content.backgrounds,
        "background": content.background_by_id.get(background_id),
        "deep_ml": deep,
        "messages": messages,
        "skill_by_id": content.skill_by_id,
        "total": len(content.roles),
    }
    template = partial_or_page(request, "roles/list.html", "role-list")
    return section_page(content.site, "roles", "roles:list").render(request, template, context)


def _filter_query(background: str | None, deep_ml: bool | None) -> str:
    """The explorer's query string for a pair of filters ("?background=x&deep_ml=yes")."""
    params = []
    if background:
        params.append(f"background={background}")
    if deep_ml is not None:
        params.append(f"deep_ml={'yes' if deep_ml else 'no'}")
    return "?" + "&".join(params) if params else ""


@content_page
def role_detail(request: HtmxHttpRequest, role_id: str) -> HttpResponse:
    content = store.get()
    role = ROLE_PAGES.get_or_404(content.role_by_id, role_id)
    context = {
        "role": role,
        "skills": [content.skill_by_id[s] for s in role.key_skills],
        "backgrounds": [content.background_by_id[b] for b in role.backgrounds],
        "stages": numbered_stages(content, stage_ids=role.key_stages),
        "neighbour": content.role_by_id[role.nearest_neighbour.role],
        "trait_chart": trait_chart(content.quiz.traits, role.traits),
    }
    page = section_page(content.site, "roles", "roles:list").child(
        role.name, role.summary, ROLE_PAGES.link(role)
    )
    return page.render(request, "roles/detail.html", context)


@content_page(query=("a", "b"))
def role_compare(request: HtmxHttpRequest) -> HttpResponse:
    content = store.get()
    comparison = compare_roles(content, a=request.GET.getlist("a"), b=request.GET.getlist("b"))
    title = (
        f"{comparison.left.name} vs {comparison.right.name}"
        if comparison.left and comparison.right and comparison.ready
        else "Compare two roles"
    )
    context = {
        "comparison": comparison,
        "error_list": [ErrorItem(message, "#role-a") for message in comparison.messages],
        "roles": content.roles,
        "skill_by_id": content.skill_by_id,
    }
    page = section_page(content.site, "roles", "roles:list").child(
        title, "Two AI roles side by side, the differences first.", COMPARE
    )
    return page.render(
        request, "roles/compare.html", context, status=404 if comparison.unknown else 200
    )
