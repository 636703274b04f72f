"""Re-estimate the route for one background and, optionally, one target role. Pure: no Django.

The rule (stated on the plan page and in docs/plan.md): a stage's hours are shared equally
between the skills it teaches. A skill the background carries over strongly counts at half
its share, partially at three quarters, and a new skill in full; the stage is rounded up to a
whole hour. So a stage never drops below half its hours (the deliverable still has to be
built), and never grows. Optional stages are in the plan only when the role leans on them or
the person adds them.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from content_engine.content import Content
from content_engine.schema import Background, Role, Skill, Stage

Strength = Literal["strong", "partial", "new"]
Kind = Literal["familiar", "partly-new", "new"]
Inclusion = Literal["core", "role", "added", "skipped"]

FACTOR: dict[Strength, Fraction] = {
    "strong": Fraction(1, 2),
    "partial": Fraction(3, 4),
    "new": Fraction(1),
}
RANK: dict[Strength, int] = {"new": 0, "partial": 1, "strong": 2}
FAMILIAR_BELOW = Fraction(3, 4)  # a stage counting at under three quarters is mostly familiar

RULE = (
    "Each stage's hours are shared equally between the skills it teaches. A skill your "
    "background carries over strongly counts at half its share, one that carries over partly "
    "at three quarters, and a new skill in full; each stage is rounded up to a whole hour. A "
    "stage never drops below half its hours, because you still build and ship its deliverable."
)


@dataclass(frozen=True)
class SkillFit:
    """How much of one skill a background already brings, and the map rows that say so."""

    skill: Skill
    strength: Strength
    because: tuple[str, ...]  # the transfers' "you already do this" lines; empty when new

    @property
    def listed_as_new(self) -> bool:
        return not self.because and self.strength == "new"


@dataclass(frozen=True)
class StageEstimate:
    stage: Stage
    number: int
    full_hours: int
    hours: int  # re-estimated; equals full_hours for a stage whose skills are all new
    factor: Fraction
    kind: Kind
    inclusion: Inclusion
    key_for_role: bool
    skills: tuple[SkillFit, ...]

    @property
    def included(self) -> bool:
        return self.inclusion != "skipped"

    @property
    def saved_hours(self) -> int:
        return self.full_hours - self.hours


@dataclass(frozen=True)
class RouteEstimate:
    background: Background
    role: Role | None
    stages: tuple[StageEstimate, ...]  # every stage of the route, in order, included or not

    @property
    def included(self) -> tuple[StageEstimate, ...]:
        return tuple(s for s in self.stages if s.included)

    @property
    def total_hours(self) -> int:
        return sum(s.hours for s in self.included)

    @property
    def full_route_hours(self) -> int:
        return sum(s.full_hours for s in self.stages)

    @property
    def carried_over_hours(self) -> int:
        """What the background saves: the included stages' hours it already covers."""
        return sum(s.saved_hours for s in self.included)

    @property
    def optional_hours_left_out(self) -> int:
        """What leaving out optional stages saves: their full hours. Not carried over."""
        return sum(s.full_hours for s in self.stages if not s.included)


def skill_fit(content: Content, *, background: Background, skill_id: str) -> SkillFit:
    """A skill on the background's "genuinely new" list is new; otherwise the strongest
    transfer naming it decides; a skill no transfer names is new (nothing says it carries)."""
    skill = content.skill_by_id[skill_id]
    if skill_id in background.new_skills:
        return SkillFit(skill, "new", ())
    naming = [t for t in background.transfers if skill_id in t.skills]
    if not naming:
        return SkillFit(skill, "new", ())
    best: Strength = max((t.strength for t in naming), key=RANK.__getitem__)
    because = tuple(t.already for t in naming if t.strength == best)
    return SkillFit(skill, best, because if best != "new" else ())


def stage_hours(full_hours: int, strengths: Collection[Strength]) -> tuple[int, Fraction]:
    """(re-estimated hours, the factor applied): the mean of the skills' factors, rounded up."""
    factor = sum((FACTOR[s] for s in strengths), Fraction(0)) / len(strengths)
    return max(1, math.ceil(full_hours * factor)), factor


def _kind(factor: Fraction) -> Kind:
    if factor == 1:
        return "new"
    return "familiar" if factor < FAMILIAR_BELOW else "partly-new"


def _inclusion(stage: Stage, key_stages: Collection[str], added: Collection[str]) -> Inclusion:
    """Whether a plan includes a stage: every core stage; an optional one when the role leans
    on it or the person added it."""
    if not stage.optional:
        return "core"
    if stage.id in key_stages:
        return "role"
    return "added" if stage.id in added else "skipped"


def included_stages(content: Content, *, role: Role | None, added: Collection[str]) -> list[Stage]:
    """The stages a plan includes, by the rule estimate_route follows, without estimating."""
    key_stages = set(role.key_stages) if role else set()
    return [s for s in content.stages if _inclusion(s, key_stages, added) != "skipped"]


def estimate_route(
    content: Content,
    *,
    background: Background,
    role: Role | None = None,
    added: Collection[str] = (),
) -> RouteEstimate:
    """Every stage with its re-estimated hours, why, and whether the plan includes it.
    `added` names optional stages the person chose to include."""
    key_stages = set(role.key_stages) if role else set()
    stages: list[StageEstimate] = []
    for number, stage in enumerate(content.stages, start=1):
        fits = tuple(skill_fit(content, background=background, skill_id=s) for s in stage.skills)
        hours, factor = stage_hours(stage.hours, [f.strength for f in fits])
        inclusion = _inclusion(stage, key_stages, added)
        stages.append(
            StageEstimate(
                stage=stage,
                number=number,
                full_hours=stage.hours,
                hours=hours,
                factor=factor,
                kind=_kind(factor),
                inclusion=inclusion,
                key_for_role=stage.id in key_stages,
                skills=fits,
            )
        )
    return RouteEstimate(background, role, tuple(stages))
