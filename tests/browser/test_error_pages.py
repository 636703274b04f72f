"""The pages a refused form lands on, in a real browser: a CSRF failure (403) and a rate limit
(429) are the site's own styled pages, with no axe-core violation in light or dark mode."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_plan import make_plan

SUBMIT_WITHOUT_TOKEN = """(action) => {
  const form = document.createElement("form");
  form.method = "post";
  form.action = action;
  const field = document.createElement("input");
  field.name = "background";
  field.value = "backend";
  form.append(field);
  document.body.append(form);
  form.submit();
}"""


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_a_form_refused_by_its_csrf_check_is_a_styled_page(
    live_server, page_factory, axe_violations, dark
):
    page = page_factory(dark=dark, width=375, height=812)
    page.goto(live_server.url + "/plan/")
    with page.expect_navigation():
        page.evaluate(SUBMIT_WITHOUT_TOKEN, "/plan/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sorry, that form could not be sent")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background != "rgba(0, 0, 0, 0)"  # the site's stylesheet applies
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert axe_violations(page) == []


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_a_rate_limited_save_keeps_the_ticks_on_a_styled_page(
    live_server, page_factory, axe_violations, settings, content, dark
):
    settings.RATE_LIMITS_ENABLED = True
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "plan-save": (0, 600)}
    page = page_factory(dark=dark)  # axe runs in the page: JavaScript on
    make_plan(page, live_server.url)
    stage = content.stages[0]
    box = f"input[name=done][value='{stage.deliverable.id}']"
    page.eval_on_selector(box, "box => { box.checked = true; }")  # no change event: no htmx save
    with page.expect_navigation():  # the form as it posts without JavaScript
        page.eval_on_selector("#progress-form", "form => form.submit()")
    expect(page.get_by_role("alert")).to_contain_text("sent many times from your connection")
    expect(page.get_by_role("button", name="Try saving again")).to_be_visible()
    kept = page.locator(f"input[type=hidden][name=done][value='{stage.deliverable.id}']")
    expect(kept).to_have_count(1)
    assert axe_violations(page) == []
