"""The overview every screen and export shows: included stages with their items, progress and
calendar slots, from the content and the stored plan."""

from __future__ import annotations

from datetime import date

from plan.choices import Choices
from plan.overview import StoredPlan, build_overview

TODAY = date(2026, 3, 2)


def overview(content, done=(), **choices):
    values = {"background": "backend", "role": "", "hours_per_week": 12, "start": TODAY}
    stored = StoredPlan(choices=Choices(**{**values, **choices}), done=frozenset(done))
    return build_overview(content, stored=stored, today=TODAY)


def test_only_included_stages_have_rows_and_the_optional_one_is_listed_as_skipped(content):
    result = overview(content)
    optional = {s.id for s in content.stages if s.optional}
    assert {row.stage.id for row in result.stages}.isdisjoint(optional)
    assert {e.stage.id for e in result.skipped} == optional
    assert len(result.stages) == len(result.calendar.slots)


def test_progress_counts_only_items_in_the_plan(content):
    first = content.stages[0]
    done = {first.deliverable.id, "not-an-item"}
    result = overview(content, done=done)
    assert result.done_ids == (first.deliverable.id,)
    assert result.done_items == 1 and result.stages[0].done_count == 1
    assert result.stages[0].status == "in-progress" and result.stages[1].status == "not-started"
    assert result.total_items == sum(len(row.items) for row in result.stages)


def test_a_role_that_needs_the_optional_stage_brings_it_in(content):
    role = next(
        r for r in content.roles if any(s.optional and s.id in r.key_stages for s in content.stages)
    )
    result = overview(content, role=role.id)
    assert not result.skipped and result.role == role
