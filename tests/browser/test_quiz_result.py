"""The result page on a phone: short before its optional parts are opened, every fit label
readable, nothing scrolling sideways, in light and dark."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from content_engine import store

PHONE = 375
# Before the optional sections are opened. The fourteen archetypes measure 2,946-3,256 px with a
# background chosen (the site header taking about 250 px of it), depending on how long their
# quoted answers and reasons run. It was 2,184-2,743 px before each reason carried its labelled
# parts and the role's level, and before the runner-up got an answer of its own and what it
# needed; a compact header gives back about 140 px.
HEIGHT_BUDGET = 3_300
MIN_LABEL_PX = 12


def take_quiz(page, base_url: str, answers: dict[str, str]) -> None:
    page.goto(f"{base_url}/quiz/?all")
    for question_id, option_id in answers.items():
        page.locator(f"#{question_id}-{option_id}").check()
    page.get_by_label(re.compile("What do you do today")).select_option("devops-sre-platform")
    page.get_by_role("button", name="See my result").click()
    expect(page).to_have_url(re.compile(r"/quiz/result/[A-Za-z0-9_-]{22}/$"))


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("role_index", [0, 5, 9, 12])
def test_the_result_fits_a_phone_and_its_chart_is_readable(
    live_server, page_factory, dark, role_index
):
    content = store.get()
    role = content.roles[role_index]
    page = page_factory(width=PHONE, height=812, dark=dark)
    take_quiz(page, live_server.url, content.quiz.archetypes[role.id])
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Best fit: {role.name}")

    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= HEIGHT_BUDGET, f"the result page is {height} px tall at {PHONE} px"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE

    page.get_by_text(f"Your fit with all {len(content.roles)} roles").click()
    table = page.get_by_role("table")
    expect(table).to_be_visible()
    sizes = page.evaluate(
        """[...document.querySelectorAll('.fit-table th, .fit-table td, .fit-table a')]
            .map(e => parseFloat(getComputedStyle(e).fontSize))"""
    )
    assert sizes and min(sizes) >= MIN_LABEL_PX, sizes
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(len(content.roles))
    expect(rows.first).to_contain_text(role.name)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    # The chart is the table: the bars are decoration beside figures a screen reader reads.
    expect(page.locator(".fit-bar").first).to_have_attribute("aria-hidden", "true")
    expect(page.locator("svg[role=img]")).to_have_count(0)
