"""The home page is short: a hero that says what this is and for whom with the two main actions,
the premise in at most 300 words, entry points by background, and the long lists on their own
page (/what-changes/)."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.test import Client

from content_engine.content import Content

pytestmark = pytest.mark.django_db

HOME_WORDS = 950  # "about 900 words in all"


def words(html: str) -> list[str]:
    text = unescape(re.sub(r"<[^>]+>", " ", html))
    return text.split()


def main_of(html: str) -> str:
    found = re.search(r"<main\b.*?</main>", html, re.S)
    assert found, "no main element"
    return found.group(0)


def test_home_is_about_900_words(client: Client):
    main = main_of(client.get("/").content.decode())
    assert len(words(main)) <= HOME_WORDS


def test_the_premise_is_at_most_300_words(content: Content):
    assert len(words(content.site.premise.html)) <= 300


def test_the_hero_says_what_this_is_and_leads_to_the_quiz_and_the_route(client: Client, content):
    html = client.get("/").content.decode()
    hero = re.search(r'<section class="hero".*?</section>', html, re.S)
    assert hero, "no hero"
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", hero.group(0), re.S)
    assert h1 and unescape(h1.group(1)).strip() == content.site.headline
    assert content.site.title not in content.site.headline
    assert "software engineers" in unescape(hero.group(0))  # for whom
    actions = re.findall(r'<a class="button[^"]*" href="([^"]+)"', hero.group(0))
    assert actions[:2] == ["/quiz/", "/route/"]


def test_home_offers_every_background_as_a_way_in(client: Client, content: Content):
    html = client.get("/").content.decode()
    for background in content.backgrounds:
        assert f'href="/skills/?background={background.id}"' in html


def test_the_long_lists_live_on_their_own_page(client: Client, content: Content):
    home = unescape(client.get("/").content.decode())
    assert 'href="/what-changes/"' in home
    site = content.site
    for point in site.carries_over:
        assert point.title in home and point.detail not in home
    for added in site.you_add:
        assert added.title in home and added.detail not in home
        assert f'href="/skills/?skill={added.skill}"' in home
    response = client.get("/what-changes/")
    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert re.search(rf"<h1>{re.escape(site.what_changes.title)}</h1>", page)
    for point in site.carries_over:
        assert point.detail in page
    for added in site.you_add:
        assert added.detail in page
    for item in site.portfolio:
        assert item.why in page
    assert 'id="ai-vs-ml"' in page and 'id="portfolio"' in page
    assert 'href="/what-changes/#portfolio"' in home and 'href="/what-changes/#ai-vs-ml"' in home


def test_what_changes_is_in_the_sitemap_with_a_trail_home(client: Client):
    assert "/what-changes/</loc>" in client.get("/sitemap.xml").content.decode()
    page = client.get("/what-changes/").content.decode()
    trail = re.search(r'<nav class="wrap breadcrumbs".*?</nav>', page, re.S)
    assert trail and 'href="/"' in trail.group(0) and 'aria-current="page"' in trail.group(0)


def test_each_short_path_caveat_pairs_who_with_advice(client: Client, content: Content):
    html = unescape(client.get("/").content.decode())
    pairs = re.findall(r"<div><dt>(.*?)</dt><dd>(.*?)</dd></div>", html, re.S)
    assert pairs == [(c.who, c.advice) for c in content.site.short_path_caveats]
