"""Reading a plan never needs a write: with a database that refuses every write, every page and
export of a plan answers 200 (the visit is recorded next time), and a save answers 503 with the
ticks kept in the form."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from plan.models import Plan

pytestmark = pytest.mark.django_db(transaction=True)  # no test transaction: as in production


@pytest.fixture
def read_only_database():
    """Every write refused, as SQLite does for a read-only file (root, which runs CI, may write
    any file whatever its mode, so the connection is made read-only instead)."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's query_only pragma")
    yield lambda on: connection.cursor().execute(f"PRAGMA query_only = {'ON' if on else 'OFF'}")
    connection.cursor().execute("PRAGMA query_only = OFF")


def test_every_plan_read_answers_200_and_a_save_keeps_the_ticks(
    client: Client, make_plan, content, read_only_database
):
    token = make_plan()
    plan = Plan.objects.get(token=token)
    # Not opened for a month, and the content changed since: a visit has two things to record.
    Plan.objects.filter(pk=plan.pk).update(
        opened_at=timezone.now() - timedelta(days=30), seen_version="older"
    )
    reads = [
        f"/plan/{token}/", f"/plan/view/{plan.view_token}/", f"/plan/{token}/brief/",
        f"/plan/view/{plan.view_token}/brief/", f"/plan/{token}/hours/",
        f"/plan/{token}/choices/", f"/plan/{token}/plan.ics", f"/plan/{token}/plan.md",
        f"/plan/{token}/plan.json", "/plan/mine/", "/plan/", "/plan/import/",
    ]  # fmt: skip
    read_only_database(True)
    for url in reads:
        assert client.get(url).status_code == 200, url
        assert Client().get(url).status_code == 200, url  # a browser without the plan's cookie
    stage = content.stages[0]
    ticks = [stage.deliverable.id, stage.done_when[0].id]
    saved = client.post(f"/plan/{token}/", {"done": ticks, "stage": stage.id})
    assert saved.status_code == 503 and saved["Retry-After"]
    form = saved.content.decode()
    assert sorted(re.findall(r'type="hidden" name="done" value="([^"]+)"', form)) == sorted(ticks)
    one = client.post(f"/plan/{token}/items/{ticks[0]}/", {"done": "1"}, HTTP_X_PLAN_TICK="1")
    assert one.status_code == 503 and "Nothing you chose is lost" in one.content.decode()
    read_only_database(False)
    assert Plan.objects.get(pk=plan.pk).done == []
    client.get(f"/plan/{token}/")  # writable again: the visit is recorded now
    assert Plan.objects.get(pk=plan.pk).seen_version == content.version
