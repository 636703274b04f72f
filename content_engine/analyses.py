"""Heavier content analyses that apps contribute to `check_content` (the quiz registers its
balance analysis here), so the content engine never imports an app.

They run in `check_content`, the tests and CI, never at server start-up."""

from __future__ import annotations

from collections.abc import Callable

from .content import Content
from .problems import Problem

Analysis = Callable[[Content], list[Problem]]

_registered: dict[str, Analysis] = {}


def register(name: str, analysis: Analysis) -> None:
    """Add (or replace) a named analysis; registering twice under one name keeps one."""
    _registered[name] = analysis


def run_all(content: Content) -> list[Problem]:
    return [problem for analysis in _registered.values() for problem in analysis(content)]


def names() -> list[str]:
    return list(_registered)
