"""Back, Forward and reload after every htmx swap show the whole page (header, navigation,
heading and filters) in the state its URL describes, never a lone fragment; the route's pace, a
plain link or form with no htmx, is a whole page at its own address through all three."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Locator, Page, expect

from content_engine.content import Content
from content_engine.pacing import default_pace, pace_route
from content_engine.schema import Option

from .conftest import CHROMIUM, CHROMIUM_ARGS


def expect_whole_page(page: Page, heading: str | re.Pattern[str]) -> None:
    """One header with the main navigation, one h1, one footer: a page, not a fragment."""
    expect(page.locator("header.site-header")).to_have_count(1)
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.locator("footer.site-footer")).to_have_count(1)
    expect(page.locator("main")).to_have_count(1)


@dataclass(frozen=True)
class Interaction:
    """An htmx interaction: where it starts, what the person does, and what each URL shows."""

    start: str
    act: Callable[[Page, Content], None]
    after: str  # a pattern for the URL after the swap
    check_before: Callable[[Page, Content], None]
    check_after: Callable[[Page, Content], None]


# The skills map: the background filter.
BACKGROUND = "devops-sre-platform"


def choose_background_from_select(page: Page, content: Content) -> None:
    page.get_by_label("Your background").select_option(BACKGROUND)
    page.get_by_role("button", name="Show my map").click()


def choose_background_pill(page: Page, content: Content) -> None:
    name = content.background_by_id[BACKGROUND].name
    page.get_by_role("navigation", name="Backgrounds").get_by_role("link", name=name).click()


def map_without_background(page: Page, content: Content) -> None:
    expect(page.get_by_label("Your background")).to_have_value("")
    expect(page.get_by_role("navigation", name="Backgrounds")).to_be_visible()
    expect(page.locator("#transfer-map h2").first).to_have_text("The skills you add")
    expect(page.locator("#transfer-map table")).to_have_count(0)


def map_for_background(page: Page, content: Content) -> None:
    background = content.background_by_id[BACKGROUND]
    expect(page.get_by_label("Your background")).to_have_value(BACKGROUND)
    pills = page.get_by_role("navigation", name="Backgrounds")
    expect(pills.get_by_role("link", name=background.name)).to_have_attribute(
        "aria-current", "true"
    )
    expect(page.locator("#transfer-map h2").first).to_have_text(background.name)
    expect(page.locator("#transfer-map tbody tr")).to_have_count(len(background.transfers))


# The roles explorer: its filters.
def filter_deep_ml_roles(page: Page, content: Content) -> None:
    page.get_by_label("Deep ML track").select_option("yes")  # htmx sends on change


def every_role(page: Page, content: Content) -> None:
    expect(page.get_by_label("Deep ML track")).to_have_value("")
    expect(page.locator("#role-list h2")).to_have_count(len(content.roles))
    expect(page.locator("#role-list")).to_contain_text(
        f"{len(content.roles)} of {len(content.roles)} roles"
    )


def deep_ml_roles(page: Page, content: Content) -> None:
    deep = [r.name for r in content.roles if r.needs_deep_ml]
    expect(page.get_by_label("Deep ML track")).to_have_value("yes")
    expect(page.locator("#role-list h2")).to_have_text(deep)


INTERACTIONS = {
    "skills-select": Interaction(
        "/skills/",
        choose_background_from_select,
        rf"/skills/\?background={BACKGROUND}$",
        map_without_background,
        map_for_background,
    ),
    "skills-pill": Interaction(
        "/skills/",
        choose_background_pill,
        rf"/skills/\?background={BACKGROUND}$",
        map_without_background,
        map_for_background,
    ),
    "roles-filter": Interaction(
        "/roles/",
        filter_deep_ml_roles,
        r"/roles/\?(background=&)?deep_ml=yes$",
        every_role,
        deep_ml_roles,
    ),
}


def heading_of(page: Page) -> str:
    return page.get_by_role("heading", level=1).inner_text()


def swap_in_place(page: Page, base: str, interaction: Interaction, content: Content) -> str:
    """Open the start page, do the interaction and check htmx swapped it in place; the h1."""
    page.goto(base + interaction.start)
    page.wait_for_function("() => window.htmx !== undefined")
    heading = heading_of(page)
    interaction.check_before(page, content)
    page.evaluate("window.__sameDocument = true")
    interaction.act(page, content)
    expect(page).to_have_url(re.compile(interaction.after))
    interaction.check_after(page, content)  # the filters, too, show the new state
    assert page.evaluate("window.__sameDocument === true"), "htmx should swap, not reload"
    return heading


@pytest.mark.parametrize("name", INTERACTIONS)
def test_back_forward_and_reload_after_a_swap_show_the_whole_page(
    live_server, page_factory, content, name
):
    interaction = INTERACTIONS[name]
    page = page_factory()
    heading = swap_in_place(page, live_server.url, interaction, content)

    page.go_back()
    expect(page).to_have_url(live_server.url + interaction.start)
    expect_whole_page(page, heading)
    interaction.check_before(page, content)

    page.go_forward()
    expect(page).to_have_url(re.compile(interaction.after))
    expect_whole_page(page, heading)
    interaction.check_after(page, content)

    page.reload()
    expect(page).to_have_url(re.compile(interaction.after))
    expect_whole_page(page, heading)
    interaction.check_after(page, content)


@pytest.fixture(scope="module")
def browser_without_bfcache(browser):
    """A Chromium that must reload a page on Back rather than keep it in memory, so Back goes
    through its HTTP cache, where the fragment fetched for a swap sits under the same URL."""
    args = [*CHROMIUM_ARGS, "--disable-features=BackForwardCache"]
    other = browser.browser_type.launch(executable_path=str(CHROMIUM), args=args)
    yield other
    other.close()


@pytest.mark.parametrize("bfcache", [True, False], ids=["bfcache", "no-bfcache"])
@pytest.mark.parametrize("name", INTERACTIONS)
def test_back_from_another_page_after_a_swap_shows_the_whole_page(
    live_server, page_factory, request, content, name, bfcache
):
    """Leaving by an ordinary link and coming Back must not show the fragment the browser
    fetched for the swap at that same URL."""
    interaction = INTERACTIONS[name]
    if bfcache:
        page = page_factory()
    else:
        context = request.getfixturevalue("browser_without_bfcache").new_context()
        request.addfinalizer(context.close)
        page = context.new_page()
        page.set_default_timeout(10_000)
    heading = swap_in_place(page, live_server.url, interaction, content)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="FAQ").click()
    expect(page).to_have_url(live_server.url + "/faq/")
    page.go_back()
    expect(page).to_have_url(re.compile(interaction.after))
    expect_whole_page(page, heading)
    interaction.check_after(page, content)

    page.go_back()
    expect(page).to_have_url(live_server.url + interaction.start)
    expect_whole_page(page, heading)
    interaction.check_before(page, content)


# The route: pace presets and the hours form. No htmx there: a preset is a plain link and the
# hours form a plain GET form, so each pace is a page load at its own address.
def choose_fastest_preset(page: Page, content: Content) -> None:
    fastest = max(content.route.pacing, key=lambda pace: pace.hours_per_week)
    presets = page.get_by_role("list", name="Pacing presets")
    presets.get_by_role("link", name=re.compile(re.escape(fastest.name))).click()


def type_seven_hours(page: Page, content: Content) -> None:
    page.get_by_label("Hours a week").fill("7")
    page.get_by_role("button", name="Recalculate").click()


def route_at(hours: int) -> Callable[[Page, Content], None]:
    def check(page: Page, content: Content) -> None:
        weeks = pace_route(content, hours_per_week=hours).total_weeks
        expect(page.get_by_label("Hours a week")).to_have_value(str(hours))
        expect(page.get_by_role("list", name="Pacing presets")).to_be_visible()
        expect(page.locator("#route-plan")).to_contain_text(
            re.compile(rf"At {hours} hours? a week, the whole route takes about {weeks} weeks?")
        )
        expect(page.locator("#route-plan ol.route > li")).to_have_count(len(content.stages))

    return check


def route_at_default(page: Page, content: Content) -> None:
    route_at(default_pace(content).hours_per_week)(page, content)


def fastest_hours(content: Content) -> int:
    return max(p.hours_per_week for p in content.route.pacing)


# Each way of choosing a pace: what the person does, and the hours a week it asks for.
PACE_CHANGES: dict[str, tuple[Callable[[Page, Content], None], Callable[[Content], int]]] = {
    "route-preset": (choose_fastest_preset, fastest_hours),
    "route-hours": (type_seven_hours, lambda content: 7),
}


@pytest.fixture(scope="module")
def browser_with_bfcache(browser):
    """A Chromium that keeps a page it leaves in its back/forward cache, as everyday browsers
    do (Playwright turns that cache off unless told), so Back shows the page as it was left."""
    other = browser.browser_type.launch(
        executable_path=str(CHROMIUM),
        args=CHROMIUM_ARGS,
        ignore_default_args=["--disable-back-forward-cache"],
    )
    yield other
    other.close()


@pytest.mark.parametrize(
    ("javascript", "bfcache"),
    [(True, False), (False, False), (True, True)],
    ids=["js", "no-js", "js-bfcache"],
)
@pytest.mark.parametrize("name", PACE_CHANGES)
def test_a_pace_is_a_whole_page_at_its_own_address_through_back_forward_and_reload(
    live_server, page_factory, request, content, name, javascript, bfcache
):
    act, hours_of = PACE_CHANGES[name]
    hours = hours_of(content)
    start, after = live_server.url + "/route/", live_server.url + f"/route/?hours={hours}"
    if bfcache:
        context = request.getfixturevalue("browser_with_bfcache").new_context()
        request.addfinalizer(context.close)
        page = context.new_page()
        page.set_default_timeout(10_000)
    else:
        page = page_factory(javascript=javascript)
    page.goto(start)
    heading = heading_of(page)
    expect(page.locator("script[src*='htmx']")).to_have_count(0)  # the route loads no htmx
    route_at_default(page, content)
    if javascript:
        page.evaluate("window.__sameDocument = true")
    act(page, content)
    expect(page).to_have_url(after)
    expect_whole_page(page, heading)
    route_at(hours)(page, content)
    if javascript:
        assert page.evaluate("window.__sameDocument === undefined"), "a page load, not a swap"

    page.go_back(wait_until="commit")  # a page shown from the cache fires no load event
    expect(page).to_have_url(start)
    expect_whole_page(page, heading)
    route_at_default(page, content)  # the hours field too, whatever was typed before leaving
    if bfcache:
        assert page.evaluate("window.__sameDocument === true"), "Back should use the cache"

    page.go_forward(wait_until="commit")
    expect(page).to_have_url(after)
    expect_whole_page(page, heading)
    route_at(hours)(page, content)

    page.reload()
    expect(page).to_have_url(after)
    expect_whole_page(page, heading)
    route_at(hours)(page, content)


# The quiz: every step at its own address carrying the answers so far.


def quiz_choice(content: Content, number: int) -> Option:
    """The answer these tests give to question `number`: not always the first option."""
    question = content.quiz.questions[number - 1]
    return question.options[number % len(question.options)]


def quiz_address(content: Content, run: str, *, step: int | None = None, answered: int) -> str:
    """A question's (or, without a step, check-your-answers') own address, written out by hand:
    the screen, the run's draft key, then the first `answered` answers in question order."""
    questions = content.quiz.questions
    where = ("step", str(step)) if step else ("review", "1")
    answers = [(q.id, quiz_choice(content, n).id) for n, q in enumerate(questions, start=1)]
    return "/quiz/?" + urlencode([where, ("draft", run), *answers[:answered]])


def quiz_radio(page: Page, content: Content, number: int) -> Locator:
    question = content.quiz.questions[number - 1]
    return page.locator(f"#{question.id}-{quiz_choice(content, number).id}")


def expect_question(page: Page, content: Content, number: int, *, chosen: bool) -> None:
    """The whole page for question `number`, with this test's answer chosen or none."""
    question = content.quiz.questions[number - 1]
    total = len(content.quiz.questions)
    expect_whole_page(
        page, re.compile(rf"Question {number} of {total}\s*{re.escape(question.prompt)}")
    )
    if chosen:
        expect(quiz_radio(page, content, number)).to_be_checked()
    else:
        expect(page.locator("input[type=radio]:checked")).to_have_count(0)


def start_quiz(page: Page, base: str, *, javascript: bool) -> str:
    """From the intro to question 1; the run's draft key from the address."""
    page.goto(base + "/quiz/")
    page.get_by_role("button", name="Start the quiz").click()
    expect(page).to_have_url(re.compile(r"/quiz/\?step=1&draft=[\w-]{22}$"))
    if javascript:
        page.wait_for_function("() => window.htmx !== undefined")
        page.evaluate("window.__sameDocument = true")
    return page.url.rsplit("draft=", 1)[1]


def answer_and_continue(page: Page, content: Content, numbers: range) -> None:
    for number in numbers:
        expect_question(page, content, number, chosen=False)
        quiz_radio(page, content, number).check()
        page.get_by_role("button", name="Continue").click()


@pytest.mark.parametrize(
    ("javascript", "bfcache"),
    [(True, True), (False, True), (False, False)],
    ids=["js", "no-js", "no-js-no-bfcache"],
)
def test_back_forward_and_reload_at_question_four_keep_the_answers(
    live_server, page_factory, request, content, javascript, bfcache
):
    base = live_server.url
    total = len(content.quiz.questions)
    if bfcache:
        page = page_factory(javascript=javascript)
    else:
        browser = request.getfixturevalue("browser_without_bfcache")
        context = browser.new_context(java_script_enabled=javascript)
        request.addfinalizer(context.close)
        page = context.new_page()
        page.set_default_timeout(10_000)
    run = start_quiz(page, base, javascript=javascript)
    answer_and_continue(page, content, range(1, 5))
    expect(page).to_have_url(base + quiz_address(content, run, step=5, answered=4))
    expect_question(page, content, 5, chosen=False)
    if javascript:
        assert page.evaluate("window.__sameDocument === true"), "htmx should swap, not reload"

    # Back to question 4: its answer still chosen. With JavaScript the address took the answer
    # as it was chosen; without, the address is the one question 4 had before it was answered.
    page.go_back()
    at_four = base + quiz_address(content, run, step=4, answered=4 if javascript else 3)
    expect(page).to_have_url(at_four)
    expect_question(page, content, 4, chosen=True)

    page.go_forward()
    expect(page).to_have_url(base + quiz_address(content, run, step=5, answered=4))
    expect_question(page, content, 5, chosen=False)

    page.go_back()
    expect(page).to_have_url(at_four)
    page.reload()  # without JavaScript, the run's draft fills the answer into the address
    expect(page).to_have_url(base + quiz_address(content, run, step=4, answered=4))
    expect_question(page, content, 4, chosen=True)

    # Every earlier answer survived too: the page's own Back shows question 3 as answered,
    # and check your answers, at its own address, lists every answer given.
    page.get_by_role("button", name="Back").click()
    expect(page).to_have_url(base + quiz_address(content, run, step=3, answered=4))
    expect_question(page, content, 3, chosen=True)
    page.get_by_role("button", name="Continue").click()
    expect_question(page, content, 4, chosen=True)
    page.get_by_role("button", name="Continue").click()
    answer_and_continue(page, content, range(5, total + 1))
    expect(page).to_have_url(base + quiz_address(content, run, answered=total))
    page.reload()
    expect_whole_page(page, "Check your answers")
    for number, question in enumerate(content.quiz.questions, start=1):
        row = page.get_by_role("row", name=re.compile(re.escape(question.prompt)))
        expect(row).to_contain_text(quiz_choice(content, number).label)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_back_on_question_one_returns_to_the_intro_as_a_whole_page(
    live_server, page_factory, content, javascript
):
    page = page_factory(javascript=javascript)
    start_quiz(page, live_server.url, javascript=javascript)
    page.get_by_role("button", name="Back").click()
    expect(page).to_have_url(live_server.url + "/quiz/")
    expect_whole_page(page, content.site.pages.quiz.title)
    expect(page.locator("#quiz-flow")).to_have_count(0)  # no quiz area, nothing nested in one
    expect(page.get_by_role("button", name="Start the quiz")).to_be_visible()
