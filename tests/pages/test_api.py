"""The read-only JSON API, as people building on it rely on it."""

from __future__ import annotations

import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

URL = "/api/v1/content.json"


def test_api_serves_every_collection_with_a_version(client: Client, content):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    for key in ("site", "backgrounds", "skills", "stages", "roles", "lenses", "quiz", "faq"):
        assert data[key], key
    assert data["version"] == content.version
    assert [r["id"] for r in data["roles"]] == [r.id for r in content.roles]
    assert data["roles"][0]["key_skills"] == content.roles[0].key_skills


def test_markdown_fields_are_given_as_their_source(client: Client, content):
    data = json.loads(client.get(URL).content)
    first = content.faq.questions[0]
    assert data["faq"][0]["answer"] == first.answer.source
    assert "<p>" not in data["faq"][0]["answer"]


def test_any_site_may_read_it(client: Client):
    assert client.get(URL)["Access-Control-Allow-Origin"] == "*"


def test_a_repeat_request_with_the_etag_gets_304(client: Client):
    first = client.get(URL)
    again = client.get(URL, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""


def test_it_is_read_only(client: Client):
    assert client.head(URL).status_code == 200
    for method in (client.post, client.put, client.delete):
        assert method(URL).status_code == 405
