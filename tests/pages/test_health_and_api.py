"""Health checks and the JSON API, as operators and API users rely on them."""

from __future__ import annotations

import json

import pytest
from django.db import OperationalError
from django.test import Client

pytestmark = pytest.mark.django_db


def test_live_is_a_plain_ok_that_touches_nothing(client: Client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz/live")
    assert response.status_code == 200 and response.content == b"ok"


def test_ready_reports_database_and_content(client: Client, content):
    body = client.get("/healthz/ready").json()
    assert body == {
        "status": "ok",
        "database": "ok",
        "content": {"status": "ok", "version": content.version},
    }


def test_ready_is_503_when_the_database_is_unreachable(client: Client, monkeypatch):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz/ready")
    assert response.status_code == 503
    assert response.json()["database"].startswith("unreachable")


def test_api_serves_every_collection_with_a_version(client: Client, content):
    response = client.get("/api/v1/content.json")
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    for key in ("site", "backgrounds", "skills", "stages", "roles", "lenses", "quiz", "faq"):
        assert data[key], key
    assert data["version"] == content.version
    assert len(data["roles"]) == len(content.roles)
    assert data["roles"][0]["key_skills"] == content.roles[0].key_skills
    assert (
        client.get("/api/v1/content.json", headers={"If-None-Match": response["ETag"]}).status_code
        == 304
    )
