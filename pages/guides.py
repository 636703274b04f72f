"""The guides: /guides/ lists them, /guides/<id>/ shows one with its table of contents and the
roles, stages and skills it leads to. The words at the top of the list come from site.yaml."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_safe

from content_engine import store
from content_engine.guides import sections
from content_engine.queries import numbered_stages
from webkit.htmx import HtmxHttpRequest
from webkit.page_cache import content_page
from webkit.rendering import Catalogue, crumb, section_page

GUIDES = Catalogue("guide", "pages:guide", crumb("all guides", "pages:guides"), "title")
# The guide that explains, point by point, what the home page lists as carrying over and new.
# /what-changes/, which held those lists before the guides, leads there.
WHAT_CARRIES_OVER = "what-carries-over"


@content_page
def guide_list(request: HtmxHttpRequest) -> HttpResponse:
    content = store.get()
    page = section_page(content.site, "guides", "pages:guides")
    return page.render(request, "guides.html", {"guides": content.guides})


@content_page
def guide(request: HtmxHttpRequest, guide_id: str) -> HttpResponse:
    content = store.get()
    found = GUIDES.get_or_404(content.guide_by_id, guide_id)
    page = section_page(content.site, "guides", "pages:guides").child(
        found.title, found.summary, GUIDES.link(found)
    )
    context = {
        "guide": found,
        "sections": sections(found.body),
        "roles": [content.role_by_id[r] for r in found.roles],
        "stages": numbered_stages(content, stage_ids=found.stages),
        "skills": [content.skill_by_id[s] for s in found.skills],
    }
    return page.render(request, "guide.html", context)


@require_safe
def what_changes(request: HtmxHttpRequest) -> HttpResponse:
    """The old address of what carries over and what you add: its guide, or the list of guides
    if that guide has gone."""
    if WHAT_CARRIES_OVER in store.get().guide_by_id:
        return redirect("pages:guide", WHAT_CARRIES_OVER, permanent=True)
    return redirect("pages:guides")
