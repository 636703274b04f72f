"""The home page in a browser: the first action is on the first screen of a phone, nothing
scrolls sideways, on the home page or the guide it points to for what carries over."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

PHONE = {"width": 375, "height": 812}


def test_both_main_actions_are_on_a_phones_first_screen(live_server, page_factory):
    page = page_factory(**PHONE)
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


@pytest.mark.parametrize("path", ["/", "/guides/what-carries-over/"])
def test_home_and_its_guide_never_scroll_sideways_on_a_phone(live_server, page_factory, path):
    page = page_factory(**PHONE)
    page.goto(live_server.url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("path", ["/", "/route/", "/roles/", "/quiz/", "/plan/", "/faq/"])
def test_the_header_leaves_a_phone_its_first_screen(live_server, page_factory, path):
    """At 375 px the header is one row of brand and search button and the links below it, about
    a seventh of the screen (it was 236 px: nine links in three rows and a full-width field)."""
    page = page_factory(**PHONE, javascript=False)
    page.goto(live_server.url + path)
    header = page.locator("header.site-header").bounding_box()
    assert header is not None and header["height"] <= 120, header
    nav = page.get_by_role("navigation", name="Main")
    for name in ("Route", "Fit quiz", "My plan"):
        expect(nav.get_by_role("link", name=name)).to_be_in_viewport()
    # The search button opens the search page, whose own field takes the words.
    page.locator("header").get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    expect(page.get_by_role("searchbox")).to_be_visible()
