"""A result and its explanation for an answer set, worked out once per content version: several
test modules read the fourteen archetypes' results, and explaining one costs a tenth of a
second."""

from __future__ import annotations

from collections.abc import Mapping

from content_engine.content import Content
from quiz.explain import Explanation, explain
from quiz.scoring import QuizResult, score
from quiz.snapshot import ResultSnapshot, result_snapshot

_worked_out: dict[tuple[str, frozenset[tuple[str, str]]], tuple[QuizResult, Explanation]] = {}


def explained(content: Content, answers: Mapping[str, str]) -> tuple[QuizResult, Explanation]:
    key = (content.version, frozenset(answers.items()))
    if key not in _worked_out:
        result = score(content.quiz, content.roles, answers)
        _worked_out[key] = (result, explain(content.quiz, content.roles, answers, result))
    return _worked_out[key]


def snapshot_for(
    content: Content, answers: Mapping[str, str], background: str = ""
) -> ResultSnapshot:
    """The snapshot a submission of `answers` stores (a fresh dict each call)."""
    result, explanation = explained(content, answers)
    return result_snapshot(content, result, explanation, background)
