"""Pacing: the same stages at different hours a week give an honest calendar."""

from __future__ import annotations

import math

import pytest

from content_engine.pacing import describe_weeks, pace_route


def test_calendar_length_is_total_hours_over_weekly_hours(content):
    total = sum(stage.hours for stage in content.stages)
    for pace in content.route.pacing:
        plan = pace_route(content, hours_per_week=pace.hours_per_week)
        assert plan.total_hours == total
        assert plan.total_weeks == math.ceil(total / pace.hours_per_week)
        assert plan.stages[0].starts_week == 1
        assert plan.stages[-1].ends_week == plan.total_weeks


def test_stages_follow_one_another_without_gaps(content):
    plan = pace_route(content, hours_per_week=12)
    for earlier, later in zip(plan.stages, plan.stages[1:], strict=False):
        assert later.starts_week in (earlier.ends_week, earlier.ends_week + 1)
        assert later.ends_week >= later.starts_week


def test_presets_describe_the_paces_the_product_promises(content):
    weekly = sorted(p.hours_per_week for p in content.route.pacing)
    assert any(10 <= h <= 15 for h in weekly)
    slowest = pace_route(content, hours_per_week=weekly[0])
    assert 70 <= slowest.total_weeks <= 85, "the alongside-work track is about 18 months"


@pytest.mark.parametrize(
    ("weeks", "words"),
    [
        (2, "under a month"),
        (5, "about 1 month"),
        (7, "about 1.5 months"),
        (26, "about 6 months"),
        (78, "about 18 months"),
        (104, "about 24 months"),
        (130, "about 2.5 years"),
        (312, "about 6 years"),
    ],
)
def test_calendar_length_is_said_as_a_person_would(weeks, words):
    assert describe_weeks(weeks) == words


def test_the_slowest_pace_is_given_in_years_not_dozens_of_months(content):
    plan = pace_route(content, hours_per_week=1)
    assert plan.calendar_length.endswith("years")


def test_a_stage_can_be_found_on_the_calendar(content):
    plan = pace_route(content, hours_per_week=12)
    for paced in plan.stages:
        assert plan.stage(paced.stage.id) is paced
