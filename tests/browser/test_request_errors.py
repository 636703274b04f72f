"""When a quiz submission cannot complete, the person sees why and keeps their answers, with
JavaScript on: htmx swaps the 503 page in, and site.js says so out loud
when the network fails or the server answers with an error htmx does not swap."""

from __future__ import annotations

import re

from django.db import OperationalError
from playwright.sync_api import expect

from quiz.models import QuizSubmission


def refuse(**fields: object) -> None:
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed")


def answer_everything(page, live_server, content) -> None:
    page.goto(live_server.url + "/quiz/?all")
    for question in content.quiz.questions:
        page.locator(f"#{question.id}-{question.options[1].id}").check()


def test_with_the_database_down_see_my_result_keeps_the_answers(
    live_server, page_factory, content, monkeypatch
):
    page = page_factory()
    answer_everything(page, live_server, content)
    # The write fails as it does when the database cannot be reached. (The live server's own
    # connection checks between requests must keep working, so the ORM call is what fails.)
    monkeypatch.setattr(QuizSubmission.objects, "create", refuse)
    page.get_by_role("button", name="See my result").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("could not save your answers")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    for question in content.quiz.questions:
        expect(
            page.get_by_role("row", name=re.compile(re.escape(question.prompt)))
        ).to_contain_text(question.options[1].label)
    monkeypatch.undo()  # the database is back: the same button now works
    page.get_by_role("button", name="See my result").click()
    expect(page).to_have_url(re.compile(r"/quiz/result/[A-Za-z0-9_-]{22}/$"))
    assert QuizSubmission.objects.get().answers == {
        q.id: q.options[1].id for q in content.quiz.questions
    }


def test_a_server_error_shows_a_message_and_keeps_the_page(
    live_server, page_factory, content, monkeypatch
):
    def broken(**kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("quiz.views.submit_quiz", broken)
    page = page_factory()
    answer_everything(page, live_server, content)
    page.get_by_role("button", name="See my result").click()
    alert = page.locator("[data-request-error]")
    expect(alert).to_have_attribute("role", "alert")
    expect(alert).to_contain_text("Something went wrong on our side")
    expect(alert).to_be_focused()
    question = content.quiz.questions[0]
    expect(page.locator(f"#{question.id}-{question.options[1].id}")).to_be_checked()


def test_a_network_failure_shows_a_message_and_keeps_the_page(live_server, page_factory, content):
    page = page_factory()
    answer_everything(page, live_server, content)
    page.route(
        "**/quiz/",
        lambda route: route.abort() if route.request.method == "POST" else route.continue_(),
    )
    page.get_by_role("button", name="See my result").click()
    alert = page.locator("[data-request-error]")
    expect(alert).to_have_attribute("role", "alert")
    expect(alert).to_contain_text("could not reach the site")
    question = content.quiz.questions[-1]
    expect(page.locator(f"#{question.id}-{question.options[1].id}")).to_be_checked()
