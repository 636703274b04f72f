"""Quiz scoring: a pure function of (quiz content, roles, answers) -> result. No Django here.

The method (worked through in docs/quiz-scoring.md):
1. Each chosen option adds its weights to traits. A trait's score is divided by the most any
   set of answers could give it, so every trait runs from 0 to 1 whatever its total weight.
2. Each role carries a trait profile (0-5 per trait). Fit is the Pearson correlation between
   the person's profile and the role's, mapped onto 0-100%: it compares the *shape* of the two
   profiles, so no role wins by carrying more weight overall.
3. If the person's profile is flat (every trait the same), correlation says nothing; fit then
   falls back to closeness of level, which favours the roles that mix many kinds of work.
4. Ties break on level closeness, then on the order of roles in the content: deterministic.

Why one role beat another, and what would change the result, is quiz.explain.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from content_engine.schema import QuizFile, Role

FLAT_EPSILON = 1e-9
TRAIT_SCALE = 5.0


@dataclass(frozen=True)
class RoleFit:
    role_id: str
    fit: float  # 0-100
    closeness: float  # 0-1, level closeness; the first tie-break


@dataclass(frozen=True)
class QuizResult:
    fits: tuple[RoleFit, ...]  # best first
    trait_scores: dict[str, float]
    flat: bool

    @property
    def best(self) -> RoleFit:
        return self.fits[0]

    @property
    def runner_up(self) -> RoleFit:
        return self.fits[1]

    @property
    def margin(self) -> float:
        return self.best.fit - self.runner_up.fit


def max_attainable(quiz: QuizFile) -> dict[str, int]:
    """The highest score any set of answers can give each trait."""
    return {
        trait.id: sum(max(o.weights.get(trait.id, 0) for o in q.options) for q in quiz.questions)
        for trait in quiz.traits
    }


def option_contributions(quiz: QuizFile) -> dict[tuple[str, str], dict[str, float]]:
    """(question id, option id) -> the normalised amount it adds to each trait."""
    maxima = max_attainable(quiz)
    return {
        (q.id, o.id): {t: o.weights.get(t, 0) / maxima[t] for t in maxima if maxima[t]}
        for q in quiz.questions
        for o in q.options
    }


def role_profile(role: Role, trait_ids: Sequence[str]) -> list[float]:
    return [role.traits.get(t, 0) / TRAIT_SCALE for t in trait_ids]


def _centre(values: Sequence[float]) -> tuple[list[float], float]:
    mean = sum(values) / len(values)
    centred = [v - mean for v in values]
    return centred, math.sqrt(sum(c * c for c in centred))


def fit_scores(person: Sequence[float], profiles: Sequence[Sequence[float]]) -> list[RoleFit]:
    """Fit of one person's trait vector to each role profile, unsorted, ids left blank."""
    centred, norm = _centre(person)
    flat = norm < FLAT_EPSILON
    fits = []
    for profile in profiles:
        closeness = 1 - sum(abs(p - r) for p, r in zip(person, profile, strict=True)) / len(person)
        if flat:
            fit = 100 * closeness
        else:
            role_centred, role_norm = _centre(profile)
            corr = sum(a * b for a, b in zip(centred, role_centred, strict=True)) / (
                norm * role_norm
            )
            fit = 50 * (1 + corr)
        fits.append(RoleFit("", fit, closeness))
    return fits


def score(quiz: QuizFile, roles: Sequence[Role], answers: Mapping[str, str]) -> QuizResult:
    """Score a complete, valid set of answers (see quiz.answers for validation)."""
    trait_ids = [t.id for t in quiz.traits]
    contributions = option_contributions(quiz)
    person = [0.0] * len(trait_ids)
    for question in quiz.questions:
        added = contributions[(question.id, answers[question.id])]
        for i, trait in enumerate(trait_ids):
            person[i] += added.get(trait, 0.0)
    profiles = [role_profile(role, trait_ids) for role in roles]
    return result_for(person, profiles, [role.id for role in roles], trait_ids)


def result_for(
    person: Sequence[float],
    profiles: Sequence[Sequence[float]],
    role_ids: Sequence[str],
    trait_ids: Sequence[str],
) -> QuizResult:
    """The ranked result for a person's trait vector: fit, then closeness, then role order."""
    raw = fit_scores(person, profiles)
    order = sorted(
        range(len(role_ids)),
        key=lambda i: (-round(raw[i].fit, 9), -round(raw[i].closeness, 9), i),
    )
    fits = tuple(RoleFit(role_ids[i], raw[i].fit, raw[i].closeness) for i in order)
    flat = _centre(person)[1] < FLAT_EPSILON
    return QuizResult(fits=fits, trait_scores=dict(zip(trait_ids, person, strict=True)), flat=flat)
