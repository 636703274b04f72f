"""Retention: `manage.py delete_unopened` deletes plans and quiz results nobody has opened for
their period (settings, from the environment), in batches, and says how many of each; opening
is recorded best-effort, and on a SQLite file locked by another writer a read neither waits nor
fails."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from plan.choices import Choices
from plan.models import Plan
from plan.services import create_plan
from quiz.models import QuizSubmission
from quiz.services import submit_quiz
from roadmap_site.settings import env_months
from tests.webkit.sqlite_file_scenarios import run_in_child
from webkit import retention
from webkit.retention import months_before

CHOICES = Choices("backend", "", 12, date(2026, 3, 2))


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        (datetime(2026, 12, 7, 15, 30, tzinfo=UTC), 18, datetime(2025, 6, 7, 15, 30, tzinfo=UTC)),
        (datetime(2026, 8, 31, tzinfo=UTC), 6, datetime(2026, 2, 28, tzinfo=UTC)),
        (datetime(2028, 8, 31, tzinfo=UTC), 6, datetime(2028, 2, 29, tzinfo=UTC)),
        (datetime(2026, 1, 15, tzinfo=UTC), 1, datetime(2025, 12, 15, tzinfo=UTC)),
        (datetime(2026, 3, 1, tzinfo=UTC), 12, datetime(2025, 3, 1, tzinfo=UTC)),
    ],
)
def test_months_are_calendar_months(moment, months, expected):
    assert months_before(moment, months) == expected


def test_both_tables_have_a_rule_with_its_setting():
    assert [(r.name, r.setting, r.months) for r in retention.rules()] == [
        ("plans", "PLAN_RETENTION_MONTHS", 18),
        ("quiz results", "QUIZ_RESULT_RETENTION_MONTHS", 18),
    ]


def test_the_periods_come_from_the_environment(monkeypatch):
    monkeypatch.delenv("QUIZ_RESULT_RETENTION_MONTHS", raising=False)
    assert env_months("QUIZ_RESULT_RETENTION_MONTHS", 18) == 18
    monkeypatch.setenv("QUIZ_RESULT_RETENTION_MONTHS", " 24 ")
    assert env_months("QUIZ_RESULT_RETENTION_MONTHS", 18) == 24
    for bad in ["0", "-3", "1.5", "two", "²"]:
        monkeypatch.setenv("QUIZ_RESULT_RETENTION_MONTHS", bad)
        with pytest.raises(SystemExit, match="QUIZ_RESULT_RETENTION_MONTHS must be a whole"):
            env_months("QUIZ_RESULT_RETENTION_MONTHS", 18)


def _result(content, index: int = 0) -> QuizSubmission:
    answers = {q.id: q.options[index].id for q in content.quiz.questions}
    return submit_quiz(content=content, answers=answers, background="")


def _last_opened(result: QuizSubmission, moment: datetime) -> None:
    QuizSubmission.objects.filter(pk=result.pk).update(opened_at=moment)


@pytest.mark.django_db
def test_the_command_deletes_old_rows_of_both_tables_and_keeps_recent_ones(content):
    now = timezone.now()
    cutoff = months_before(now, 18)
    old_plan = create_plan(content=content, choices=CHOICES, now=cutoff - timedelta(hours=2))
    recent_plan = create_plan(content=content, choices=CHOICES, now=cutoff + timedelta(hours=2))
    old_results = [_result(content, i) for i in range(2)]
    for result in old_results:
        _last_opened(result, cutoff - timedelta(days=1))
    # Created long ago, opened last week: kept. Retention counts from the last opening.
    recent_result = _result(content, 2)
    QuizSubmission.objects.filter(pk=recent_result.pk).update(
        created_at=now - timedelta(days=1000), opened_at=now - timedelta(days=7)
    )

    out = StringIO()
    call_command("delete_unopened", "--dry-run", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("plans: 1 would be deleted (not opened for 18 months, since ")
    assert lines[1].startswith("quiz results: 2 would be deleted (not opened for 18 months")
    assert f"since {cutoff:%Y-%m-%d}" in lines[0]
    assert Plan.objects.count() == 2 and QuizSubmission.objects.count() == 3

    out = StringIO()
    call_command("delete_unopened", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("plans: 1 deleted (not opened for 18 months")
    assert lines[1].startswith("quiz results: 2 deleted (not opened for 18 months")
    assert list(Plan.objects.values_list("pk", flat=True)) == [recent_plan.pk]
    assert list(QuizSubmission.objects.values_list("pk", flat=True)) == [recent_result.pk]
    assert not Plan.objects.filter(pk=old_plan.pk).exists()

    out = StringIO()
    call_command("delete_unopened", stdout=out)
    assert out.getvalue().count(": 0 deleted") == 2


@pytest.mark.django_db
def test_each_table_follows_its_own_setting(content):
    now = timezone.now()
    create_plan(content=content, choices=CHOICES, now=now - timedelta(days=60))
    result = _result(content)
    _last_opened(result, now - timedelta(days=60))
    out = StringIO()
    with override_settings(QUIZ_RESULT_RETENTION_MONTHS=1):
        call_command("delete_unopened", stdout=out)
    assert "plans: 0 deleted (not opened for 18 months" in out.getvalue()
    assert "quiz results: 1 deleted (not opened for 1 months" in out.getvalue()
    assert Plan.objects.count() == 1 and not QuizSubmission.objects.exists()


@pytest.mark.django_db
def test_rows_go_in_batches_and_all_are_counted(content, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(retention, "DELETE_BATCH", 2)
    long_ago = timezone.now() - timedelta(days=1000)
    for _ in range(5):
        create_plan(content=content, choices=CHOICES, now=long_ago)
    rule = retention.rule("plans")
    # Three batches of at most two (a look-up and a delete each), then an empty look-up.
    with django_assert_num_queries(7):
        deleted = retention.delete_unopened_rows(rule, since=timezone.now())
    assert deleted == 5 and not Plan.objects.exists()


@pytest.mark.django_db
def test_a_row_opened_during_the_clean_up_stays(content, monkeypatch):
    """The delete repeats the age condition: a plan opened after the look-up is kept."""
    now = timezone.now()
    plan = create_plan(content=content, choices=CHOICES, now=now - timedelta(days=1000))
    rule = retention.rule("plans")
    looked_up = rule.unopened_since

    def opened_meanwhile(moment):
        rows = looked_up(moment)
        list(rows.values_list("pk", flat=True))  # the look-up ...
        Plan.objects.filter(pk=plan.pk).update(opened_at=now)  # ... then someone opens it
        return rows

    monkeypatch.setattr(retention.Rule, "unopened_since", lambda self, m: opened_meanwhile(m))
    assert retention.delete_unopened_rows(rule, since=now - timedelta(days=30)) == 0
    assert Plan.objects.filter(pk=plan.pk).exists()


def test_on_a_locked_sqlite_file_a_read_neither_waits_nor_fails(tmp_path):
    """Another connection holds the write lock (the site's writes wait seconds for it): opening a
    result, its JSON and a plan's read-only page answers 200 at once, records nothing, and
    leaves the connection's timeout as configured; once the lock goes, the next opening is
    recorded."""
    outcome = run_in_child("open-while-locked", tmp_path, timeout=180)
    timeout = outcome["busy_timeout_before"] / 1000
    assert timeout >= 1  # the site's own: a write that waited would take this long
    for address, status, seconds in outcome["locked"]:
        assert status == 200, address
        assert seconds < min(0.5, timeout / 2), (address, seconds)
    assert outcome["opened_while_locked"] == [outcome["long_ago"]] * 2
    assert outcome["busy_timeout_after"] == outcome["busy_timeout_before"]
    assert [status for _, status in outcome["unlocked"]] == [200, 200, 200]
    assert all(opened > outcome["long_ago"] for opened in outcome["opened_after"])
    warnings = [line for line in outcome["stdout"].splitlines() if "not recorded" in line]
    assert len(warnings) == 3, outcome["stdout"][-3000:]  # one line per failed write, no traceback
    assert all("database is locked" in line and "Traceback" not in line for line in warnings)
