"""Rendering pages: titles, descriptions and breadcrumbs the same way everywhere, and a 404 for a
mistyped id that names what was asked for and offers the nearest real pages."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.http import Http404
from django.test import RequestFactory

from content_engine.content import Content
from webkit.rendering import (
    Catalogue,
    MissingItem,
    Page,
    crumb,
    nearest_ids,
    not_found_page,
    section_page,
)

pytestmark = pytest.mark.django_db

ROLES = Catalogue("role", "roles:detail", crumb("every role", "roles:list"))
SKILLS = Catalogue("skill", "pages:skills", crumb("the skills map", "pages:skills"), query="skill")


def hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


def main_of(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


def missing(catalogue: Catalogue, items: dict[str, Any], wanted: str) -> MissingItem:
    with pytest.raises(MissingItem) as raised:
        catalogue.get_or_404(items, wanted)
    return raised.value


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [("agent-enginer", "agent-engineer"), ("ml-engneer", "ml-engineer"),
     ("AI-ENGINEER", None), ("", None)],
)  # fmt: skip
def test_nearest_ids_find_the_id_a_typo_meant(content: Content, wanted, expected):
    ids = [r.id for r in content.roles]
    found = nearest_ids(wanted, ids)
    assert len(found) <= 3
    if expected:
        assert found[0] == expected
    assert set(found) <= set(ids)


def test_nearest_ids_offer_nothing_for_nonsense_and_cope_with_huge_input(content: Content):
    ids = [r.id for r in content.roles]
    assert nearest_ids("zzzzzzzzzz", ids) == []
    assert nearest_ids("agent-engineer" + "x" * 100_000, ids) == []  # cut short, not compared


def test_a_catalogue_links_each_member_by_path_or_by_query(content: Content):
    role, skill = content.roles[0], content.skills[0]
    assert ROLES.link(role).url == f"/roles/{role.id}/"
    assert ROLES.link(role).label == role.name
    assert SKILLS.link(skill).url == f"/skills/?skill={skill.id}"


def test_get_or_404_returns_the_member_or_raises_a_404(content: Content):
    role = content.roles[0]
    assert ROLES.get_or_404(content.role_by_id, role.id) is role
    error = missing(ROLES, content.role_by_id, "wizard")
    assert isinstance(error, Http404)
    assert set(error.links) == set(content.role_by_id)


def test_the_404_names_the_typo_and_suggests_the_nearest_pages(content: Content):
    error = missing(ROLES, content.role_by_id, "agent-enginer")
    response = not_found_page(RequestFactory().get("/roles/agent-enginer/"), error)
    assert response.status_code == 404
    html = main_of(response.content.decode())
    assert "There is no role called “agent-enginer”" in html
    assert "/roles/agent-engineer/" in hrefs(html)
    assert hrefs(html)[0] == "/roles/agent-engineer/"  # the nearest first
    assert "/roles/" in hrefs(html)  # and the whole list


def test_a_404_with_no_near_miss_still_links_to_the_whole_list(content: Content):
    error = missing(SKILLS, content.skill_by_id, "zzzzzzzz")
    html = main_of(not_found_page(RequestFactory().get("/skills/"), error).content.decode())
    assert "Did you mean" not in html
    assert hrefs(html) == ["/skills/"]


def test_a_huge_mistyped_id_is_echoed_cut_short(content: Content):
    error = missing(ROLES, content.role_by_id, "x" * 5000)
    html = main_of(not_found_page(RequestFactory().get("/roles/x/"), error).content.decode())
    assert "x" * 80 in html and "x" * 81 not in html


def test_an_ordinary_404_offers_the_way_home():
    response = not_found_page(RequestFactory().get("/no/such/page/"), Http404("nothing here"))
    assert response.status_code == 404
    html = main_of(response.content.decode())
    assert "Page not found" in html
    assert "/" in hrefs(html)


def test_a_child_page_keeps_the_section_and_extends_the_trail():
    parent = Page("Roles", "All roles", "roles", (crumb("Roles", "roles:list"),))
    child = parent.child("Agent engineer", "One role", crumb("Agent", "roles:detail", "agent"))
    assert child.section == "roles"
    assert [c.url for c in child.trail] == ["/roles/", "/roles/agent/"]
    assert parent.child("Compare").trail == parent.trail


def test_a_page_renders_its_title_description_and_breadcrumbs(content: Content):
    page = Page("A title", "d" * 500, "roles", (crumb("Roles", "roles:list"),))
    html = page.render(RequestFactory().get("/x/"), "404.html", {}).content.decode()
    assert re.search(r"<title>\s*A title ·", html)
    found = re.search(r'<meta name="description" content="(d*)"', html)
    assert found
    description = found.group(1)
    assert len(description) == 300  # search results cut longer ones anyway
    assert 'href="/roles/"' in html


def test_a_section_page_takes_its_words_from_the_site_content(content: Content):
    copy = content.site.pages.roles
    page = section_page(content.site, "roles", "roles:list")
    assert (page.title, page.description, page.section) == (copy.title, copy.description, "roles")
    assert [(c.label, c.url) for c in page.trail] == [(copy.label, "/roles/")]
