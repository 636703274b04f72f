"""The explorer by keyboard alone, with JavaScript on (htmx swaps in place) and off."""

from __future__ import annotations

import math

import pytest

from .keyboard import tab_to_id, tab_to_text

MODES = pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])


def open_page(page, url: str, javascript: bool) -> None:
    """Load a page; with JS on, wait for htmx and mark the document to detect full reloads."""
    page.goto(url)
    if javascript:
        page.wait_for_function("() => window.htmx !== undefined")
        page.evaluate("window.__sameDocument = true")


def same_document(page) -> bool:
    return bool(page.evaluate("window.__sameDocument === true"))


@MODES
def test_skills_map_filter_by_keyboard(live_server, page_factory, javascript):
    page = page_factory(javascript=javascript)
    open_page(page, live_server.url + "/skills/", javascript)
    tab_to_text(page, "DevOps")
    page.keyboard.press("Enter")
    page.wait_for_url("**/skills/?background=devops-sre-platform")
    assert page.locator("#transfer-map table tbody tr").count() >= 6
    assert page.locator("#transfer-map h2").first.inner_text().startswith("DevOps")
    assert same_document(page) == javascript  # htmx swapped only the map


@MODES
def test_roles_explorer_filter_by_keyboard(live_server, page_factory, javascript):
    page = page_factory(javascript=javascript)
    open_page(page, live_server.url + "/roles/", javascript)
    all_roles = page.locator("#role-list li.card").count()
    tab_to_id(page, "deep_ml")
    page.keyboard.press("ArrowDown")  # "Not needed"
    page.keyboard.press("ArrowDown")  # "Needed"
    tab_to_text(page, "Filter roles")
    page.keyboard.press("Enter")
    page.wait_for_url("**/roles/?*deep_ml=yes*")
    page.wait_for_function(
        "n => document.querySelectorAll('#role-list li.card').length < n", arg=all_roles
    )
    shown = page.locator("#role-list li.card").count()
    assert 0 < shown < all_roles
    assert "needing the deep ML track" in page.locator("#role-list").inner_text()
    assert same_document(page) == javascript


@MODES
def test_pacing_control_by_keyboard(live_server, page_factory, javascript, content):
    page = page_factory(javascript=javascript)
    open_page(page, live_server.url + "/route/", javascript)
    tab_to_id(page, "hours")
    page.keyboard.press("Control+A")
    page.keyboard.type("20")
    page.keyboard.press("Enter")
    page.wait_for_url("**/route/?hours=20")
    text = page.locator("#route-plan").inner_text()
    weeks = math.ceil(sum(s.hours for s in content.stages) / 20)
    assert f"At 20 hours a week, the whole route takes about {weeks} weeks" in text
    assert page.locator("ol.route > li").count() == len(content.stages)
    assert same_document(page) == javascript


@MODES
def test_compare_two_roles_by_keyboard(live_server, page_factory, javascript, content):
    page = page_factory(javascript=javascript)
    page.goto(live_server.url + "/roles/compare/")
    tab_to_id(page, "role-a")
    page.keyboard.press("ArrowDown")
    tab_to_id(page, "role-b")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    tab_to_text(page, "Compare")
    page.keyboard.press("Enter")
    page.wait_for_url("**/roles/compare/?a=*&b=*")
    first, second = content.roles[0], content.roles[1]
    assert page.locator("h1").inner_text() == f"{first.name} vs {second.name}"
    assert page.locator("table tbody tr").count() >= 6


def test_route_is_legible_at_phone_width(live_server, page_factory, tmp_path):
    page = page_factory(width=375, height=812, dark=True)
    page.goto(live_server.url + "/route/")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, "the route scrolls sideways on a phone"
    size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('ol.route li p:not(.meta)')).fontSize)"
    )
    assert size >= 16
    page.screenshot(path=str(tmp_path / "route-phone-dark.png"), full_page=True)
