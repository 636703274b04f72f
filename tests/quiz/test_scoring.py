"""The scoring function, alone: normalisation, shape matching, flat profiles, ties, reasons."""

from __future__ import annotations

import random

from content_engine.content import Content
from quiz.scoring import CLOSE_CALL_POINTS, fit_scores, max_attainable, score


def answers_by_index(content: Content, pick) -> dict[str, str]:
    return {q.id: q.options[pick(q)].id for q in content.quiz.questions}


def test_every_trait_has_a_positive_maximum(content: Content):
    assert all(value > 0 for value in max_attainable(content.quiz).values())


def test_first_and_last_option_everywhere_give_different_results(content: Content):
    first = score(content.quiz, content.roles, answers_by_index(content, lambda q: 0))
    last = score(content.quiz, content.roles, answers_by_index(content, lambda q: -1))
    assert first.best.role_id != last.best.role_id
    for result in (first, last):
        assert result.best.fit >= result.runner_up.fit >= result.fits[-1].fit
        assert result.fits[-1].fit >= 0 and result.best.fit <= 100


def test_each_archetype_picks_its_role(content: Content):
    for role_id, answers in content.quiz.archetypes.items():
        assert score(content.quiz, content.roles, answers).best.role_id == role_id


def test_fit_depends_on_shape_not_total_weight():
    person = [1.0, 0.0, 0.5]
    small, large = [0.2, 0.0, 0.1], [1.0, 0.0, 0.5]
    fits = fit_scores(person, [small, large])
    assert abs(fits[0].fit - fits[1].fit) < 1e-9
    assert abs(fits[0].fit - 100) < 1e-9


def test_flat_profile_falls_back_to_closeness():
    fits = fit_scores([0.5, 0.5, 0.5], [[1.0, 0.0, 0.0], [0.6, 0.5, 0.4]])
    assert fits[1].fit > fits[0].fit  # the broad role beats the narrow one


def test_scoring_is_deterministic_with_a_stable_tie_break(content: Content):
    rng = random.Random(7)
    for _ in range(50):
        answers = {q.id: rng.choice(q.options).id for q in content.quiz.questions}
        a = score(content.quiz, content.roles, answers)
        b = score(content.quiz, list(content.roles), dict(reversed(list(answers.items()))))
        assert a.fits == b.fits


def test_close_call_flag_matches_the_margin(content: Content):
    rng = random.Random(3)
    for _ in range(200):
        answers = {q.id: rng.choice(q.options).id for q in content.quiz.questions}
        result = score(content.quiz, content.roles, answers)
        assert result.close_call == (result.margin < CLOSE_CALL_POINTS)


def test_reasons_name_answers_that_feed_the_roles_leading_traits(content: Content):
    role = content.role_by_id["ai-security-engineer"]
    result = score(content.quiz, content.roles, content.quiz.archetypes[role.id])
    reasons = result.reasons[role.id]
    assert reasons, "the archetype should have reasons"
    mean = sum(role.traits.values()) / len(role.traits)
    leaning = {t for t, weight in role.traits.items() if weight > mean}
    for reason in reasons:
        assert reason.traits and set(reason.traits) <= leaning
        assert content.quiz.archetypes[role.id][reason.question_id] == reason.option_id
    assert reasons[0].traits[0] == "security"  # the archetype's strongest push is security
