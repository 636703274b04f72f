"""The stored snapshot of a result: plain data that says what the result page will show."""

from __future__ import annotations

import json

from content_engine.content import Content
from content_engine.queries import key_stages
from quiz.scoring import score
from quiz.snapshot import SNAPSHOT_SCHEMA, result_snapshot


def archetype_result(content: Content, role_id: str):
    answers = content.quiz.archetypes[role_id]
    return answers, score(content.quiz, content.roles, answers)


def test_snapshot_is_plain_json_that_survives_storage(content: Content):
    _, result = archetype_result(content, content.roles[0].id)
    snapshot = result_snapshot(content, result, content.backgrounds[0].id)
    assert json.loads(json.dumps(snapshot)) == snapshot
    assert snapshot["schema"] == SNAPSHOT_SCHEMA


def test_best_and_runner_up_are_named_with_whole_percentages(content: Content):
    role = content.roles[0]
    _, result = archetype_result(content, role.id)
    snapshot = result_snapshot(content, result, "")
    best, runner_up = snapshot["best"], snapshot["runner_up"]
    assert (best["id"], best["name"]) == (role.id, role.name)
    assert best["fit"] == round(result.best.fit)
    assert runner_up["id"] == result.runner_up.role_id
    assert runner_up["name"] == content.role_by_id[runner_up["id"]].name
    assert best["summary"] == role.summary and best["counterpart"] == role.counterpart


def test_every_role_is_listed_in_result_order(content: Content):
    _, result = archetype_result(content, content.roles[-1].id)
    fits = result_snapshot(content, result, "")["fits"]
    assert [f["id"] for f in fits] == [f.role_id for f in result.fits]
    assert len(fits) == len(content.roles)
    assert all(0 <= f["fit"] <= 100 for f in fits)
    assert all(type(f["fit"]) is int for f in fits)  # a whole number in the stored JSON
    assert [f["fit"] for f in fits] == sorted((f["fit"] for f in fits), reverse=True)


def test_reasons_quote_the_question_and_the_answer_given(content: Content):
    role = content.role_by_id["ai-security-engineer"]
    answers, result = archetype_result(content, role.id)
    reasons = result_snapshot(content, result, "")["best"]["reasons"]
    assert reasons
    trait_names = {t.name for t in content.quiz.traits}
    by_prompt = {q.prompt: q for q in content.quiz.questions}
    for reason in reasons:
        question = by_prompt[reason["question"]]
        chosen = next(o for o in question.options if o.id == answers[question.id])
        assert reason["answer"] == chosen.label
        assert reason["traits"] and set(reason["traits"]) <= trait_names


def test_a_role_card_names_the_two_traits_it_leans_on_most(content: Content):
    role = content.roles[0]
    _, result = archetype_result(content, role.id)
    leans_on = result_snapshot(content, result, "")["best"]["leans_on"]
    weight_by_name = {t.name: role.traits.get(t.id, 0) for t in content.quiz.traits}
    assert len(leans_on) == 2
    others = [w for name, w in weight_by_name.items() if name not in leans_on]
    assert weight_by_name[leans_on[0]] >= weight_by_name[leans_on[1]] >= max(others)


def test_next_steps_link_the_roles_key_stages_in_route_order(content: Content):
    role = content.roles[0]
    _, result = archetype_result(content, role.id)
    snapshot = result_snapshot(content, result, "")
    stages = snapshot["best"]["stages"]
    assert [s["id"] for s in stages] == [s.id for s in key_stages(content, role=role)]
    assert [s["number"] for s in stages] == sorted(s["number"] for s in stages)
    first = content.stages[0]
    assert snapshot["start_stage"] == {"id": first.id, "title": first.title, "number": 1}


def test_a_background_is_kept_by_name_and_no_background_is_none(content: Content):
    background = content.backgrounds[2]
    _, result = archetype_result(content, content.roles[0].id)
    with_background = result_snapshot(content, result, background.id)
    assert with_background["background"] == {"id": background.id, "name": background.name}
    assert result_snapshot(content, result, "")["background"] is None


def test_the_close_call_and_flat_flags_are_kept(content: Content):
    _, result = archetype_result(content, content.roles[0].id)
    snapshot = result_snapshot(content, result, "")
    assert (snapshot["close_call"], snapshot["flat"]) == (result.close_call, result.flat)
