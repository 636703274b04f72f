"""The search page: results link to the right page and anchor, what the visitor typed is always
escaped, an empty or fruitless search helps, and no query gives a server error; and the search
field in every page's header."""

from __future__ import annotations

import re

import pytest
from django.test import Client, RequestFactory
from hypothesis import HealthCheck, given
from hypothesis import example as hypothesis_example
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from content_engine import store
from content_engine.content import Content
from content_engine.search import documents, index_for, search
from pages.search import KINDS, _render, _title, hit_link, no_hit_pages

pytestmark = pytest.mark.django_db


def page(client: Client, query: str | None) -> str:
    response = client.get("/search/", {} if query is None else {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def main_of(html: str) -> str:
    match = re.search(r"<main.*?</main>", html, re.S)
    assert match is not None
    return match.group(0)


def result_links(html: str) -> list[str]:
    return re.findall(r'<li>\s*<h2><a href="([^"]+)">', main_of(html))


def test_results_link_to_the_best_page_first(client: Client):
    html = page(client, "prompt injection")
    assert result_links(html)[0] == "/skills/?skill=trust-boundary"
    assert "<mark>prompt injection</mark>" in html
    assert "<title>Search results for “\u2068prompt injection\u2069” · " in html


def test_every_kind_of_result_links_to_a_page_holding_it(client: Client, content: Content):
    for document in documents(content):
        url = KINDS[document.kind][1](document.id)
        path, _, anchor = url.partition("#")
        response = client.get(path)
        assert response.status_code == 200, url
        if anchor:
            assert f'id="{anchor}"' in response.content.decode(), url


def test_a_hit_links_by_reverse_never_a_literal(content: Content):
    hit = search(index_for(content), "certifications").hits[0]
    assert hit_link(hit) == "/faq/#certifications"


@pytest.mark.parametrize(
    "query", ['<script>alert("x")</script>', '"><img src=x onerror=alert(1)>', "a & b < c"]
)
def test_what_the_visitor_typed_is_escaped_everywhere(client: Client, query):
    html = page(client, query)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert 'value="&lt;' in html or 'value="&quot;' in html or 'value="a &amp; b' in html


def test_content_matched_is_escaped_inside_marks(client: Client):
    html = page(client, "script")  # "script" occurs in the content as a plain word
    for marked in re.findall(r"<mark>(.*?)</mark>", html):
        assert "<" not in marked


def test_an_empty_search_offers_examples_that_find_something(client: Client):
    html = main_of(page(client, None))
    assert "<h1>Search</h1>" in html
    examples = re.findall(r'href="/search/\?q=([^"]+)"', html)
    assert examples
    for example in examples:
        assert result_links(page(client, example.replace("+", " ").replace("%2D", "-")))


def test_no_results_says_so_and_suggests(client: Client):
    html = main_of(page(client, "zzqxv blorptangle"))
    assert "No results for “<bdi>zzqxv blorptangle</bdi>”" in html
    assert "Try searching for" in html and 'href="/route/"' in html


def test_a_misspelling_offers_the_nearest_words(client: Client):
    html = main_of(page(client, "promt injection"))
    link = '<a href="/search/?q=prompt%20injection"><bdi>prompt injection</bdi></a>'
    assert f"Did you mean {link}" in html


def test_only_common_words_are_explained(client: Client):
    assert "are on every page" in main_of(page(client, "the and of"))


def test_a_query_over_200_characters_is_cut_with_a_message(client: Client):
    html = main_of(page(client, "evals " * 60))
    assert "longer than 200 characters" in html
    assert result_links(html)


def test_head_answers_and_post_is_refused(client: Client):
    assert client.head("/search/?q=rag").status_code == 200
    assert client.post("/search/", {"q": "rag"}).status_code == 405


def test_a_repeated_search_is_a_304(client: Client):
    first = client.get("/search/?q=rag")
    again = client.get("/search/?q=rag", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304


@hypothesis_settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    database=None,
)
@given(query=st.text(max_size=400))
def test_random_queries_never_cause_a_server_error(client: Client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200


def test_every_page_has_the_search_field_in_its_header(client: Client, content: Content):
    for url in ["/", "/route/", f"/roles/{content.roles[0].id}/", "/faq/", "/quiz/"]:
        header = re.search(r"<header.*?</header>", client.get(url).content.decode(), re.S)
        assert header is not None
        form = header.group(0)
        assert 'role="search"' in form and 'action="/search/"' in form, url
        assert '<label class="visually-hidden" for="site-search">' in form, url
        assert 'name="q"' in form, url


def test_the_search_page_has_one_search_field(client: Client):
    assert page(client, "rag").count('type="search"') == 1


def test_a_right_to_left_query_is_isolated_wherever_it_is_shown(client):
    query = "zzqxv\u202eblorptangle"  # RIGHT-TO-LEFT OVERRIDE inside the query
    page = client.get("/search/", {"q": query}).content.decode()
    assert f"Search results for “<bdi>{query}</bdi>”</h1>" in page
    assert f"No results for “<bdi>{query}</bdi>”." in page
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "\u2068zzqxvblorptangle\u2069" in title  # the override is left out of the title
    # A query that tries to close the isolate early cannot.
    closing = client.get("/search/", {"q": "zzqx\u2069\u202eevil"}).content.decode()
    closing_title = closing.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "\u2068zzqxevil\u2069" in closing_title


def test_a_suggestion_is_isolated_too(client):
    page = client.get("/search/", {"q": "evalz \u202emoc"}).content.decode()
    assert "Did you mean" in page and "<bdi>" in page.split("Did you mean", 1)[1][:300]


# Made-up words, real words misspelt (so a suggestion), words everyone uses, markup, quotes,
# right-to-left controls and queries past the length cut: every shape of a page without hits.
NO_HIT_WORDS = st.sampled_from(
    ["zzqxv", "evalz", "retreival", "the", "how", "<b>", '"x"', "a&b", "\u202emoc", "o'neil",
     "%20", "?q=", "x" * 60, "<zzq>&'zzq'"]
)  # fmt: skip


@hypothesis_settings(deadline=None, database=None)
@hypothesis_example(words=["evalz", "<zzq>&'zzq'", "?q="], extra="")  # a suggestion holding markup
@given(words=st.lists(NO_HIT_WORDS, min_size=1, max_size=12), extra=st.text(max_size=30))
def test_a_page_without_hits_is_the_page_rendered_in_full(words, extra):
    content = store.get()
    query = " ".join(words) + " " + extra
    results = search(index_for(content), query)
    if not results.query or results.hits:
        return
    request = RequestFactory().get("/search/", {"q": query})
    full = _render(request, content, results, _title(results.query)).content.decode()
    assert no_hit_pages.response(request, content, results) == full
