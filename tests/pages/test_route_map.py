"""The route map: its geometry (pure), and the inline SVG the route page and a background's
skills map draw from it: stages in order with their hours, the optional stage as a branch,
focusable links, a text alternative, and the stages a background mostly knows marked."""

from __future__ import annotations

import re

import pytest
from django.template.loader import render_to_string
from django.test import Client

from content_engine.content import Content
from content_engine.queries import familiar_stages
from webkit.route_map import LINE_X, map_title, route_map, wrap

pytestmark = pytest.mark.django_db


def test_every_stage_in_order_with_its_hours(content: Content):
    drawn = route_map(content.stages)
    assert [stop.stage.id for stop in drawn.stops] == [s.id for s in content.stages]
    assert [stop.number for stop in drawn.stops] == list(range(1, len(content.stages) + 1))
    assert [stop.y for stop in drawn.stops] == sorted({stop.y for stop in drawn.stops})
    for stop in drawn.stops:
        assert stop.meta.text.startswith(f"{stop.stage.hours} hours")
        # The words the stop shows come first, in order (WCAG 2.5.3), then the whole title.
        shown = " ".join([str(stop.number), *(line.text for line in stop.title), stop.meta.text])
        assert stop.label.startswith(shown + f": stage {stop.number}")
        assert stop.stage.title in stop.label


def test_the_optional_stage_branches_off_the_main_line(content: Content):
    drawn = route_map(content.stages)
    optional = [i for i, s in enumerate(content.stages) if s.optional]
    assert optional, "the shipped route has an optional stage"
    main = [stop for stop in drawn.stops if not stop.optional]
    assert {stop.x for stop in main} == {LINE_X}
    assert drawn.trunk == f"M{LINE_X} {main[0].y} V{main[-1].y}"
    assert len(drawn.branches) == len(optional)
    for index, branch in zip(optional, drawn.branches, strict=True):
        stop = drawn.stops[index]
        assert stop.x > LINE_X and "optional" in stop.meta.text
        before, after = drawn.stops[index - 1], drawn.stops[index + 1]
        assert branch.startswith(f"M{before.x} {before.y} ")
        assert f"{stop.x} {stop.y} M{stop.x} {stop.y} " in branch
        assert branch.endswith(f"{after.x} {after.y}")


def test_a_route_that_starts_or_ends_optionally_still_draws(content: Content):
    first, second, third = content.stages[:3]
    drawn = route_map(
        [
            first.model_copy(update={"optional": True}),
            second,
            third.model_copy(update={"optional": True}),
        ]
    )
    assert len(drawn.branches) == 2
    assert all(branch.count("M") == 1 for branch in drawn.branches)  # one side each
    assert drawn.trunk == ""  # one stage on the main line: no line to draw


def test_every_mark_sits_inside_the_drawing(content: Content):
    drawn = route_map(content.stages, familiar={s.id for s in content.stages})
    for stop in drawn.stops:
        assert stop.x - drawn.radius >= 0 and stop.y - drawn.radius >= 0
        assert stop.bottom < drawn.height
        lines = [*stop.title, stop.meta, *([stop.note] if stop.note else [])]
        for line in lines:  # left-aligned text at 15 px: about 7.5 units a character
            assert stop.x + drawn.text_dx + 7.5 * len(line.text) <= drawn.width, line.text


def test_rows_never_overlap(content: Content):
    stops = route_map(content.stages, familiar={s.id for s in content.stages}).stops
    for above, below in zip(stops, stops[1:], strict=False):
        assert below.y + below.title[0].dy - 15 > above.bottom, f"stage {below.number}"
        assert below.y - 14 > above.y + 14


def test_map_titles_are_short_and_wrapping_keeps_every_word(content: Content):
    assert map_title(content.stages[0]) == "Orientation"
    for stage in content.stages:
        assert ":" not in map_title(stage) and "(optional)" not in map_title(stage)
    assert wrap("Evals and observability", 12) == ["Evals and", "observability"]
    assert wrap("Supercalifragilistic", 5) == ["Supercalifragilistic"]
    assert wrap("", 5) == [""]


def test_familiar_stages_are_marked_and_said_in_words(content: Content):
    drawn = route_map(content.stages, familiar={content.stages[1].id})
    assert [stop.stage.id for stop in drawn.familiar] == [content.stages[1].id]
    (stop,) = drawn.familiar
    assert stop.note and "familiar" in stop.note.text and "mostly familiar" in stop.label
    assert f"Marked familiar: stage 2 ({map_title(content.stages[1])})" in drawn.summary
    assert "Marked familiar" not in route_map(content.stages).summary


def svg_of(html: str) -> str:
    found: list[str] = re.findall(r'<svg class="route-map".*?</svg>', html, re.S)
    assert len(found) == 1, "one route map on the page"
    return found[0]


def test_a_background_map_draws_the_route_with_focusable_links_and_a_text_alternative(
    client: Client, content: Content
):
    html = client.get("/skills/?background=backend").content.decode()
    svg = svg_of(html)
    opening = svg.split(">", 1)[0]
    assert 'role="img"' not in opening and "aria-hidden" not in opening
    assert 'aria-labelledby="route-map-title" aria-describedby="route-map-desc"' in opening
    assert '<title id="route-map-title">' in svg and '<desc id="route-map-desc">' in svg
    links = re.findall(r'<a href="(/route/[a-z0-9-]+/)"[^>]*aria-label="([^"]+)"', svg)
    assert [href for href, _ in links] == [f"/route/{s.id}/" for s in content.stages]
    assert "tabindex" not in svg and "style=" not in svg
    assert 'stroke-dasharray="7 5"' in svg and 'class="stop optional"' in svg  # the branch


def test_the_htmx_fragment_of_the_skills_map_carries_the_map(client: Client):
    fragment = client.get(
        "/skills/?background=backend", headers={"HX-Request": "true"}
    ).content.decode()
    assert "<html" not in fragment
    svg_of(fragment)


def test_the_route_list_steps_its_optional_stage_off_the_main_line(
    client: Client, content: Content
):
    html = client.get("/route/").content.decode()
    items = re.findall(r'<li( class="optional")?>\s*<h3><a href="/route/([a-z0-9-]+)/"', html)
    assert [(stage_id, bool(mark)) for mark, stage_id in items] == [
        (s.id, s.optional) for s in content.stages
    ]


@pytest.mark.parametrize("background_id", ["qa-test-automation", "frontend", "data-engineering"])
def test_a_background_map_marks_the_stages_it_mostly_knows(
    client: Client, content: Content, background_id: str
):
    background = content.background_by_id[background_id]
    known = familiar_stages(content, background=background)
    html = client.get(f"/skills/?background={background_id}").content.decode()
    marked = re.findall(r'<a href="/route/([a-z0-9-]+)/" class="stop[^"]*familiar', svg_of(html))
    assert marked == [s.id for s in known]
    if known:
        assert "Stages marked “✓ familiar”" in html
        for stage in known:
            assert f'<a href="/route/{stage.id}/">stage {content.stage_number[stage.id]}, ' in html
    else:
        assert "No stage is mostly familiar yet" in html


def test_the_skills_map_without_a_background_has_no_route_map(client: Client):
    assert 'class="route-map"' not in client.get("/skills/").content.decode()


def test_the_partial_can_keep_a_pace_and_point_at_a_fuller_list(content: Content):
    html = render_to_string(
        "components.html#route-map",
        {"route_map": route_map(content.stages), "stage_query": "?hours=6", "describedby": "x"},
    )
    assert re.findall(r'<a href="([^"]+)"', html) == [
        f"/route/{s.id}/?hours=6" for s in content.stages
    ]
    assert 'aria-describedby="route-map-desc x"' in html


@pytest.mark.parametrize("query", ["", "?hours=6"])
def test_the_route_page_draws_the_map_and_its_links_keep_the_pace(
    client: Client, content: Content, query: str
):
    svg = svg_of(client.get(f"/route/{query}").content.decode())
    links = re.findall(r'<a href="([^"]+)" class="stop', svg)
    assert links == [f"/route/{s.id}/{query}" for s in content.stages]
    assert "familiar" not in svg  # no background on the route page: nothing is marked
    assert 'stroke-dasharray="7 5"' in svg  # the optional stage as a branch


def test_a_pace_change_by_htmx_or_not_gets_a_whole_page_whose_map_keeps_the_new_pace(
    client: Client, content: Content
):
    page = client.get("/route/?hours=20", headers={"HX-Request": "true"}).content.decode()
    assert "<html" in page  # the route has no fragment: a pace change loads the page
    links = re.findall(r'<a href="([^"]+)" class="stop', svg_of(page))
    assert links == [f"/route/{s.id}/?hours=20" for s in content.stages]
