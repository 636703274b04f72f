"""The lenses page: a list of the functions at the top, links out from each lens to the roles
and route stages it concerns, and "as you grow senior" as a list here and on role pages."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from content_engine.content import Content

pytestmark = pytest.mark.django_db


def section(html: str, anchor: str) -> str:
    found = re.search(rf'<section class="lens" id="{anchor}".*?</section>', html, re.S)
    assert found, f"no lens section #{anchor}"
    return found.group(0)


def test_the_page_opens_with_a_list_linking_every_lens(client: Client, content: Content):
    html = client.get("/lenses/").content.decode()
    toc = re.search(r'<nav class="lens-toc".*?</nav>', html, re.S)
    assert toc, "no list of the functions"
    anchors = re.findall(r'href="#([a-z0-9-]+)"', toc.group(0))
    assert anchors == [lens.id for lens in content.lenses]
    for lens in content.lenses:
        assert f'id="{lens.id}"' in html


def test_each_lens_links_to_its_roles_and_stages(client: Client, content: Content):
    html = client.get("/lenses/").content.decode()
    assert any(lens.roles for lens in content.lenses) and any(
        lens.stages for lens in content.lenses
    )
    for lens in content.lenses:
        body = section(html, lens.id)
        roles = re.findall(r'href="/roles/([a-z0-9-]+)/"', body)
        stages = re.findall(r'href="/route/([a-z0-9-]+)/"', body)
        assert roles == lens.roles, lens.id
        in_route_order = sorted(lens.stages, key=content.stage_number.__getitem__)
        assert stages == in_route_order, lens.id


def test_as_you_grow_senior_is_a_list_of_levels_on_every_lens(client: Client, content: Content):
    html = client.get("/lenses/").content.decode()
    for lens in content.lenses:
        body = section(html, lens.id)
        levels = re.search(r"As you grow senior</dt><dd><ul[^>]*>(.*?)</ul>", body, re.S)
        assert levels, f"{lens.id}: not a list"
        items = re.findall(r"<li><strong>(\w+):</strong>", levels.group(1))
        assert items == [point.level.capitalize() for point in lens.with_seniority]


def test_role_pages_show_how_the_role_changes_with_seniority_as_a_list(client: Client, content):
    for role in content.roles:
        html = client.get(f"/roles/{role.id}/").content.decode()
        after = html.split("How it changes with seniority</h2>", 1)[1]
        assert re.match(r'\s*<div class="prose">\s*<ul>', after), role.id
