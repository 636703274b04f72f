"""Side-by-side comparison of two roles, differences first. Pure: no Django.

What each role emphasises comes from the roles' trait profiles (the 0 to 5 weights the quiz
matches against), not from their five key skills: a skill missing from one role's top five may
still be part of that role's work, so skills are only ever described as "in A's top five, not
B's"."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from content_engine.content import Content
from content_engine.queries import key_stages
from content_engine.schema import Role

LEANS_MORE = 2  # a trait weighs at least this much more in one role than in the other
CENTRAL = 3  # a trait weighing at least this much is central to a role


class TraitWeights(NamedTuple):
    """One quiz trait and how much it weighs in each of the two roles (0 to 5)."""

    name: str
    left: int
    right: int


@dataclass(frozen=True)
class Row:
    label: str
    left: str
    right: str
    differs: bool


@dataclass
class RoleComparison:
    left: Role | None = None
    right: Role | None = None
    selected_a: str = ""
    selected_b: str = ""
    messages: list[str] = field(default_factory=list)
    unknown: bool = False
    rows: list[Row] = field(default_factory=list)
    shared_skills: list[str] = field(default_factory=list)
    only_left_skills: list[str] = field(default_factory=list)
    only_right_skills: list[str] = field(default_factory=list)
    left_leans: list[TraitWeights] = field(default_factory=list)  # heavier in left, by most
    right_leans: list[TraitWeights] = field(default_factory=list)
    both_lean: list[TraitWeights] = field(default_factory=list)  # central to both, alike
    close: bool = False  # no trait weighs two points more in one role than in the other

    @property
    def ready(self) -> bool:
        return self.left is not None and self.right is not None and not self.messages


def _pick(content: Content, values: list[str], label: str, result: RoleComparison) -> Role | None:
    """The role named first in `values` (a repeated parameter uses its first value)."""
    if not values or not values[0].strip():
        result.messages.append(f"Choose role {label}.")
        return None
    wanted = values[0].strip()[:80]
    role = content.role_by_id.get(wanted)
    if role is None:
        result.messages.append(f"There is no role called “{wanted}” (role {label}).")
        result.unknown = True
    return role


def compare_roles(content: Content, *, a: list[str], b: list[str]) -> RoleComparison:
    result = RoleComparison()
    if not a and not b:
        return result  # the empty form: nothing to complain about yet
    left, right = _pick(content, a, "A", result), _pick(content, b, "B", result)
    result.selected_a = left.id if left else ""
    result.selected_b = right.id if right else ""
    if left and right and left.id == right.id:
        result.messages.append("Pick two different roles to compare.")
    result.left, result.right = left, right
    if not result.ready:
        return result
    assert left and right
    levels = (left.seniority.span, right.seniority.span)
    candidates = [
        ("Software counterpart", left.counterpart, right.counterpart),
        ("In one line", left.summary, right.summary),
        ("Seniority range", *levels),
        ("Needs the deep ML track", _yes(left.needs_deep_ml), _yes(right.needs_deep_ml)),
        (
            "Suits backgrounds",
            _names(content, left.backgrounds),
            _names(content, right.backgrounds),
        ),
        ("Route stages that matter most", _stages(content, left), _stages(content, right)),
    ]
    rows = [Row(label, lv, rv, lv != rv) for label, lv, rv in candidates]
    result.rows = sorted(rows, key=lambda row: not row.differs)  # differences first
    result.shared_skills = [s for s in left.key_skills if s in right.key_skills]
    result.only_left_skills = [s for s in left.key_skills if s not in right.key_skills]
    result.only_right_skills = [s for s in right.key_skills if s not in left.key_skills]
    weights = [
        TraitWeights(t.name, left.traits.get(t.id, 0), right.traits.get(t.id, 0))
        for t in content.quiz.traits
    ]
    # Close profiles (no trait two points apart) still differ: name the one-point gaps then.
    result.close = not any(abs(w.left - w.right) >= LEANS_MORE for w in weights)
    gap = 1 if result.close else LEANS_MORE
    result.left_leans = sorted(
        (w for w in weights if w.left - w.right >= gap), key=lambda w: w.right - w.left
    )
    result.right_leans = sorted(
        (w for w in weights if w.right - w.left >= gap), key=lambda w: w.left - w.right
    )
    result.both_lean = [
        w for w in weights if min(w.left, w.right) >= CENTRAL and abs(w.left - w.right) < LEANS_MORE
    ]
    return result


def _yes(flag: bool) -> str:
    return "Yes" if flag else "No"


def _names(content: Content, background_ids: list[str]) -> str:
    return ", ".join(content.background_by_id[b].name for b in background_ids)


def _stages(content: Content, role: Role) -> str:
    return ", ".join(
        f"{content.stage_number[s.id]}. {s.title}" for s in key_stages(content, role=role)
    )
