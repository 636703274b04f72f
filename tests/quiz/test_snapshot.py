"""The stored snapshot of a result: plain data that says what the result page will show."""

from __future__ import annotations

import json

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


def test_reasons_quote_the_answer_and_speak_in_the_roles_terms(content: Content):
    trait_names = {t.id: t.name for t in content.quiz.traits}
    for role in content.roles:
        answers = content.quiz.archetypes[role.id]
        labels = {
            o.label for q in content.quiz.questions for o in q.options if answers[q.id] == o.id
        }
        reasons = archetype_snapshot(content, role.id)["best"]["reasons"]
        assert 1 <= len(reasons) <= 3
        for reason in reasons:
            assert reason["answer"] in labels  # the chosen answer, not the whole question
            trait = next(t for t, name in trait_names.items() if name == reason["trait"])
            if trait in role.quiz_reasons:
                assert reason["why"] == role.quiz_reasons[trait]


def test_the_same_answer_carries_the_same_tag_for_both_roles(content: Content):
    for role in content.roles:
        snapshot = archetype_snapshot(content, role.id)
        tags: dict[str, str] = {}
        for reason in snapshot["best"]["reasons"] + snapshot["runner_up"]["reasons"]:
            assert tags.setdefault(reason["answer"], reason["trait"]) == reason["trait"]


def test_why_it_came_close_only_when_it_did(content: Content):
    for role in content.roles:
        snapshot = archetype_snapshot(content, role.id)
        if snapshot["verdict"] == "clear":
            assert snapshot["runner_up"]["reasons"] == []


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
