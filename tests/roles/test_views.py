"""The roles explorer and side-by-side comparison, including every bad comparison request."""

from __future__ import annotations

import re
from html import unescape
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


def cards(html: str) -> list[str]:
    return re.findall(
        r'<li class="card role-card">.*?</li>\s*(?=<li class="card|</ul>)', html, re.S
    )


def test_cards_list_key_skills_as_one_run_of_short_names(client: Client, content):
    html = client.get("/roles/").content.decode()
    found = cards(html)
    assert len(found) == len(content.roles)
    for role, card in zip(content.roles, found, strict=True):
        assert "pill-list" not in card, "key skills are no longer pills that wrap into ovals"
        names = re.findall(r"<li>([^<]*)</li>", card)
        expected = [content.skill_by_id[s].short_name for s in role.key_skills]
        assert [unescape(n) for n in names] == expected
        assert all(":" not in name for name in names)
        assert role.seniority.span in card


def test_a_filter_that_matches_nothing_offers_the_nearest_searches(client: Client, content):
    html = client.get("/roles/?background=frontend&deep_ml=yes").content.decode()
    assert f"0 of {len(content.roles)} roles" in html
    assert "No role suits a frontend engineer and needs the deep ML track" in html
    without_deep = [r for r in content.roles if "frontend" in r.backgrounds]
    without_background = [r for r in content.roles if r.needs_deep_ml]
    assert (
        f'href="/roles/?background=frontend">Without the deep-ML filter: '
        f"{len(without_deep)} roles</a>" in html
    )
    assert (
        f'href="/roles/?deep_ml=yes">Without the background filter: '
        f"{len(without_background)} roles</a>" in html
    )
    for role in without_deep + without_background:
        assert role.name in html
    assert "No role suits" not in client.get("/roles/?background=frontend").content.decode()


def test_the_empty_result_suggestions_come_with_the_htmx_fragment_too(client: Client):
    fragment = client.get(
        "/roles/?background=frontend&deep_ml=yes", headers={"HX-Request": "true"}
    ).content.decode()
    assert "<html" not in fragment and "Without the deep-ML filter" in fragment


def test_role_pages_chart_the_trait_profile_with_a_text_alternative(client: Client, content):
    role = content.role_by_id["evaluation-engineer"]
    html = client.get(f"/roles/{role.id}/").content.decode()
    figure = re.search(r'<figure class="trait-chart".*?</figure>', html, re.S)
    assert figure, "no trait chart"
    body = figure.group(0)
    assert re.search(r'<svg [^>]*aria-hidden="true"', body)
    assert "<table" not in html.split("What the quiz looks for", 1)[1], "no bare table of numbers"
    listed = re.findall(r"<li>([^<]*): (\d) of 5</li>", body)
    assert listed == [(t.name, str(role.traits[t.id])) for t in content.quiz.traits]
    assert body.count('class="cell-on"') == sum(role.traits.values())
    assert 'class="visually-hidden"' in body and "<figcaption" in body


def test_seniority_reads_the_same_on_the_role_page_the_list_and_compare(client: Client, content):
    left, right = content.role_by_id["ai-engineer"], content.role_by_id["ml-engineer"]
    detail = client.get(f"/roles/{left.id}/").content.decode()
    listing = client.get("/roles/").content.decode()
    compare = client.get("/roles/compare/", {"a": left.id, "b": right.id}).content.decode()
    for role in (left, right):
        span = role.seniority.span
        assert span[0].isupper()
        assert span in listing and span in compare
    assert f"<dd>{left.seniority.span}</dd>" in detail
    assert "junior to" not in compare


def test_compare_names_what_each_emphasises_and_never_claims_a_skill_is_unneeded(
    client: Client, content
):
    left, right = content.role_by_id["ai-engineer"], content.role_by_id["ml-engineer"]
    html = unescape(client.get("/roles/compare/", {"a": left.id, "b": right.id}).content.decode())
    assert "What each emphasises" in html
    build = next(t for t in content.quiz.traits if t.id == "build")
    research = next(t for t in content.quiz.traits if t.id == "research")
    assert (
        f"<strong>{left.name}</strong> leans more on {build.name.lower()} "
        f"({left.traits['build']} of 5, against {right.traits['build']})"
    ) in html
    assert f"<strong>{right.name}</strong> leans more on {research.name.lower()}" in html
    assert "only this role needs" not in html
    only_right = [content.skill_by_id[s] for s in right.key_skills if s not in left.key_skills]
    line = re.search(rf"In {right.name}’s top five, not {left.name}’s: (.*?)</li>", html)
    assert line, "no line for the skills in one top five only"
    for skill in only_right:
        assert skill.short_name in line.group(1)
    shared = [content.skill_by_id[s] for s in left.key_skills if s in right.key_skills]
    both = re.search(r"In both top fives: (.*?)</li>", html)
    assert both and all(skill.short_name in both.group(1) for skill in shared)
