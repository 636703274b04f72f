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
    total = 1 + len(stage.done_when)
    for n, item_id in enumerate(ticked, start=1):
        box(page, item_id).check()
        if javascript:  # each box saves itself, its status beside it, without a reload
            status = page.locator(f'[data-tick-status="{item_id}"]')
            expect(status).to_have_text(f"Saved: {n} of {total} done in {stage.title}.")
            expect(page.locator(f'[data-tick-when="{item_id}"]')).to_have_text("saved just now")
    if javascript:
        expect(page).to_have_url(url)
        expect(page.get_by_role("button", name=re.compile("Save progress"))).to_have_count(0)
    else:  # the stage's own button; the page comes back at that stage, saying so there
        page.locator(f"#stage-{stage.id}").get_by_role(
            "button", name=re.compile("Save progress")
        ).click()
        expect(page).to_have_url(f"{url}?saved={stage.id}#saved-{stage.id}")
        notice = page.locator(f"#saved-{stage.id}")
        expect(notice).to_have_text(re.compile(f"Saved: 2 of {total} done in {stage.title}"))
        expect(notice).to_be_in_viewport()
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
    expect(page.locator(f'[data-tick-status="{first}"]')).to_contain_text("Saved: 1 of")
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
        f"/plan/{token}/brief/", f"/plan/view/{view_token}/brief/", f"/plan/{token}/choices/",
        f"/plan/{token}/hours/", "/plan/mine/", "/plan/import/",
    ]:  # fmt: skip
        page.goto(live_server.url + path)
        if violations := axe_violations(page):
            found[path] = violations
    page.goto(live_server.url + "/plan/")
    page.get_by_role("button", name="Make a separate plan").click()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    if violations := axe_violations(page):
        found["start form errors"] = violations
    assert not found


def _pdf_pages(page) -> int:
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=False)
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


# The ML engineer leans on every stage: the longest brief.
@pytest.mark.parametrize("role", ["AI engineer", "Machine learning engineer"])
def test_the_brief_prints_on_one_page(live_server, page_factory, role):
    page = page_factory()
    url = make_plan(page, live_server.url, role=role)
    token = url.rstrip("/").rsplit("/", 1)[-1]
    view_token = Plan.objects.get(token=token).view_token
    for brief in (url + "brief/", f"{live_server.url}/plan/view/{view_token}/brief/"):
        page.goto(brief)
        assert _pdf_pages(page) == 1, brief


def test_the_plan_prints_every_item_and_no_instructions(live_server, page_factory, content):
    page = page_factory()
    make_plan(page, live_server.url)
    page.emulate_media(media="print")
    boxes = page.locator("input[name=done]")
    assert boxes.count() == sum(1 + len(s.done_when) for s in content.stages if not s.optional)
    for n in range(boxes.count()):
        expect(boxes.nth(n)).to_be_visible()
    expect(page.get_by_text("each tick saves itself")).to_be_hidden()
    expect(page.get_by_role("button", name=re.compile("Save progress")).first).to_be_hidden()


def test_a_tick_while_offline_is_unticked_with_a_message_beside_it(
    live_server, page_factory, content
):
    page = page_factory()
    make_plan(page, live_server.url)
    first = content.stages[0].deliverable.id
    page.context.set_offline(True)
    box(page, first).click()  # the script unticks it again when the save fails
    status = page.locator(f'[data-tick-status="{first}"]')
    expect(status).to_contain_text("Not saved, so unticked")
    expect(box(page, first)).not_to_be_checked()
    page.context.set_offline(False)
    box(page, first).check()
    expect(status).to_contain_text("Saved: 1 of")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_second_plan_never_hides_the_first(live_server, page_factory, content, javascript):
    page = page_factory(javascript=javascript, width=375)
    first_url = make_plan(page, live_server.url)
    first_item = content.stages[0].deliverable.id
    box(page, first_item).check()
    if javascript:
        expect(page.locator(f'[data-tick-status="{first_item}"]')).to_contain_text("Saved")
    else:
        page.locator(f"#stage-{content.stages[0].id}").get_by_role(
            "button", name=re.compile("Save progress")
        ).click()
    # The role page's "Plan this role", with a plan already on this browser.
    page.goto(live_server.url + "/roles/agent-engineer/")
    page.get_by_role("link", name=re.compile("Plan this role")).click()
    expect(
        page.get_by_role("heading", name="You already have a plan on this browser")
    ).to_be_visible()
    expect(
        page.get_by_role("button", name="Aim that plan at Agent engineer, ticks kept")
    ).to_be_visible()
    page.get_by_label("What do you do today?").select_option(label="Backend engineer")
    page.get_by_role("button", name="Make a separate plan").click()
    expect(page).to_have_url(PLAN_URL)
    second_url = page.url
    assert second_url != first_url
    # "My plan" in the header opens the latest; "Your plans" lists both, the first still ticked.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My plan").click()
    expect(page).to_have_url(second_url)
    page.goto(live_server.url + "/plan/mine/")
    links = page.locator(".plan-list h2 a")
    expect(links).to_have_count(2)
    links.nth(1).click()
    expect(page).to_have_url(first_url)
    expect(box(page, first_item)).to_be_checked()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_an_exported_plan_json_restores_choices_and_ticks(
    live_server, page_factory, content, tmp_path
):
    page = page_factory()
    url = make_plan(page, live_server.url, role="AI engineer")
    first = content.stages[0].deliverable.id
    box(page, first).check()
    expect(page.locator(f'[data-tick-status="{first}"]')).to_contain_text("Saved")
    exported = tmp_path / "plan.json"
    exported.write_bytes(page.request.get(url + "plan.json").body())
    other = page_factory(javascript=False)  # another browser, the file in hand
    other.goto(live_server.url + "/plan/import/")
    other.get_by_label("Choose the plan.json file").set_input_files(str(exported))
    other.get_by_role("button", name="Restore my plan").click()
    expect(other).to_have_url(PLAN_URL)
    assert other.url != url
    expect(other.get_by_role("status").first).to_contain_text("Your plan is restored, with 1 tick.")
    expect(other.get_by_role("heading", level=1)).to_contain_text("Backend engineer → AI engineer")
    expect(box(other, first)).to_be_checked()
