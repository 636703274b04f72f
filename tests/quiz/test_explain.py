"""Why the best fit beat the runner-up, what would change it, and how settled it is."""

from __future__ import annotations

import random

import pytest

from content_engine.content import Content
from quiz.explain import (
    TWO_GOOD_SHARE,
    answer_effects,
    deciding_trait,
    explain,
    primary_trait,
    verdict,
)
from quiz.scoring import score


def random_answers(content: Content, rng: random.Random) -> dict[str, str]:
    return {q.id: rng.choice(q.options).id for q in content.quiz.questions}


def single_changes(content: Content, answers: dict[str, str]) -> list[dict[str, str]]:
    return [
        {**answers, q.id: o.id}
        for q in content.quiz.questions
        for o in q.options
        if o.id != answers[q.id]
    ]


def test_answer_effects_add_up_to_the_gap_between_two_roles(content: Content):
    rng = random.Random(11)
    for _ in range(100):
        answers = random_answers(content, rng)
        result = score(content.quiz, content.roles, answers)
        a, b = rng.sample([f.role_id for f in result.fits], 2)
        fits = {f.role_id: f.fit for f in result.fits}
        effects = answer_effects(content.quiz, content.roles, answers, a, b)
        assert sum(e.effect for e in effects) == pytest.approx(fits[a] - fits[b], abs=1e-6)


def test_the_reasons_for_each_role_favoured_it_over_the_other(content: Content):
    """Not just answers towards the best fit: each one, taken away, would narrow the gap. The
    runner-up's answers favoured it over the best fit, or, when none did, over the third."""
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
        for effect in explanation.for_best + explanation.for_runner_up:
            assert answers[effect.question_id] == effect.option_id
        if explanation.for_runner_up:
            assert explanation.runner_up_support == ()
        else:
            third = result.fits[2].role_id
            shares = answer_effects(
                content.quiz, content.roles, answers, result.runner_up.role_id, third
            )
            positive = {(e.question_id, e.option_id) for e in shares if e.effect > 0}
            assert {(e.question_id, e.option_id) for e in explanation.runner_up_support} == (
                positive
            )


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
        assert explanation.change.new_fit == pytest.approx(after.best.fit)
        if len(explanation.change.swaps) == 1:
            seen_single = True
        else:  # only when no single change would do
            assert explanation.kept == explanation.alternatives
    assert seen_single


@pytest.mark.slow  # every option or pair of the quiz, exhaustively: make test-all and CI
def test_the_change_names_the_runner_up_whenever_one_answer_can_put_it_on_top(content: Content):
    rng = random.Random(14)
    seen_third = seen_runner = False
    for _ in range(40):
        answers = random_answers(content, rng)
        result = score(content.quiz, content.roles, answers)
        runner = result.runner_up.role_id
        explanation = explain(content.quiz, content.roles, answers, result)
        tops = {
            score(content.quiz, content.roles, c).best.role_id
            for c in single_changes(content, answers)
        }
        if runner in tops:
            assert explanation.change is not None and explanation.change.new_best == runner
            assert not explanation.change.over_both
            seen_runner = True
        elif explanation.change is not None and len(explanation.change.swaps) == 1:
            assert explanation.change.over_both and explanation.change.new_best != runner
            seen_third = True
    assert seen_runner and seen_third


def test_stability_counts_the_single_changes_that_keep_the_best_fit(content: Content):
    answers = content.quiz.archetypes[content.roles[0].id]
    result = score(content.quiz, content.roles, answers)
    explanation = explain(content.quiz, content.roles, answers, result)
    changes = single_changes(content, answers)
    assert explanation.alternatives == len(changes)
    kept = sum(
        score(content.quiz, content.roles, c).best.role_id == result.best.role_id for c in changes
    )
    assert explanation.kept == kept


def test_the_runner_up_needs_the_change_that_helps_it_most(content: Content):
    rng = random.Random(15)
    for _ in range(10):
        answers = random_answers(content, rng)
        result = score(content.quiz, content.roles, answers)
        explanation = explain(content.quiz, content.roles, answers, result)
        runner, best = result.runner_up.role_id, result.best.role_id
        need = explanation.runner_up_needs
        assert need is not None

        def gap(
            changed: dict[str, str], runner: str = runner, best: str = best
        ) -> tuple[bool, float]:
            after = score(content.quiz, content.roles, changed)
            fits = {f.role_id: f.fit for f in after.fits}
            return after.best.role_id == runner, fits[runner] - fits[best]

        outcomes = [gap(c) for c in single_changes(content, answers)]
        leads, chosen = gap({**answers, need.swap.question_id: need.swap.to_option})
        assert need.takes_lead == leads == any(lead for lead, _ in outcomes)
        assert -need.gap_after == pytest.approx(chosen)
        # The best such change: among those that put it on top, if any; else among all.
        pool = [g for lead, g in outcomes if lead == leads]
        assert chosen >= max(pool) - 1e-9


@pytest.mark.parametrize(
    ("kept", "total", "expected"),
    [
        (60, 60, "clear"),
        (59, 60, "close"),
        (40, 60, "close"),
        (39, 60, "two-good"),
        (0, 60, "two-good"),
    ],
)
def test_the_verdict_follows_the_one_answer_changes_that_move_the_best_fit(kept, total, expected):
    assert pytest.approx(1 / 3) == TWO_GOOD_SHARE
    assert verdict(kept, total) == expected


def test_an_answer_is_tagged_with_a_trait_it_weighs_that_the_role_leans_on_more(content: Content):
    order = [t.id for t in content.quiz.traits]
    for role in content.roles:
        for other in content.roles:
            if other is role:
                continue
            for question in content.quiz.questions:
                for option in question.options:
                    tag = deciding_trait(option, order, role, other)
                    assert tag in option.weights
                    if any(role.traits[t] > other.traits[t] for t in option.weights):
                        assert role.traits[tag] > other.traits[tag]
                    else:
                        assert tag == primary_trait(option, order)


@pytest.mark.slow  # every option or pair of the quiz, exhaustively: make test-all and CI
def test_the_pairs_that_move_the_best_fit_are_exactly_those_scoring_finds(content: Content):
    """The pair search rules most pairs out without scoring them; it must miss none."""
    from itertools import combinations

    from quiz.explain import _pairs_that_move, _Space

    space = _Space(content.quiz, content.roles)
    rng = random.Random(16)
    answer_sets = [dict(a) for a in list(content.quiz.archetypes.values())[::3]]
    answer_sets += [random_answers(content, rng) for _ in range(2)]
    for answers in answer_sets:
        best = score(content.quiz, content.roles, answers).best.role_id
        singles = list(space.swaps(answers))
        found = {
            (pair, after.best.role_id)
            for pair, after in _pairs_that_move(space, answers, best, singles)
        }
        expected = set()
        for first, second in combinations(singles, 2):
            if first.question_id != second.question_id:
                changed = {
                    **answers,
                    first.question_id: first.to_option,
                    second.question_id: second.to_option,
                }
                after = space.result(changed).best.role_id  # scoring.score, vectors kept
                if after != best:
                    expected.add(((first, second), after))
        assert found == expected
