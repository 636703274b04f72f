"""When a stored result was last opened (its page or its JSON), for the retention rule: recorded
to the hour, and best-effort: a write that fails never breaks the read."""

from __future__ import annotations

import logging
import time
from datetime import date, timedelta

import psycopg
import pytest
from django.db import OperationalError, connection
from django.db.models import QuerySet
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from plan.choices import Choices
from plan.services import create_plan
from quiz.models import QuizSubmission
from quiz.services import submit_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored(content) -> QuizSubmission:
    answers = {q.id: q.options[0].id for q in content.quiz.questions}
    return submit_quiz(content=content, answers=answers, background="backend")


def addresses(submission: QuizSubmission) -> list[str]:
    return [f"/quiz/result/{submission.token}/", f"/quiz/result/{submission.token}.json"]


def opened_at(submission: QuizSubmission):
    return QuizSubmission.objects.values_list("opened_at", flat=True).get(pk=submission.pk)


def test_a_new_result_counts_as_opened_when_stored(stored):
    assert abs(stored.opened_at - stored.created_at) < timedelta(seconds=1)


@pytest.mark.parametrize("which", [0, 1], ids=["page", "json"])
def test_opening_records_the_time_once_it_is_an_hour_old(client: Client, stored, which):
    address = addresses(stored)[which]
    two_hours_ago = timezone.now() - timedelta(hours=2)
    QuizSubmission.objects.filter(pk=stored.pk).update(opened_at=two_hours_ago)
    before = timezone.now()
    assert client.get(address).status_code == 200
    recorded = opened_at(stored)
    assert recorded >= before
    # Within the hour: no write at all, the read is one query.
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    assert opened_at(stored) == recorded
    assert not [q for q in queries.captured_queries if q["sql"].startswith("UPDATE")]


def test_a_failing_write_never_breaks_the_read(client: Client, stored, monkeypatch, caplog):
    long_ago = timezone.now() - timedelta(days=40)
    QuizSubmission.objects.filter(pk=stored.pk).update(opened_at=long_ago)

    def fail(self, **fields):
        raise OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(QuerySet, "update", fail)
    caplog.set_level(logging.WARNING, logger="webkit.retention")
    page, data = (client.get(address) for address in addresses(stored))
    assert page.status_code == 200 and "Best fit" in page.content.decode()
    assert data.status_code == 200 and data.json()["best"]
    monkeypatch.undo()
    assert opened_at(stored) == long_ago
    lines = [r.getMessage() for r in caplog.records if r.name == "webkit.retention"]
    assert (
        lines
        == [
            "quiz.QuizSubmission: last opened time not recorded "
            "(OperationalError: attempt to write a readonly database)"
        ]
        * 2
    )
    assert all(r.exc_info is None for r in caplog.records if r.name == "webkit.retention")


def test_a_plan_read_only_link_and_exports_survive_a_failing_write(
    client: Client, content, monkeypatch
):
    long_ago = timezone.now() - timedelta(days=40)
    plan = create_plan(
        content=content, choices=Choices("backend", "", 12, date(2026, 3, 2)), now=long_ago
    )

    def fail(self, **fields):
        raise OperationalError("database is locked")

    monkeypatch.setattr(QuerySet, "update", fail)
    for address in [
        f"/plan/view/{plan.view_token}/",
        f"/plan/{plan.token}/brief/",
        f"/plan/{plan.token}/plan.ics",
        f"/plan/{plan.token}/plan.md",
        f"/plan/{plan.token}/plan.json",
    ]:
        assert client.get(address).status_code == 200, address
    monkeypatch.undo()
    plan.refresh_from_db()
    assert plan.opened_at == long_ago


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_a_row_being_written_is_not_waited_for(client: Client, content):
    """Another transaction holds the result's row lock: the page answers at once, unrecorded."""
    answers = {q.id: q.options[0].id for q in content.quiz.questions}
    stored = submit_quiz(content=content, answers=answers, background="")
    long_ago = timezone.now() - timedelta(days=40)
    QuizSubmission.objects.filter(pk=stored.pk).update(opened_at=long_ago)
    params = connection.get_connection_params()
    with psycopg.connect(**{k: v for k, v in params.items() if k != "cursor_factory"}) as other:
        other.execute(
            "SELECT 1 FROM quiz_quizsubmission WHERE id = %s FOR UPDATE", [stored.pk]
        )  # held until the block ends
        started = time.monotonic()
        assert client.get(f"/quiz/result/{stored.token}.json").status_code == 200
        assert time.monotonic() - started < 2
        assert opened_at(stored) == long_ago
