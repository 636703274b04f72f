"""Quiz balance: can every role win, does each archetype pick its role, and how are wins shared
under random answers? Runs in check_content, quiz_report and the tests; never at start-up.

The answer space is enumerated exhaustively when small enough, sampled otherwise. The maths is
quiz.fit's, with `fit_scores` vectorised here with numpy (which only this offline analysis
imports); tests/quiz/test_balance.py holds the two equal.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from content_engine.content import Content
from content_engine.problems import Loc, Problem

from .fit import FLAT_EPSILON, HALF_RANGE, max_attainable, option_vectors, role_profile
from .scoring import score

EXHAUSTIVE_LIMIT = 4_200_000
SAMPLE_SIZE = 400_000
CHUNK = 250_000
MIN_SHARE_OF_FAIR = 0.5
MAX_SHARE_OF_FAIR = 2.0
MAX_TIE_RATE = 0.005
MIN_ARCHETYPE_MARGIN = 8.0
# No option may be the archetype answer for more roles than this: an answer every kind of
# engineer is expected to give ("run the eval set") tells the roles apart by nothing.
MAX_ARCHETYPES_PER_OPTION = 4
TIE_EPSILON = 1e-9

_At = Callable[[str, Loc, str, str], Problem]


@dataclass(frozen=True)
class RoleBalance:
    role_id: str
    wins: int
    share: float
    archetype_best: str
    archetype_margin: float  # archetype's role fit minus the best other role's fit


@dataclass(frozen=True)
class BalanceReport:
    answer_space: int
    evaluated: int
    exhaustive: bool
    ties: int
    roles: list[RoleBalance]
    max_attainable: dict[str, int]

    @property
    def tie_rate(self) -> float:
        return self.ties / self.evaluated if self.evaluated else 0.0

    @property
    def fair_share(self) -> float:
        return 1 / len(self.roles)


def _fits(people: np.ndarray, profiles: np.ndarray) -> np.ndarray:
    """(N, K) people and (R, K) role profiles -> (N, R) fit in 0-100: fit.fit_scores, per row."""
    centred = people - people.mean(axis=1, keepdims=True)
    norms = np.linalg.norm(centred, axis=1)
    role_centred = profiles - profiles.mean(axis=1, keepdims=True)
    role_norms = np.linalg.norm(role_centred, axis=1)
    flat = norms < FLAT_EPSILON
    safe = np.where(flat, 1.0, norms)
    corr = (centred @ role_centred.T) / (safe[:, None] * role_norms[None, :])
    fits = HALF_RANGE * (1 + corr)
    if flat.any():
        closeness = 1 - np.abs(people[flat][:, None, :] - profiles[None, :, :]).mean(axis=2)
        fits[flat] = 100 * closeness
    return fits


def _winners(fits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Best role index per row, and whether the top two were exactly tied."""
    order = np.argsort(-fits, axis=1, kind="stable")
    top, second = order[:, 0], order[:, 1]
    rows = np.arange(len(fits))
    tied = np.abs(fits[rows, top] - fits[rows, second]) < TIE_EPSILON
    return top, tied


def analyse(content: Content, *, seed: int = 2026) -> BalanceReport:
    quiz, roles = content.quiz, content.roles
    trait_ids = [t.id for t in quiz.traits]
    vectors = option_vectors(quiz)
    per_question = [np.array([vectors[(q.id, o.id)] for o in q.options]) for q in quiz.questions]
    profiles = np.array([role_profile(role, trait_ids) for role in roles])
    space = math.prod(len(q.options) for q in quiz.questions)
    exhaustive = space <= EXHAUSTIVE_LIMIT
    wins = np.zeros(len(roles), dtype=np.int64)
    ties = evaluated = 0

    def tally(people: np.ndarray) -> None:
        nonlocal ties, evaluated
        top, tied = _winners(_fits(people, profiles))
        np.add.at(wins, top, 1)
        ties += int(tied.sum())
        evaluated += len(people)

    if exhaustive:
        # Enumerate in chunks by fixing the first questions' choices, to keep memory small.
        suffix = [per_question[-1]]
        for matrix in reversed(per_question[:-1]):
            size = math.prod(len(m) for m in suffix) * len(matrix)
            if size > CHUNK:
                break
            suffix.insert(0, matrix)
        prefix = per_question[: len(per_question) - len(suffix)]
        tail = suffix[0]
        for matrix in suffix[1:]:
            tail = (tail[:, None, :] + matrix[None, :, :]).reshape(-1, len(trait_ids))
        for choice in np.ndindex(*(len(m) for m in prefix)) if prefix else [()]:
            base = sum((prefix[i][c] for i, c in enumerate(choice)), np.zeros(len(trait_ids)))
            tally(tail + base)
    else:
        rng = np.random.default_rng(seed)
        remaining = SAMPLE_SIZE
        while remaining:
            n = min(CHUNK, remaining)
            people = np.zeros((n, len(trait_ids)))
            for matrix in per_question:
                people += matrix[rng.integers(0, len(matrix), n)]
            tally(people)
            remaining -= n

    balances = []
    for index, role in enumerate(roles):
        answers = quiz.archetypes.get(role.id)
        best, margin = "", float("-inf")
        if answers is not None:
            result = score(quiz, roles, answers)
            best = result.best.role_id
            own = next(f.fit for f in result.fits if f.role_id == role.id)
            margin = own - max(f.fit for f in result.fits if f.role_id != role.id)
        balances.append(
            RoleBalance(role.id, int(wins[index]), wins[index] / evaluated, best, margin)
        )
    return BalanceReport(space, evaluated, exhaustive, ties, balances, max_attainable(quiz))


def balance_problems(content: Content, report: BalanceReport | None = None) -> list[Problem]:
    """Turn a balance report into editor-facing problems in quiz.yaml / roles.yaml."""
    report = report or analyse(content)
    problems = []
    fair = report.fair_share

    def at(file: str, loc: Loc, field: str, message: str) -> Problem:
        path, line = content.locate(file, loc)
        return Problem(path, line, field, message)

    for index, balance in enumerate(report.roles):
        traits_loc = ("roles", index, "traits")
        field = f"roles[{index}].traits"
        if balance.wins == 0:
            problems.append(
                at(
                    "roles.yaml",
                    traits_loc,
                    field,
                    f"role '{balance.role_id}' is never the outright best fit under any answers "
                    f"tried ({report.evaluated:,}); make its trait profile more distinct",
                )
            )
        elif not MIN_SHARE_OF_FAIR * fair <= balance.share <= MAX_SHARE_OF_FAIR * fair:
            problems.append(
                at(
                    "roles.yaml",
                    traits_loc,
                    field,
                    f"role '{balance.role_id}' wins {balance.share:.1%} of random answer sets; "
                    f"it should be between {MIN_SHARE_OF_FAIR * fair:.1%} and "
                    f"{MAX_SHARE_OF_FAIR * fair:.1%}",
                )
            )
        archetype_loc = ("archetypes", balance.role_id)
        field = f"archetypes.{balance.role_id}"
        if balance.archetype_best and balance.archetype_best != balance.role_id:
            problems.append(
                at(
                    "quiz.yaml",
                    archetype_loc,
                    field,
                    f"this answer set picks '{balance.archetype_best}', not '{balance.role_id}'",
                )
            )
        elif balance.archetype_best and balance.archetype_margin < MIN_ARCHETYPE_MARGIN:
            problems.append(
                at(
                    "quiz.yaml",
                    archetype_loc,
                    field,
                    f"picks '{balance.role_id}' by only {balance.archetype_margin:.1f} points; "
                    f"it needs a clear margin of at least {MIN_ARCHETYPE_MARGIN:.0f}",
                )
            )
    if report.tie_rate >= MAX_TIE_RATE:
        problems.append(
            at(
                "quiz.yaml",
                ("questions",),
                "questions",
                f"{report.tie_rate:.2%} of random answer sets end in an exact tie for best fit; "
                f"keep it under {MAX_TIE_RATE:.1%}",
            )
        )
    problems.extend(_shared_archetype_answers(content, at))
    return problems


def _shared_archetype_answers(content: Content, at: _At) -> list[Problem]:
    """An option that more than MAX_ARCHETYPES_PER_OPTION archetypes choose."""
    chosen_by: dict[tuple[str, str], list[str]] = {}
    for role_id, answers in content.quiz.archetypes.items():
        for question_id, option_id in answers.items():
            chosen_by.setdefault((question_id, option_id), []).append(role_id)
    return [
        at(
            "quiz.yaml",
            ("archetypes", roles[MAX_ARCHETYPES_PER_OPTION], question_id),
            f"archetypes.{roles[MAX_ARCHETYPES_PER_OPTION]}.{question_id}",
            f"'{option_id}' is the archetype answer for {len(roles)} roles "
            f"({', '.join(roles)}); at most {MAX_ARCHETYPES_PER_OPTION} may share an answer, "
            "or it stops telling the roles apart",
        )
        for (question_id, option_id), roles in chosen_by.items()
        if len(roles) > MAX_ARCHETYPES_PER_OPTION
    ]
