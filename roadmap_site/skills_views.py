"""The skills-transfer map: what carries over from each background, and each new skill."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from content_engine import store

from .page_cache import content_page
from .rendering import crumb, not_found, render_page
from .selectors import backgrounds_for_skill, roles_needing, stages_teaching


@require_GET
@content_page
def skills_map(request: HttpRequest) -> HttpResponse:
    content = store.get()
    background_id = request.GET.get("background", "").strip()[:80]
    skill_id = request.GET.get("skill", "").strip()[:80]
    crumbs = [crumb("Skills map", "/skills/")]

    if skill_id:
        skill = content.skill_by_id.get(skill_id)
        if skill is None:
            return not_found(
                request,
                what="skill",
                wanted=skill_id,
                options={s.id: (s.name, f"/skills/?skill={s.id}") for s in content.skills},
                index_url="/skills/",
                index_label="the skills map",
            )
        context = {
            "skill": skill,
            "stages": stages_teaching(content, skill),
            "roles": roles_needing(content, skill),
            "backgrounds": backgrounds_for_skill(content, skill),
        }
        crumbs.append(crumb(skill.name, f"/skills/?skill={skill.id}"))
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
                options={
                    b.id: (b.name, f"/skills/?background={b.id}") for b in content.backgrounds
                },
                index_url="/skills/",
                index_label="all backgrounds",
            )
        crumbs.append(crumb(background.name, f"/skills/?background={background.id}"))
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
    template = "skills.html#transfer-map" if request.htmx else "skills.html"
    title = f"Skills map: {background.name}" if background else "Skills-transfer map"
    description = (
        background.summary.plain
        if background
        else "Pick your background: see what you already do, what it becomes in an AI product, "
        "and what is genuinely new."
    )
    return render_page(
        request,
        template,
        context,
        title=title,
        description=description,
        section="skills",
        breadcrumbs=crumbs,
    )
