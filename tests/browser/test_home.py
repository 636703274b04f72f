"""The home page in a browser: the first action is on the first screen of a phone, nothing
scrolls sideways, and a short-path caveat's explanation gets more room than its heading."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

PHONE = {"width": 375, "height": 812}


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_both_main_actions_are_on_a_phones_first_screen(live_server, page_factory, dark):
    page = page_factory(dark=dark, **PHONE)
    page.goto(live_server.url + "/")
    for name in ("Take the two-minute fit quiz", "Walk the route"):
        action = page.get_by_role("link", name=name)
        expect(action).to_be_visible()
        box = action.bounding_box()
        assert box is not None
        assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], (name, box)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_first_action_is_on_a_laptops_first_screen(live_server, page_factory):
    page = page_factory(width=1280, height=720)
    page.goto(live_server.url + "/")
    box = page.get_by_role("link", name="Take the two-minute fit quiz").bounding_box()
    assert box is not None and box["y"] + box["height"] <= 720


def test_short_path_explanations_get_more_room_than_their_headings(live_server, page_factory):
    page = page_factory(width=1280)
    page.goto(live_server.url + "/")
    pairs = page.locator("dl.pairs > div")
    assert pairs.count() > 0
    for index in range(pairs.count()):
        term = pairs.nth(index).locator("dt").bounding_box()
        explanation = pairs.nth(index).locator("dd").bounding_box()
        assert term and explanation
        assert explanation["width"] >= 1.5 * term["width"]
        assert term["height"] <= explanation["height"] + 30, "the heading outgrows its explanation"


@pytest.mark.parametrize("path", ["/", "/what-changes/"])
def test_home_and_what_changes_never_scroll_sideways_on_a_phone(live_server, page_factory, path):
    page = page_factory(**PHONE)
    page.goto(live_server.url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
