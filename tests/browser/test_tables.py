"""Every table reads from 320 px without the page scrolling sideways: rows stack below 40rem,
each cell named by its column, and nothing is cut off (a strength reads "strong", never
"STRON")."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page, expect

from content_engine.content import Content

NARROWEST = 320
STRENGTHS = {"strong", "partial", "new"}
TABLE_PAGES = [
    "/skills/?background=backend", "/skills/?background=tech-lead-manager",
    "/skills/?skill=rag", "/roles/compare/?a=ai-engineer&b=ml-engineer", "/compare/",
    "/roles/agent-engineer/",
]  # fmt: skip


def open_check_your_answers(page: Page, base: str, content: Content) -> None:
    """The quiz's review table, reached as a person would: answer the last question."""
    questions = content.quiz.questions
    last = questions[-1]
    earlier = urlencode([(q.id, q.options[0].id) for q in questions[:-1]])
    page.goto(f"{base}/quiz/?step={len(questions)}&{earlier}")
    page.check(f"#{last.id}-{last.options[0].id}")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")


def overflowing(page: Page, width: int) -> list[str]:
    """Elements in the main content whose right edge is past the viewport."""
    found: list[str] = page.evaluate(
        """width => Array.from(document.querySelectorAll('main *'))
            .filter(e => e.getBoundingClientRect().right > width + 0.5)
            .slice(0, 5)
            .map(e => `${e.tagName}.${e.className}: ${e.textContent.trim().slice(0, 40)}`)""",
        width,
    )
    return found


def check_tables_fit(page: Page, where: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= NARROWEST, f"{where} is {width} px wide: {overflowing(page, NARROWEST)}"
    assert not overflowing(page, NARROWEST), where
    for label in page.locator("main .strength").all():
        text = label.inner_text().strip().lower()
        assert text in STRENGTHS, f"{where}: a strength reads {text!r}"
        cut = label.evaluate("e => e.scrollWidth > e.clientWidth + 1")
        assert not cut, f"{where}: the strength {text!r} is cut off"


def test_every_table_page_fits_320_px(live_server, page_factory, content):
    page = page_factory(width=NARROWEST, height=800)
    for path in TABLE_PAGES:
        page.goto(live_server.url + path)
        check_tables_fit(page, path)
    open_check_your_answers(page, live_server.url, content)
    check_tables_fit(page, "check your answers")


def test_stacked_rows_name_every_cell_by_its_column(live_server, page_factory, content):
    page = page_factory(width=375, height=800)
    for path in TABLE_PAGES:
        page.goto(live_server.url + path)
        for table in page.locator("main table.stack").all():
            headers = table.locator("thead th").all_inner_texts()
            for row in table.locator("tbody tr").all():
                cells = row.locator("td")
                for i in range(cells.count()):
                    cell = cells.nth(i)
                    if cell.locator("button").count():
                        continue  # an action, named by its own label
                    label = cell.get_attribute("data-label")
                    assert label, f"{path}: an unlabelled cell in {headers}"
                    before = cell.evaluate("e => getComputedStyle(e, '::before').content")
                    assert label in before, f"{path}: {label!r} is not shown above its cell"


def test_the_map_names_strength_the_same_way_on_every_page(live_server, page_factory, content):
    """One vocabulary for how well a skill carries over: the map's words on the skill page."""
    page = page_factory()
    page.goto(live_server.url + "/skills/?skill=tool-use-mcp")
    labels = {t.strip().lower() for t in page.locator("main .strength").all_inner_texts()}
    assert labels and labels <= STRENGTHS
    expect(page.locator("main")).not_to_contain_text(re.compile("partly familiar", re.I))


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_stacked_tables_have_no_axe_violations_on_a_phone(
    live_server, page_factory, axe_violations, content, dark
):
    page = page_factory(width=375, height=812, dark=dark)
    found = {}
    for path in TABLE_PAGES:
        page.goto(live_server.url + path)
        if violations := axe_violations(page):
            found[path] = violations
    open_check_your_answers(page, live_server.url, content)
    if violations := axe_violations(page):
        found["check your answers"] = violations
    assert not found
