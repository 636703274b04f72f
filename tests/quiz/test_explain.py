"""Why the best fit beat the runner-up, what would change it, and how stable it is."""

from __future__ import annotations

import random

import pytest

from content_engine.content import Content
from quiz.explain import (
    CLEAR_FIT_POINTS,
    TWO_GOOD_POINTS,
    answer_effects,
    explain,
    primary_trait,
    verdict,
)
from quiz.scoring import score


def random_answers(content: Content, rng: random.Random) -> dict[str, str]:
    return {q.id: rng.choice(q.options).id for q in content.quiz.questions}


def test_answer_effects_add_up_to_the_gap_between_two_roles(content: Content):
    rng = random.Random(11)
    for _ in range(100):
        answers = random_answers(content, rng)
        result = score(content.quiz, content.roles, answers)
        a, b = rng.sample([f.role_id for f in result.fits], 2)
        fits = {f.role_id: f.fit for f in result.fits}
        effects = answer_effects(content.quiz, content.roles, answers, a, b)
        assert sum(e.effect for e in effects) == pytest.approx(fits[a] - fits[b], abs=1e-6)


def test_the_reasons_for_the_best_fit_favoured_it_over_the_runner_up(content: Content):
    """Not just answers towards the best fit: each one, taken away, would narrow the gap."""
    rng = random.Random(12)
    for _ in range(40):
        answers = random_answers(content, rng)
        result = score(content.quiz, content.roles, answers)
        explanation = explain(content.quiz, content.roles, answers, result)
        assert explanation.for_best, "a best fit always has answers that favoured it"
        assert all(e.effect > 0 for e in explanation.for_best)
        assert all(e.effect < 0 for e in explanation.for_runner_up)
        assert [e.effect for e in explanation.for_best] == sorted(
            (e.effect for e in explanation.for_best), reverse=True
        )
        for effect in explanation.for_best:
            assert answers[effect.question_id] == effect.option_id


def test_what_would_change_this_really_changes_the_best_fit(content: Content):
    rng = random.Random(13)
    seen_single = False
    for _ in range(30):
        answers = random_answers(content, rng)
        result = score(content.quiz, content.roles, answers)
        explanation = explain(content.quiz, content.roles, answers, result)
        if explanation.change is None:
            continue
        changed = dict(answers)
        for swap in explanation.change.swaps:
            assert answers[swap.question_id] == swap.from_option != swap.to_option
            changed[swap.question_id] = swap.to_option
        after = score(content.quiz, content.roles, changed)
        assert after.best.role_id == explanation.change.new_best != result.best.role_id
        if len(explanation.change.swaps) == 1:
            seen_single = True
        else:  # only when no single change would do
            assert explanation.kept == explanation.alternatives
    assert seen_single


def test_stability_counts_the_single_changes_that_keep_the_best_fit(content: Content):
    answers = content.quiz.archetypes[content.roles[0].id]
    result = score(content.quiz, content.roles, answers)
    explanation = explain(content.quiz, content.roles, answers, result)
    total = sum(len(q.options) - 1 for q in content.quiz.questions)
    assert explanation.alternatives == total
    kept = 0
    for question in content.quiz.questions:
        for option in question.options:
            if option.id != answers[question.id]:
                after = score(content.quiz, content.roles, {**answers, question.id: option.id})
                kept += after.best.role_id == result.best.role_id
    assert explanation.kept == kept


def test_the_runner_up_needs_the_change_that_helps_it_most(content: Content):
    answers = content.quiz.archetypes[content.roles[0].id]
    result = score(content.quiz, content.roles, answers)
    explanation = explain(content.quiz, content.roles, answers, result)
    runner, best = result.runner_up.role_id, result.best.role_id
    swap = explanation.runner_up_needs
    assert swap is not None

    def gap(changed: dict[str, str]) -> float:
        fits = {f.role_id: f.fit for f in score(content.quiz, content.roles, changed).fits}
        return fits[runner] - fits[best]

    chosen = gap({**answers, swap.question_id: swap.to_option})
    for question in content.quiz.questions:
        for option in question.options:
            if option.id != answers[question.id]:
                assert gap({**answers, question.id: option.id}) <= chosen + 1e-9


@pytest.mark.parametrize(
    ("margin", "expected"),
    [
        (CLEAR_FIT_POINTS + 5, "clear"),
        (CLEAR_FIT_POINTS, "clear"),
        (CLEAR_FIT_POINTS - 0.1, "close"),
        (TWO_GOOD_POINTS, "close"),
        (TWO_GOOD_POINTS - 0.1, "two-good"),
        (0, "two-good"),
    ],
)
def test_wording_follows_the_margin(margin: float, expected: str):
    assert verdict(margin) == expected


def test_an_option_is_tagged_with_one_trait_everywhere(content: Content):
    order = [t.id for t in content.quiz.traits]
    for question in content.quiz.questions:
        for option in question.options:
            tag = primary_trait(option, order)
            assert option.weights[tag] == max(option.weights.values())
