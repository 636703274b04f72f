"""The roles explorer and side-by-side comparison, including every bad comparison request."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_role_page_shows_everything_the_content_holds(client: Client, content):
    role = content.role_by_id["mlops-platform-engineer"]
    html = client.get(f"/roles/{role.id}/").content.decode()
    assert role.name in html and role.counterpart in html
    for skill_id in role.key_skills:
        assert f'href="/skills/?skill={skill_id}"' in html
    for stage_id in role.key_stages:
        assert f'href="/route/{stage_id}/"' in html
    neighbour = role.nearest_neighbour.role
    assert f"/roles/compare/?a={role.id}&amp;b={neighbour}" in html


def test_filters_narrow_the_list(client: Client, content):
    deep = client.get("/roles/?deep_ml=yes").content.decode()
    expected = [r for r in content.roles if r.needs_deep_ml]
    assert f"{len(expected)} of {len(content.roles)} roles" in deep
    devops = client.get("/roles/?background=devops-sre-platform").content.decode()
    suited = [r for r in content.roles if "devops-sre-platform" in r.backgrounds]
    assert f"{len(suited)} of {len(content.roles)} roles" in devops


def test_unknown_filter_values_show_everything_with_a_message(client: Client, content):
    html = client.get("/roles/?background=astronaut&deep_ml=maybe").content.decode()
    assert "no background called “astronaut”" in html
    assert f"{len(content.roles)} of {len(content.roles)} roles" in html


def table_rows(html: str) -> list[list[str]]:
    """The visible text of each cell, row by row, in the page's table bodies."""

    class Rows(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.rows: list[list[str]] = []
            self.in_body = False

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "tbody":
                self.in_body = True
            elif self.in_body and tag == "tr":
                self.rows.append([])
            elif self.in_body and tag in ("th", "td") and self.rows:
                self.rows[-1].append("")

        def handle_endtag(self, tag: str) -> None:
            if tag == "tbody":
                self.in_body = False

        def handle_data(self, data: str) -> None:
            if self.in_body and self.rows and self.rows[-1]:
                self.rows[-1][-1] += data

    parser = Rows()
    parser.feed(html)
    return [[" ".join(cell.split()) for cell in row] for row in parser.rows]


def h1_of(html: str) -> str:
    found = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert found, "the page has no h1"
    return " ".join(found.group(1).split())


def test_compare_puts_differences_first(client: Client, content):
    # Both roles skip the deep ML track, so that row reads "same"; the rows built after it
    # (backgrounds, route stages) differ, so only the sort can put them above it.
    left, right = content.role_by_id["ai-engineer"], content.role_by_id["agent-engineer"]
    response = client.get("/roles/compare/", {"a": left.id, "b": right.id})
    assert response.status_code == 200
    html = response.content.decode()
    assert h1_of(html) == f"{left.name} vs {right.name}"
    aspects = [row[0] for row in table_rows(html) if not row[0].startswith("Skills")]
    same = [aspect.endswith(" same") for aspect in aspects]
    assert "Needs the deep ML track same" in aspects
    assert "Suits backgrounds" in aspects and "Route stages that matter most" in aspects
    assert same == sorted(same), f"a shared row comes before a difference: {aspects}"


def test_the_empty_compare_form_asks_nothing_yet(client: Client, content):
    response = client.get("/roles/compare/")
    assert response.status_code == 200
    html = response.content.decode()
    assert h1_of(html) == "Compare two roles"
    assert "There is a problem" not in html
    assert table_rows(html) == []
    for role in content.roles:
        assert f">{role.name}</option>" in html  # both pickers list every role


def test_a_repeated_role_parameter_uses_its_first_value(client: Client, content):
    first, ignored, other = (
        content.role_by_id[r] for r in ("ai-engineer", "ml-engineer", "agent-engineer")
    )
    response = client.get("/roles/compare/", {"a": [first.id, ignored.id], "b": other.id})
    assert response.status_code == 200
    html = response.content.decode()
    assert h1_of(html) == f"{first.name} vs {other.name}"
    assert "There is a problem" not in html


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("?a=ai-engineer", 200, "Choose role B."),
        ("?a=ai-engineer&b=", 200, "Choose role B."),
        ("?b=ai-engineer", 200, "Choose role A."),
        ("?a=ai-engineer&b=ai-engineer", 200, "Pick two different roles"),
        ("?a=ai-engineer&b=wizard", 404, "There is no role called “wizard”"),
        ("?a=" + "x" * 5000 + "&b=ai-engineer", 404, "There is no role called"),
    ],
)
def test_bad_comparisons_get_a_clear_message_never_a_500(client: Client, query, status, message):
    response = client.get("/roles/compare/" + query)
    assert response.status_code == status
    html = response.content.decode()
    assert "There is a problem" in html and message in html
    assert table_rows(html) == []  # no half-made comparison under the error
