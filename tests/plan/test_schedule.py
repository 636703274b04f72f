"""The calendar: stages end to end at N hours a week; done stages keep their planned dates (cut
off at today when finished ahead of plan) and what remains is laid out again from today (or from
a later start)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from plan.schedule import Work, lay_out

START = date(2026, 3, 2)  # a Monday


def test_stages_run_end_to_end_from_the_start_date():
    work = [Work("a", 12, 4, 0), Work("b", 24, 4, 0)]
    calendar = lay_out(work, start=START, today=date(2026, 1, 1), hours_per_week=12)
    a, b = calendar.slots
    assert (a.start, a.end) == (date(2026, 3, 2), date(2026, 3, 8))  # one week
    assert (b.start, b.end) == (date(2026, 3, 9), date(2026, 3, 22))  # two weeks
    assert calendar.finish == calendar.planned_finish == date(2026, 3, 22)
    assert calendar.remaining_hours == 36 and calendar.remaining_weeks == 3


def test_a_short_stage_shares_its_last_day_with_the_next():
    work = [Work("a", 10, 2, 0), Work("b", 10, 2, 0)]
    a, b = lay_out(work, start=START, today=START, hours_per_week=20).slots
    assert a.end == b.start == date(2026, 3, 5)  # 10 h at 20 h/week is three and a half days


def test_a_done_stage_keeps_its_planned_dates_and_the_rest_reflows_from_today():
    work = [Work("a", 12, 4, 4), Work("b", 12, 4, 0)]
    today = date(2026, 4, 1)
    calendar = lay_out(work, start=START, today=today, hours_per_week=12)
    a, b = calendar.slots
    assert a.status == "done" and (a.start, a.end) == (date(2026, 3, 2), date(2026, 3, 8))
    assert b.status == "not-started" and b.start == today and b.end == date(2026, 4, 7)
    assert calendar.finish == date(2026, 4, 7) and calendar.planned_finish == date(2026, 3, 15)


def test_a_stage_in_progress_needs_the_share_of_hours_its_open_items_stand_for():
    work = [Work("a", 12, 4, 3)]
    (slot,) = lay_out(work, start=START, today=START, hours_per_week=12).slots
    assert slot.status == "in-progress" and slot.remaining_hours == 3


def test_finishing_early_brings_the_finish_forward():
    before = lay_out([Work("a", 24, 2, 0), Work("b", 24, 2, 0)], start=START, today=START,
                     hours_per_week=12)  # fmt: skip
    after = lay_out([Work("a", 24, 2, 2), Work("b", 24, 2, 0)], start=START, today=START,
                    hours_per_week=12)  # fmt: skip
    assert after.finish < before.finish


def test_a_future_start_lays_everything_from_the_start():
    later = date(2026, 6, 1)
    calendar = lay_out([Work("a", 12, 1, 0)], start=later, today=START, hours_per_week=12)
    assert calendar.anchor == later and calendar.slots[0].start == later


def test_an_empty_plan_is_finished_at_its_start():
    calendar = lay_out([], start=START, today=START, hours_per_week=12)
    assert calendar.slots == () and calendar.finish == START and calendar.remaining_hours == 0


def test_a_stage_finished_ahead_of_plan_is_not_left_in_the_future():
    """Stages 2 and 3 ticked off long before their planned dates, stage 1 still open: the done
    stages end by today, the open one runs from today, and no two stages' dates cross."""
    work = [Work("a", 40, 4, 1), Work("b", 40, 4, 4), Work("c", 40, 4, 4), Work("d", 40, 4, 0)]
    today = date(2026, 3, 9)
    a, b, c, d = lay_out(work, start=START, today=today, hours_per_week=10).slots
    assert b.status == c.status == "done"
    assert b.end <= today and c.end <= today  # planned for April, done by today
    assert a.start == today and a.end <= d.start
    for slot in (a, d):
        assert not any(done.start <= slot.start < done.end for done in (b, c))


@given(
    statuses=st.lists(st.integers(min_value=0, max_value=4), min_size=1, max_size=9),
    hours=st.integers(min_value=1, max_value=60),
    days_in=st.integers(min_value=-60, max_value=400),
)
def test_no_stage_is_dated_inside_the_re_planned_remainder(statuses, hours, days_in):
    work = [Work(f"s{n}", 10 + 7 * n, 4, done) for n, done in enumerate(statuses)]
    today = START + timedelta(days=days_in)
    calendar = lay_out(work, start=START, today=today, hours_per_week=hours)
    for slot in calendar.slots:
        assert slot.start <= slot.end
        if slot.status == "done":
            assert slot.end <= calendar.anchor  # never over what is laid out from the anchor
        else:
            assert slot.start >= calendar.anchor
