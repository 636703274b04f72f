"""The result page's sentences and bars, worked out from a stored snapshot."""

from __future__ import annotations

from content_engine.content import Content
from quiz.result_page import (
    change_sentence,
    fit_rows,
    needs_sentence,
    stability_words,
)
from quiz.snapshot import FitRow, readable
from tests.quiz.explained import snapshot_for
from tests.quiz.test_snapshot import SCHEMA_1

FITS: list[FitRow] = [
    {"id": "a", "name": "A", "fit": 100},
    {"id": "b", "name": "B", "fit": 50},
    {"id": "c", "name": "C", "fit": 0},
]


def test_only_the_first_bar_is_the_best_and_the_figures_pass_through():
    rows = fit_rows(FITS)
    assert [(r["name"], r["fit"], r["best"]) for r in rows] == [
        ("A", 100, True),
        ("B", 50, False),
        ("C", 0, False),
    ]


def test_stability_in_plain_words():
    assert stability_words({"kept": 50, "total": 50}) == (
        "All 50 one-answer changes keep it on top: a stable result."
    )
    assert "a fairly stable result" in stability_words({"kept": 40, "total": 50})
    assert "one answer could tip" in stability_words({"kept": 20, "total": 50})
    assert stability_words(None) == ""


def test_what_would_change_this_names_the_answers_and_the_new_role(content: Content):
    for role in content.roles:
        snapshot = snapshot_for(content, dict(content.quiz.archetypes[role.id]))
        sentence = change_sentence(snapshot)
        change = snapshot["change"]
        if change is None:
            assert sentence.startswith("No change of one or two answers")
            continue
        assert change["role"]["name"] in sentence and sentence.endswith("your best fit.")
        for swap in change["swaps"]:
            assert swap["instead"].rstrip(".") in sentence
            assert f"question {swap['question']}" in sentence


def test_the_runner_up_sentence_is_not_the_change_said_twice(content: Content):
    said = 0
    for role in content.roles:
        snapshot = snapshot_for(content, dict(content.quiz.archetypes[role.id]))
        needs = needs_sentence(snapshot)
        change = snapshot["change"]
        swap = snapshot["runner_up_needs"]
        if change is not None and swap is not None and change["swaps"] == [swap]:
            assert needs == ""
        elif swap is not None:
            said += 1
            assert needs.startswith("To come out on top, it needed answers more like")
            assert f"(question {swap['question']})" in needs
    assert said


def test_an_old_result_says_nothing_it_never_worked_out():
    snapshot = readable(SCHEMA_1)
    assert change_sentence(snapshot) == "" and needs_sentence(snapshot) == ""
