"""The site-wide content pages: home, the route and its stages, the skills-transfer map, lenses,
comparisons, FAQ and robots.txt."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from content_engine import store
from content_engine.content import Content
from content_engine.pacing import default_pace, pace_route
from content_engine.queries import (
    backgrounds_for_skill,
    familiar_stages,
    numbered_stages,
    roles_for_stage,
    roles_needing,
    stages_teaching,
)
from webkit.htmx import HtmxHttpRequest, partial_or_page
from webkit.links import absolute_url
from webkit.page_cache import content_page
from webkit.rendering import Catalogue, Page, crumb, section_page
from webkit.route_map import route_map

from .guides import WHAT_CARRIES_OVER
from .hours import parse_hours_per_week

STAGES = Catalogue("route stage", "pages:stage", crumb("the whole route", "pages:route"), "title")
SKILLS = Catalogue("skill", "pages:skills", crumb("the skills map", "pages:skills"), query="skill")
BACKGROUNDS = Catalogue(
    "background", "pages:skills", crumb("all backgrounds", "pages:skills"), query="background"
)


@content_page
def home(request: HtmxHttpRequest) -> HttpResponse:
    content = store.get()
    page = Page(content.site.tagline, content.site.description, section="home")
    context: dict[str, object] = {
        "content": content,
        "carries_over_guide": content.guide_by_id.get(WHAT_CARRIES_OVER),
    }
    return page.render(request, "home.html", context)


@content_page(query=("hours",))
def route(request: HtmxHttpRequest) -> HttpResponse:
    """The whole route at a pace (?hours=); a pace is chosen by a plain link or GET form, so
    every answer is the whole page, htmx or not."""
    content = store.get()
    choice = parse_hours_per_week(
        request.GET.get("hours"), default=default_pace(content).hours_per_week
    )
    context = {
        "route": content.route,
        "plan": pace_route(content, hours_per_week=choice.hours),
        "hours_message": choice.message,
        "hours_query": choice.query,
        "presets": content.route.pacing,
        "route_map": route_map(content.stages),
    }
    page = section_page(content.site, "route", "pages:route")
    return page.render(request, "route.html", context)


@content_page(query=("hours",))
def stage(request: HtmxHttpRequest, stage_id: str) -> HttpResponse:
    """One stage; with ?hours= it also says where the stage falls at that pace, and every link
    back into the route keeps the pace."""
    content = store.get()
    found = STAGES.get_or_404(content.stage_by_id, stage_id)
    number = content.stage_number[found.id]
    stages = content.stages
    choice = parse_hours_per_week(
        request.GET.get("hours"), default=default_pace(content).hours_per_week
    )
    context = {
        "stage": found,
        "number": number,
        "total": len(stages),
        "skills": [content.skill_by_id[s] for s in found.skills],
        "roles": roles_for_stage(content, stage=found),
        "previous": stages[number - 2] if number > 1 else None,
        "next": stages[number] if number < len(stages) else None,
        "paced": pace_route(content, hours_per_week=choice.hours).stage(found.id)
        if choice.query
        else None,
        "pace_hours": choice.hours,
        "hours_message": choice.message,
        "hours_query": choice.query,
    }
    route_page = section_page(content.site, "route", "pages:route")
    if choice.query:  # the trail back to the route keeps the pace
        route_crumb = replace(route_page.trail[0], query=choice.query.removeprefix("?"))
        route_page = replace(route_page, trail=(route_crumb,))
    page = route_page.child(f"Stage {number}: {found.title}", found.goal, STAGES.link(found))
    return page.render(request, "stage.html", context)


@content_page(query=("background", "skill"))
def skills_map(request: HtmxHttpRequest) -> HttpResponse:
    """The map for one background (?background=), one skill in full (?skill=), or neither."""
    content = store.get()
    map_page = section_page(content.site, "skills", "pages:skills")
    skill_id = request.GET.get("skill", "").strip()[:80]
    if skill_id:
        skill = SKILLS.get_or_404(content.skill_by_id, skill_id)
        context = {
            "skill": skill,
            "stages": stages_teaching(content, skill=skill),
            "roles": roles_needing(content, skill=skill),
            "backgrounds": backgrounds_for_skill(content, skill=skill),
        }
        page = map_page.child(skill.name, skill.summary.plain, SKILLS.link(skill))
        return page.render(request, "skill.html", context)

    background_id = request.GET.get("background", "").strip()[:80]
    background = (
        BACKGROUNDS.get_or_404(content.background_by_id, background_id) if background_id else None
    )
    context = {
        "backgrounds": content.backgrounds,
        "background": background,
        "skills": content.skills,
        "new_skills": [content.skill_by_id[s] for s in background.new_skills] if background else [],
        "suited_roles": [content.role_by_id[r] for r in background.suited_roles]
        if background
        else [],
        "first_stage": content.stages[0],
        "route_map": route_map(
            content.stages,
            familiar={s.id for s in familiar_stages(content, background=background)},
        )
        if background
        else None,
    }
    page = map_page
    if background:
        title = f"Skills map: {background.name}"
        page = map_page.child(title, background.summary.plain, BACKGROUNDS.link(background))
    return page.render(request, partial_or_page(request, "skills.html", "transfer-map"), context)


def _lenses(content: Content) -> dict[str, object]:
    """Every lens with the roles it links to and the route stages, numbered, in route order."""
    rows = []
    for lens in content.lenses:
        roles = [content.role_by_id[r] for r in lens.roles]
        rows.append((lens, roles, numbered_stages(content, stage_ids=lens.stages)))
    return {"lenses_file": content.lenses_file, "lenses": rows}


REFERENCE_PAGES: dict[str, tuple[str, Callable[[Content], dict[str, object]]]] = {
    "lenses": ("lenses.html", _lenses),
    "comparisons": ("comparisons.html", lambda c: {"comparisons": c.comparisons}),
    "faq": ("faq.html", lambda c: {"questions": c.faq.questions, "mistakes": c.faq.mistakes}),
}


@content_page
def reference(request: HtmxHttpRequest, *, name: str) -> HttpResponse:
    """Lenses, comparisons and the FAQ: pages that show one part of the content as it stands.
    `name` comes from the URL map, never from the visitor."""
    content = store.get()
    template, context = REFERENCE_PAGES[name]
    page = section_page(content.site, name, f"pages:{name}")
    return page.render(request, template, context(content))


@require_safe
def robots_txt(request: HtmxHttpRequest) -> HttpResponse:
    """Crawlers may read everything but the admin; quiz results say `noindex` themselves, which
    a crawler can only see if it is allowed to fetch them."""
    sitemap = absolute_url(reverse("pages:sitemap"))  # SITE_URL, never the Host header
    body = f"User-agent: *\nDisallow: {reverse('admin:index')}\nSitemap: {sitemap}\n"
    return HttpResponse(body, content_type="text/plain; charset=utf-8")
