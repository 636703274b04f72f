"""Cross-reference rules: every id a file mentions exists, ids are unique, nothing is orphaned."""

from __future__ import annotations

from collections.abc import Iterable

from .problems import Loc
from .schema import LEVELS, BackgroundsFile, QuizFile, RolesFile, RouteFile, SiteFile, SkillsFile

Finding = tuple[str, Loc, str]  # (file name, location in that file, message)


def _unique(file: str, loc: Loc, items: Iterable[object], what: str) -> list[Finding]:
    seen: set[str] = set()
    found: list[Finding] = []
    for index, item in enumerate(items):
        ident = item.id  # type: ignore[attr-defined]
        if ident in seen:
            found.append((file, (*loc, index, "id"), f"duplicate {what} id '{ident}'"))
        seen.add(ident)
    return found


def _known(file: str, loc: Loc, ident: str, known: set[str], what: str) -> list[Finding]:
    if ident in known:
        return []
    return [(file, loc, f"unknown {what} '{ident}'")]


def check_references(files: dict[str, object]) -> list[Finding]:
    site: SiteFile = files["site.yaml"]  # type: ignore[assignment]
    skills: SkillsFile = files["skills.yaml"]  # type: ignore[assignment]
    backgrounds: BackgroundsFile = files["backgrounds.yaml"]  # type: ignore[assignment]
    roles: RolesFile = files["roles.yaml"]  # type: ignore[assignment]
    route: RouteFile = files["route.yaml"]  # type: ignore[assignment]
    quiz: QuizFile = files["quiz.yaml"]  # type: ignore[assignment]

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
    found += _unique("lenses.yaml", ("lenses",), files["lenses.yaml"].lenses, "lens")  # type: ignore[attr-defined]
    found += _unique("faq.yaml", ("questions",), files["faq.yaml"].questions, "question")  # type: ignore[attr-defined]
    found += _unique("faq.yaml", ("mistakes",), files["faq.yaml"].mistakes, "mistake")  # type: ignore[attr-defined]
    found += _unique(
        "comparisons.yaml",
        ("comparisons",),
        files["comparisons.yaml"].comparisons,
        "comparison",  # type: ignore[attr-defined]
    )
    found += _unique("quiz.yaml", ("traits",), quiz.traits, "trait")
    found += _unique("quiz.yaml", ("questions",), quiz.questions, "question")

    for i, added in enumerate(site.you_add):
        found += _known("site.yaml", ("you_add", i, "skill"), added.skill, skill_ids, "skill")

    for b, background in enumerate(backgrounds.backgrounds):
        for j, skill in enumerate(background.new_skills):
            loc = ("backgrounds", b, "new_skills", j)
            found += _known("backgrounds.yaml", loc, skill, skill_ids, "skill")
        for j, role in enumerate(background.suited_roles):
            loc = ("backgrounds", b, "suited_roles", j)
            found += _known("backgrounds.yaml", loc, role, role_ids, "role")

    for r, role in enumerate(roles.roles):
        base: Loc = ("roles", r)
        for j, skill in enumerate(role.key_skills):
            found += _known("roles.yaml", (*base, "key_skills", j), skill, skill_ids, "skill")
        if len(set(role.key_skills)) != len(role.key_skills):
            found.append(("roles.yaml", (*base, "key_skills"), "lists the same skill twice"))
        for j, background in enumerate(role.backgrounds):
            loc = (*base, "backgrounds", j)
            found += _known("roles.yaml", loc, background, background_ids, "background")
        for j, stage in enumerate(role.key_stages):
            found += _known("roles.yaml", (*base, "key_stages", j), stage, stage_ids, "stage")
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
        for trait in role.traits:
            found += _known("roles.yaml", (*base, "traits", trait), trait, set(trait_ids), "trait")
        if role.traits and not any(role.traits.values()):
            found.append(
                ("roles.yaml", (*base, "traits"), "every trait is 0; the quiz needs a shape")
            )

    for s, stage in enumerate(route.stages):
        for j, skill in enumerate(stage.skills):
            found += _known("route.yaml", ("stages", s, "skills", j), skill, skill_ids, "skill")

    taught = {skill for stage in route.stages for skill in stage.skills}
    for i, skill in enumerate(skills.skills):
        if skill.id not in taught:
            loc = ("skills", i, "id")
            found.append(("skills.yaml", loc, f"skill '{skill.id}' is not taught in any stage"))
    role_backgrounds = {r.id: set(r.backgrounds) for r in roles.roles}
    for b, background in enumerate(backgrounds.backgrounds):
        for j, role in enumerate(background.suited_roles):
            if role in role_backgrounds and background.id not in role_backgrounds[role]:
                loc = ("backgrounds", b, "suited_roles", j)
                message = f"role '{role}' does not list '{background.id}' in its backgrounds"
                found.append(("backgrounds.yaml", loc, message))
    reachable = {role for b in backgrounds.backgrounds for role in b.suited_roles}
    for r, role in enumerate(roles.roles):
        if role.id not in reachable:
            loc = ("roles", r, "id")
            found.append(
                ("roles.yaml", loc, f"role '{role.id}' is in no background's suited_roles")
            )

    found += _check_quiz(quiz, role_ids, set(trait_ids))
    return found


def _check_quiz(quiz: QuizFile, role_ids: set[str], trait_ids: set[str]) -> list[Finding]:
    found: list[Finding] = []
    used_traits: set[str] = set()
    for q, question in enumerate(quiz.questions):
        found += _unique("quiz.yaml", ("questions", q, "options"), question.options, "option")
        for o, option in enumerate(question.options):
            for trait in option.weights:
                loc = ("questions", q, "options", o, "weights", trait)
                found += _known("quiz.yaml", loc, trait, trait_ids, "trait")
                used_traits.add(trait)
    for t, trait in enumerate(quiz.traits):
        if trait.id not in used_traits:
            loc = ("traits", t, "id")
            found.append(("quiz.yaml", loc, f"trait '{trait.id}' is weighted by no option"))

    options = {q.id: {o.id for o in q.options} for q in quiz.questions}
    for role, answers in quiz.archetypes.items():
        loc: Loc = ("archetypes", role)
        found += _known("quiz.yaml", loc, role, role_ids, "role")
        for question, option in answers.items():
            if question not in options:
                found.append(("quiz.yaml", (*loc, question), f"unknown question '{question}'"))
            elif option not in options[question]:
                msg = f"'{option}' is not an option of question '{question}'"
                found.append(("quiz.yaml", (*loc, question), msg))
        missing = [q for q in options if q not in answers]
        if missing:
            found.append(("quiz.yaml", loc, f"no answer for question(s) {', '.join(missing)}"))
    for role in sorted(role_ids - set(quiz.archetypes)):
        found.append(("quiz.yaml", ("archetypes",), f"role '{role}' has no archetype answer set"))
    return found
