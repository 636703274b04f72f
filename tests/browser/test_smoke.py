"""The browser smoke set that `make test` runs: every page type once, light, on a phone (375 px).

Each page loads, has one main heading and never scrolls sideways; the quiz is answered through
to a result and a plan is made and opened, as a new user would, with axe-core on what that
journey shows. The whole browser suite (`make test-all`) goes further: axe-core on every page
type in light and dark, laptops, keyboard-only paths, Back and Forward after htmx, print.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from content_engine.content import Content

pytestmark = pytest.mark.smoke

PHONE = 375
PAGES = [
    "/", "/route/", "/route/orientation/", "/skills/", "/skills/?background=backend",
    "/roles/", "/roles/ai-engineer/", "/roles/compare/?a=ai-engineer&b=ml-engineer",
    "/lenses/", "/compare/", "/faq/", "/guides/", "/guides/what-carries-over/",
    "/search/?q=evals", "/quiz/", "/quiz/?step=1", "/plan/", "/no-such-page/",
]  # fmt: skip


def assert_fits_a_phone(page, where: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE, f"{where} is {width} px wide at {PHONE} px"


def test_every_page_type_loads_and_fits_a_phone(live_server, page_factory):
    page = page_factory(width=PHONE, height=812)
    for path in PAGES:
        response = page.goto(live_server.url + path)
        assert response is not None
        assert response.status == (404 if path == "/no-such-page/" else 200), path
        assert_fits_a_phone(page, path)


def test_a_quiz_result_and_a_plan_made_from_it_on_a_phone(
    live_server, page_factory, axe_violations, content: Content
):
    page = page_factory(width=PHONE, height=812)
    answers = [(q.id, q.options[0].id) for q in content.quiz.questions]
    page.goto(live_server.url + "/quiz/?" + urlencode([("review", "1"), *answers]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    page.get_by_role("button", name="See my result").click()
    expect(page).to_have_url(re.compile(r"/quiz/result/[A-Za-z0-9_-]{22}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Best fit:")
    assert_fits_a_phone(page, "the quiz result")
    assert axe_violations(page) == []

    page.goto(live_server.url + "/plan/")
    page.get_by_label("What do you do today?").select_option(label="Backend engineer")
    page.get_by_label("Hours a week").fill("12")
    page.get_by_role("button", name="Make my plan").click()
    expect(page).to_have_url(re.compile(r"/plan/[A-Za-z0-9_-]{22}/$"))
    plan_url = page.url
    for where in (plan_url, plan_url + "brief/"):
        page.goto(where)
        assert_fits_a_phone(page, where)
        assert axe_violations(page) == [], where
