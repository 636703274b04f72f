"""A content problem, reported to editors as `path:line: field.path: message`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Loc = tuple[str | int, ...]


def nearest_line(lines: dict[Loc, int], loc: Loc) -> int:
    """The line of the deepest part of `loc` that has one (a missing field: its parent's line)."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return 1


def format_loc(loc: Loc) -> str:
    """('roles', 3, 'key_skills', 2) -> 'roles[3].key_skills[2]'."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(file)"


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str
    severity: Literal["error", "warning"] = "error"
    # The content guide's rule it breaks (content_engine/rules.py); "" lets the report work
    # it out from the field and the message.
    rule: str = ""

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}: {self.field}: {prefix}{self.message}"


class ContentError(Exception):
    """Raised when content is invalid; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.path, p.line, p.field))
        super().__init__("\n".join(str(p) for p in self.problems))
