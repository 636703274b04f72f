"""The result page's sentences and bars, worked out from a stored snapshot."""

from __future__ import annotations

import re
from collections.abc import Mapping

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content_engine.content import Content
from content_engine.loader import load_content
from quiz.result_page import (
    change_sentence,
    fit_rows,
    leans_sentence,
    needs_sentence,
    stability_words,
    verdict_sentence,
)
from quiz.scoring import score
from quiz.snapshot import FitRow, readable
from tests.conftest import SHIPPED
from tests.quiz.explained import snapshot_for
from tests.quiz.test_snapshot import SCHEMA_1
from webkit.templatetags.wording import in_sentence

FITS: list[FitRow] = [
    {"id": "a", "name": "A", "fit": 100},
    {"id": "b", "name": "B", "fit": 50},
    {"id": "c", "name": "C", "fit": 0},
]
SHIPPED_CONTENT = load_content(SHIPPED)


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
    assert stability_words({"kept": 45, "total": 50}) == (
        "5 of the 50 one-answer changes would put another role first; the other 45 keep it on top."
    )
    assert "one answer could tip" in stability_words({"kept": 20, "total": 50})
    assert stability_words(None) == ""


def test_a_leaning_names_both_roles_and_both_levels():
    sentence = leans_sentence(
        {
            "trait": "Users and product",
            "role": "AI product manager",
            "level": 5,
            "other": "Evaluation engineer",
            "other_level": 1,
        }
    )
    assert sentence == ("AI product manager: 5 of 5 for users and product; evaluation engineer: 1.")
    assert leans_sentence(None) == ""


def test_what_would_change_this_names_the_answers_and_the_new_role(content: Content):
    for role in content.roles:
        snapshot = snapshot_for(content, dict(content.quiz.archetypes[role.id]))
        sentence = change_sentence(snapshot)
        change = snapshot["change"]
        if change is None:
            assert sentence.startswith("No change of one or two answers")
            continue
        assert in_sentence(change["role"]["name"]) in sentence
        for swap in change["swaps"]:
            assert swap["instead"].rstrip(".") in sentence
            assert f"question {swap['question']}" in sentence


def test_the_runner_up_sentence_is_not_the_change_said_twice(content: Content):
    said = 0
    for role in content.roles:
        snapshot = snapshot_for(content, dict(content.quiz.archetypes[role.id]))
        needs = needs_sentence(snapshot)
        change, need = snapshot["change"], snapshot["runner_up_needs"]
        assert need is not None
        same = (
            change is not None
            and [{k: v for k, v in need.items() if k not in ("takes_lead", "gap_after")}]
            == change["swaps"]
        )
        if same:
            assert needs == ""
        else:
            said += 1
            assert needs.startswith("What it needed most:")
            assert f"to question {need['question']}" in needs
    assert said


def test_an_old_result_says_nothing_it_never_worked_out():
    snapshot = readable(SCHEMA_1)
    assert change_sentence(snapshot) == "" and needs_sentence(snapshot) == ""
    assert stability_words(snapshot["stability"]) == ""


# --- One measure, one voice ----------------------------------------------------------------
VERDICT_VOICE = {
    # Words that may only appear with this verdict, in any sentence of the result.
    "clear": ("leads the runner-up", "a stable result", "All "),
    "close": ("read both before you choose", "the other "),
    "two-good": ("either would suit you", "one answer could tip"),
}


def _independent_count(content: Content, answers: Mapping[str, str], best: str) -> int:
    """One-answer changes that move the best fit, counted with the scorer alone."""
    return sum(
        score(content.quiz, content.roles, {**answers, q.id: o.id}).best.role_id != best
        for q in content.quiz.questions
        for o in q.options
        if o.id != answers[q.id]
    )


def assert_one_voice(content: Content, answers: Mapping[str, str]) -> None:
    snapshot = snapshot_for(content, answers)
    said = {
        "verdict": verdict_sentence(snapshot),
        "stability": stability_words(snapshot["stability"]),
        "change": change_sentence(snapshot),
        "needs": needs_sentence(snapshot),
    }
    text = " ".join(said.values())
    chosen = snapshot["verdict"]
    for other, phrases in VERDICT_VOICE.items():
        for phrase in phrases:
            if other != chosen:
                assert phrase not in text, (chosen, phrase, said)

    # The stability sentence is true, and the verdict reads from the same count.
    best = snapshot["best"]["id"]
    moved = _independent_count(content, answers, best)
    stability = snapshot["stability"]
    assert stability is not None and stability["total"] - stability["kept"] == moved
    change = snapshot["change"]
    if moved == 0:
        assert chosen == "clear"
        assert change is None or len(change["swaps"]) == 2, said
    else:
        assert chosen in ("close", "two-good")
        assert change is not None and len(change["swaps"]) == 1, said
        assert re.search(rf"\b{moved} of the {stability['total']}\b", said["stability"])

    # Three roles at most, and a third only as the one that would overtake both.
    names = {in_sentence(role.name) for role in content.roles} | {r.name for r in content.roles}
    pair = {snapshot["best"]["name"], snapshot["runner_up"]["name"]}
    pair |= {in_sentence(name) for name in pair}
    for key in ("verdict", "stability", "needs"):
        strangers = {n for n in names - pair if n in said[key]}
        assert not strangers, (key, strangers, said[key])
    if change is not None:
        if change["role"]["name"] == snapshot["runner_up"]["name"]:
            assert not change["over_both"] and "ahead of both" not in said["change"]
        else:
            assert change["over_both"] and "ahead of both" in said["change"]


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.fixed_dictionaries(
        {q.id: st.sampled_from([o.id for o in q.options]) for q in SHIPPED_CONTENT.quiz.questions}
    )
)
def test_no_random_result_contradicts_itself(answers: dict[str, str]):
    assert_one_voice(SHIPPED_CONTENT, answers)


@pytest.mark.parametrize("role_id", sorted(SHIPPED_CONTENT.quiz.archetypes))
def test_no_archetype_result_contradicts_itself(role_id: str):
    assert_one_voice(SHIPPED_CONTENT, SHIPPED_CONTENT.quiz.archetypes[role_id])
