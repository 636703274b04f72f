"""The route map in My plan: the plan page and the read-only view draw the whole route, and mark
the stages the plan's background mostly knows exactly as that background's skills map does, and
as the plan's own "Mostly familiar" stages say in words."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client

from content_engine.content import Content
from content_engine.queries import familiar_stages
from plan.models import Plan

pytestmark = pytest.mark.django_db


def svg_of(text: str) -> str:
    found: list[str] = re.findall(r'<svg class="route-map".*?</svg>', text, re.S)
    assert len(found) == 1, "one route map on the page"
    return found[0]


def marked(svg: str) -> list[str]:
    return re.findall(r'<a href="/route/([a-z0-9-]+)/" class="stop[^"]*familiar', svg)


def tagged_familiar(text: str) -> list[str]:
    """The stages the plan page itself calls mostly familiar, in order."""
    stages = re.split(r'<li id="stage-', text)[1:]
    return [s.split('"', 1)[0] for s in stages if "kind-familiar" in s.split("</h3>", 2)[1]]


def test_every_background_gets_the_map_with_the_stages_it_mostly_knows_marked(
    client: Client, make_plan, content: Content
):
    seen_marks = False
    for background in content.backgrounds:
        token = make_plan(background.id, role="ml-engineer")  # every stage in the plan
        text = html.unescape(client.get(f"/plan/{token}/").content.decode())
        svg = svg_of(text)
        known = [s.id for s in familiar_stages(content, background=background)]
        assert marked(svg) == known, background.id
        assert tagged_familiar(text) == known, background.id  # the map and the words agree
        links = re.findall(r'<a href="(/route/[a-z0-9-]+/)" class="stop', svg)
        assert links == [f"/route/{s.id}/" for s in content.stages]
        skills_map = client.get(f"/skills/?background={background.id}").content.decode()
        assert marked(svg_of(skills_map)) == known  # the same marks as the skills map
        seen_marks = seen_marks or bool(known)
    assert seen_marks, "no background mostly knows any stage: the marks went untested"


def test_the_map_names_and_describes_itself_and_sits_beside_the_calendar(client: Client, make_plan):
    token = make_plan("cloud-infrastructure")
    text = client.get(f"/plan/{token}/").content.decode()
    svg = svg_of(text)
    assert 'aria-labelledby="route-map-title" aria-describedby="route-map-desc"' in svg
    assert '<desc id="route-map-desc">' in svg and "tabindex" not in svg
    grid = text.split('<div class="with-map">', 1)[1]
    assert grid.index("<svg") < grid.index('id="plan-calendar"')


def test_the_read_only_view_shows_the_same_map(client: Client, make_plan, content: Content):
    token = make_plan("qa-test-automation")
    plan = Plan.objects.get(token=token)
    own = svg_of(client.get(f"/plan/{token}/").content.decode())
    shared = svg_of(Client().get(f"/plan/view/{plan.view_token}/").content.decode())
    assert shared == own
