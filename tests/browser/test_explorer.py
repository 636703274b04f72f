"""The explorer by keyboard alone, with JavaScript on (htmx swaps in place) and off, and every
page at phone width."""

from __future__ import annotations

import math
import re
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from roles.comparison import compare_roles

from .keyboard import tab_to_id, tab_to_text

MODES = pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
PHONE = {"width": 375, "height": 812}


def open_page(page, url: str, javascript: bool) -> None:
    """Load a page; with JS on, wait for htmx and mark the document to detect full reloads."""
    page.goto(url)
    if javascript:
        page.wait_for_function("() => window.htmx !== undefined")
        page.evaluate("window.__sameDocument = true")


def same_document(page) -> bool:
    return bool(page.evaluate("window.__sameDocument === true"))


@MODES
def test_skills_map_filter_by_keyboard(live_server, page_factory, javascript, content):
    background = content.background_by_id["devops-sre-platform"]
    page = page_factory(javascript=javascript)
    open_page(page, live_server.url + "/skills/", javascript)
    tab_to_text(page, background.name)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/skills/\?background={background.id}$"))
    transfer_map = page.locator("#transfer-map")
    expect(transfer_map.get_by_role("heading", level=2).first).to_have_text(background.name)
    expect(transfer_map.locator("tbody tr")).to_have_count(len(background.transfers))
    expect(transfer_map.locator("tbody tr").first).to_contain_text(background.transfers[0].already)
    assert same_document(page) == javascript  # htmx swapped only the map


@MODES
def test_roles_explorer_filter_by_keyboard(live_server, page_factory, javascript, content):
    page = page_factory(javascript=javascript)
    open_page(page, live_server.url + "/roles/", javascript)
    role_names = page.locator("#role-list").get_by_role("heading", level=2)
    expect(role_names).to_have_text([r.name for r in content.roles])
    tab_to_id(page, "deep_ml")
    page.keyboard.press("ArrowDown")  # "Not needed"
    page.keyboard.press("ArrowDown")  # "Needed"
    tab_to_text(page, "Filter roles")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/roles/\?.*deep_ml=yes"))
    deep = [r for r in content.roles if r.needs_deep_ml]
    expect(role_names).to_have_text([r.name for r in deep])
    expect(page.locator("#role-list")).to_contain_text(
        f"{len(deep)} of {len(content.roles)} roles, needing the deep ML track"
    )
    assert same_document(page) == javascript


@MODES
def test_pacing_control_by_keyboard(live_server, page_factory, javascript, content):
    page = page_factory(javascript=javascript)
    page.goto(live_server.url + "/route/")  # no htmx on the route: a pace is a page load
    if javascript:
        page.evaluate("window.__sameDocument = true")
    tab_to_id(page, "hours")
    page.keyboard.press("Control+A")
    page.keyboard.type("20")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/route/\?hours=20$"))
    plan = page.locator("#route-plan")
    weeks = math.ceil(sum(s.hours for s in content.stages) / 20)
    expect(plan).to_contain_text(f"At 20 hours a week, the whole route takes about {weeks} weeks")
    expect(plan.get_by_role("heading", level=3)).to_have_text([s.title for s in content.stages])
    assert not same_document(page)


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
    first, second = content.roles[0], content.roles[1]
    expect(page).to_have_url(re.compile(rf"/roles/compare/\?a={first.id}&b={second.id}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{first.name} vs {second.name}")
    comparison = compare_roles(content, a=[first.id], b=[second.id])
    header_cells = page.locator("table tbody tr th")
    expect(header_cells).to_have_count(len(comparison.rows))  # skills are compared above it
    differences_first = [r.label for r in comparison.rows if r.differs]
    expect(header_cells.nth(0)).to_have_text(differences_first[0])
    expect(page.get_by_role("heading", name="What each emphasises")).to_be_visible()


PHONE_PAGES = [
    "/", "/route/", "/route/?hours=1", "/route/orientation/", "/route/orientation/?hours=4",
    "/skills/", "/skills/?background=backend", "/skills/?skill=rag", "/roles/",
    "/roles/?background=frontend&deep_ml=yes", "/roles/agent-engineer/",
    "/roles/compare/?a=ai-engineer&b=ml-engineer", "/lenses/", "/compare/", "/faq/", "/quiz/",
    "/quiz/?step=1", "/quiz/?all=1", "/no-such-page/", "/guides/",
    "/guides/ai-engineer-vs-ml-engineer/", "/guides/what-a-portfolio-should-show/",
]  # fmt: skip


def test_no_page_scrolls_sideways_at_phone_width(live_server, page_factory, content):
    """Layout only: dark mode changes colours, not widths (axe checks dark's contrast)."""
    page = page_factory(**PHONE)
    wide = {}

    def measure(where: str) -> None:
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide[where] = width

    for path in PHONE_PAGES:
        page.goto(live_server.url + path)
        measure(path)
    questions = content.quiz.questions
    earlier = urlencode([(q.id, q.options[0].id) for q in questions[:-1]])
    page.goto(live_server.url + f"/quiz/?step={len(questions)}&{earlier}")  # check your answers
    page.check(f"#{questions[-1].id}-{questions[-1].options[0].id}")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    measure("check your answers")
    page.goto(live_server.url + "/quiz/?all=1")  # a result
    for question in questions:
        page.check(f"#{question.id}-{question.options[1].id}")
    page.get_by_role("button", name="See my result").click()
    expect(page).to_have_url(re.compile(r"/quiz/result/[A-Za-z0-9_-]{22}/$"))
    measure("a result")
    assert not wide, f"pages wider than {PHONE['width']} px: {wide}"


def test_route_text_is_legible_and_home_starts_with_an_action_on_a_phone(live_server, page_factory):
    page = page_factory(**PHONE)
    page.goto(live_server.url + "/route/")
    size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('ol.route li p:not(.meta)')).fontSize)"
    )
    assert size >= 16
    page.goto(live_server.url + "/")
    expect(page.get_by_role("link", name=re.compile("quiz", re.I)).first).to_be_in_viewport()
