"""Heavier content analyses that apps contribute to `check_content` (the quiz registers its
balance analysis here), so the content engine never imports an app.

They run in `check_content`, the tests and CI, never at server start-up."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from .content import Content
from .problems import Problem

Analysis = Callable[[Content], list[Problem]]


class AnalysisUnavailable(Exception):
    """An analysis needs a library this install does not have (numpy, for the quiz balance,
    comes with the project's `tools` extra, which the web process never needs)."""

    def __init__(self, name: str, missing: str) -> None:
        self.name, self.missing = name, missing
        super().__init__(
            f"the {name} analysis needs {missing}, which this install does not have; install "
            "the project's tools extra (pip install -e '.[tools]'), or run `make check-content`, "
            "whose virtual environment has it"
        )


_registered: dict[str, Analysis] = {}
_rules: dict[str, str] = {}


def register(name: str, analysis: Analysis, *, rule: str = "") -> None:
    """Add (or replace) a named analysis; registering twice under one name keeps one.

    `rule` is the content guide's rule its problems break (a code in content_engine/rules.py),
    given to each of its problems that does not name one itself."""
    _registered[name] = analysis
    _rules[name] = rule


def run_all(content: Content) -> list[Problem]:
    found = []
    for name, analysis in _registered.items():
        rule = _rules.get(name, "")
        try:
            problems = analysis(content)
        except ModuleNotFoundError as error:
            raise AnalysisUnavailable(name, error.name or "a module") from None
        found += [p if p.rule or not rule else replace(p, rule=rule) for p in problems]
    return found


def names() -> list[str]:
    return list(_registered)


def rules() -> dict[str, str]:
    """Analysis name -> the rule code its problems are reported under ("" if none)."""
    return {name: _rules.get(name, "") for name in _registered}
