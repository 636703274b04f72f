"""The stored snapshot of a result: plain data that says what the result page will show."""

from __future__ import annotations

import json
import random

import pytest

from content_engine.content import Content
from content_engine.queries import familiar_stages, key_stages
from quiz.scoring import score
from quiz.snapshot import (
    SNAPSHOT_SCHEMA,
    ResultSnapshot,
    first_step,
    readable,
)
from tests.quiz.explained import snapshot_for


def archetype_snapshot(content: Content, role_id: str, background: str = "") -> ResultSnapshot:
    return snapshot_for(content, content.quiz.archetypes[role_id], background)


def test_snapshot_is_plain_json_that_survives_storage(content: Content):
    snapshot = archetype_snapshot(content, content.roles[0].id, content.backgrounds[0].id)
    assert json.loads(json.dumps(snapshot)) == snapshot
    assert snapshot["schema"] == SNAPSHOT_SCHEMA


def test_best_and_runner_up_are_named_with_whole_percentages(content: Content):
    role = content.roles[0]
    answers = content.quiz.archetypes[role.id]
    result = score(content.quiz, content.roles, answers)
    snapshot = archetype_snapshot(content, role.id)
    best, runner_up = snapshot["best"], snapshot["runner_up"]
    assert (best["id"], best["name"], best["summary"]) == (role.id, role.name, role.summary)
    assert best["fit"] == round(result.best.fit)
    assert runner_up["id"] == result.runner_up.role_id
    assert snapshot["margin"] == round(result.margin)


def test_every_role_is_listed_in_result_order(content: Content):
    fits = archetype_snapshot(content, content.roles[-1].id)["fits"]
    assert len(fits) == len(content.roles)
    assert all(type(f["fit"]) is int and 0 <= f["fit"] <= 100 for f in fits)
    assert [f["fit"] for f in fits] == sorted((f["fit"] for f in fits), reverse=True)


def _own_reasons(content: Content) -> dict[str, str]:
    return {o.label: o.reason for q in content.quiz.questions for o in q.options}


def assert_reasons_are_the_options_own(content: Content, answers: dict[str, str]) -> int:
    """Every reason shown quotes an answer given and explains it with that option's own
    sentence, tagged with a trait the option weighs; returns how many were shown."""
    chosen = {
        o.label: o for q in content.quiz.questions for o in q.options if answers[q.id] == o.id
    }
    trait_ids = {t.name: t.id for t in content.quiz.traits}
    snapshot = snapshot_for(content, answers)
    shown = snapshot["best"]["reasons"] + snapshot["runner_up"]["reasons"]
    for reason in shown:
        option = chosen[reason["answer"]]  # the chosen answer, not the whole question
        assert reason["why"] == option.reason
        assert trait_ids[reason["trait"]] in option.weights
        leans = reason["leans"]
        if leans is not None:
            by_name = {r.name: r for r in content.roles}
            trait = trait_ids[leans["trait"]]
            assert by_name[leans["role"]].traits[trait] == leans["level"]
            assert by_name[leans["other"]].traits[trait] == leans["other_level"]
            assert leans["level"] > leans["other_level"]
    return len(shown)


@pytest.mark.slow  # every option or pair of the quiz, exhaustively: make test-all and CI
def test_every_option_shown_as_a_reason_is_explained_by_its_own_sentence(content: Content):
    """Each option, chosen among random other answers, until every option has been quoted."""
    rng = random.Random(21)
    quoted: set[str] = set()
    labels = {o.label for q in content.quiz.questions for o in q.options}
    for _ in range(30):
        for question in content.quiz.questions:
            for option in question.options:
                answers = {q.id: rng.choice(q.options).id for q in content.quiz.questions}
                answers[question.id] = option.id
                assert_reasons_are_the_options_own(content, answers)
                snapshot = snapshot_for(content, answers)
                quoted |= {
                    r["answer"]
                    for r in snapshot["best"]["reasons"] + snapshot["runner_up"]["reasons"]
                }
        if quoted == labels:
            break
    assert quoted == labels, sorted(labels - quoted)


def test_each_archetypes_reasons_are_its_options_own(content: Content):
    for role in content.roles:
        answers = content.quiz.archetypes[role.id]
        assert assert_reasons_are_the_options_own(content, dict(answers)) >= 1
        assert 1 <= len(archetype_snapshot(content, role.id)["best"]["reasons"]) <= 3


def test_the_runner_up_is_always_explained(content: Content):
    rng = random.Random(22)
    for _ in range(40):
        answers = {q.id: rng.choice(q.options).id for q in content.quiz.questions}
        snapshot = snapshot_for(content, answers)
        if snapshot["flat"]:
            continue
        assert snapshot["runner_up"]["reasons"], answers
        assert snapshot["runner_up_why"] in ("favoured", "ahead-of-the-rest")
        assert snapshot["runner_up_needs"] is not None


def test_the_change_carries_the_roles_real_fit(content: Content):
    rng = random.Random(23)
    seen = 0
    for _ in range(20):
        answers = {q.id: rng.choice(q.options).id for q in content.quiz.questions}
        snapshot = snapshot_for(content, answers)
        change = snapshot["change"]
        if change is None:
            continue
        seen += 1
        fits = {f["id"]: f["fit"] for f in snapshot["fits"]}
        assert change["role"]["fit"] == fits[change["role"]["id"]] > 0
        changed = dict(answers)
        number = {n: q.id for n, q in enumerate(content.quiz.questions, start=1)}
        for swap in change["swaps"]:
            question = next(q for q in content.quiz.questions if q.id == number[swap["question"]])
            changed[question.id] = next(
                o.id for o in question.options if o.label == swap["instead"]
            )
        after = score(content.quiz, content.roles, changed)
        assert after.best.role_id == change["role"]["id"]
        assert change["fit_after"] == round(after.best.fit)
    assert seen


def test_only_the_best_fits_key_stages_are_named(content: Content):
    role = content.roles[0]
    snapshot = archetype_snapshot(content, role.id)
    stages = snapshot["best"]["stages"]
    assert [s["id"] for s in stages] == [s.id for s in key_stages(content, role=role)]


def test_the_first_step_is_the_first_stage_new_to_the_background(content: Content):
    role_id = content.roles[0].id
    assert archetype_snapshot(content, role_id)["first_step"]["why"] == "start"
    for background in content.backgrounds:
        step = archetype_snapshot(content, role_id, background.id)["first_step"]
        known = {s.id for s in familiar_stages(content, background=background)}
        assert step["stage"]["id"] not in known or step["why"] == "all-familiar"
        earlier = content.stages[: step["stage"]["number"] - 1]
        assert all(s.id in known or s.optional for s in earlier)


def test_a_background_that_knows_the_first_stages_starts_further_on(content: Content, monkeypatch):
    known = content.stages[:2]
    monkeypatch.setattr("quiz.snapshot.familiar_stages", lambda content, background: known)
    step = first_step(content, content.backgrounds[0].id)
    assert step == {
        "stage": {"id": content.stages[2].id, "title": content.stages[2].title, "number": 3},
        "why": "new-to-background",
    }


def test_a_background_is_kept_by_name_and_no_background_is_none(content: Content):
    background = content.backgrounds[2]
    role_id = content.roles[0].id
    with_background = archetype_snapshot(content, role_id, background.id)
    assert with_background["background"] == {"id": background.id, "name": background.name}
    assert archetype_snapshot(content, role_id)["background"] is None


SCHEMA_1 = {
    "schema": 1,
    "best": {
        "id": "ai-engineer",
        "name": "AI engineer",
        "fit": 91,
        "summary": "Builds product features on top of existing models.",
        "counterpart": "Product / application engineer",
        "leans_on": ["Building products", "People and product"],
        "reasons": [
            {
                "question": "Which would you most like to own?",
                "answer": "A customer-facing assistant.",
                "traits": ["Building products"],
            }
        ],
        "stages": [{"id": "retrieval", "title": "Retrieval", "number": 5}],
    },
    "runner_up": {
        "id": "agent-engineer",
        "name": "Agent engineer",
        "fit": 89,
        "summary": "Builds agents.",
        "counterpart": "Backend engineer",
        "leans_on": ["Building products"],
        "reasons": [],
        "stages": [],
    },
    "close_call": True,
    "flat": False,
    "fits": [
        {"id": "ai-engineer", "name": "AI engineer", "fit": 91},
        {"id": "agent-engineer", "name": "Agent engineer", "fit": 89},
    ],
    "start_stage": {"id": "orientation", "title": "Orientation", "number": 1},
    "background": None,
}


def test_a_result_stored_before_the_explanations_still_reads():
    snapshot = readable(SCHEMA_1)
    assert snapshot["verdict"] == "two-good" and snapshot["margin"] == 2
    assert snapshot["best"]["reasons"][0]["answer"] == "A customer-facing assistant."
    assert snapshot["first_step"]["stage"]["id"] == "orientation"
    assert snapshot["change"] is None and snapshot["stability"] is None


def test_a_current_snapshot_reads_as_it_is(content: Content):
    snapshot = archetype_snapshot(content, content.roles[0].id)
    assert readable(snapshot) == snapshot


# A result as schema 2 stored it: each reason with the role's sentence for a trait, the verdict
# from the margin (here "close" beside 49 of 49 one-answer changes that keep it: the
# contradiction schema 3 removes), and 0 for the fit of the role in "what would change this".
SCHEMA_2 = {
    "schema": 2,
    "best": {
        "id": "evaluation-engineer",
        "name": "Evaluation engineer",
        "fit": 85,
        "summary": "Builds the measurement that tells a team whether a model change helps.",
        "reasons": [
            {
                "question": 4,
                "answer": "Run a fixed eval set on both and compare the scores case by case.",
                "trait": "Quality and measurement",
                "why": "Evaluation engineers turn 'better' into a number the team agrees on.",
            }
        ],
        "stages": [{"id": "evals", "title": "Evals", "number": 4}],
    },
    "runner_up": {
        "id": "research-engineer",
        "name": "Research engineer",
        "fit": 80,
        "summary": "Runs the experiments.",
        "reasons": [],
        "stages": [],
    },
    "verdict": "close",
    "margin": 5,
    "flat": False,
    "fits": [
        {"id": "evaluation-engineer", "name": "Evaluation engineer", "fit": 85},
        {"id": "research-engineer", "name": "Research engineer", "fit": 80},
        {"id": "ai-engineer", "name": "AI engineer", "fit": 78},
    ],
    "runner_up_needs": {
        "question": 8,
        "prompt": "It is a quiet Friday afternoon with no meetings. What do you pick up?",
        "chosen": "Add twenty hard cases to the eval set.",
        "instead": "Read a new paper and try its idea on our own data.",
    },
    "change": {
        "role": {"id": "ai-engineer", "name": "AI engineer", "fit": 0},
        "swaps": [
            {
                "question": 1,
                "prompt": "You have a free week and a model API. What do you build?",
                "chosen": "A harness that grades model answers automatically.",
                "instead": "A feature for our users.",
            },
            {
                "question": 8,
                "prompt": "It is a quiet Friday afternoon with no meetings. What do you pick up?",
                "chosen": "Add twenty hard cases to the eval set.",
                "instead": "Prototype something a user asked for this week.",
            },
        ],
    },
    "stability": {"kept": 49, "total": 49},
    "first_step": {"stage": {"id": "evals", "title": "Evals", "number": 4}, "why": "start"},
    "background": None,
}


def test_a_result_stored_before_options_had_reasons_still_reads():
    snapshot = readable(SCHEMA_2)
    assert snapshot["schema"] == SNAPSHOT_SCHEMA
    reason = snapshot["best"]["reasons"][0]
    assert reason["why"].startswith("Evaluation engineers turn") and reason["leans"] is None
    # Its verdict is read again from its own stored count, so it agrees with its stability.
    assert snapshot["verdict"] == "clear" and snapshot["stability"] == {"kept": 49, "total": 49}
    change = snapshot["change"]
    assert change is not None
    assert change["role"] == {"id": "ai-engineer", "name": "AI engineer", "fit": 78}
    assert change["over_both"] and change["why"] is None and change["fit_after"] is None
    need = snapshot["runner_up_needs"]
    assert need is not None and not need["takes_lead"] and need["gap_after"] is None
    assert json.loads(json.dumps(snapshot)) == snapshot
