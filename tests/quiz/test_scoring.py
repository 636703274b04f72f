"""The scoring function, alone: normalisation, shape matching, flat profiles, ties, reasons."""

from __future__ import annotations

import random
from pathlib import Path

from django.conf import settings

from content_engine.content import Content
from quiz.fit import fit_scores, max_attainable
from quiz.scoring import score


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


def test_the_order_answers_arrive_in_does_not_matter(content: Content):
    rng = random.Random(7)
    for _ in range(20):
        answers = {q.id: rng.choice(q.options).id for q in content.quiz.questions}
        a = score(content.quiz, content.roles, answers)
        b = score(content.quiz, list(content.roles), dict(reversed(list(answers.items()))))
        assert a.fits == b.fits


def test_an_exact_tie_goes_to_the_role_listed_first(content: Content):
    role = content.roles[0]
    twin = role.model_copy(update={"id": "twin", "name": "Twin"})  # the very same profile
    answers = content.quiz.archetypes[role.id]
    others = list(content.roles[1:])
    for listed in ([role, twin, *others], [twin, role, *others], [*others, twin, role]):
        result = score(content.quiz, listed, answers)
        assert result.best.fit == result.runner_up.fit  # a real tie, not a near one
        assert result.best.closeness == result.runner_up.closeness
        first_listed = next(r.id for r in listed if r.id in (role.id, twin.id))
        assert (result.best.role_id, result.runner_up.role_id) == (
            first_listed,
            ({role.id, twin.id} - {first_listed}).pop(),
        )
        assert result.margin == 0


def test_a_tie_on_fit_goes_to_the_role_closer_in_level_whatever_the_order(content: Content):
    # The same shape at two levels: correlation cannot tell them apart (bar float noise in the
    # last digits), closeness can. Many shapes and answer sets, so the noise shows up too.
    trait_ids = [t.id for t in content.quiz.traits]
    rng = random.Random(5)
    for _ in range(60):
        shape = {t: rng.randint(0, 3) for t in trait_ids}
        if len(set(shape.values())) == 1:
            continue
        lift = rng.randint(1, 2)
        low = content.roles[0].model_copy(update={"id": "low", "traits": shape})
        high = content.roles[1].model_copy(
            update={"id": "high", "traits": {t: v + lift for t, v in shape.items()}}
        )
        answers = {q.id: rng.choice(q.options).id for q in content.quiz.questions}
        winners = set()
        for listed in ([low, high], [high, low]):
            result = score(content.quiz, listed, answers)
            assert abs(result.best.fit - result.runner_up.fit) < 1e-9  # a tie on fit
            assert result.best.closeness > result.runner_up.closeness
            winners.add(result.best.role_id)
        assert len(winners) == 1, "the order roles are listed in decided a closeness tie-break"


def test_the_tie_break_is_documented_for_readers():
    guide = (Path(settings.BASE_DIR) / "docs" / "quiz-scoring.md").read_text()
    ties = next(line for line in guide.splitlines() if "Ties" in line)
    paragraph = guide[guide.index(ties) : guide.index(ties) + 300]
    assert "closeness" in paragraph and "roles.yaml" in paragraph
