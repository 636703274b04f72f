"""Read-only questions asked of the content: which roles, stages and backgrounds go together."""

from __future__ import annotations

import pytest

from content_engine.content import Content
from content_engine.queries import (
    backgrounds_for_skill,
    familiar_stages,
    key_stages,
    looser_filters,
    mostly_familiar,
    numbered_stages,
    roles_for_stage,
    roles_matching,
    roles_needing,
    stages_teaching,
)


def test_key_stages_come_in_route_order_whatever_order_the_role_lists_them(content: Content):
    every_stage_backwards = [s.id for s in reversed(content.stages)]
    role = content.roles[0].model_copy(update={"key_stages": every_stage_backwards})
    assert key_stages(content, role=role) == content.stages


def test_numbered_stages_come_in_route_order_with_their_route_numbers(content: Content):
    backwards = [s.id for s in reversed(content.stages)]
    numbered = numbered_stages(content, stage_ids=backwards)
    assert numbered == list(enumerate(content.stages, start=1))
    assert numbered_stages(content, stage_ids=[]) == []


def test_key_stages_are_exactly_the_ones_the_role_names(content: Content):
    for role in content.roles:
        stages = key_stages(content, role=role)
        assert {s.id for s in stages} == set(role.key_stages)
        numbers = [content.stage_number[s.id] for s in stages]
        assert numbers == sorted(numbers), role.id


def test_roles_matching_nothing_is_every_role_in_content_order(content: Content):
    assert roles_matching(content) == content.roles
    assert roles_matching(content, background="") == content.roles  # a blank filter is no filter


def test_roles_matching_a_background_are_the_roles_that_suit_it(content: Content):
    for background in content.backgrounds:
        found = roles_matching(content, background=background.id)
        assert found == [r for r in content.roles if background.id in r.backgrounds]
        assert found, f"no role suits {background.id}"


def test_roles_matching_the_deep_ml_track_both_ways_split_the_roles(content: Content):
    deep = roles_matching(content, deep_ml=True)
    shallow = roles_matching(content, deep_ml=False)
    assert deep and shallow
    assert all(r.needs_deep_ml for r in deep) and not any(r.needs_deep_ml for r in shallow)
    assert len(deep) + len(shallow) == len(content.roles)


def test_roles_matching_both_filters_needs_both(content: Content):
    for background in content.backgrounds:
        both = roles_matching(content, background=background.id, deep_ml=False)
        assert both == [
            r for r in content.roles if background.id in r.backgrounds and not r.needs_deep_ml
        ]


def test_an_unknown_background_matches_no_role(content: Content):
    assert roles_matching(content, background="astronaut") == []


def test_roles_for_a_stage_count_it_among_their_key_stages(content: Content):
    for stage in content.stages:
        for role in roles_for_stage(content, stage=stage):
            assert stage.id in role.key_stages
    assert sum(len(roles_for_stage(content, stage=s)) for s in content.stages) == sum(
        len(r.key_stages) for r in content.roles
    )


def test_every_skill_is_taught_somewhere_and_needed_by_the_roles_that_list_it(content: Content):
    for skill in content.skills:
        teaching = stages_teaching(content, skill=skill)
        assert teaching and all(skill.id in s.skills for s in teaching)
        assert roles_needing(content, skill=skill) == [
            r for r in content.roles if skill.id in r.key_skills
        ]


def test_backgrounds_for_a_skill_say_how_strongly_each_carries_it(content: Content):
    for skill in content.skills:
        pairs = backgrounds_for_skill(content, skill=skill)
        assert [b for b, _ in pairs] == content.backgrounds
        for background, strength in pairs:
            naming = {t.strength for t in background.transfers if skill.id in t.skills}
            if skill.id in background.new_skills or not naming:
                assert strength == "new"
            else:
                assert strength in naming
                assert strength == "strong" or "strong" not in naming


def test_looser_filters_drop_one_filter_each_when_both_match_nothing(content: Content):
    background, deep_ml = "frontend", True
    assert roles_matching(content, background=background, deep_ml=deep_ml) == []
    options = {
        o.dropped: o for o in looser_filters(content, background=background, deep_ml=deep_ml)
    }
    assert set(options) == {"deep_ml", "background"}
    assert options["deep_ml"].roles == roles_matching(content, background=background)
    assert (options["deep_ml"].background, options["deep_ml"].deep_ml) == (background, None)
    assert options["background"].roles == roles_matching(content, deep_ml=deep_ml)
    assert (options["background"].background, options["background"].deep_ml) == (None, True)


def test_looser_filters_are_only_offered_when_both_filters_together_found_nothing(content):
    assert roles_matching(content, background="data-engineering", deep_ml=True)
    assert looser_filters(content, background="data-engineering", deep_ml=True) == []
    assert looser_filters(content, background="frontend", deep_ml=None) == []
    assert looser_filters(content, background=None, deep_ml=True) == []


def test_looser_filters_leave_out_a_search_that_would_still_find_nothing(content: Content):
    (only,) = looser_filters(content, background="astronaut", deep_ml=True)
    assert only.dropped == "background"
    assert only.roles == roles_matching(content, deep_ml=True)


@pytest.mark.parametrize(
    ("skills", "familiar"),
    [
        (["llm-apis", "deployment-operations"], True),  # both carry over strongly
        (["llm-apis", "rag"], True),  # strong and partial: three quarters
        (["llm-apis", "observability-cost", "evaluation"], True),  # one new skill of three
        (["llm-apis", "fine-tuning"], False),  # exactly half is not "mostly"
        (["rag", "tool-use-mcp"], False),  # two partial transfers: half
        (["embeddings-vector-search"], False),  # named by a transfer, but listed as new
    ],
)
def test_a_stage_is_mostly_familiar_when_its_skills_carry_over_by_more_than_half(
    content: Content, skills: list[str], familiar: bool
):
    backend = content.background_by_id["backend"]
    stage = content.stages[0].model_copy(update={"skills": skills})
    assert mostly_familiar(backend, stage=stage) is familiar


def test_familiar_stages_on_the_shipped_content(content: Content):
    qa = content.background_by_id["qa-test-automation"]
    assert "evals-and-observability" in [s.id for s in familiar_stages(content, background=qa)]
    for background in content.backgrounds:
        found = familiar_stages(content, background=background)
        assert [s.id for s in found] == [
            s.id for s in content.stages if mostly_familiar(background, stage=s)
        ]
        assert "deeper-models" not in [s.id for s in found], background.id
