"""My plan in a real browser, as a new user meets it: made and ticked with JavaScript off and on,
at phone and desktop widths, reloaded and opened in a fresh browser; axe-core on every plan
page in light and dark; the brief printed to PDF."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from plan.models import Plan

PLAN_URL = re.compile(r"/plan/[A-Za-z0-9_-]{22}/$")


def make_plan(page, base: str, *, background: str = "Backend engineer", role: str = "") -> str:
    page.goto(base + "/plan/")
    page.get_by_label("What do you do today?").select_option(label=background)
    if role:
        page.get_by_label("Which role are you aiming at? (optional)").select_option(label=role)
    page.get_by_label("Hours a week").fill("12")
    page.get_by_role("button", name="Make my plan").click()
    expect(page).to_have_url(PLAN_URL)
    url: str = page.url
    return url


def box(page, item_id: str):
    return page.locator(f"input[name=done][value='{item_id}']")


@pytest.mark.parametrize(
    ("javascript", "width"), [(False, 375), (True, 375), (False, 1280), (True, 1280)],
    ids=["no-js-phone", "js-phone", "no-js-desktop", "js-desktop"],
)  # fmt: skip
def test_ticks_last_through_reload_and_a_fresh_browser(
    live_server, page_factory, content, javascript, width
):
    page = page_factory(javascript=javascript, width=width)
    url = make_plan(page, live_server.url)
    stage = content.stages[0]
    ticked = [stage.deliverable.id, stage.done_when[0].id]
    for item_id in ticked:
        box(page, item_id).check()
        if javascript:  # htmx saves each box at once, without a reload
            expect(page.locator("#save-status")).to_contain_text("Saved")
    if not javascript:
        page.locator(f"#stage-{stage.id}").get_by_role("button", name="Save progress").click()
        expect(page.get_by_role("status").first).to_contain_text("Your progress is saved.")
    expect(page).to_have_url(url)
    expect(page.locator("#plan-summary")).to_contain_text("2 of ")
    token = url.rstrip("/").rsplit("/", 1)[-1]
    assert sorted(Plan.objects.get(token=token).done) == sorted(ticked)

    page.reload()
    for item_id in ticked:
        expect(box(page, item_id)).to_be_checked()
    expect(box(page, stage.done_when[1].id)).not_to_be_checked()

    fresh = page_factory(javascript=not javascript, width=width)
    fresh.goto(url)
    for item_id in ticked:
        expect(box(fresh, item_id)).to_be_checked()
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_unticking_with_javascript_saves_too(live_server, page_factory, content):
    page = page_factory()
    url = make_plan(page, live_server.url)
    first = content.stages[0].deliverable.id
    box(page, first).check()
    expect(page.locator("#save-status")).to_contain_text("Saved")
    box(page, first).uncheck()
    expect(page.locator("#plan-summary")).to_contain_text("0 of ")
    page.goto(url)
    expect(box(page, first)).not_to_be_checked()


def test_continue_your_plan_appears_on_cached_pages_only_for_its_browser(live_server, page_factory):
    page = page_factory()
    url = make_plan(page, live_server.url)
    for path in ["/", "/route/", "/skills/?background=backend"]:
        page.goto(live_server.url + path)
        expect(page.get_by_role("link", name="Continue your plan")).to_be_visible()
    page.get_by_role("link", name="Continue your plan").click()
    expect(page).to_have_url(url)
    stranger = page_factory()
    stranger.goto(live_server.url + "/")
    expect(stranger.get_by_role("link", name="Continue your plan")).to_be_hidden()


def test_the_quiz_result_makes_a_plan_with_background_and_role_prefilled(
    live_server, page_factory, content
):
    page = page_factory(javascript=False)
    page.goto(live_server.url + "/quiz/?all=1")
    for question in content.quiz.questions:
        page.check(f"#{question.id}-{question.options[0].id}")
    page.get_by_label(re.compile("What do you do today")).select_option("qa-test-automation")
    page.get_by_role("button", name="See my result").click()
    page.get_by_role("link", name="Make this your plan").click()
    expect(page.get_by_label("What do you do today?")).to_have_value("qa-test-automation")
    best = page.get_by_label("Which role are you aiming at? (optional)").input_value()
    assert best in content.role_by_id
    page.get_by_role("button", name="Make my plan").click()
    expect(page).to_have_url(PLAN_URL)
    expect(page.get_by_role("heading", level=1)).to_contain_text(content.role_by_id[best].name)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_plan_pages_have_no_axe_violations(live_server, page_factory, axe_violations, dark):
    page = page_factory(dark=dark)
    url = make_plan(page, live_server.url, role="AI engineer")
    token = url.rstrip("/").rsplit("/", 1)[-1]
    view_token = Plan.objects.get(token=token).view_token
    found = {}
    for path in [
        "/plan/", url.removeprefix(live_server.url), f"/plan/view/{view_token}/",
        f"/plan/{token}/brief/", f"/plan/{token}/choices/",
    ]:  # fmt: skip
        page.goto(live_server.url + path)
        if violations := axe_violations(page):
            found[path] = violations
    page.goto(live_server.url + "/plan/")
    page.get_by_role("button", name="Make my plan").click()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    if violations := axe_violations(page):
        found["start form errors"] = violations
    assert not found


def test_the_brief_prints_to_at_most_two_pages(live_server, page_factory):
    page = page_factory()
    url = make_plan(page, live_server.url, role="AI engineer")
    page.goto(url + "brief/")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=False)
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 1 <= pages <= 2, f"the brief printed to {pages} pages"
