"""Only canonical URLs are cached.

The key is built from the query parameters a view reads, sorted; a request carrying anything
else is answered uncached, so junk query strings cannot grow the cache. Runs against whatever
cache the settings give (the in-process cache, or Redis when REDIS_URL is set)."""

from __future__ import annotations

import time

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.test import Client, RequestFactory

from pages.api import content_json
from webkit import page_cache
from webkit.page_cache import KEY_PREFIX

pytestmark = pytest.mark.django_db


def page_entries() -> int:
    """How many rendered pages the configured cache holds."""
    backend = caches["default"]
    if isinstance(backend, LocMemCache):
        stored = vars(backend)["_cache"]  # the process's dict of entries; no public API lists it
        return len([key for key in stored if KEY_PREFIX in key])
    if isinstance(backend, RedisCache):
        client = backend._cache.get_client()
        return len(list(client.scan_iter(match=f"*{KEY_PREFIX}*", count=1000)))
    raise AssertionError(f"no way to count entries of {type(backend).__name__}")


@pytest.mark.slow
def test_twenty_thousand_junk_query_strings_leave_the_cache_flat():
    """The attack from the finding: /api/v1/content.json?b=N for 20,000 distinct N."""
    factory = RequestFactory()
    canonical = content_json(factory.get("/api/v1/content.json"))
    assert canonical.status_code == 200
    before = page_entries()
    assert before == 1
    started = time.perf_counter()
    response = canonical
    for n in range(20_000):
        response = content_json(factory.get(f"/api/v1/content.json?b={n}"))
        assert response.status_code == 200
    elapsed = time.perf_counter() - started
    assert page_entries() == before, "junk query strings created cache entries"
    assert response.content == canonical.content  # the junk got the real document
    assert elapsed < 60


def test_parameter_order_is_normalised_to_one_entry(client: Client, content):
    background = content.backgrounds[0].id
    first = client.get(f"/roles/?deep_ml=yes&background={background}")
    second = client.get(f"/roles/?background={background}&deep_ml=yes")
    assert first.status_code == second.status_code == 200
    assert first["ETag"] == second["ETag"]
    assert first.content == second.content
    assert page_entries() == 1


def test_unknown_parameters_are_served_uncached_with_the_real_page(client: Client, content):
    plain = client.get("/faq/")
    for n in range(50):
        tracked = client.get(f"/faq/?utm_source=mail{n}&fbclid={n}")
        assert tracked.status_code == 200
        assert tracked.content == plain.content
    filtered = client.get(f"/roles/?background={content.backgrounds[0].id}&page=2")
    assert filtered.status_code == 200
    assert content.backgrounds[0].name in filtered.content.decode()
    assert page_entries() == 1  # /faq/ alone: the filtered list carried junk


def test_repeated_or_over_long_values_are_not_cached(client: Client, content):
    a, b = content.roles[0].id, content.roles[1].id
    assert client.get(f"/roles/compare/?a={a}&a={b}&b={b}").status_code in {200, 404}
    assert client.get("/route/?hours=" + "1" * 500).status_code == 200
    assert page_entries() == 0


def test_junk_values_of_a_parameter_the_view_reads_are_capped_per_view(client: Client, monkeypatch):
    """/roles/?background=<junk> answers 200 with a message, so it could be cached: each view
    stores at most VARIANTS_PER_VIEW entries per content version in a process."""
    monkeypatch.setattr(page_cache, "VARIANTS_PER_VIEW", 20)
    for n in range(200):
        response = client.get(f"/roles/?background=junk{n}")
        assert response.status_code == 200
        assert f"junk{n}" in response.content.decode()  # each still gets its own page
    assert page_entries() <= 20
    # Other views keep their own allowance.
    assert client.get("/route/?hours=12").status_code == 200
    assert page_entries() <= 21


@pytest.mark.slow
def test_a_popular_search_stays_cached_after_a_thousand_distinct_ones(client: Client, monkeypatch):
    """The per-view bound evicts the least recently used entry: a query asked again and again
    is never the one pushed out, while the cache stays within its bound."""
    import content_engine.search
    import pages.search

    rendered: list[str] = []
    real_search = content_engine.search.search

    def counting_search(index, query, *args, **kwargs):
        rendered.append(query)
        return real_search(index, query, *args, **kwargs)

    monkeypatch.setattr(pages.search, "search", counting_search)
    assert client.get("/search/?q=retrieval+chunking").status_code == 200
    for n in range(1000):
        assert client.get(f"/search/?q=distinct{n}").status_code == 200
        if n % 50 == 0:
            assert client.get("/search/?q=retrieval+chunking").status_code == 200
    assert (
        rendered.count("retrieval chunking") == 1
    )  # rendered once, then always served from the cache
    before = len(rendered)
    assert client.get("/search/?q=retrieval+chunking").status_code == 200
    assert len(rendered) == before
    assert page_entries() <= page_cache.VARIANTS_PER_VIEW
    # An old distinct query was evicted to make room: asking it again renders it again.
    before = len(rendered)
    assert client.get("/search/?q=distinct0").status_code == 200
    assert "distinct0" in rendered[before:]


def test_unknown_paths_are_never_cached(client: Client):
    for n in range(50):
        assert client.get(f"/route/no-such-stage-{n}/").status_code == 404
        assert client.get(f"/roles/no-such-role-{n}/").status_code == 404
        assert client.get(f"/skills/?skill=nope{n}").status_code == 404
    assert page_entries() == 0


def test_canonical_pages_are_still_served_from_the_cache(client: Client, content):
    urls = ["/", "/route/?hours=12", f"/skills/?background={content.backgrounds[0].id}"]
    first = [client.get(url).content for url in urls]
    assert page_entries() == len(urls)
    assert [client.get(url).content for url in urls] == first
    assert page_entries() == len(urls)


def test_the_api_keeps_its_cors_header_when_served_from_the_cache(client: Client):
    first, second = client.get("/api/v1/content.json"), client.get("/api/v1/content.json")
    assert page_entries() == 1
    assert first["Access-Control-Allow-Origin"] == second["Access-Control-Allow-Origin"] == "*"
    assert second["Content-Type"] == "application/json"
