"""The pace a person chose (?hours=) is carried from the route into every stage and back, and
each stage says where it falls at that pace."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from content_engine.content import Content
from content_engine.pacing import pace_route

pytestmark = pytest.mark.django_db


def stage_links(html: str) -> list[str]:
    return re.findall(r'href="(/route/[a-z0-9-]+/[^"]*)"', html)


def test_the_route_keeps_a_chosen_pace_on_every_stage_link(client: Client, content: Content):
    html = client.get("/route/?hours=5").content.decode()
    links = stage_links(html)  # the map's and the list's: every one keeps the pace
    assert set(links) == {f"/route/{s.id}/?hours=5" for s in content.stages}


def test_the_route_links_plain_stage_pages_when_no_pace_was_chosen(client: Client, content):
    links = stage_links(client.get("/route/").content.decode())
    assert set(links) == {f"/route/{s.id}/" for s in content.stages}


def test_the_pace_links_and_form_are_plain_navigation_to_the_route(client: Client, content):
    """Each preset is an ordinary link and the hours form an ordinary GET form to /route/:
    no htmx, so the page loads as a whole and Back, Forward and reload are the browser's own."""
    html = client.get("/route/").content.decode()
    for pace in content.route.pacing:
        assert f'<a id="pace-{pace.id}" href="/route/?hours={pace.hours_per_week}"' in html
    assert '<form class="inline-form" method="get" action="/route/" data-reset-on-return>' in html
    assert "data-hx-" not in html and "/static/django_htmx/" not in html  # htmx is not loaded


def test_a_stage_says_its_weeks_at_the_chosen_pace(client: Client, content: Content):
    plan = pace_route(content, hours_per_week=4)
    for paced in plan.stages:
        html = client.get(f"/route/{paced.stage.id}/?hours=4").content.decode()
        if paced.starts_week == paced.ends_week:
            expected = f"week {paced.starts_week} at 4 hours a week"
        else:
            expected = f"weeks {paced.starts_week} to {paced.ends_week} at 4 hours a week"
        assert expected in html, paced.stage.id


def test_a_stage_without_a_pace_gives_its_hours_alone(client: Client, content: Content):
    html = client.get(f"/route/{content.stages[1].id}/").content.decode()
    assert f"about {content.stages[1].hours} hours" in html
    assert "a week" not in html.split("<h1")[0].split("<main")[1]
    assert "?hours=" not in html


def test_a_stage_keeps_the_pace_on_previous_next_and_the_trail_back(client: Client, content):
    stages = content.stages
    middle = stages[1]
    html = client.get(f"/route/{middle.id}/?hours=7").content.decode()
    assert f'href="/route/{stages[0].id}/?hours=7" rel="prev"' in html
    assert f'href="/route/{stages[2].id}/?hours=7" rel="next"' in html
    assert 'href="/route/?hours=7">Route</a>' in html  # the breadcrumb back to the route
    first = client.get(f"/route/{stages[0].id}/?hours=7").content.decode()
    assert 'href="/route/?hours=7">← The whole route' in first


def test_one_hour_a_week_is_singular_and_the_length_is_in_years(client: Client, content):
    html = client.get("/route/?hours=1").content.decode()
    weeks = pace_route(content, hours_per_week=1).total_weeks
    assert f"At 1 hour a week, the whole route takes about {weeks} weeks" in html
    assert "years" in html and "months;" not in html
    stage = client.get(f"/route/{content.stages[0].id}/?hours=1").content.decode()
    assert "at 1 hour a week" in stage


@pytest.mark.parametrize(
    ("hours", "shown", "message"),
    [("lots", 12, "not a number"), ("0", 1, "at least 1"), ("7.6", 8, "Rounded to 8")],
)
def test_a_stage_explains_a_pace_it_could_not_take_as_given(
    client: Client, content: Content, hours, shown, message
):
    response = client.get(f"/route/{content.stages[2].id}/", {"hours": hours})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert f"at {shown} hour{'s' if shown != 1 else ''} a week" in html
    assert f"?hours={shown}" in html  # the corrected pace is what travels on


def test_stage_pages_with_a_pace_are_cached_per_pace(client: Client, content: Content):
    url = f"/route/{content.stages[0].id}/"
    first = client.get(url, {"hours": "4"})
    again = client.get(url, {"hours": "4"}, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    other = client.get(url, {"hours": "40"}, headers={"If-None-Match": first["ETag"]})
    assert other.status_code == 200
