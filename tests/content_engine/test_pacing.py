"""Pacing: the same stages at different hours a week give an honest calendar."""

from __future__ import annotations

import math
import re

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
    assert 70 <= slowest.total_weeks <= 85, "the long track is about 18 months"


def test_the_weeks_and_months_a_preset_quotes_are_its_own_calendar(content):
    """A preset's words sit under the calendar the page computes, so every week count and month
    figure they quote must be this route at that pace, with or without the optional stages."""
    total = sum(stage.hours for stage in content.stages)
    core = sum(stage.hours for stage in content.stages if not stage.optional)
    for pace in content.route.pacing:
        weeks = {math.ceil(hours / pace.hours_per_week) for hours in (total, core)}
        quoted = {int(n) for n in re.findall(r"\b(\d+) weeks\b", pace.summary)}
        assert quoted and quoted <= weeks, f"{pace.id} quotes {quoted}; the calendar says {weeks}"
        months = {describe_weeks(w) for w in weeks}
        for phrase in re.findall(r"about \d+(?:\.\d+)? months?", pace.summary):
            assert phrase in months, f"{pace.id} says '{phrase}'; the calendar says {months}"


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
