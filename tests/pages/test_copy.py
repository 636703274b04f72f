"""The words on the pages: no content id leaks into prose, transfer strength has one
vocabulary, and a role's seniority reads the same wherever it is shown."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client

from content_engine.content import Content

pytestmark = pytest.mark.django_db

# Ids that are also ordinary words, which prose may use as words.
IDS_THAT_ARE_WORDS = {"fine-tuning", "full-stack"}
STRENGTHS = {"strong", "partial", "new"}


def visible_text(page: str) -> str:
    """The text a reader sees: no tags, attributes, scripts or styles."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def content_pages(content: Content) -> list[str]:
    return [
        "/", "/route/", *(f"/route/{s.id}/" for s in content.stages), "/skills/",
        *(f"/skills/?background={b.id}" for b in content.backgrounds),
        *(f"/skills/?skill={s.id}" for s in content.skills), "/roles/",
        *(f"/roles/{r.id}/" for r in content.roles), "/lenses/", "/compare/", "/faq/",
        "/quiz/?all=1",
    ]  # fmt: skip


def test_no_content_id_is_left_in_the_prose(client: Client, content: Content):
    """Prose names things ("start ML foundations early"); ids are for links."""
    ids = {
        item.id
        for collection in (content.skills, content.stages, content.roles, content.backgrounds)
        for item in collection
    } | {lens.id for lens in content.lenses}
    hyphenated = sorted(i for i in ids if "-" in i and i not in IDS_THAT_ARE_WORDS)
    pattern = re.compile(r"(?<![\w/-])(" + "|".join(map(re.escape, hyphenated)) + r")(?![\w-])")
    leaks = []
    for url in content_pages(content):
        text = visible_text(client.get(url).content.decode())
        leaks += [
            f"{url}: …{text[max(0, m.start() - 40) : m.end() + 20]}…"
            for m in pattern.finditer(text)
        ]
    assert not leaks, "\n".join(leaks)


def test_a_skill_page_names_strength_in_the_maps_words(client: Client, content: Content):
    for skill in content.skills:
        page = client.get(f"/skills/?skill={skill.id}").content.decode()
        shown = set(re.findall(r'<span class="strength strength-(\w+)">(\w+)</span>', page))
        assert shown and all(css == word and word in STRENGTHS for css, word in shown), skill.id
        assert "partly familiar" not in page
    background_map = client.get(f"/skills/?background={content.backgrounds[0].id}")
    used = set(re.findall(r'class="strength strength-\w+">(\w+)<', background_map.content.decode()))
    assert used <= STRENGTHS


def test_seniority_reads_the_same_on_the_list_the_role_and_compare(client: Client, content):
    """One capitalisation everywhere: "Junior to staff", never "junior to staff" on one page."""
    first, second = content.roles[0], content.roles[1]
    pages = {
        "list": visible_text(client.get("/roles/").content.decode()),
        "role": visible_text(client.get(f"/roles/{first.id}/").content.decode()),
        "compare": visible_text(
            client.get(f"/roles/compare/?a={first.id}&b={second.id}").content.decode()
        ),
    }
    span = first.seniority.span
    assert span[0].isupper()
    for where, text in pages.items():
        assert span in text, where
        assert span.lower() not in text, where


def test_the_skills_overview_gives_each_skill_its_first_sentence(client: Client, content: Content):
    """With twenty-odd skills the overview lists one sentence each and leaves the rest to the
    skill's own page, so the list stays short enough to scan."""

    def words(url: str) -> str:
        return " ".join(visible_text(client.get(url).content.decode()).split())

    overview = words("/skills/")
    for skill in content.skills:
        lead = html.unescape(skill.summary.lead)
        rest = html.unescape(skill.summary.plain)[len(lead) :].strip()
        assert lead in overview, skill.id
        assert rest, f"{skill.id}: a summary is two sentences"
        assert rest not in overview, skill.id
        assert rest in words(f"/skills/?skill={skill.id}"), skill.id
