"""The whole quiz by keyboard alone, with JavaScript on and off."""

from __future__ import annotations

import re

import pytest

from quiz.models import QuizSubmission

from .keyboard import tab_to, tab_to_text


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_whole_quiz_by_keyboard(live_server, page_factory, javascript, content):
    page = page_factory(javascript=javascript)
    page.goto(live_server.url + "/quiz/")
    tab_to_text(page, "Start the quiz")
    page.keyboard.press("Enter")
    for number, question in enumerate(content.quiz.questions, start=1):
        page.wait_for_function("n => document.title.startsWith(`Question ${n} of`)", arg=number)
        assert page.locator("h1").inner_text().startswith(f"Question {number} of 10")
        tab_to(page, "the first answer", "el && el.type === 'radio'")
        page.keyboard.press("ArrowDown")  # moves to, and selects, the second option
        if number == 2:
            # Go back once and come forward again: the earlier answer must still be chosen.
            tab_to_text(page, "Back")
            page.keyboard.press("Enter")
            page.wait_for_function("() => document.title.startsWith('Question 1 of')")
            assert page.locator("input[type=radio]:checked").count() == 1
            tab_to_text(page, "Continue")
            page.keyboard.press("Enter")
            page.wait_for_function("() => document.title.startsWith('Question 2 of')")
            assert page.locator(f"#{question.id}-{question.options[1].id}").is_checked()
        tab_to_text(page, "Continue")
        page.keyboard.press("Enter")
    page.wait_for_function("() => document.title.startsWith('Check your answers')")
    tab_to_text(page, "See my result")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/quiz/result/[A-Za-z0-9_-]{22}/$"))
    submission = QuizSubmission.objects.get()
    assert all(submission.answers[q.id] == q.options[1].id for q in content.quiz.questions), (
        "every answer is the second option, as chosen by keyboard"
    )
    assert page.locator("h1").inner_text().startswith("Best fit:")
    assert "Runner-up:" in page.content()


def test_error_summary_takes_focus_and_links_to_the_field(live_server, page_factory, content):
    page = page_factory()
    page.goto(live_server.url + "/quiz/?step=1")
    tab_to_text(page, "Continue")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    page.wait_for_function("() => document.activeElement.classList.contains('error-summary')")
    tab_to(page, "the error link", "el && el.closest('.error-summary') && el.tagName === 'A'")
    page.keyboard.press("Enter")
    first = content.quiz.questions[0]
    assert page.evaluate("document.activeElement.id") == f"{first.id}-{first.options[0].id}"
