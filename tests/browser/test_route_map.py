"""The route map on a background's skills map, on the route page and in My plan, and a role's
trait chart, in a browser: text never drawn below 12 px, no sideways scroll on a phone, the map
beside what it summarises on a laptop, stage links reachable and visibly focused by keyboard,
colours that follow dark mode and print dark on white, and no axe-core violations."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from webkit.route_map import map_title

from .keyboard import tab_to

PHONE = {"width": 375, "height": 812}
LAPTOP = {"width": 1280, "height": 900}
MAP = "/skills/?background=qa-test-automation"


def smallest_text_px(page, selector: str) -> float:
    """The smallest font size, in CSS pixels as drawn, of the text in an SVG."""
    return float(
        page.evaluate(
            """sel => {
              const svg = document.querySelector(sel);
              const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
              return Math.min(...[...svg.querySelectorAll('text')].map(
                t => parseFloat(getComputedStyle(t).fontSize) * scale));
            }""",
            selector,
        )
    )


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_the_map_is_readable_and_never_scrolls_sideways(live_server, page_factory, viewport):
    page = page_factory(**viewport)
    page.goto(live_server.url + MAP)
    expect(page.locator("svg.route-map")).to_be_visible()
    assert smallest_text_px(page, "svg.route-map") >= 12
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def test_on_a_laptop_the_map_sits_beside_its_note(live_server, page_factory):
    page = page_factory(**LAPTOP)
    page.goto(live_server.url + MAP)
    drawn = page.locator("svg.route-map").bounding_box()
    note = page.get_by_text("Stages marked “✓ familiar”").bounding_box()
    assert drawn and note
    assert drawn["x"] + drawn["width"] <= note["x"]
    assert abs(drawn["y"] - note["y"]) < 40


def test_the_map_is_named_and_its_stage_links_are_reachable_by_keyboard(
    live_server, page_factory, content
):
    page = page_factory(**PHONE)
    page.goto(live_server.url + MAP)
    expect(page.locator("svg.route-map")).to_have_accessible_name("Map of the route")
    first = content.stages[0]
    tab_to(page, "the map's first stage", "el && el.closest && !!el.closest('svg.route-map')")
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    # The name starts with what the stop shows, then names the stage in full.
    visible = page.evaluate("document.activeElement.textContent").split()
    assert focused.split(":")[0].split() == visible and f"stage 1, {first.title}" in focused
    outline = page.evaluate(
        "(s => [s.outlineStyle, parseFloat(s.outlineWidth)])"
        "(getComputedStyle(document.activeElement))"
    )
    assert outline[0] == "solid" and outline[1] >= 2, "a focused stop shows no focus ring"
    page.keyboard.press("Tab")
    second = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert ": stage 2" in second and map_title(content.stages[1]) in second
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server.url + f"/route/{first.id}/")


def test_the_map_follows_dark_mode(live_server, page_factory):
    fills = []
    for dark in (False, True):
        page = page_factory(dark=dark, **PHONE)
        page.goto(live_server.url + MAP)
        fills.append(
            page.evaluate("getComputedStyle(document.querySelector('svg.route-map .t')).fill")
        )
    assert fills[0] != fills[1]


def test_a_background_map_marks_familiar_stages_in_words_too(live_server, page_factory):
    page = page_factory(**PHONE)
    page.goto(live_server.url + MAP)
    marked = page.locator("svg.route-map a.familiar")
    expect(marked).to_have_count(1)
    expect(marked.locator(".k")).to_have_text("✓ familiar")
    expect(page.get_by_text("Stages marked “✓ familiar”")).to_be_visible()


def test_the_trait_chart_fits_a_phone(live_server, page_factory):
    page = page_factory(**PHONE)
    page.goto(live_server.url + "/roles/ai-engineer/")
    expect(page.locator(".trait-chart svg")).to_be_visible()
    assert smallest_text_px(page, ".trait-chart svg") >= 12
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def make_plan(page, base: str) -> str:
    """A plan for a background that mostly knows some stages, through the start form."""
    page.goto(base + "/plan/?background=cloud-infrastructure&role=ml-engineer")
    page.get_by_label("Hours a week").fill("12")
    page.get_by_role("button", name="Make my plan").click()
    expect(page).to_have_url(re.compile(r"/plan/[A-Za-z0-9_-]{22}/$"))
    url: str = page.url
    return url.removeprefix(base)


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_the_route_and_my_plan_draw_a_readable_map_that_never_scrolls_sideways(
    live_server, page_factory, viewport
):
    page = page_factory(**viewport)
    for path in ["/route/", make_plan(page, live_server.url)]:
        page.goto(live_server.url + path)
        expect(page.locator("svg.route-map")).to_be_visible()
        expect(page.locator("svg.route-map")).to_have_accessible_name("Map of the route")
        assert smallest_text_px(page, "svg.route-map") >= 12, path
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], path


def test_my_plan_marks_the_stages_its_background_mostly_knows(live_server, page_factory):
    page = page_factory(**PHONE)
    page.goto(live_server.url + make_plan(page, live_server.url))
    marked = page.locator("svg.route-map a.familiar")
    assert marked.count() >= 1
    for index in range(marked.count()):
        expect(marked.nth(index).locator(".k")).to_have_text("✓ familiar")
        label = marked.nth(index).get_attribute("aria-label") or ""
        assert label.endswith("mostly familiar to you")


def test_on_a_laptop_the_route_map_stays_beside_the_stages_as_they_scroll(
    live_server, page_factory
):
    page = page_factory(**LAPTOP)
    page.goto(live_server.url + "/route/")
    first = page.locator("ol.route > li h3").first.bounding_box()
    drawn = page.locator("svg.route-map").bounding_box()
    assert first and drawn and drawn["x"] + drawn["width"] <= first["x"]
    page.locator("ol.route > li").last.scroll_into_view_if_needed()
    drawn = page.locator("svg.route-map").bounding_box()
    assert drawn and 0 <= drawn["y"] < LAPTOP["height"], "the map scrolled out of sight"


def test_the_map_prints_dark_on_white_even_from_dark_mode(live_server, page_factory):
    page = page_factory(dark=True, **PHONE)
    page.goto(live_server.url + "/route/")
    page.emulate_media(media="print")
    fills = page.evaluate(
        """[...document.querySelectorAll('svg.route-map .t, svg.route-map .m')]
             .map(t => getComputedStyle(t).fill)"""
    )
    assert fills and set(fills) <= {"rgb(0, 0, 0)", "rgb(68, 68, 68)"}


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_route_and_my_plan_have_no_axe_violations(
    live_server, page_factory, axe_violations, dark
):
    page = page_factory(dark=dark)
    plan = make_plan(page, live_server.url)
    found = {}
    for path in ["/route/", "/route/?hours=6", plan, plan + "hours/"]:
        page.goto(live_server.url + path)
        if violations := axe_violations(page):
            found[path] = violations
    assert not found
