"""Validators come from the content version, and a 304 only where the URL would
answer 200 with that very body.

ETag: content version + canonical URL + htmx variant. Last-Modified: when this process first
served the content version, on whole pages only (a date cannot tell the fragment from the page).
Both are checked after the view (or the cache) has produced a 200."""

from __future__ import annotations

import dataclasses

import pytest
from django.test import Client
from django.utils.http import http_date

from content_engine import store

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
FAR_FUTURE = http_date(4_000_000_000)  # 2096


@pytest.mark.parametrize(
    "url", ["/route/no-such-stage/", "/roles/no-such-role/", "/skills/?skill=nope"]
)
def test_a_url_that_answers_404_never_answers_304(client: Client, url):
    for headers in (
        {"If-None-Match": "*"},
        {"If-Modified-Since": FAR_FUTURE},
        {"If-None-Match": '"anything"', "If-Modified-Since": FAR_FUTURE},
    ):
        response = client.get(url, headers=headers)
        assert response.status_code == 404, headers
        assert not response.has_header("ETag")


def test_a_304_carries_etag_cache_control_and_vary(client: Client):
    first = client.get("/route/")
    again = client.get("/route/", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    assert again["Cache-Control"] == first["Cache-Control"]
    assert "public" in again["Cache-Control"]
    vary = {v.strip().lower() for v in again["Vary"].split(",")}
    assert {"hx-request", "hx-history-restore-request"} <= vary


def test_the_etag_is_the_same_rendered_or_from_the_cache(client: Client):
    from django.core.cache import cache

    rendered = client.get("/faq/")
    cached = client.get("/faq/")
    cache.clear()
    rendered_again = client.get("/faq/", headers={"If-None-Match": rendered["ETag"]})
    assert rendered["ETag"] == cached["ETag"]
    assert rendered_again.status_code == 304  # validated after a fresh render, too


def test_if_modified_since_after_a_content_change_gets_the_new_page(client: Client, swap_content):
    before = client.get("/route/")
    assert before.has_header("Last-Modified")
    assert (
        client.get("/route/", headers={"If-Modified-Since": before["Last-Modified"]}).status_code
        == 304
    )
    swap_content(dataclasses.replace(store.get(), version="edited-content"))
    after = client.get("/route/", headers={"If-Modified-Since": before["Last-Modified"]})
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    stale_etag = client.get("/route/", headers={"If-None-Match": before["ETag"]})
    assert stale_etag.status_code == 200


def test_the_fragment_and_the_whole_page_do_not_validate_each_other(client: Client):
    whole = client.get("/roles/?deep_ml=yes")
    fragment = client.get("/roles/?deep_ml=yes", headers=HTMX)
    assert whole["ETag"] != fragment["ETag"]
    assert b"<html" in whole.content and b"<html" not in fragment.content
    assert not fragment.has_header("Last-Modified")  # a date cannot tell the variants apart
    crossed = client.get(
        "/roles/?deep_ml=yes",
        headers={**HTMX, "If-None-Match": whole["ETag"], "If-Modified-Since": FAR_FUTURE},
    )
    assert crossed.status_code == 200 and crossed.content == fragment.content
    crossed = client.get("/roles/?deep_ml=yes", headers={"If-None-Match": fragment["ETag"]})
    assert crossed.status_code == 200 and crossed.content == whole.content
    same = client.get("/roles/?deep_ml=yes", headers={**HTMX, "If-None-Match": fragment["ETag"]})
    assert same.status_code == 304


def test_each_url_has_its_own_etag(client: Client):
    ten = client.get("/route/?hours=10")
    twelve = client.get("/route/?hours=12")
    assert ten["ETag"] != twelve["ETag"]
    assert client.get("/route/?hours=12", headers={"If-None-Match": ten["ETag"]}).status_code == 200


def test_uncached_requests_still_get_validators(client: Client):
    """A URL with a parameter the view ignores is rendered each time, with its own ETag."""
    first = client.get("/faq/?ref=newsletter")
    assert first.status_code == 200 and first.has_header("ETag")
    again = client.get("/faq/?ref=newsletter", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304


def test_head_gets_the_same_validators_as_get(client: Client):
    get = client.get("/lenses/")
    head = client.head("/lenses/")
    assert head.status_code == 200 and head["ETag"] == get["ETag"]
    assert client.head("/lenses/", headers={"If-None-Match": get["ETag"]}).status_code == 304
