"""Quiz scoring: a pure function of (quiz content, roles, answers) -> ranked result. No Django
here; the arithmetic is quiz.fit, shared with the explanations and the balance analysis.

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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from content_engine.schema import QuizFile, Role

from .fit import add_up, answer_vectors, fit_scores, is_flat, option_vectors, role_profile


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


def score(quiz: QuizFile, roles: Sequence[Role], answers: Mapping[str, str]) -> QuizResult:
    """Score a complete, valid set of answers (see quiz.answers for validation)."""
    trait_ids = [t.id for t in quiz.traits]
    person = add_up(answer_vectors(quiz, option_vectors(quiz), answers))
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
    return QuizResult(
        fits=fits, trait_scores=dict(zip(trait_ids, person, strict=True)), flat=is_flat(person)
    )
