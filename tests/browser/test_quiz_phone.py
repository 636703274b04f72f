"""The quiz on a phone (375 × 812): every question's Continue button within the first screen and
a half, with JavaScript on and off; and a run left mid-way resumes from the intro at the right
question, with its answers."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

PHONE = {"width": 375, "height": 812}
# A screen and a half of an 812 px phone, rounded down. This includes the site header above the
# quiz (templates/base.html, not the quiz's own); the quiz keeps its own part compact (short
# options, a tight layout). If this fails only because the header grew, the header is the fix.
CONTINUE_WITHIN = 1200


def continue_top(page) -> float:
    """The Continue button's top edge, from the top of the document."""
    return float(
        page.evaluate(
            "() => { const b = [...document.querySelectorAll('button')]"
            ".find(b => b.textContent.trim() === 'Continue');"
            " return b.getBoundingClientRect().top + window.scrollY; }"
        )
    )


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_continue_is_within_a_screen_and_a_half_on_every_question(
    live_server, page_factory, content, javascript
):
    questions = content.quiz.questions
    page = page_factory(javascript=javascript, **PHONE)
    page.goto(live_server.url + "/quiz/")
    page.get_by_role("button", name="Start the quiz").click()
    tops = {}
    for number, question in enumerate(questions, start=1):
        expect(page).to_have_title(re.compile(rf"^Question {number} of"))
        # The longest option picked, so the page is measured with its tallest answer chosen.
        longest = max(question.options, key=lambda o: len(o.label))
        page.locator(f"#{question.id}-{longest.id}").check()
        tops[number] = round(continue_top(page))
        page.get_by_role("button", name="Continue").click()
    expect(page).to_have_title(re.compile("^Check your answers"))
    too_low = {n: top for n, top in tops.items() if top > CONTINUE_WITHIN}
    assert not too_low, f"Continue's top, in px from the top of the page: {tops}"
    # Nothing scrolls sideways either.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_run_left_mid_way_resumes_from_the_intro(live_server, page_factory, content, javascript):
    questions = content.quiz.questions
    page = page_factory(javascript=javascript, **PHONE)
    page.goto(live_server.url + "/quiz/")
    page.get_by_role("button", name="Start the quiz").click()
    for question in questions[:3]:
        page.locator(f"#{question.id}-{question.options[-1].id}").check()
        page.get_by_role("button", name="Continue").click()
    expect(page).to_have_title(re.compile(r"^Question 4 of"))
    page.goto(live_server.url + "/")  # leave, then come back to the quiz
    page.goto(live_server.url + "/quiz/")
    expect(page.get_by_role("heading", name="Carry on where you left off")).to_be_visible()
    page.get_by_role("link", name="Continue at question 4").click()
    expect(page).to_have_title(re.compile(r"^Question 4 of"))
    expect(page.locator("input[type=radio]:checked")).to_have_count(0)
    for number in (3, 2, 1):  # Back through the kept answers, each still chosen
        page.get_by_role("button", name="Back").click()
        expect(page).to_have_title(re.compile(rf"^Question {number} of"))
        question = questions[number - 1]
        expect(page.locator(f"#{question.id}-{question.options[-1].id}")).to_be_checked()
