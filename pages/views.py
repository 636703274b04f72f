"""The site-wide content pages: home, the route and its stages, the skills-transfer map, lenses,
comparisons, FAQ, robots.txt and the not-found page."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from content_engine import store
from content_engine.pacing import default_pace, pace_route
from content_engine.queries import (
    backgrounds_for_skill,
    roles_for_stage,
    roles_needing,
    stages_teaching,
)
from webkit.htmx import HtmxHttpRequest, partial_or_page
from webkit.page_cache import content_page
from webkit.rendering import crumb, not_found, render_page

from .hours import parse_hours_per_week


@require_safe
@content_page
def home(request: HtmxHttpRequest) -> HttpResponse:
    content = store.get()
    return render_page(
        request,
        "home.html",
        {"content": content, "first_stage": content.stages[0]},
        title=content.site.tagline,
        description=content.site.description,
        section="home",
    )


@require_safe
@vary_on_headers("HX-Request")
@content_page
def route(request: HtmxHttpRequest) -> HttpResponse:
    content = store.get()
    choice = parse_hours_per_week(
        request.GET.get("hours"), default=default_pace(content).hours_per_week
    )
    context = {
        "route": content.route,
        "plan": pace_route(content, hours_per_week=choice.hours),
        "hours_message": choice.message,
        "presets": content.route.pacing,
    }
    return render_page(
        request,
        partial_or_page(request, "route.html", "route-plan"),
        context,
        title="The route",
        description="Ordered stages from orientation to a shipped capstone, each with a runnable "
        "deliverable, paced to the hours you have each week.",
        section="route",
        breadcrumbs=[crumb("Route", "pages:route")],
    )


@require_safe
@content_page
def stage(request: HtmxHttpRequest, stage_id: str) -> HttpResponse:
    content = store.get()
    found = content.stage_by_id.get(stage_id)
    if found is None:
        return not_found(
            request,
            what="route stage",
            wanted=stage_id,
            choices=((s.id, crumb(s.title, "pages:stage", s.id)) for s in content.stages),
            index=crumb("the whole route", "pages:route"),
        )
    number = content.stage_number[found.id]
    stages = content.stages
    context = {
        "stage": found,
        "number": number,
        "total": len(stages),
        "skills": [content.skill_by_id[s] for s in found.skills],
        "roles": roles_for_stage(content, stage=found),
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
        breadcrumbs=[crumb("Route", "pages:route"), crumb(found.title, "pages:stage", found.id)],
    )


@require_safe
@vary_on_headers("HX-Request")
@content_page
def skills_map(request: HtmxHttpRequest) -> HttpResponse:
    content = store.get()
    background_id = request.GET.get("background", "").strip()[:80]
    skill_id = request.GET.get("skill", "").strip()[:80]
    crumbs = [crumb("Skills map", "pages:skills")]

    if skill_id:
        skill = content.skill_by_id.get(skill_id)
        if skill is None:
            return not_found(
                request,
                what="skill",
                wanted=skill_id,
                choices=(
                    (s.id, crumb(s.name, "pages:skills", query=f"skill={s.id}"))
                    for s in content.skills
                ),
                index=crumb("the skills map", "pages:skills"),
            )
        context = {
            "skill": skill,
            "stages": stages_teaching(content, skill=skill),
            "roles": roles_needing(content, skill=skill),
            "backgrounds": backgrounds_for_skill(content, skill=skill),
        }
        crumbs.append(crumb(skill.name, "pages:skills", query=f"skill={skill.id}"))
        return render_page(
            request,
            "skill.html",
            context,
            title=skill.name,
            description=skill.summary.plain,
            section="skills",
            breadcrumbs=crumbs,
        )

    background = None
    if background_id:
        background = content.background_by_id.get(background_id)
        if background is None:
            return not_found(
                request,
                what="background",
                wanted=background_id,
                choices=(
                    (b.id, crumb(b.name, "pages:skills", query=f"background={b.id}"))
                    for b in content.backgrounds
                ),
                index=crumb("all backgrounds", "pages:skills"),
            )
        crumbs.append(crumb(background.name, "pages:skills", query=f"background={background.id}"))
    context = {
        "backgrounds": content.backgrounds,
        "background": background,
        "skills": content.skills,
        "new_skills": [content.skill_by_id[s] for s in background.new_skills] if background else [],
        "suited_roles": [content.role_by_id[r] for r in background.suited_roles]
        if background
        else [],
        "first_stage": content.stages[0],
    }
    return render_page(
        request,
        partial_or_page(request, "skills.html", "transfer-map"),
        context,
        title=f"Skills map: {background.name}" if background else "Skills-transfer map",
        description=background.summary.plain
        if background
        else "Pick your background: see what you already do, what it becomes in an AI product, "
        "and what is genuinely new.",
        section="skills",
        breadcrumbs=crumbs,
    )


@require_safe
@content_page
def lenses(request: HtmxHttpRequest) -> HttpResponse:
    content = store.get()
    return render_page(
        request,
        "lenses.html",
        {"lenses_file": content.lenses_file, "lenses": content.lenses},
        title="What the room expects of you",
        description=f"The {len(content.lenses)} functions around an AI engineer: what each "
        "expects of you, leans on you for, and what earns or loses their trust.",
        section="lenses",
        breadcrumbs=[crumb("Lenses", "pages:lenses")],
    )


@require_safe
@content_page
def comparisons(request: HtmxHttpRequest) -> HttpResponse:
    content = store.get()
    return render_page(
        request,
        "comparisons.html",
        {"comparisons": content.comparisons},
        title="Software engineer vs AI engineer vs ML engineer",
        description="How the work changes, dimension by dimension: software engineer against "
        "AI engineer, and AI engineer against ML engineer.",
        section="compare",
        breadcrumbs=[crumb("Compare", "pages:comparisons")],
    )


@require_safe
@content_page
def faq(request: HtmxHttpRequest) -> HttpResponse:
    content = store.get()
    return render_page(
        request,
        "faq.html",
        {"questions": content.faq.questions, "mistakes": content.faq.mistakes},
        title="Questions and common mistakes",
        description="Straight answers for engineers moving into AI engineering, and the "
        "mistakes that slow the move down.",
        section="faq",
        breadcrumbs=[crumb("FAQ", "pages:faq")],
    )


@require_safe
def robots_txt(request: HtmxHttpRequest) -> HttpResponse:
    """Crawlers may read everything but the admin; quiz results say `noindex` themselves, which
    a crawler can only see if it is allowed to fetch them."""
    sitemap = request.build_absolute_uri(reverse("pages:sitemap"))
    body = f"User-agent: *\nDisallow: {reverse('admin:index')}\nSitemap: {sitemap}\n"
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


def page_not_found(request: HtmxHttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render_page(request, "404.html", {}, title="Page not found", status=404)
