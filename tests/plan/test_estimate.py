"""The re-estimate rule: what a background brings shortens a stage, never below half, never
longer; optional stages come in only for a role that leans on them or when added."""

from __future__ import annotations

from fractions import Fraction

import pytest

from plan.estimate import FACTOR, RULE, estimate_route, skill_fit, stage_hours


def test_the_rule_as_stated_is_the_rule_applied():
    assert {"strong": Fraction(1, 2), "partial": Fraction(3, 4), "new": Fraction(1)} == FACTOR
    assert "half" in RULE and "three quarters" in RULE and "in full" in RULE
    assert stage_hours(40, ["strong", "strong"]) == (20, Fraction(1, 2))
    assert stage_hours(40, ["strong", "new"]) == (30, Fraction(3, 4))
    assert stage_hours(12, ["partial", "new", "new"]) == (11, Fraction(11, 12))  # 11 rounded up
    assert stage_hours(1, ["strong"]) == (1, Fraction(1, 2))  # never below one hour


def test_a_skill_on_the_new_list_is_new_even_if_a_partial_transfer_names_it(content):
    backend = content.background_by_id["backend"]
    assert "evaluation" in backend.new_skills
    assert skill_fit(content, background=backend, skill_id="evaluation").strength == "new"


def test_the_strongest_transfer_naming_a_skill_decides_and_is_quoted(content):
    backend = content.background_by_id["backend"]
    fit = skill_fit(content, background=backend, skill_id="llm-apis")
    assert fit.strength == "strong"
    assert fit.because and all(
        t.already in fit.because for t in backend.transfers if "llm-apis" in t.skills
    )


def test_a_skill_no_transfer_names_is_new(content):
    backend = content.background_by_id["backend"]
    assert skill_fit(content, background=backend, skill_id="ml-foundations").strength == "new"


def test_backend_and_qa_at_twelve_hours_get_different_totals_and_different_stages(content):
    backend = estimate_route(content, background=content.background_by_id["backend"])
    qa = estimate_route(content, background=content.background_by_id["qa-test-automation"])
    assert backend.total_hours != qa.total_hours
    by_stage = {e.stage.id: e for e in backend.stages}
    qa_by_stage = {e.stage.id: e for e in qa.stages}
    # QA already writes regression suites: evals are mostly familiar for them, not for backend.
    assert qa_by_stage["evals-and-observability"].kind == "familiar"
    assert by_stage["evals-and-observability"].hours > qa_by_stage["evals-and-observability"].hours
    # Backend already calls typed APIs: the first LLM feature is shorter for them.
    assert by_stage["first-llm-feature"].hours < qa_by_stage["first-llm-feature"].hours


@pytest.mark.parametrize("background_index", range(10))
def test_every_stage_stays_between_half_and_all_of_its_hours(content, background_index):
    background = content.backgrounds[background_index % len(content.backgrounds)]
    for stage in estimate_route(content, background=background).stages:
        assert stage.full_hours / 2 <= stage.hours <= stage.full_hours, stage.stage.id


def test_optional_stages_only_for_a_role_that_leans_on_them_or_when_added(content):
    backend = content.background_by_id["backend"]
    optional = [s for s in content.stages if s.optional]
    assert optional, "the shipped route has an optional stage"
    deep = optional[0]
    plain = estimate_route(content, background=backend)
    assert all(not e.included for e in plain.stages if e.stage.optional)
    assert plain.full_route_hours == sum(s.hours for s in content.stages)
    assert plain.optional_hours_left_out == deep.hours  # left out: not carried over
    assert plain.carried_over_hours == sum(e.saved_hours for e in plain.included)

    leaning = next(r for r in content.roles if deep.id in r.key_stages)
    with_role = estimate_route(content, background=backend, role=leaning)
    entry = next(e for e in with_role.stages if e.stage.id == deep.id)
    assert entry.included and entry.inclusion == "role" and entry.key_for_role

    not_leaning = next(r for r in content.roles if deep.id not in r.key_stages)
    assert not next(
        e for e in estimate_route(content, background=backend, role=not_leaning).stages
        if e.stage.id == deep.id
    ).included  # fmt: skip
    added = estimate_route(content, background=backend, added=[deep.id])
    assert next(e for e in added.stages if e.stage.id == deep.id).inclusion == "added"


def test_a_role_marks_the_stages_it_leans_on(content):
    role = content.role_by_id["agent-engineer"]
    estimate = estimate_route(content, background=content.backgrounds[0], role=role)
    marked = {e.stage.id for e in estimate.stages if e.key_for_role}
    assert marked == set(role.key_stages)
