"""Reading ?hours=: forgiving, and always saying what it changed."""

from __future__ import annotations

from pages.hours import parse_hours_per_week


def test_hours_are_parsed_forgivingly():
    assert parse_hours_per_week(None, default=12).hours == 12
    assert parse_hours_per_week(" 15 ", default=12) == parse_hours_per_week("15", default=12)
    assert parse_hours_per_week("1e9", default=12).hours == 60
    assert parse_hours_per_week("-inf", default=12).hours == 1
    assert parse_hours_per_week("inf", default=12).hours == 60
    assert parse_hours_per_week("NaN", default=12).hours == 12


def test_every_correction_is_explained():
    assert parse_hours_per_week("abc", default=12).message.startswith("“abc” is not a number")
    assert "at least 1" in parse_hours_per_week("0", default=12).message
    assert "more than 60" in parse_hours_per_week("61", default=12).message
    assert parse_hours_per_week("12.4", default=12) == parse_hours_per_week(
        "12", default=12
    ).__class__(12, "Rounded to 12 hours a week.")
    assert parse_hours_per_week("12", default=8).message == ""


def test_the_query_carries_a_pace_only_when_one_was_asked_for():
    assert parse_hours_per_week(None, default=12).query == ""
    assert parse_hours_per_week("  ", default=12).query == ""
    assert parse_hours_per_week("7", default=12).query == "?hours=7"
    assert parse_hours_per_week("99", default=12).query == "?hours=60"
    assert parse_hours_per_week("1.2", default=12).message == "Rounded to 1 hour a week."
