"""The home page is short: a hero that says what this is and for whom with the two main actions,
the premise in at most 300 words, entry points by background, what carries over and what you add
as titles, and the guides that explain them at length (/what-changes/ now leads to one)."""

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


def test_home_lists_what_carries_over_and_the_guide_explains_it(client: Client, content):
    home = unescape(client.get("/").content.decode())
    site = content.site
    for point in site.carries_over:
        assert f"<li>{point}</li>" in home
    for added in site.you_add:
        assert f'href="/skills/?skill={added.skill}">{added.title}</a>' in home
    guide = content.guide_by_id["what-carries-over"]
    assert f'href="/guides/{guide.id}/">{guide.title}, point by point</a>' in home
    body = unescape(client.get(f"/guides/{guide.id}/").content.decode())
    for point in site.carries_over:
        assert f"<strong>{point}.</strong>" in body, f"the guide does not explain {point!r}"


def test_home_offers_every_guide_with_its_summary(client: Client, content: Content):
    home = unescape(client.get("/").content.decode())
    assert content.guides
    for guide in content.guides:
        assert f'href="/guides/{guide.id}/">{guide.title}</a>' in home
        assert guide.summary in home


def test_the_old_what_changes_address_leads_to_the_guide_and_is_not_listed(client: Client):
    response = client.get("/what-changes/")
    assert response.status_code == 301
    assert response["Location"] == "/guides/what-carries-over/"
    assert client.head("/what-changes/").status_code == 301
    assert "/what-changes/" not in client.get("/sitemap.xml").content.decode()


def test_without_its_guide_the_old_address_leads_to_the_guides(
    client: Client, content_copy, swap_content
):
    from content_engine.loader import load_content

    (content_copy / "guides" / "what-carries-over.md").unlink()
    swap_content(load_content(content_copy))
    response = client.get("/what-changes/")
    assert (response.status_code, response["Location"]) == (302, "/guides/")
    assert "point by point" not in client.get("/").content.decode()
