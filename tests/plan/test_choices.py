"""Reading the plan form: every wrong field gets its own GOV.UK-style message."""

from __future__ import annotations

from datetime import date

import pytest

from content_engine.pacing import MAX_HOURS_PER_WEEK as MAX_HOURS
from plan.choices import Choices, parse_choices

TODAY = date(2026, 3, 2)


def parse(**fields: str | list[str]):
    data = {k: v if isinstance(v, list) else [v] for k, v in fields.items()}
    return parse_choices(
        data,
        background_ids={"backend", "qa"},
        role_ids={"ai-engineer"},
        optional_stage_ids={"deeper-models"},
        today=TODAY,
    )


def test_a_complete_form_gives_choices():
    parsed = parse(
        background="backend", role="ai-engineer", hours="12", start="2026-04-01",
        include="deeper-models",
    )  # fmt: skip
    assert parsed.ok and not parsed.errors
    assert parsed.choices == Choices(
        "backend", "ai-engineer", 12, date(2026, 4, 1), ("deeper-models",)
    )


def test_role_and_start_are_optional():
    parsed = parse(background="qa", hours="4")
    assert parsed.choices == Choices("qa", "", 4, TODAY)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"hours": "12"}, "background", "Choose what you do today"),
        ({"background": "chef", "hours": "12"}, "background", "Choose a background from the list"),
        ({"background": ["backend", "qa"], "hours": "12"}, "background", "Choose one background"),
        ({"background": "backend", "hours": "12", "role": "wizard"}, "role", "Choose a role"),
        ({"background": "backend"}, "hours", "Enter how many hours a week"),
        ({"background": "backend", "hours": "lots"}, "hours", "must be a number"),
        ({"background": "backend", "hours": "nan"}, "hours", "must be a number"),
        ({"background": "backend", "hours": "inf"}, "hours", "must be a number"),
        ({"background": "backend", "hours": "7.5"}, "hours", "whole number"),
        ({"background": "backend", "hours": "0"}, "hours", "at least 1"),
        ({"background": "backend", "hours": "81"}, "hours", f"{MAX_HOURS} or fewer"),
        ({"background": "backend", "hours": "12", "start": "2026-02-30"}, "start", "real date"),
        ({"background": "backend", "hours": "12", "start": "20260302"}, "start", "real date"),
        ({"background": "backend", "hours": "12", "start": "2031-01-01"}, "start", "within a year"),
        ({"background": "backend", "hours": "12", "start": "2019-01-01"}, "start", "a year ago"),
        ({"background": "backend", "hours": "12", "include": "capstone"}, "include", "optional"),
    ],
)
def test_each_wrong_field_gets_a_specific_message(fields, field, message):
    parsed = parse(**fields)
    assert not parsed.ok
    assert message in parsed.errors[field]
    assert set(parsed.errors) == {field}


def test_what_was_typed_is_kept_to_show_again():
    parsed = parse(background="backend", hours="200", start="soon")
    assert parsed.submitted["hours"] == "200" and parsed.submitted["start"] == "soon"
