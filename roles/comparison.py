"""Side-by-side comparison of two roles, differences first. Pure: no Django."""

from __future__ import annotations

from dataclasses import dataclass, field

from content_engine.content import Content
from content_engine.queries import key_stages
from content_engine.schema import Role


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
    levels = (
        f"{left.seniority.lowest} to {left.seniority.highest}",
        f"{right.seniority.lowest} to {right.seniority.highest}",
    )
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
    return result


def _yes(flag: bool) -> str:
    return "Yes" if flag else "No"


def _names(content: Content, background_ids: list[str]) -> str:
    return ", ".join(content.background_by_id[b].name for b in background_ids)


def _stages(content: Content, role: Role) -> str:
    return ", ".join(
        f"{content.stage_number[s.id]}. {s.title}" for s in key_stages(content, role=role)
    )
