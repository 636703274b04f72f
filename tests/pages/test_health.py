"""Health checks, as load balancers and orchestrators rely on them."""

from __future__ import annotations

import pytest
from django.db import OperationalError
from django.test import Client

from content_engine import store
from tests.webkit.sqlite_file_scenarios import run_in_child

pytestmark = pytest.mark.django_db


def test_live_is_a_plain_ok_that_touches_nothing(client: Client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz/live")
    assert response.status_code == 200 and response.content == b"ok"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_ready_reports_database_and_content(client: Client, content):
    response = client.get("/healthz/ready")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["writes"] == "ok"
    assert body["content"] == {"status": "ok", "version": content.version}


def test_the_write_probe_leaves_nothing_behind(client: Client):
    from django.db.migrations.recorder import MigrationRecorder

    before = list(MigrationRecorder.Migration.objects.order_by("id").values_list())
    assert client.get("/healthz/ready").json()["writes"] == "ok"
    assert list(MigrationRecorder.Migration.objects.order_by("id").values_list()) == before


@pytest.fixture
def read_only_database():
    """The database refuses every write, as SQLite does for a read-only file (root, which runs
    CI, may write any file whatever its mode, so the connection is made read-only instead)."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's query_only pragma")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA query_only = ON")
    yield
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA query_only = OFF")


def test_ready_says_writes_fail_on_a_read_only_database(client: Client, read_only_database):
    response = client.get("/healthz/ready")
    body = response.json()
    assert body["writes"].startswith("failing: OperationalError: attempt to write a readonly")
    assert body["status"] == "degraded"
    assert body["database"] == "ok"
    # Still 200: every instance shares the database, and content pages still serve.
    assert response.status_code == 200


def test_ready_is_503_when_the_database_is_unreachable(client: Client, monkeypatch):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz/ready")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["database"].startswith("unreachable")
    assert body["content"]["status"] == "ok"  # says which part failed


def test_ready_is_503_when_the_content_did_not_load(client: Client, content_copy, swap_content):
    (content_copy / "lenses.yaml").write_text("")
    store.load(content_copy)  # swap_content puts the shipped content back afterwards
    response = client.get("/healthz/ready")
    assert response.status_code == 503
    assert response.json()["content"] == {"status": "invalid", "problems": 1}
    assert response.json()["database"] == "ok"


@pytest.mark.parametrize("url", ["/healthz/live", "/healthz/ready"])
def test_health_checks_answer_head_and_refuse_writes(client: Client, url):
    assert client.head(url).status_code == 200
    assert client.post(url).status_code == 405


def test_ready_answers_at_once_while_another_writer_holds_the_lock(tmp_path):
    """Readiness never waits out the 3 s a write waits for SQLite's lock: it says writes are
    failing (locked) at once, and ok again once the lock is gone."""
    outcome = run_in_child("ready-while-locked", tmp_path, timeout=120)
    status, writes, seconds = outcome["locked"]
    assert status == 200 and writes.startswith("failing: OperationalError: database is locked")
    assert seconds < 0.5, seconds
    assert outcome["unlocked"][:2] == [200, "ok"]
