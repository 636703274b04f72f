"""The guides as a reader finds them: a list at /guides/, each guide at /guides/<id>/ with its
contents, the places it leads to and its sources as numbered footnotes; a mistyped id gets a
404 that offers the nearest guide; every guide is in the sitemap, the API and search."""

from __future__ import annotations

import json
import re
from datetime import date
from html import unescape
from pathlib import Path

import pytest
from django.test import Client

from content_engine.citations import strings
from content_engine.content import Content
from content_engine.loader import load_content
from content_engine.richtext import RichText
from content_engine.search import index_for, search
from pages.search import hit_link

pytestmark = pytest.mark.django_db

GUIDE = "reading-a-job-post"


def a_guide(content: Content) -> str:
    """A guide citing two sources (the second twice) and linking a role, a stage and a skill."""
    first, second = content.sources[0].id, content.sources[-1].id
    return (
        f"---\nid: {GUIDE}\ntitle: Reading a job post\n"
        "summary: How to tell from the duties which job a post describes.\n"
        f"reviewed: {date.today().isoformat()}\nroles: [{content.roles[0].id}]\n"
        f"stages: [{content.stages[-1].id}]\nskills: [{content.skills[0].id}]\n---\n"
        f"Titles mislead; duties do not.[^{second}]\n\n## The duties\n\n"
        f"Read the verbs.[^{first}] Then read them again.[^{second}]\n\n## The questions\n\nAsk.\n"
    )


@pytest.fixture
def with_guide(content_copy: Path, content: Content, swap_content) -> Content:
    """The site serving the shipped content plus one test guide."""
    (content_copy / "guides").mkdir(exist_ok=True)
    (content_copy / "guides" / f"{GUIDE}.md").write_text(a_guide(content), encoding="utf-8")
    loaded = load_content(content_copy)
    swap_content(loaded)
    return loaded


def main_of(html: str) -> str:
    match = re.search(r'<main id="main".*?</main>', html, re.S)
    assert match, "no main"
    return match.group(0)


def test_the_list_shows_every_guide_with_its_summary(client: Client, with_guide: Content):
    response = client.get("/guides/")
    assert response.status_code == 200
    html = unescape(response.content.decode())
    copy = with_guide.site.pages.guides
    assert f"<h1>{copy.title}</h1>" in html
    for guide in with_guide.guides:
        assert f'href="/guides/{guide.id}/">{guide.title}</a>' in html
        assert guide.summary in html
    assert 'href="/guides/" aria-current="page"' in html  # the navigation says where you are


def test_a_guide_has_its_contents_body_related_links_and_trail(client: Client, with_guide):
    html = unescape(client.get(f"/guides/{GUIDE}/").content.decode())
    assert re.search(r"<h1[^>]*>Reading a job post</h1>", html)
    assert "<title>Reading a job post · " in html
    assert 'content="How to tell from the duties which job a post describes."' in html
    toc = re.search(r'<nav class="toc" aria-label="In this guide">.*?</nav>', html, re.S)
    assert toc and re.findall(r'href="#([^"]+)"', toc.group(0)) == ["the-duties", "the-questions"]
    assert '<h2 id="the-duties">The duties</h2>' in html
    role, stage, skill = with_guide.roles[0], with_guide.stages[-1], with_guide.skills[0]
    assert f'href="/roles/{role.id}/"' in html and f'href="/route/{stage.id}/"' in html
    assert f'href="/skills/?skill={skill.id}"' in html
    trail = re.search(r'<nav class="wrap breadcrumbs".*?</nav>', html, re.S)
    assert trail and 'href="/guides/">Guides' in trail.group(0)
    assert f'href="/guides/{GUIDE}/" aria-current="page"' in trail.group(0)


def test_footnotes_are_numbered_once_per_source_and_link_to_the_list(client: Client, with_guide):
    main = main_of(client.get(f"/guides/{GUIDE}/").content.decode())
    first, second = with_guide.sources[0], with_guide.sources[-1]
    numbers = with_guide.source_number
    marks = re.findall(r'<sup class="cite"><a href="#source-([a-z0-9-]+)">.*?(\d+)</a></sup>', main)
    assert marks == [
        (second.id, str(numbers[second.id])),
        (first.id, str(numbers[first.id])),
        (second.id, str(numbers[second.id])),
    ]
    listing = re.search(r'<section class="sources".*?</section>', main, re.S)
    assert listing, "no list of sources"
    items = re.findall(r'<li id="source-([a-z0-9-]+)" value="(\d+)">', listing.group(0))
    assert items == [(first.id, str(numbers[first.id])), (second.id, str(numbers[second.id]))]
    assert f'href="{second.url}"' in listing.group(0) and second.publisher in listing.group(0)


def test_every_footnote_on_every_page_lands_on_its_source(client: Client, with_guide):
    """Whatever page a field is shown on, its footnote numbers link to an item on that page."""
    pages = ["/", "/route/", "/faq/", "/compare/", "/lenses/", "/guides/", "/roles/"]
    pages += [f"/guides/{g.id}/" for g in with_guide.guides]
    pages += [f"/route/{s.id}/" for s in with_guide.stages]
    pages += [f"/roles/{r.id}/" for r in with_guide.roles]
    pages += [f"/skills/?skill={s.id}" for s in with_guide.skills]
    pages += [f"/skills/?background={b.id}" for b in with_guide.backgrounds]
    cited_somewhere = False
    for url in pages:
        html = client.get(url).content.decode()
        links = set(re.findall(r'<sup class="cite"><a href="#(source-[a-z0-9-]+)">', html))
        targets = set(re.findall(r'<li id="(source-[a-z0-9-]+)"', html))
        assert links == targets, url
        cited_somewhere = cited_somewhere or bool(links)
    assert cited_somewhere


def test_a_page_that_cites_nothing_has_no_list_of_sources(client: Client, with_guide):
    assert '<section class="sources"' not in client.get("/quiz/").content.decode()


def test_a_mistyped_guide_gets_a_404_offering_the_nearest(client: Client, with_guide):
    response = client.get("/guides/reading-a-job-pots/")
    assert response.status_code == 404
    html = unescape(response.content.decode())
    assert "There is no guide called “reading-a-job-pots”" in html
    assert f'href="/guides/{GUIDE}/"' in html and 'href="/guides/">all guides' in html


def test_guide_pages_answer_head_and_refuse_writes(client: Client, with_guide):
    for url in ("/guides/", f"/guides/{GUIDE}/"):
        head = client.head(url)
        assert head.status_code == 200 and head.content == b""
        assert client.post(url).status_code == 405


def test_every_guide_is_in_the_sitemap_with_its_own_review_date(client: Client, with_guide):
    body = client.get("/sitemap.xml").content.decode()
    assert "/guides/</loc>" in body
    for guide in with_guide.guides:
        entry = re.search(rf"<loc>[^<]*/guides/{guide.id}/</loc>\s*<lastmod>([^<]+)<", body)
        assert entry and entry.group(1) == guide.reviewed.isoformat()


def test_the_api_carries_guides_and_sources(client: Client, with_guide):
    data = json.loads(client.get("/api/v1/content.json").content)
    guides = {g["id"]: g for g in data["guides"]}
    assert guides[GUIDE]["body"].startswith("Titles mislead; duties do not.[^")  # the Markdown
    assert guides[GUIDE]["roles"] == [with_guide.roles[0].id]
    assert [s["id"] for s in data["sources"]] == [s.id for s in with_guide.sources]
    first = with_guide.sources[0]
    assert data["sources"][0] == json.loads(first.model_dump_json())


def test_search_finds_a_guide_and_links_to_it(with_guide):
    results = search(index_for(with_guide), "reading a job post")
    top = results.hits[0]
    assert (top.document.kind, top.document.id) == ("guide", GUIDE)
    assert hit_link(top) == f"/guides/{GUIDE}/"
    body_hit = search(index_for(with_guide), "verbs").hits[0]
    assert body_hit.document.id == GUIDE
    assert "[^" not in "".join(f.text for f in body_hit.snippet)  # no raw markers in a snippet


def test_every_anchor_a_content_link_names_is_on_its_page(client: Client, content: Content):
    """A link such as /compare/#ai-vs-ml-engineer lands on a section of that page, not at its
    top: the part after # is an id the target page has."""
    anchored: set[tuple[str, str]] = set()
    for model in (*content.files, *content.guides):
        for _, text in strings(model):
            if isinstance(text, RichText):
                anchored |= set(re.findall(r'href="(/[^"#]*)#([^"]+)"', text.html))
    assert anchored, "no content link names a section any more"
    missing = []
    for path, anchor in sorted(anchored):
        html = client.get(unescape(path)).content.decode()
        if f'id="{anchor}"' not in html:
            missing.append(f"{path}#{anchor}")
    assert not missing
