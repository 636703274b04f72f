"""The balance analysis agrees with the scoring function and enforces the thresholds."""

from __future__ import annotations

import random

import numpy as np
from django.core.management import call_command

from content_engine.loader import load_content
from quiz.balance import _fits, _winners, analyse, balance_problems
from quiz.scoring import option_contributions, role_profile, score


def test_vectorised_winner_matches_the_scoring_function(content):
    trait_ids = [t.id for t in content.quiz.traits]
    contributions = option_contributions(content.quiz)
    profiles = np.array([role_profile(r, trait_ids) for r in content.roles])
    rng = random.Random(11)
    for _ in range(300):
        answers = {q.id: rng.choice(q.options).id for q in content.quiz.questions}
        person = np.zeros(len(trait_ids))
        for qid, oid in answers.items():
            person += [contributions[(qid, oid)].get(t, 0.0) for t in trait_ids]
        top, _ = _winners(_fits(person[None, :], profiles))
        assert content.roles[top[0]].id == score(content.quiz, content.roles, answers).best.role_id


def test_shipped_quiz_passes_its_own_thresholds(content):
    report = analyse(content)
    assert report.exhaustive and report.evaluated == report.answer_space
    assert balance_problems(content, report) == []
    assert all(b.wins > 0 for b in report.roles)


def test_a_role_that_can_never_win_fails_the_check(content_copy, capsys):
    roles = content_copy / "roles.yaml"
    text = roles.read_text()
    # Give the retrieval role the same profile as the AI engineer's, so it can never win outright.
    content = load_content(content_copy)
    source = content.role_by_id["ai-engineer"].traits
    target = content.role_by_id["retrieval-search-engineer"].traits
    start = text.index("- id: retrieval-search-engineer")
    head, tail = text[:start], text[start:]
    block_start = tail.index("traits:")
    block_end = tail.index("\n  - id:") if "\n  - id:" in tail else len(tail)
    new_traits = "traits:\n" + "".join(f"      {t}: {v}\n" for t, v in source.items())
    tail = tail[:block_start] + new_traits.rstrip("\n") + tail[block_end:]
    assert target != source
    roles.write_text(head + tail)
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
