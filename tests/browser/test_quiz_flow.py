"""The whole quiz by keyboard alone, with JavaScript on and off: every question at its own
address, Back and Change keeping the answers."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from quiz.models import QuizSubmission

from .keyboard import tab_to, tab_to_text


def radio(page, question, index: int):
    return page.locator(f"#{question.id}-{question.options[index].id}")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_whole_quiz_by_keyboard(live_server, page_factory, javascript, content):
    questions = content.quiz.questions
    total = len(questions)
    page = page_factory(javascript=javascript)
    page.goto(live_server.url + "/quiz/")
    tab_to_text(page, "Start the quiz")
    page.keyboard.press("Enter")
    heading = page.get_by_role("heading", level=1)
    for number, question in enumerate(questions, start=1):
        expect(page).to_have_title(re.compile(rf"^Question {number} of {total}\b"))
        expect(page).to_have_url(re.compile(rf"/quiz/\?step={number}&draft=[\w-]{{22}}(&|$)"))
        expect(heading).to_contain_text(f"Question {number} of {total}")
        expect(heading).to_contain_text(question.prompt)
        expect(page.locator("input[type=radio]:checked")).to_have_count(0)  # none pre-selected
        tab_to(page, "the first answer", "el && el.type === 'radio'")
        page.keyboard.press("ArrowDown")  # moves to, and selects, the second option
        expect(radio(page, question, 1)).to_be_checked()
        if number == 2:
            # Go back once and come forward again: the earlier answers must still be chosen.
            tab_to_text(page, "Back")
            page.keyboard.press("Enter")
            expect(page).to_have_title(re.compile(rf"^Question 1 of {total}\b"))
            expect(radio(page, questions[0], 1)).to_be_checked()
            tab_to_text(page, "Continue")
            page.keyboard.press("Enter")
            expect(page).to_have_title(re.compile(rf"^Question 2 of {total}\b"))
            expect(radio(page, question, 1)).to_be_checked()
        tab_to_text(page, "Continue")
        page.keyboard.press("Enter")
    expect(page).to_have_title(re.compile("^Check your answers"))
    expect(page).to_have_url(re.compile(r"/quiz/\?review=1&draft="))
    for question in questions:
        expect(
            page.get_by_role("row", name=re.compile(re.escape(question.prompt)))
        ).to_contain_text(question.options[1].label)
    # Change question 4 by keyboard: it opens with its answer chosen, and Continue comes back.
    changed = 2 % len(questions[3].options)  # the option after the second, wrapping round
    tab_to(page, "Change for question 4", "el && el.textContent.includes('to question 4')")
    page.keyboard.press("Enter")
    expect(page).to_have_title(re.compile(rf"^Question 4 of {total}\b"))
    expect(radio(page, questions[3], 1)).to_be_checked()
    tab_to(page, "the chosen answer", "el && el.type === 'radio'")
    page.keyboard.press("ArrowDown")
    expect(radio(page, questions[3], changed)).to_be_checked()
    tab_to_text(page, "Continue")
    page.keyboard.press("Enter")
    expect(page).to_have_title(re.compile("^Check your answers"))
    expect(
        page.get_by_role("row", name=re.compile(re.escape(questions[3].prompt)))
    ).to_contain_text(questions[3].options[changed].label)
    tab_to_text(page, "See my result")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/quiz/result/[A-Za-z0-9_-]{22}/$"))
    submission = QuizSubmission.objects.get()
    assert submission.answers == {
        q.id: q.options[changed if n == 4 else 1].id for n, q in enumerate(questions, start=1)
    }, "every answer as chosen by keyboard: the second option, the next one for question 4"
    best = content.role_by_id[submission.best_role]
    runner_up = content.role_by_id[submission.result["runner_up"]["id"]]
    expect(heading).to_contain_text(f"Best fit: {best.name}")
    expect(
        page.get_by_role("heading", name=re.compile(f"^Runner-up: {runner_up.name}"))
    ).to_be_visible()


def test_error_summary_takes_focus_and_links_to_the_field(live_server, page_factory, content):
    page = page_factory()
    page.goto(live_server.url + "/quiz/?step=1")
    tab_to_text(page, "Continue")
    page.keyboard.press("Enter")
    summary = page.get_by_role("alert")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile("^Error: "))
    tab_to(page, "the error link", "el && el.closest('[role=alert]') && el.tagName === 'A'")
    page.keyboard.press("Enter")
    first = content.quiz.questions[0]
    expect(radio(page, first, 0)).to_be_focused()
