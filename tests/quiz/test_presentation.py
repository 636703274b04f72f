"""What the quiz screens show: progress, the answers carried along, error links and titles."""

from __future__ import annotations

from typing import Any

import pytest

from content_engine.content import Content
from quiz.answers import ParsedAnswers
from quiz.flow import Screen
from quiz.presentation import flow_context, flow_title


def answered(content: Content, count: int) -> dict[str, str]:
    return {q.id: q.options[1].id for q in content.quiz.questions[:count]}


def test_the_first_question_shows_no_progress_and_nothing_chosen(content: Content):
    context: dict[str, Any] = flow_context(content, Screen("step", ParsedAnswers(), step=1))
    assert context["question"] == content.quiz.questions[0]
    assert context["total"] == len(content.quiz.questions)
    assert context["progress"] == 0
    assert context["selected"] == ""  # never pre-select a radio
    assert context["hidden_answers"] == []


def test_progress_counts_the_questions_already_behind(content: Content):
    total = len(content.quiz.questions)
    context: dict[str, Any] = flow_context(content, Screen("step", ParsedAnswers(), step=total))
    assert context["progress"] == round(100 * (total - 1) / total)
    review = flow_context(content, Screen("review", ParsedAnswers(answered(content, total))))
    assert review["progress"] == 100


def test_a_question_screen_carries_the_other_answers_and_selects_its_own(content: Content):
    answers = answered(content, 3)
    second = content.quiz.questions[1]
    context: dict[str, Any] = flow_context(content, Screen("step", ParsedAnswers(answers), step=2))
    assert context["selected"] == answers[second.id]
    carried = dict(context["hidden_answers"])
    assert second.id not in carried  # the radios on screen send this one
    assert carried == {qid: oid for qid, oid in answers.items() if qid != second.id}


def test_check_your_answers_carries_every_answer(content: Content):
    answers = answered(content, len(content.quiz.questions))
    context: dict[str, Any] = flow_context(content, Screen("review", ParsedAnswers(answers)))
    assert dict(context["hidden_answers"]) == answers


def test_rows_show_each_answer_by_its_label(content: Content):
    questions = content.quiz.questions
    context: dict[str, Any] = flow_context(
        content, Screen("review", ParsedAnswers(answered(content, 2)))
    )
    rows = context["rows"]
    assert [row["number"] for row in rows] == list(range(1, len(questions) + 1))
    assert rows[0]["answer"] == questions[0].options[1].label
    assert rows[1]["answer_id"] == questions[1].options[1].id
    assert rows[2]["answer"] == "" and rows[2]["answer_id"] == ""


def test_errors_are_listed_form_first_each_linking_to_its_question(content: Content):
    questions = content.quiz.questions
    parsed = ParsedAnswers(
        errors={questions[2].id: "Choose an answer to question 3"},
        form_errors=("The quiz was updated",),
    )
    context: dict[str, Any] = flow_context(content, Screen("review", parsed))
    items = [(item.text, item.href) for item in context["error_list"]]
    assert items == [
        ("The quiz was updated", ""),
        ("Choose an answer to question 3", f"#{questions[2].id}-{questions[2].options[0].id}"),
    ]
    assert context["rows"][2]["error"] == "Choose an answer to question 3"


def test_no_errors_no_error_summary(content: Content):
    context: dict[str, Any] = flow_context(content, Screen("step", ParsedAnswers(), step=1))
    assert context["error_list"] == []


@pytest.mark.parametrize(
    ("kind", "step", "expected"),
    [("step", 3, "Question 3 of {total}"), ("review", 1, "Check your answers"),
     ("all", 1, "All questions")],
)  # fmt: skip
def test_titles_name_the_screen(content: Content, kind, step, expected):
    total = len(content.quiz.questions)
    title = flow_title(Screen(kind, ParsedAnswers(), step=step), total)
    assert title == expected.format(total=total)


def test_a_screen_with_a_problem_says_error_first_in_its_title(content: Content):
    total = len(content.quiz.questions)
    failed = ParsedAnswers(errors={"q": "Choose an answer"})
    assert flow_title(Screen("step", failed, step=2), total) == f"Error: Question 2 of {total}"
    stale = ParsedAnswers().with_form_error("The quiz was updated")
    assert flow_title(Screen("review", stale), total) == "Error: Check your answers"
