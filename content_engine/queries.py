"""Read-only questions asked of the loaded content, keyword-only and typed, kept out of views."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from .content import Content
from .schema import Background, Role, Skill, Stage

type Strength = Literal["strong", "partial", "new"]
STRENGTH_RANK: dict[Strength, int] = {"new": 0, "partial": 1, "strong": 2}


def roles_for_stage(content: Content, *, stage: Stage) -> list[Role]:
    """The roles that count this stage among the ones that matter most."""
    return [role for role in content.roles if stage.id in role.key_stages]


def stages_teaching(content: Content, *, skill: Skill) -> list[Stage]:
    return [stage for stage in content.stages if skill.id in stage.skills]


def roles_needing(content: Content, *, skill: Skill) -> list[Role]:
    return [role for role in content.roles if skill.id in role.key_skills]


def skill_strength(*, background: Background, skill_id: str) -> Strength:
    """How strongly a background carries a skill over, in the map's own words: new when the
    background lists it as genuinely new or no transfer names it, else the strongest transfer
    naming it."""
    if skill_id in background.new_skills:
        return "new"
    naming = [t.strength for t in background.transfers if skill_id in t.skills]
    return max(naming, key=STRENGTH_RANK.__getitem__, default="new")


def backgrounds_for_skill(content: Content, *, skill: Skill) -> list[tuple[Background, Strength]]:
    """Every background, and how strongly it carries this skill over."""
    return [(b, skill_strength(background=b, skill_id=skill.id)) for b in content.backgrounds]


def roles_matching(
    content: Content, *, background: str | None = None, deep_ml: bool | None = None
) -> list[Role]:
    """The roles that suit a background and/or do (or don't) need the deep ML track."""
    roles = content.roles
    if background:
        roles = [r for r in roles if background in r.backgrounds]
    if deep_ml is not None:
        roles = [r for r in roles if r.needs_deep_ml == deep_ml]
    return roles


def numbered_stages(content: Content, *, stage_ids: Iterable[str]) -> list[tuple[int, Stage]]:
    """The stages named, each with its number on the route, in route order."""
    numbered = ((content.stage_number[s], content.stage_by_id[s]) for s in stage_ids)
    return sorted(numbered, key=lambda pair: pair[0])


def key_stages(content: Content, *, role: Role) -> list[Stage]:
    """The route stages a role leans on most, in route order."""
    return [stage for _, stage in numbered_stages(content, stage_ids=role.key_stages)]


CARRY: dict[Strength, Fraction] = {
    "strong": Fraction(1),
    "partial": Fraction(1, 2),
    "new": Fraction(0),
}


def mostly_familiar(background: Background, *, stage: Stage) -> bool:
    """Whether a background already knows most of a stage: its skills carry over by more than
    half on average, a strong transfer counting in full, a partial one as half and a new skill
    as nothing. It is the same line My plan draws between familiar and partly new stages (there
    a stage shrinks to under three quarters of its hours)."""
    carried = sum(
        (CARRY[skill_strength(background=background, skill_id=s)] for s in stage.skills),
        Fraction(0),
    )
    return carried / len(stage.skills) > Fraction(1, 2)


def familiar_stages(content: Content, *, background: Background) -> list[Stage]:
    """The route stages a background mostly knows already, in route order."""
    return [stage for stage in content.stages if mostly_familiar(background, stage=stage)]


@dataclass(frozen=True)
class LooserFilter:
    """One filter dropped from a roles search that matched nothing, and what is left."""

    dropped: Literal["background", "deep_ml"]
    background: str | None
    deep_ml: bool | None
    roles: list[Role]


def looser_filters(
    content: Content, *, background: str | None, deep_ml: bool | None
) -> list[LooserFilter]:
    """When a background and the deep-ML filter together match no role, what each gives with
    the other dropped: the nearest searches that do match something. Empty otherwise."""
    if (
        not background
        or deep_ml is None
        or roles_matching(content, background=background, deep_ml=deep_ml)
    ):
        return []
    options = [
        LooserFilter("deep_ml", background, None, roles_matching(content, background=background)),
        LooserFilter("background", None, deep_ml, roles_matching(content, deep_ml=deep_ml)),
    ]
    return [option for option in options if option.roles]
