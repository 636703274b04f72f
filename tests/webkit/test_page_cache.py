"""The page cache: rendered once per (content version, URL, htmx or not), repeat visits answered
with 304, the htmx fragment and the whole page kept apart, and 404s never stored."""

from __future__ import annotations

import dataclasses

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django_htmx.middleware import HtmxDetails

from content_engine import store
from webkit.htmx import HtmxHttpRequest, partial_or_page
from webkit.page_cache import content_page

HTMX = {"HX-Request": "true"}
HISTORY_RESTORE = {"HX-Request": "true", "HX-History-Restore-Request": "true"}


class CountingView:
    """A content view that says whether it rendered the fragment or the page, and counts calls."""

    def __init__(self, status: int = 200, query: tuple[str, ...] = ("deep_ml",)) -> None:
        self.calls = 0
        self.status = status
        self.view = content_page(query=query)(self._render)

    def _render(self, request: HtmxHttpRequest) -> HttpResponse:
        self.calls += 1
        request.htmx = HtmxDetails(request)  # as django-htmx's middleware would
        rendered = partial_or_page(request, "page.html", "fragment")
        return HttpResponse(f"{rendered} #{self.calls}", status=self.status)

    def get(self, path: str = "/page/", headers: dict[str, str] | None = None) -> HttpResponse:
        return self.view(RequestFactory().get(path, headers=headers or {}))


@pytest.fixture
def page() -> CountingView:
    return CountingView()


def test_a_page_is_rendered_once_and_then_served_from_the_cache(page):
    first, second = page.get(), page.get()
    assert first.status_code == second.status_code == 200
    assert second.content == first.content == b"page.html #1"
    assert page.calls == 1


def test_a_repeat_visit_with_the_etag_gets_304_and_no_body(page):
    first = page.get()
    assert first["ETag"] and first["Last-Modified"]
    assert "public" in first["Cache-Control"]
    again = page.get(headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    since = page.get(headers={"If-Modified-Since": first["Last-Modified"]})
    assert since.status_code == 304


def test_a_stale_etag_gets_the_page(page):
    page.get()
    response = page.get(headers={"If-None-Match": '"not-this-one"'})
    assert response.status_code == 200 and response.content == b"page.html #1"


def test_each_value_of_a_parameter_the_view_reads_is_its_own_page(page):
    plain = page.get("/page/")
    filtered = page.get("/page/?deep_ml=yes")
    assert filtered["ETag"] != plain["ETag"]
    assert page.get("/page/?deep_ml=yes", {"If-None-Match": plain["ETag"]}).status_code == 200
    page.get("/page/?deep_ml=yes")
    assert page.calls == 2  # both are cached now


def test_a_parameter_the_view_does_not_read_is_served_but_never_stored(page):
    for _ in range(3):
        response = page.get("/page/?utm_source=newsletter")
        assert response.status_code == 200
    assert page.calls == 3
    assert page.get("/page/").content == b"page.html #4"  # the real page was not displaced


def test_the_htmx_fragment_and_the_whole_page_are_cached_separately(page):
    whole = page.get()
    fragment = page.get(headers=HTMX)
    assert whole.content == b"page.html #1"
    assert fragment.content == b"page.html#fragment #2"
    assert fragment["ETag"] != whole["ETag"]
    # Each is now cached: neither request renders again, and neither gets the other's body.
    assert page.get().content == b"page.html #1"
    assert page.get(headers=HTMX).content == b"page.html#fragment #2"
    assert page.calls == 2
    # The fragment's ETag must not validate a request for the whole page.
    assert page.get(headers={"If-None-Match": fragment["ETag"]}).status_code == 200


def test_a_history_restore_gets_the_whole_page_even_after_a_fragment_was_cached(page):
    page.get(headers=HTMX)  # the fragment is cached first
    restored = page.get(headers=HISTORY_RESTORE)
    assert restored.content.startswith(b"page.html #")  # not the fragment
    whole = page.get()
    assert restored["ETag"] == whole["ETag"]  # one cache entry for the whole page
    assert whole.content == restored.content


def test_every_response_varies_on_the_htmx_headers(page):
    for headers in ({}, HTMX, HISTORY_RESTORE):
        response = page.get(headers=headers)
        vary = {v.strip().lower() for v in response["Vary"].split(",")}
        assert {"hx-request", "hx-history-restore-request"} <= vary
    not_modified = page.get(headers={"If-None-Match": page.get()["ETag"]})
    assert "HX-Request" in not_modified["Vary"]


def test_not_found_pages_are_never_cached_nor_validated():
    missing = CountingView(status=404)
    first, second = missing.get("/page/typo/"), missing.get("/page/typo/")
    assert first.status_code == second.status_code == 404
    assert missing.calls == 2
    assert not first.has_header("ETag") and not first.has_header("Cache-Control")


def test_new_content_means_a_new_etag_and_a_fresh_render(page, swap_content):
    before = page.get()
    swap_content(dataclasses.replace(store.get(), version="a-newer-version"))
    after = page.get(headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert page.calls == 2


def test_only_get_and_head_are_answered(page):
    assert page.view(RequestFactory().head("/page/")).status_code == 200
    for method in ("post", "put", "delete"):
        assert page.view(getattr(RequestFactory(), method)("/page/")).status_code == 405
    assert page.calls == 1


@pytest.mark.django_db
def test_a_real_page_answers_a_history_restore_with_the_whole_page(client: Client):
    fragment = client.get("/roles/?deep_ml=yes", headers=HTMX).content.decode()
    restored = client.get("/roles/?deep_ml=yes", headers=HISTORY_RESTORE).content.decode()
    assert "<html" not in fragment
    assert "<html" in restored and "</html>" in restored
