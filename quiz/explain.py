"""Why the best fit beat the runner-up, what the runner-up would have needed, what would change
the result, and how stable it is. Pure functions of (quiz, roles, answers); no Django.

Fit is 50 × (1 + corr(person, role)) (see quiz.fit). The person's centred vector is the sum
of each answer's centred contribution, so the gap between two roles splits exactly into one
share per answer:

    fit(a) − fit(b) = 50 / |centred person| × Σ over answers of centred(answer) · (z(a) − z(b))

where z(role) is the role's centred profile scaled to length 1. `answer_effects` returns those
shares; they add up to the gap. docs/quiz-scoring.md works an example through.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Literal

from content_engine.schema import Option, QuizFile, Role

from .fit import add_up, answer_vectors, gap_shares, option_vectors, role_profile, unit_shape
from .scoring import QuizResult, result_for

Verdict = Literal["clear", "close", "two-good"]
CLEAR_FIT_POINTS = 8.0  # a margin this wide or wider is "a clear fit"
TWO_GOOD_POINTS = 3.0  # under this, the two are "two good fits" (scoring.CLOSE_CALL_POINTS)
MAX_CHANGES = 2  # the most answers "what would change this" will change together


@dataclass(frozen=True)
class AnswerEffect:
    question_id: str
    option_id: str
    effect: float  # this answer's share of fit(a) - fit(b), in fit points


@dataclass(frozen=True)
class Swap:
    question_id: str
    from_option: str
    to_option: str


@dataclass(frozen=True)
class Change:
    """The fewest answers that, changed together, give another best fit."""

    swaps: tuple[Swap, ...]
    new_best: str
    new_margin: float


@dataclass(frozen=True)
class Explanation:
    verdict: Verdict
    for_best: tuple[AnswerEffect, ...]  # answers that favoured the best fit over the runner-up
    for_runner_up: tuple[AnswerEffect, ...]  # and those that favoured the runner-up (effect < 0)
    runner_up_needs: Swap | None  # the one change that would have helped the runner-up most
    change: Change | None  # None: no change of up to MAX_CHANGES answers moves the best fit
    kept: int  # single-answer changes that keep the same best fit
    alternatives: int  # all single-answer changes


def verdict(margin: float) -> Verdict:
    if margin >= CLEAR_FIT_POINTS:
        return "clear"
    return "close" if margin >= TWO_GOOD_POINTS else "two-good"


def primary_trait(option: Option, trait_order: Sequence[str]) -> str:
    """The trait an option says most about: its heaviest weight, ties in the quiz's trait
    order. Every reason that quotes this option tags it with this one trait."""
    return min(option.weights, key=lambda t: (-option.weights[t], trait_order.index(t)))


class _Space:
    """The quiz's arithmetic, worked out once per explanation."""

    def __init__(self, quiz: QuizFile, roles: Sequence[Role]) -> None:
        self.quiz, self.roles = quiz, roles
        self.trait_ids = [t.id for t in quiz.traits]
        self.vectors = option_vectors(quiz)
        self.role_ids = [role.id for role in roles]
        self.profiles = [role_profile(role, self.trait_ids) for role in roles]
        self.unit = {r: unit_shape(p) for r, p in zip(self.role_ids, self.profiles, strict=True)}

    def result(self, answers: Mapping[str, str]) -> QuizResult:
        """What scoring.score gives, without working the option vectors out again."""
        person = add_up(answer_vectors(self.quiz, self.vectors, answers))
        return result_for(person, self.profiles, self.role_ids, self.trait_ids)

    def effects(self, answers: Mapping[str, str], a: str, b: str) -> list[AnswerEffect]:
        parts = answer_vectors(self.quiz, self.vectors, answers)
        shares = gap_shares(parts, self.unit[a], self.unit[b])
        return [
            AnswerEffect(q.id, answers[q.id], share)
            for q, share in zip(self.quiz.questions, shares, strict=False)  # no shares: flat
        ]

    def swaps(self, answers: Mapping[str, str]) -> Iterator[Swap]:
        for question in self.quiz.questions:
            for option in question.options:
                if option.id != answers[question.id]:
                    yield Swap(question.id, answers[question.id], option.id)


def answer_effects(
    quiz: QuizFile, roles: Sequence[Role], answers: Mapping[str, str], a: str, b: str
) -> list[AnswerEffect]:
    """Each answer's share of fit(a) − fit(b), in question order (empty for flat answers)."""
    return _Space(quiz, roles).effects(answers, a, b)


def explain(
    quiz: QuizFile, roles: Sequence[Role], answers: Mapping[str, str], result: QuizResult
) -> Explanation:
    space = _Space(quiz, roles)
    best, runner = result.best.role_id, result.runner_up.role_id
    effects = space.effects(answers, best, runner)
    for_best = tuple(sorted((e for e in effects if e.effect > 0), key=lambda e: -e.effect))
    for_runner_up = tuple(sorted((e for e in effects if e.effect < 0), key=lambda e: e.effect))

    singles = list(space.swaps(answers))
    outcomes = [(swap, space.result(_apply(answers, (swap,)))) for swap in singles]
    kept = sum(1 for _, after in outcomes if after.best.role_id == best)
    runner_up_needs = max(
        singles,
        key=lambda s: _gap(space, _apply(answers, (s,)), runner, best),
        default=None,
    )
    return Explanation(
        verdict=verdict(result.margin),
        for_best=for_best,
        for_runner_up=for_runner_up,
        runner_up_needs=runner_up_needs,
        change=_smallest_change(space, answers, best, singles, outcomes),
        kept=kept,
        alternatives=len(singles),
    )


def _smallest_change(
    space: _Space,
    answers: Mapping[str, str],
    best: str,
    singles: Sequence[Swap],
    outcomes: Sequence[tuple[Swap, QuizResult]],
) -> Change | None:
    """The fewest answers to change for another best fit; among those, the change that gives
    the new best fit its widest lead (the most convincing way the result could have gone)."""
    flips = [
        Change((swap,), after.best.role_id, after.margin)
        for swap, after in outcomes
        if after.best.role_id != best
    ]
    size = 1
    while not flips and size < MAX_CHANGES:
        size += 1
        flips = []
        for group in combinations(singles, size):
            if len({s.question_id for s in group}) < size:
                continue
            after = space.result(_apply(answers, group))
            if after.best.role_id != best:
                flips.append(Change(group, after.best.role_id, after.margin))
    return max(flips, key=lambda c: c.new_margin, default=None)


def _gap(space: _Space, answers: Mapping[str, str], a: str, b: str) -> float:
    return sum(e.effect for e in space.effects(answers, a, b))


def _apply(answers: Mapping[str, str], swaps: Sequence[Swap]) -> dict[str, str]:
    changed = dict(answers)
    for swap in swaps:
        changed[swap.question_id] = swap.to_option
    return changed
