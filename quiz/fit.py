"""The fit maths, once: trait vectors, their normalisation, and the fit of a person's profile
to a role's. Scoring, the explanations and the balance analysis all work from these functions.

Pure Python with no Django and no numpy, because the web process scores with it;
quiz.balance holds a numpy version of `fit_scores` for the offline analysis, and
tests/quiz/test_balance.py holds the two equal. docs/quiz-scoring.md explains the method.

Vectors are lists of floats in the quiz's trait order.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from content_engine.schema import QuizFile, Role

FLAT_EPSILON = 1e-9  # a centred vector shorter than this is flat: every trait the same
TRAIT_SCALE = 5.0  # a role's trait weights run from 0 to this
HALF_RANGE = 50.0  # fit = HALF_RANGE × (1 + correlation), so 0 to 100

Vector = Sequence[float]


class Fit(NamedTuple):
    fit: float  # 0-100
    closeness: float  # 0-1, level closeness; the first tie-break


def max_attainable(quiz: QuizFile) -> dict[str, int]:
    """The highest score any set of answers can give each trait."""
    return {
        trait.id: sum(max(o.weights.get(trait.id, 0) for o in q.options) for q in quiz.questions)
        for trait in quiz.traits
    }


def option_vectors(quiz: QuizFile) -> dict[tuple[str, str], list[float]]:
    """(question id, option id) -> what choosing it adds to each trait, each trait divided by
    its max_attainable, so a person's traits each run from 0 to 1."""
    maxima = max_attainable(quiz)
    return {
        (q.id, o.id): [
            o.weights.get(trait, 0) / maximum if maximum else 0.0
            for trait, maximum in maxima.items()
        ]
        for q in quiz.questions
        for o in q.options
    }


def answer_vectors(
    quiz: QuizFile, vectors: Mapping[tuple[str, str], list[float]], answers: Mapping[str, str]
) -> list[list[float]]:
    """Each chosen option's vector, in question order."""
    return [vectors[(q.id, answers[q.id])] for q in quiz.questions]


def add_up(parts: Sequence[Vector]) -> list[float]:
    """A person's profile: the sum of their answers' vectors."""
    total = [0.0] * len(parts[0])
    for part in parts:
        for i, value in enumerate(part):
            total[i] += value
    return total


def role_profile(role: Role, trait_ids: Sequence[str]) -> list[float]:
    """A role's trait weights on the person's 0-1 scale."""
    return [role.traits.get(t, 0) / TRAIT_SCALE for t in trait_ids]


def centred(values: Vector) -> list[float]:
    mean = sum(values) / len(values)
    return [v - mean for v in values]


def length(values: Vector) -> float:
    return math.sqrt(sum(v * v for v in values))


def dot(a: Vector, b: Vector) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True))


def unit_shape(profile: Vector) -> list[float]:
    """The profile centred and scaled to length 1 (left centred when it is flat)."""
    shape = centred(profile)
    norm = length(shape)
    return [c / norm for c in shape] if norm else shape


def is_flat(person: Vector) -> bool:
    return length(centred(person)) < FLAT_EPSILON


def closeness(person: Vector, profile: Vector) -> float:
    """1 minus the mean distance between the two profiles, trait by trait."""
    return 1 - sum(abs(p - r) for p, r in zip(person, profile, strict=True)) / len(person)


def fit_scores(person: Vector, profiles: Sequence[Vector]) -> list[Fit]:
    """Fit of one person's profile to each role profile, in the order given: the Pearson
    correlation of the two mapped onto 0-100, or for a flat person 100 × closeness."""
    shape = centred(person)
    norm = length(shape)
    flat = norm < FLAT_EPSILON
    fits = []
    for profile in profiles:
        near = closeness(person, profile)
        if flat:
            fit = 100 * near
        else:
            role_shape = centred(profile)
            corr = dot(shape, role_shape) / (norm * length(role_shape))
            fit = HALF_RANGE * (1 + corr)
        fits.append(Fit(fit, near))
    return fits


def gap_shares(parts: Sequence[Vector], unit_a: Vector, unit_b: Vector) -> list[float]:
    """Each part's exact share of fit(a) − fit(b) for the person the parts add up to, where
    unit_a and unit_b are the roles' unit_shape; the shares add up to the gap. Empty for a flat
    person, whose fit is not a correlation."""
    norm = length(centred(add_up(parts)))
    if norm < FLAT_EPSILON:
        return []
    difference = [x - y for x, y in zip(unit_a, unit_b, strict=True)]
    return [HALF_RANGE * dot(centred(part), difference) / norm for part in parts]
