"""The quiz's navigation, without a request: read a posted form once, decide the next screen."""

from __future__ import annotations

import pytest

from content_engine.content import Content
from quiz.flow import STALE_MESSAGE, decide, read_post, step_number

VERSION = "current"


def post(content: Content, answered: int = 0, **fields: str | list[str]):
    """A posted form with the first `answered` questions answered (second option each)."""
    data: dict[str, list[str]] = {
        q.id: [q.options[1].id] for q in content.quiz.questions[:answered]
    }
    for name, value in fields.items():
        data[name] = value if isinstance(value, list) else [value]
    return read_post(
        content.quiz,
        data,
        quiz_version=VERSION,
        background_ids=[b.id for b in content.backgrounds],
    )


def screen_for(content: Content, answered: int = 0, **fields: str | list[str]):
    return decide(content.quiz, post(content, answered, **fields))


@pytest.fixture
def total(content: Content) -> int:
    return len(content.quiz.questions)


# --- read_post ---


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(None, 1), ("", 1), ("3", 3), ("0", 1), ("-4", 1), ("999", "total"), ("x", 1), ("2.5", 1)],
)
def test_step_number_is_clamped_to_the_quiz(raw, expected, total):
    assert step_number(raw, total) == (total if expected == "total" else expected)


def test_no_action_field_is_the_one_shot_contract_form(content: Content):
    assert post(content).action == "none"


@pytest.mark.parametrize("action", ["next", "back", "review", "submit"])
def test_known_actions_are_read_as_sent(content: Content, action):
    assert post(content, action=action).action == action


def test_an_unknown_action_moves_forward(content: Content):
    assert post(content, action="dance").action == "next"


def test_change_buttons_name_a_question_clamped_to_the_quiz(content: Content, total):
    read = post(content, action="goto-4")
    assert (read.action, read.goto) == ("goto", 4)
    assert post(content, action="goto-999").goto == total
    assert post(content, action="goto-x").goto == 1


def test_the_last_of_repeated_control_values_wins(content: Content):
    read = post(content, action=["back", "review"], step=["2", "5"])
    assert (read.action, read.step) == ("review", 5)


def test_a_form_from_another_quiz_version_is_stale(content: Content):
    assert post(content, quiz_version="old").stale
    assert not post(content, quiz_version=VERSION).stale
    assert not post(content).stale  # the contract form carries no version


# --- decide ---


def test_next_with_the_question_answered_shows_the_next_question(content: Content):
    screen = screen_for(content, answered=1, step="1", action="next")
    assert (screen.kind, screen.step, screen.status) == ("step", 2, 200)
    assert screen.parsed.ok


def test_next_without_an_answer_stays_with_one_error_for_that_question(content: Content):
    third = content.quiz.questions[2]
    screen = screen_for(content, answered=2, step="3", action="next")
    assert (screen.kind, screen.step, screen.status) == ("step", 3, 400)
    assert list(screen.parsed.errors) == [third.id]
    assert screen.parsed.errors[third.id].startswith("Choose an answer to question 3")


def test_next_only_reports_the_question_on_screen(content: Content):
    # Question 1 is unanswered and question 2 holds a wrong value, but the person is looking
    # at question 3: the error summary must not send them elsewhere.
    questions = content.quiz.questions
    fields = {"step": "3", "action": "next", questions[1].id: "not-an-option"}
    screen = decide(content.quiz, post(content, 0, **fields))
    assert list(screen.parsed.errors) == [questions[2].id]


def test_next_with_a_wrong_value_on_screen_says_so(content: Content):
    second = content.quiz.questions[1]
    screen = screen_for(content, answered=1, step="2", action="next", **{second.id: "nope"})
    assert (screen.kind, screen.step, screen.status) == ("step", 2, 400)
    assert "not one of its options" in screen.parsed.errors[second.id]


def test_next_on_the_last_question_goes_to_check_your_answers(content: Content, total):
    screen = screen_for(content, answered=total, step=str(total), action="next")
    assert (screen.kind, screen.status) == ("review", 200)


def test_next_after_changing_an_answer_returns_to_check_your_answers(content: Content, total):
    # Everything is answered: after "Change" on question 2, Continue goes back to the review.
    screen = screen_for(content, answered=total, step="2", action="next")
    assert (screen.kind, screen.status) == ("review", 200)


def test_back_from_a_later_question_keeps_the_answers(content: Content):
    screen = screen_for(content, answered=2, step="3", action="back")
    assert (screen.kind, screen.step, screen.status) == ("step", 2, 200)
    assert len(screen.parsed.answers) == 2


def test_back_from_the_first_question_leaves_the_flow(content: Content):
    screen = screen_for(content, answered=1, step="1", action="back")
    assert (screen.kind, screen.status) == ("intro", 200)


def test_back_does_not_demand_an_answer(content: Content):
    screen = screen_for(content, answered=0, step="4", action="back")
    assert (screen.kind, screen.step, screen.status) == ("step", 3, 200)
    assert screen.parsed.ok


def test_goto_opens_the_question_asked_for(content: Content, total):
    screen = screen_for(content, answered=total, action="goto-4")
    assert (screen.kind, screen.step, screen.status) == ("step", 4, 200)


def test_review_shows_check_your_answers_even_when_incomplete(content: Content):
    screen = screen_for(content, answered=3, step="4", action="review")
    assert (screen.kind, screen.status) == ("review", 200)


def test_submit_with_every_answer_is_a_result(content: Content, total):
    screen = screen_for(content, answered=total, action="submit")
    assert (screen.kind, screen.status) == ("result", 200)
    assert len(screen.parsed.answers) == total


def test_submit_with_gaps_goes_back_to_review_naming_each_gap(content: Content, total):
    screen = screen_for(content, answered=total - 2, action="submit")
    assert (screen.kind, screen.status) == ("review", 400)
    assert set(screen.parsed.errors) == {q.id for q in content.quiz.questions[-2:]}


def test_the_contract_form_complete_is_a_result(content: Content, total):
    screen = screen_for(content, answered=total)
    assert (screen.kind, screen.status) == ("result", 200)


def test_the_contract_form_incomplete_shows_every_question(content: Content, total):
    screen = screen_for(content, answered=total - 1)
    assert (screen.kind, screen.status) == ("all", 400)
    assert list(screen.parsed.errors) == [content.quiz.questions[-1].id]


def test_an_unexpected_field_stops_the_step_with_a_form_error(content: Content):
    screen = screen_for(content, answered=1, step="1", action="next", surprise="1")
    assert (screen.kind, screen.step, screen.status) == ("step", 1, 400)
    assert "surprise" in screen.parsed.form_errors[0]


def test_an_unexpected_field_also_blocks_a_complete_submission(content: Content, total):
    screen = screen_for(content, answered=total, action="submit", surprise="1")
    assert (screen.kind, screen.status) == ("review", 400)


@pytest.mark.parametrize("action", ["next", "back", "goto-2", "review", "submit", None])
def test_a_stale_form_always_goes_to_review_with_a_conflict(content: Content, total, action):
    fields = {"quiz_version": "old", "step": "2"}
    if action:
        fields["action"] = action
    screen = screen_for(content, answered=total, **fields)
    assert (screen.kind, screen.status) == ("review", 409)
    assert screen.parsed.form_errors[0] == STALE_MESSAGE
    assert len(screen.parsed.answers) == total  # answers that still fit are kept
