"""Why the best fit beat the runner-up, why the runner-up came second and what it would have
needed, what would change the result, and how settled it is. Pure functions of (quiz, roles,
answers); no Django.

Fit is 50 × (1 + corr(person, role)) (see quiz.fit). The person's centred vector is the sum
of each answer's centred contribution, so the gap between two roles splits exactly into one
share per answer:

    fit(a) − fit(b) = 50 / |centred person| × Σ over answers of centred(answer) · (z(a) − z(b))

where z(role) is the role's centred profile scaled to length 1. `answer_effects` returns those
shares; they add up to the gap.

The verdict, the stability count and "what would change this" all come from one analysis: every
one-answer change, scored. No single change moves the best fit: "clear", and any change that
does takes two answers. Some do: "close", or "two good fits" when more than a third do. So a
result can never be called clear while one answer could tip it, nor close while nothing could.
docs/quiz-scoring.md works an example through.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Literal

from content_engine.schema import Option, QuizFile, Role

from .fit import (
    add_up,
    answer_vectors,
    dot,
    gap_shares,
    is_flat,
    option_vectors,
    role_profile,
    unit_shape,
)
from .scoring import QuizResult, result_for

Verdict = Literal["clear", "close", "two-good"]
# More than this share of the one-answer changes moving the best fit: "two good fits".
TWO_GOOD_SHARE = 1 / 3
MAX_CHANGES = 2  # the most answers "what would change this" changes together (one, else a pair)


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
    new_margin: float  # the new best fit's lead over its own runner-up
    new_fit: float  # the new best fit's fit after the change
    over_both: bool  # the new best is neither today's best fit nor its runner-up


@dataclass(frozen=True)
class Need:
    """The one answer change that would have done most for the runner-up against the best fit."""

    swap: Swap
    takes_lead: bool  # the runner-up would then be the best fit
    gap_after: float  # fit(best) − fit(runner-up) after the change


@dataclass(frozen=True)
class Explanation:
    verdict: Verdict
    for_best: tuple[AnswerEffect, ...]  # answers that favoured the best fit over the runner-up
    for_runner_up: tuple[AnswerEffect, ...]  # and those that favoured the runner-up (effect < 0)
    # When no answer favoured the runner-up over the best fit: the answers that kept it ahead
    # of the role placed third (effect > 0 in fit(runner-up) − fit(third)).
    runner_up_support: tuple[AnswerEffect, ...]
    runner_up_needs: Need | None
    change: Change | None  # None: no change of up to MAX_CHANGES answers moves the best fit
    kept: int  # one-answer changes that keep the same best fit
    alternatives: int  # all one-answer changes

    @property
    def moved(self) -> int:
        """One-answer changes that give another best fit."""
        return self.alternatives - self.kept


def verdict(kept: int, alternatives: int) -> Verdict:
    """The verdict from the one-answer changes: none moves the best fit, a few do, or many."""
    moved = alternatives - kept
    if moved == 0:
        return "clear"
    return "two-good" if moved > alternatives * TWO_GOOD_SHARE else "close"


def primary_trait(option: Option, trait_order: Sequence[str]) -> str:
    """The trait an option says most about: its heaviest weight, ties in the quiz's trait
    order."""
    return min(option.weights, key=lambda t: (-option.weights[t], trait_order.index(t)))


def deciding_trait(option: Option, trait_order: Sequence[str], role: Role, other: Role) -> str:
    """Of the traits an option weighs, the one that does most for `role` against `other`: the
    largest weight × (role's trait − other's), ties in the option's own order of weight. When
    the role leans on none of them more than the other does, the option's primary trait."""
    gains = {
        t: w * (role.traits.get(t, 0) - other.traits.get(t, 0)) for t, w in option.weights.items()
    }
    best = max(gains.values())
    if best <= 0:
        return primary_trait(option, trait_order)
    return min(
        (t for t, gain in gains.items() if gain == best),
        key=lambda t: (-option.weights[t], trait_order.index(t)),
    )


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
    for_best = _strongest(e for e in effects if e.effect > 0)
    for_runner_up = tuple(sorted((e for e in effects if e.effect < 0), key=lambda e: e.effect))
    support: tuple[AnswerEffect, ...] = ()
    if not for_runner_up and len(result.fits) > 2:
        third = result.fits[2].role_id
        support = _strongest(e for e in space.effects(answers, runner, third) if e.effect > 0)

    # The one analysis: every one-answer change, scored once.
    outcomes = [(swap, space.result(_apply(answers, (swap,)))) for swap in space.swaps(answers)]
    kept = sum(1 for _, after in outcomes if after.best.role_id == best)
    needs = _runner_up_needs(outcomes, best, runner)
    return Explanation(
        verdict=verdict(kept, len(outcomes)),
        for_best=for_best,
        for_runner_up=for_runner_up,
        runner_up_support=support,
        runner_up_needs=needs,
        change=_smallest_change(space, answers, best, runner, outcomes, needs),
        kept=kept,
        alternatives=len(outcomes),
    )


def _strongest(effects: Iterator[AnswerEffect]) -> tuple[AnswerEffect, ...]:
    return tuple(sorted(effects, key=lambda e: -e.effect))


def _fits(result: QuizResult) -> dict[str, float]:
    return {f.role_id: f.fit for f in result.fits}


def _runner_up_needs(
    outcomes: Sequence[tuple[Swap, QuizResult]], best: str, runner: str
) -> Need | None:
    """The change that puts the runner-up on top by the widest gap; when none can, the one
    that brings it nearest the best fit."""

    def gap(after: QuizResult) -> float:
        fits = _fits(after)
        return fits[best] - fits[runner]

    if not outcomes:
        return None
    leading = [(s, after) for s, after in outcomes if after.best.role_id == runner]
    swap, after = min(leading or outcomes, key=lambda item: gap(item[1]))
    return Need(swap, takes_lead=bool(leading), gap_after=gap(after))


def _smallest_change(
    space: _Space,
    answers: Mapping[str, str],
    best: str,
    runner: str,
    outcomes: Sequence[tuple[Swap, QuizResult]],
    needs: Need | None,
) -> Change | None:
    """The fewest answers to change for another best fit. The runner-up first: when one answer
    can put it on top, the change is the one it needed. Otherwise the change that gives the new
    best fit its widest lead (the most convincing way the result could have gone)."""
    if needs is not None and needs.takes_lead:
        after = next(after for swap, after in outcomes if swap == needs.swap)
        return _change((needs.swap,), after, best, runner)
    flips = [
        _change((swap,), after, best, runner)
        for swap, after in outcomes
        if after.best.role_id != best
    ]
    if not flips and MAX_CHANGES >= 2:
        flips = [
            _change(pair, after, best, runner)
            for pair, after in _pairs_that_move(space, answers, best, [s for s, _ in outcomes])
        ]
    to_runner_up = [c for c in flips if not c.over_both]
    return max(to_runner_up or flips, key=lambda c: c.new_margin, default=None)


# Two fits closer than this (in units of a role's unit shape · the person) are scored exactly.
_SURELY_BEHIND = 1e-9


def _pairs_that_move(
    space: _Space, answers: Mapping[str, str], best: str, singles: Sequence[Swap]
) -> Iterator[tuple[tuple[Swap, Swap], QuizResult]]:
    """Every pair of changes to two different questions that gives another best fit, with its
    result. About two thousand pairs: each is first ruled out cheaply. For a person who is not
    flat, fit(role) = 50 × (1 + p · z(role) / |centred p|) (z is centred, so p · z = centred p
    · z), and the divisor is the same for every role; so a pair whose p · z leaves every other
    role clearly behind the best fit keeps it, and p · z is linear in the answers. Pairs not
    ruled out, or that make the person flat, are scored exactly."""
    units = [space.unit[r] for r in space.role_ids]
    b = space.role_ids.index(best)
    person = add_up(answer_vectors(space.quiz, space.vectors, answers))
    base = [dot(person, u) for u in units]
    change = {
        s: [
            x - y
            for x, y in zip(
                space.vectors[(s.question_id, s.to_option)],
                space.vectors[(s.question_id, s.from_option)],
                strict=True,
            )
        ]
        for s in singles
    }
    moves = {s: [dot(change[s], u) for u in units] for s in singles}
    for first, second in combinations(singles, 2):
        if first.question_id == second.question_id:
            continue
        one, two = moves[first], moves[second]
        scores = [base[i] + one[i] + two[i] for i in range(len(units))]
        after_person = [
            p + x + y for p, x, y in zip(person, change[first], change[second], strict=True)
        ]
        if not is_flat(after_person) and all(
            scores[i] < scores[b] - _SURELY_BEHIND for i in range(len(units)) if i != b
        ):
            continue
        after = space.result(_apply(answers, (first, second)))
        if after.best.role_id != best:
            yield (first, second), after


def _change(swaps: tuple[Swap, ...], after: QuizResult, best: str, runner: str) -> Change:
    new_best = after.best.role_id
    return Change(
        swaps,
        new_best,
        new_margin=after.margin,
        new_fit=after.best.fit,
        over_both=new_best not in (best, runner),
    )


def _apply(answers: Mapping[str, str], swaps: Sequence[Swap]) -> dict[str, str]:
    changed = dict(answers)
    for swap in swaps:
        changed[swap.question_id] = swap.to_option
    return changed
