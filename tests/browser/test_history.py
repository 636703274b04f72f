"""Back, Forward and reload after every htmx swap show the whole page (header, navigation,
heading and filters) in the state its URL describes, never a lone fragment."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from content_engine.content import Content
from content_engine.pacing import default_pace, pace_route

from .conftest import CHROMIUM, CHROMIUM_ARGS


def expect_whole_page(page: Page, heading: str) -> None:
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


# The route: pace presets and the hours form.
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


def route_at_fastest(page: Page, content: Content) -> None:
    route_at(max(p.hours_per_week for p in content.route.pacing))(page, content)


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
    "route-preset": Interaction(
        "/route/",
        choose_fastest_preset,
        r"/route/\?hours=\d+$",
        route_at_default,
        route_at_fastest,
    ),
    "route-hours": Interaction(
        "/route/", type_seven_hours, r"/route/\?hours=7$", route_at_default, route_at(7)
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
