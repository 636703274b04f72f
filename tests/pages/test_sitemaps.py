"""sitemap.xml lists every page a reader can reach, and every address in it answers."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def path_and_query(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def locations(client: Client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert "xml" in response["Content-Type"]
    return [unescape(loc) for loc in re.findall(r"<loc>(.*?)</loc>", response.content.decode())]


def test_every_stage_role_background_and_skill_page_is_listed(client: Client, content):
    paths = {path_and_query(loc) for loc in locations(client)}
    expected = {
        "/", "/route/", "/skills/", "/roles/", "/lenses/", "/compare/", "/faq/", "/quiz/",
        *(f"/route/{s.id}/" for s in content.stages),
        *(f"/roles/{r.id}/" for r in content.roles),
        *(f"/skills/?background={b.id}" for b in content.backgrounds),
        *(f"/skills/?skill={s.id}" for s in content.skills),
    }  # fmt: skip
    assert expected <= paths


def test_every_listed_address_answers_200(client: Client):
    found = locations(client)
    broken = {}
    for loc in found:
        response = client.get(path_and_query(loc))
        if response.status_code != 200:
            broken[loc] = response.status_code
    assert not broken


def test_addresses_are_absolute_and_all_on_one_site(client: Client):
    origins = {urlsplit(loc)[:2] for loc in locations(client)}
    assert len(origins) == 1
    ((scheme, host),) = origins
    assert scheme in ("http", "https") and host


def test_quiz_results_are_never_listed(client: Client):
    assert not any("/quiz/result/" in loc for loc in locations(client))


def test_each_address_says_when_its_content_was_reviewed(client: Client, content):
    body = client.get("/sitemap.xml").content.decode()
    assert body.count("<lastmod>") == body.count("<loc>")
    assert f"<lastmod>{content.site.reviewed.isoformat()}</lastmod>" in body
