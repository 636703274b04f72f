"""The balance analysis agrees with the scoring function and enforces the thresholds."""

from __future__ import annotations

import random

import numpy as np
import pytest
import yaml
from django.core.management import call_command

from content_engine.loader import load_content
from quiz.balance import SAMPLE_SIZE, _fits, _winners, analyse, balance_problems
from quiz.fit import add_up, answer_vectors, fit_scores, option_vectors, role_profile
from quiz.scoring import score


def random_people(content, count: int, seed: int) -> list[list[float]]:
    vectors = option_vectors(content.quiz)
    rng = random.Random(seed)
    return [
        add_up(
            answer_vectors(
                content.quiz,
                vectors,
                {q.id: rng.choice(q.options).id for q in content.quiz.questions},
            )
        )
        for _ in range(count)
    ]


def test_vectorised_fit_equals_the_scalar_fit_for_every_role(content):
    trait_ids = [t.id for t in content.quiz.traits]
    profiles = [role_profile(r, trait_ids) for r in content.roles]
    flat = [[0.0] * len(trait_ids), [0.4] * len(trait_ids)]  # the closeness fallback
    people = [*random_people(content, 500, seed=3), *flat]
    matrix = _fits(np.array(people), np.array(profiles))
    assert matrix.shape == (len(people), len(profiles))
    for person, row in zip(people, matrix, strict=True):
        scalar = [f.fit for f in fit_scores(person, profiles)]
        assert row == pytest.approx(scalar, rel=1e-12, abs=1e-9)


def test_vectorised_winner_matches_the_scoring_function(content):
    trait_ids = [t.id for t in content.quiz.traits]
    vectors = option_vectors(content.quiz)
    profiles = np.array([role_profile(r, trait_ids) for r in content.roles])
    rng = random.Random(11)
    for _ in range(300):
        answers = {q.id: rng.choice(q.options).id for q in content.quiz.questions}
        person = np.array(add_up(answer_vectors(content.quiz, vectors, answers)))
        top, _ = _winners(_fits(person[None, :], profiles))
        assert content.roles[top[0]].id == score(content.quiz, content.roles, answers).best.role_id


def test_shipped_quiz_passes_its_own_thresholds(content):
    report = analyse(content)
    # Too many answer sets to try them all: a sample this size puts each share within about
    # 0.1 percentage points of the truth.
    assert report.evaluated == min(report.answer_space, SAMPLE_SIZE)
    assert balance_problems(content, report) == []
    fair = report.fair_share
    for balance in report.roles:
        assert 0.5 * fair <= balance.share <= 2 * fair, balance
        assert balance.archetype_best == balance.role_id and balance.archetype_margin >= 8
    assert report.tie_rate < 0.005


def test_an_answer_every_archetype_gives_fails_the_check(content_copy, capsys):
    """ "Run a fixed eval set" as the archetype answer for five roles is refused."""
    content = load_content(content_copy)
    question = content.quiz.questions[3]
    everyone = question.options[0].id
    text = (content_copy / "quiz.yaml").read_text()
    head, archetypes = text.split("\narchetypes:\n")
    for role in content.roles[:5]:
        block_start = archetypes.index(f"  {role.id}:\n")
        line_start = archetypes.index(f"    {question.id}: ", block_start)
        line_end = archetypes.index("\n", line_start)
        archetypes = (
            archetypes[:line_start] + f"    {question.id}: {everyone}" + archetypes[line_end:]
        )
    (content_copy / "quiz.yaml").write_text(head + "\narchetypes:\n" + archetypes)
    with pytest.raises(SystemExit):
        call_command("check_content", content_dir=content_copy)
    err = capsys.readouterr().err
    assert f"'{everyone}' is the archetype answer for" in err and "at most 4" in err


def test_a_role_that_can_never_win_fails_the_check(content_copy, capsys):
    # Give the retrieval role the AI engineer's profile, so it can never win
    # outright: a twin listed later loses every tie.
    roles = content_copy / "roles.yaml"
    data = yaml.safe_load(roles.read_text())
    by_id = {role["id"]: role for role in data["roles"]}
    twin, source = by_id["retrieval-search-engineer"], by_id["ai-engineer"]
    assert twin["traits"] != source["traits"]
    twin["traits"] = dict(source["traits"])
    roles.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    code: str | int | None
    try:
        call_command("check_content", content_dir=content_copy)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    err = capsys.readouterr().err
    assert code == 1
    assert "retrieval-search-engineer" in err and "roles.yaml:" in err


def test_quiz_report_prints_the_table(capsys):
    call_command("quiz_report")
    out = capsys.readouterr().out
    assert "Max attainable per trait" in out and "PASS" in out
    assert "ai-engineer" in out and "Exact ties" in out
