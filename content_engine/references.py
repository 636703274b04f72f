"""Cross-reference rules: every id a file mentions exists, ids are unique, nothing is orphaned."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from pydantic import BaseModel

from .citations import MARKER, strings
from .content import Content
from .problems import Loc
from .richtext import RichText
from .schema import FILES, LEVELS, QuizFile, RouteFile

Finding = tuple[str, Loc, str]  # (file name, location in that file, message)


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


def _unique(file: str, loc: Loc, items: Iterable[_Identified], what: str) -> list[Finding]:
    seen: set[str] = set()
    found: list[Finding] = []
    for index, item in enumerate(items):
        ident = item.id
        if ident in seen:
            found.append((file, (*loc, index, "id"), f"duplicate {what} id '{ident}'"))
        seen.add(ident)
    return found


def _known(file: str, loc: Loc, ident: str, known: set[str], what: str) -> list[Finding]:
    if ident in known:
        return []
    return [(file, loc, f"unknown {what} '{ident}'")]


def check_references(content: Content) -> list[Finding]:
    """Every reference problem in content whose files each passed the schema."""
    site = content.site
    skills = content.skills_file
    backgrounds = content.backgrounds_file
    roles = content.roles_file
    route = content.route
    quiz = content.quiz

    skill_ids = {s.id for s in skills.skills}
    background_ids = {b.id for b in backgrounds.backgrounds}
    role_ids = {r.id for r in roles.roles}
    stage_ids = {s.id for s in route.stages}
    trait_ids = [t.id for t in quiz.traits]

    found: list[Finding] = []
    found += _unique("skills.yaml", ("skills",), skills.skills, "skill")
    found += _unique("backgrounds.yaml", ("backgrounds",), backgrounds.backgrounds, "background")
    found += _unique("roles.yaml", ("roles",), roles.roles, "role")
    found += _unique("route.yaml", ("stages",), route.stages, "stage")
    found += _unique("route.yaml", ("pacing",), route.pacing, "pace")
    found += _unique("lenses.yaml", ("lenses",), content.lenses, "lens")
    found += _unique("faq.yaml", ("questions",), content.faq.questions, "question")
    found += _unique("faq.yaml", ("mistakes",), content.faq.mistakes, "mistake")
    found += _unique("comparisons.yaml", ("comparisons",), content.comparisons, "comparison")
    found += _unique("quiz.yaml", ("traits",), quiz.traits, "trait")
    found += _unique("quiz.yaml", ("questions",), quiz.questions, "question")

    loc: Loc
    for i, added in enumerate(site.you_add):
        found += _known("site.yaml", ("you_add", i, "skill"), added.skill, skill_ids, "skill")

    for b, background in enumerate(backgrounds.backgrounds):
        for j, skill_id in enumerate(background.new_skills):
            loc = ("backgrounds", b, "new_skills", j)
            found += _known("backgrounds.yaml", loc, skill_id, skill_ids, "skill")
        for j, role_id in enumerate(background.suited_roles):
            loc = ("backgrounds", b, "suited_roles", j)
            found += _known("backgrounds.yaml", loc, role_id, role_ids, "role")

    for r, role in enumerate(roles.roles):
        base: Loc = ("roles", r)
        for j, skill_id in enumerate(role.key_skills):
            found += _known("roles.yaml", (*base, "key_skills", j), skill_id, skill_ids, "skill")
        if len(set(role.key_skills)) != len(role.key_skills):
            found.append(("roles.yaml", (*base, "key_skills"), "lists the same skill twice"))
        for j, background_id in enumerate(role.backgrounds):
            loc = (*base, "backgrounds", j)
            found += _known("roles.yaml", loc, background_id, background_ids, "background")
        for j, stage_id in enumerate(role.key_stages):
            found += _known("roles.yaml", (*base, "key_stages", j), stage_id, stage_ids, "stage")
        neighbour = role.nearest_neighbour.role
        loc = (*base, "nearest_neighbour", "role")
        found += _known("roles.yaml", loc, neighbour, role_ids, "role")
        if neighbour == role.id:
            found.append(("roles.yaml", loc, "a role cannot be its own nearest neighbour"))
        if LEVELS.index(role.seniority.lowest) > LEVELS.index(role.seniority.highest):
            found.append(("roles.yaml", (*base, "seniority"), "lowest is above highest"))
        missing = [t for t in trait_ids if t not in role.traits]
        if missing:
            found.append(
                ("roles.yaml", (*base, "traits"), f"missing trait(s) {', '.join(missing)}")
            )
        for trait_id in role.traits:
            loc = (*base, "traits", trait_id)
            found += _known("roles.yaml", loc, trait_id, set(trait_ids), "trait")
        if role.traits and not any(role.traits.values()):
            found.append(
                ("roles.yaml", (*base, "traits"), "every trait is 0; the quiz needs a shape")
            )

    for s, stage in enumerate(route.stages):
        for j, skill_id in enumerate(stage.skills):
            found += _known("route.yaml", ("stages", s, "skills", j), skill_id, skill_ids, "skill")
    found += _check_item_ids(route)

    for b, background in enumerate(backgrounds.backgrounds):
        new_here = set(background.new_skills)
        for t, transfer in enumerate(background.transfers):
            for j, skill_id in enumerate(transfer.skills):
                loc = ("backgrounds", b, "transfers", t, "skills", j)
                found += _known("backgrounds.yaml", loc, skill_id, skill_ids, "skill")
                if transfer.strength == "strong" and skill_id in new_here:
                    message = (
                        f"skill '{skill_id}' is in this background's new_skills, so it cannot "
                        "also carry over strongly"
                    )
                    found.append(("backgrounds.yaml", loc, message))

    taught = {skill_id for stage in route.stages for skill_id in stage.skills}
    for i, skill in enumerate(skills.skills):
        if skill.id not in taught:
            loc = ("skills", i, "id")
            found.append(("skills.yaml", loc, f"skill '{skill.id}' is not taught in any stage"))
    role_backgrounds = {r.id: set(r.backgrounds) for r in roles.roles}
    for b, background in enumerate(backgrounds.backgrounds):
        for j, role_id in enumerate(background.suited_roles):
            if role_id in role_backgrounds and background.id not in role_backgrounds[role_id]:
                loc = ("backgrounds", b, "suited_roles", j)
                message = f"role '{role_id}' does not list '{background.id}' in its backgrounds"
                found.append(("backgrounds.yaml", loc, message))
    reachable = {role_id for b in backgrounds.backgrounds for role_id in b.suited_roles}
    for r, role in enumerate(roles.roles):
        if role.id not in reachable:
            loc = ("roles", r, "id")
            found.append(
                ("roles.yaml", loc, f"role '{role.id}' is in no background's suited_roles")
            )

    found += _check_lenses(content, role_ids, stage_ids)
    found += _check_quiz(quiz, role_ids, set(trait_ids))
    found += _unique("sources.yaml", ("sources",), content.sources, "source")
    found += _check_guides(content, role_ids, stage_ids, skill_ids)
    found += _check_markers(content)
    return found


def _check_guides(
    content: Content, role_ids: set[str], stage_ids: set[str], skill_ids: set[str]
) -> list[Finding]:
    """A guide's related roles, stages and skills exist, each listed once."""
    found: list[Finding] = []
    for guide in content.guides:
        file = f"guides/{guide.id}.md"
        lists = (
            ("roles", guide.roles, role_ids, "role"),
            ("stages", guide.stages, stage_ids, "stage"),
            ("skills", guide.skills, skill_ids, "skill"),
        )
        for field, ids, known, what in lists:
            for j, ident in enumerate(ids):
                found += _known(file, (field, j), ident, known, what)
            if len(set(ids)) != len(ids):
                found.append((file, (field,), "lists the same id twice"))
    return found


def _files(content: Content) -> dict[str, BaseModel]:
    """Every validated file and guide by the name problems are reported under."""
    named = dict(zip(FILES, content.files, strict=True))
    return {**named, **{f"guides/{g.id}.md": g for g in content.guides}}


def _check_markers(content: Content) -> list[Finding]:
    """A source marker works only in Markdown, where it becomes a footnote: in a plain-text
    field it would be shown as typed."""
    found: list[Finding] = []
    for file, model in _files(content).items():
        for loc, text in strings(model):
            if not isinstance(text, RichText) and (marker := MARKER.search(text)):
                message = (
                    f"has a source marker '{marker.group(0)}', which works only in a Markdown "
                    "field (this one is shown as typed); name the source in words here, or move "
                    "the claim to a Markdown field"
                )
                found.append((file, loc, message))
    return found


def uncited_sources(content: Content) -> list[Finding]:
    """Sources that no Markdown field or guide cites: worth a warning, since no page lists them."""
    cited = {
        ident
        for model in _files(content).values()
        for _, text in strings(model)
        if isinstance(text, RichText)
        for ident in text.cites
    }
    return [
        (
            "sources.yaml",
            ("sources", i, "id"),
            f"source '{source.id}' is cited nowhere; cite it as [^{source.id}] after the claim "
            "it supports, or remove it",
        )
        for i, source in enumerate(content.sources)
        if source.id not in cited
    ]


def _check_lenses(content: Content, role_ids: set[str], stage_ids: set[str]) -> list[Finding]:
    """A lens links to roles and stages that exist, and its seniority points climb."""
    found: list[Finding] = []
    for n, lens in enumerate(content.lenses):
        base: Loc = ("lenses", n)
        for j, role_id in enumerate(lens.roles):
            found += _known("lenses.yaml", (*base, "roles", j), role_id, role_ids, "role")
        for j, stage_id in enumerate(lens.stages):
            found += _known("lenses.yaml", (*base, "stages", j), stage_id, stage_ids, "stage")
        for field, ids in (("roles", lens.roles), ("stages", lens.stages)):
            if len(set(ids)) != len(ids):
                found.append(("lenses.yaml", (*base, field), "lists the same id twice"))
        ranks = [LEVELS.index(point.level) for point in lens.with_seniority]
        for j in range(1, len(ranks)):
            if ranks[j] <= ranks[j - 1]:
                loc = (*base, "with_seniority", j, "level")
                message = (
                    f"'{lens.with_seniority[j].level}' comes after "
                    f"'{lens.with_seniority[j - 1].level}'; list each level once, junior first"
                )
                found.append(("lenses.yaml", loc, message))
    return found


def _check_item_ids(route: RouteFile) -> list[Finding]:
    """Deliverable and "done when" ids are unique across the whole route: plans store them."""
    found: list[Finding] = []
    seen: dict[str, str] = {}
    for s, stage in enumerate(route.stages):
        items: list[tuple[Loc, str]] = [(("stages", s, "deliverable", "id"), stage.deliverable.id)]
        for c, criterion in enumerate(stage.done_when):
            items.append((("stages", s, "done_when", c, "id"), criterion.id))
        for loc, ident in items:
            if ident in seen:
                message = f"duplicate item id '{ident}' (already used in stage '{seen[ident]}')"
                found.append(("route.yaml", loc, message))
            else:
                seen[ident] = stage.id
    return found


def _check_quiz(quiz: QuizFile, role_ids: set[str], trait_ids: set[str]) -> list[Finding]:
    found: list[Finding] = []
    loc: Loc
    used_traits: set[str] = set()
    for q, question in enumerate(quiz.questions):
        found += _unique("quiz.yaml", ("questions", q, "options"), question.options, "option")
        for o, option in enumerate(question.options):
            for trait_id in option.weights:
                loc = ("questions", q, "options", o, "weights", trait_id)
                found += _known("quiz.yaml", loc, trait_id, trait_ids, "trait")
                used_traits.add(trait_id)
    # A reason is quoted as the chosen answer's own: two answers sharing one say nothing apart.
    reasons: dict[str, str] = {}
    for q, question in enumerate(quiz.questions):
        for o, option in enumerate(question.options):
            first = reasons.setdefault(option.reason, f"{question.id}.{option.id}")
            if first != f"{question.id}.{option.id}":
                loc = ("questions", q, "options", o, "reason")
                message = f"repeats the reason of option '{first}'; each answer needs its own"
                found.append(("quiz.yaml", loc, message))
    for t, trait in enumerate(quiz.traits):
        if trait.id not in used_traits:
            loc = ("traits", t, "id")
            found.append(("quiz.yaml", loc, f"trait '{trait.id}' is weighted by no option"))

    options = {q.id: {o.id for o in q.options} for q in quiz.questions}
    for role_id, answers in quiz.archetypes.items():
        loc = ("archetypes", role_id)
        found += _known("quiz.yaml", loc, role_id, role_ids, "role")
        for question_id, option_id in answers.items():
            if question_id not in options:
                message = f"unknown question '{question_id}'"
                found.append(("quiz.yaml", (*loc, question_id), message))
            elif option_id not in options[question_id]:
                message = f"'{option_id}' is not an option of question '{question_id}'"
                found.append(("quiz.yaml", (*loc, question_id), message))
        missing = [q for q in options if q not in answers]
        if missing:
            found.append(("quiz.yaml", loc, f"no answer for question(s) {', '.join(missing)}"))
    for role_id in sorted(role_ids - set(quiz.archetypes)):
        message = f"role '{role_id}' has no archetype answer set"
        found.append(("quiz.yaml", ("archetypes",), message))
    return found
