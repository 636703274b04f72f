"""The process-wide holder of the loaded content. Views call `get()`; nothing opens files."""

from __future__ import annotations

from pathlib import Path

from .content import Content
from .loader import load_content
from .problems import ContentError, Problem

_content: Content | None = None
_problems: list[Problem] = []


def load(directory: Path | str) -> None:
    """Load and keep the content, or keep the problems that stop it loading."""
    global _content, _problems
    try:
        _content, _problems = load_content(directory), []
    except ContentError as error:
        _content, _problems = None, [p for p in error.problems if p.severity == "error"]


def get() -> Content:
    if _content is None:
        lines = "\n".join(str(p) for p in _problems) or "content was never loaded"
        raise RuntimeError(f"content is not available:\n{lines}")
    return _content


def problems() -> list[Problem]:
    return list(_problems)


def replace(content: Content) -> None:
    """Swap in other content (tests point the site at a temporary content tree)."""
    global _content, _problems
    _content, _problems = content, []
