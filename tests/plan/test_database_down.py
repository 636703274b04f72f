"""With the database down, making a plan or saving progress answers 503 and keeps what the
person chose or ticked, ready to send again."""

from __future__ import annotations

import re

import pytest
from django.db import OperationalError, connection
from django.test import Client

pytestmark = pytest.mark.django_db

TOKEN = "A" * 22


def refuse() -> None:
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed")


@pytest.fixture
def database_down(monkeypatch) -> None:
    monkeypatch.setattr(connection, "ensure_connection", refuse)


def test_making_a_plan_is_a_503_that_keeps_every_choice(client: Client, database_down):
    form = {"background": "security", "role": "ai-security-engineer", "hours": "9", "start": ""}
    response = client.post("/plan/", form)
    assert response.status_code == 503
    assert response["Retry-After"].isdigit() and "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "Your plan is not saved yet" in page
    assert re.search(r'<option value="security"\s+selected>', page)
    assert re.search(r'<option value="ai-security-engineer"\s+selected>', page)
    assert 'value="9"' in page


def test_saving_progress_is_a_503_that_keeps_the_ticks(client: Client, content, database_down):
    ids = [content.stages[0].deliverable.id, content.stages[0].done_when[0].id]
    response = client.post(f"/plan/{TOKEN}/", {"done": ids})
    assert response.status_code == 503
    page = response.content.decode()
    for item_id in ids:
        assert f'<input type="hidden" name="done" value="{item_id}">' in page
    assert f'action="/plan/{TOKEN}/"' in page and "Try saving again" in page
