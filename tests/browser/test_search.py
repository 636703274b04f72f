"""Search in a real browser: no axe-core violation on its pages in light or dark mode, the header
field searches without JavaScript, and no page scrolls sideways on a phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

SEARCH_PAGES = ["/search/?q=prompt+injection", "/search/", "/search/?q=promt+zzqxv"]


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_search_pages_have_no_axe_violations(axe_scan, dark):
    assert axe_scan(SEARCH_PAGES, dark=dark) == {}


def test_the_header_field_searches_without_javascript(live_server, page_factory):
    page = page_factory(javascript=False)
    page.goto(live_server.url + "/route/")
    search = page.get_by_role("search", name="Site")
    search.get_by_role("searchbox", name="Search the site").fill("MCP")
    search.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/search/\?q=MCP$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Search results for “MCP”")
    first = page.locator(".search-results li").first
    expect(first.locator("mark").first).to_have_text("MCP")
    first.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/skills/\?skill=tool-use-mcp$"))


def test_a_result_with_an_anchor_lands_on_its_section(live_server, page_factory):
    page = page_factory()
    page.goto(live_server.url + "/search/?q=certifications")
    page.locator(".search-results li").first.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/faq/#certifications$"))
    expect(page.locator("#certifications")).to_be_in_viewport()


@pytest.mark.parametrize(
    "path", ["/", "/faq/", *SEARCH_PAGES, "/search/?q=" + "evals+" * 60, "/search/?q=" + "x" * 300]
)
def test_no_sideways_scroll_at_phone_width(live_server, page_factory, path):
    """Layout only: dark mode changes colours, not widths (axe checks dark's contrast)."""
    page = page_factory(width=375, height=812)
    page.goto(live_server.url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
