"""The plan's hours, accounted honestly: what a background carries over and what leaving out an
optional stage saves are two numbers, and they add up. For every background, every role (and
none) and every choice of optional stages:

    full_route_hours − carried_over_hours − optional_hours_left_out = total_hours

and every page and export that states them says the same, never calling a left-out stage's
hours "carried over"."""

from __future__ import annotations

import itertools
import json
import re
from datetime import date
from typing import Any

import pytest
from django.test import Client

from content_engine.content import Content
from plan.choices import Choices
from plan.exports import hours_accounting, to_json
from plan.overview import StoredPlan, build_overview, optional_stages

pytestmark = pytest.mark.django_db


def _every_choice(content: Content):
    optional = [s.id for s in optional_stages(content)]
    added_choices = [
        combo for n in range(len(optional) + 1) for combo in itertools.combinations(optional, n)
    ]
    roles = ["", *(r.id for r in content.roles)]
    for background, role, added in itertools.product(content.backgrounds, roles, added_choices):
        yield Choices(background.id, role, 12, date(2026, 1, 5), tuple(added))


def test_the_hours_add_up_for_every_background_role_and_optional_choice(content: Content):
    checked = 0
    for choices in _every_choice(content):
        overview = build_overview(
            content, stored=StoredPlan(choices, frozenset()), today=date(2026, 1, 5)
        )
        e = overview.estimate
        data: dict[str, Any] = to_json(overview)
        assert (
            data["full_route_hours"] - data["carried_over_hours"] - data["optional_hours_left_out"]
            == data["total_hours"]
        ), choices
        # Each number by the rule that defines it, not by subtraction.
        assert data["full_route_hours"] == sum(s.hours for s in content.stages)
        assert data["total_hours"] == sum(stage["hours"] for stage in data["stages"])
        assert data["carried_over_hours"] == sum(s.full_hours - s.hours for s in e.included)
        assert data["optional_hours_left_out"] == sum(
            s.full_hours for s in e.stages if not s.included
        )
        # A left-out stage is optional, and its hours are never counted as carried over.
        assert all(s.stage.optional for s in overview.skipped)
        sentence = hours_accounting(overview)
        if data["optional_hours_left_out"]:
            assert f"{data['optional_hours_left_out']} in the optional" in sentence
        if data["carried_over_hours"]:
            assert f"{data['carried_over_hours']} that carry over" in sentence
        else:
            assert "carry over" not in sentence
        checked += 1
    assert checked >= len(content.backgrounds) * (len(content.roles) + 1)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_a_backend_plan_tells_the_two_savings_apart_everywhere(client: Client, make_plan):
    token = make_plan(background="backend")
    data = json.loads(client.get(f"/plan/{token}/plan.json").content)
    carried, left_out = data["carried_over_hours"], data["optional_hours_left_out"]
    assert carried > 0 and left_out > 0  # a backend plan without a role leaves the deep stage out
    view_token = re.search(
        r'href="/plan/view/([^/"]+)/"', client.get(f"/plan/{token}/").content.decode()
    )
    assert view_token
    pages = {
        "plan": f"/plan/{token}/",
        "hours": f"/plan/{token}/hours/",
        "brief": f"/plan/{token}/brief/",
        "view": f"/plan/view/{view_token.group(1)}/",
        "markdown": f"/plan/{token}/plan.md",
    }
    for name, url in pages.items():
        text = _text(client.get(url).content.decode())
        assert f"{data['total_hours']} focused hours" in text, name
        assert f"The whole route is {data['full_route_hours']}" in text, name
        assert re.search(rf"\b{carried} that carry over from (your|their|my) work", text), name
        assert f"{left_out} in the optional" in text, name
        # The optional stage's hours never appear as hours that carry over.
        assert not re.search(rf"\b{carried + left_out}\b[^.]*carr", text), name


def test_the_route_page_says_its_total_includes_the_optional_stage(client: Client, content):
    text = _text(client.get("/route/").content.decode())
    optional = [s for s in content.stages if s.optional]
    total = sum(s.hours for s in content.stages)
    assert f"{total} focused hours, the optional" in text
    for stage in optional:
        assert f"“{stage.title}”" in text
    assert f"({sum(s.hours for s in optional)} h) included" in text


def test_the_route_and_the_plan_follow_one_hours_rule(client: Client):
    route = client.get("/route/", {"hours": "70"}).content.decode()
    assert "showing 60" in route and 'max="60"' in route
    start = client.get("/plan/").content.decode()
    assert 'max="60"' in start and "from 1 to 60" in start and "from 1 to 60" in route
    response = client.post("/plan/", {"background": "backend", "hours": "70"})
    assert response.status_code == 400
    assert "Hours a week must be 60 or fewer" in response.content.decode()
