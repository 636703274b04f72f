"""The roles explorer and side-by-side comparison, including every bad comparison request."""

from __future__ import annotations

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


def test_compare_puts_differences_first(client: Client, content):
    # Both roles skip the deep ML track, so that row is the same and must come after the others.
    html = client.get("/roles/compare/?a=ai-engineer&b=agent-engineer").content.decode()
    assert "<h1>AI engineer vs Agent engineer</h1>" in html
    first_same = html.find('<span class="tag">same</span>')
    assert first_same != -1
    assert html.find("Software counterpart") < first_same
    assert html.find("Needs the deep ML track") < first_same


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("", 200, ""),
        ("?a=ai-engineer", 200, "Choose role B."),
        ("?a=ai-engineer&b=", 200, "Choose role B."),
        ("?a=ai-engineer&b=ai-engineer", 200, "Pick two different roles"),
        ("?a=ai-engineer&b=wizard", 404, "There is no role called “wizard”"),
        ("?a=ai-engineer&a=ml-engineer&b=agent-engineer", 200, ""),
        ("?a=" + "x" * 5000 + "&b=ai-engineer", 404, "There is no role called"),
    ],
)
def test_bad_comparisons_get_a_clear_message_never_a_500(client: Client, query, status, message):
    response = client.get("/roles/compare/" + query)
    assert response.status_code == status
    assert message in response.content.decode()
