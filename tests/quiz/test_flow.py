"""The quiz's navigation, without a request: read a posted form or a step's address once, decide
the next screen, and give every screen an address that reads back to it."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest

from content_engine.content import Content
from quiz.answers import ParsedAnswers
from quiz.flow import (
    BACKGROUND_IN_ADDRESS,
    STALE_MESSAGE,
    Draft,
    Screen,
    ScreenKind,
    decide,
    is_at_address,
    read_post,
    read_query,
    screen_params,
    screen_query,
    step_number,
)

VERSION = "current"
RUN = "r" * 22  # a well-formed draft key
NEW_RUN = "n" * 22


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
    screen = screen_for(content, answered=3, step="4", action="back")
    assert (screen.kind, screen.step, screen.status) == ("step", 3, 200)
    assert screen.parsed.ok


def test_back_never_lands_past_an_unanswered_question(content: Content):
    screen = screen_for(content, answered=0, step="4", action="back")
    assert (screen.kind, screen.step, screen.status) == ("step", 1, 200)


def test_goto_opens_the_question_asked_for(content: Content, total):
    screen = screen_for(content, answered=total, action="goto-4")
    assert (screen.kind, screen.step, screen.status) == ("step", 4, 200)


def test_review_with_every_answer_shows_check_your_answers(content: Content, total):
    screen = screen_for(content, answered=total, step="4", action="review")
    assert (screen.kind, screen.status) == ("review", 200)


def test_review_with_gaps_goes_to_the_first_unanswered_question(content: Content):
    screen = screen_for(content, answered=3, step="4", action="review")
    assert (screen.kind, screen.step, screen.status) == ("step", 4, 200)


def test_next_goes_back_for_a_question_skipped_on_the_way(content: Content):
    # An edited address answers question 3 but not question 1: Continue goes to question 1.
    third = content.quiz.questions[2]
    screen = screen_for(content, 0, step="3", action="next", **{third.id: third.options[0].id})
    assert (screen.kind, screen.step, screen.status) == ("step", 1, 200)


def test_the_screen_keeps_the_forms_draft_key(content: Content):
    screen = screen_for(content, answered=1, step="1", action="next", draft=RUN)
    assert (screen.step, screen.draft) == (2, RUN)
    assert screen_for(content, answered=1, step="1", action="next", draft="short").draft == ""


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


# --- a step's address (GET) ---


def address(
    content: Content,
    answered: int = 0,
    remembered: Draft | None = None,
    /,
    **fields: str | list[str],
):
    """A step's address with the first `answered` questions answered (second option each)."""
    data: dict[str, list[str]] = {
        q.id: [q.options[1].id] for q in content.quiz.questions[:answered]
    }
    for name, value in fields.items():
        data[name] = value if isinstance(value, list) else [value]
    return read_query(
        content.quiz,
        data,
        background_ids=[b.id for b in content.backgrounds],
        new_draft=NEW_RUN,
        remembered=remembered,
    )


def shown(content: Content, answered: int = 0, /, **fields: str | list[str]) -> Screen:
    return decide(content.quiz, address(content, answered, **fields))


def test_an_address_without_a_button_shows_its_screen(content: Content):
    read = address(content, 3, step="4", draft=RUN)
    assert (read.action, read.step, read.review, read.draft) == ("show", 4, False, RUN)
    assert not read.stale
    assert address(content, review="1").review


@pytest.mark.parametrize(
    ("raw", "action"),
    [("next", "next"), ("back", "back"), ("goto-4", "goto"), ("review", "review")],
)
def test_a_button_pressed_on_a_step_is_read_from_its_address(content: Content, raw, action):
    assert address(content, 3, step="4", action=raw).action == action


@pytest.mark.parametrize("action", ["submit", None])
def test_an_address_never_makes_a_result_even_with_every_answer(content: Content, total, action):
    fields = {"step": "2", **({"action": action} if action else {})}
    screen = shown(content, total, **fields)
    assert screen.kind == "step" and screen.step == 2


def test_names_the_quiz_does_not_use_are_left_out_of_an_address(content: Content):
    read = address(content, 2, step="3", utm_source="newsletter", fbclid="x", quiz_version="old")
    assert read.parsed.ok and not read.stale


def test_a_background_not_on_the_list_is_named_in_an_address(content: Content):
    screen = shown(content, 3, step="4", background="astronaut")
    assert (screen.kind, screen.step, screen.status) == ("step", 4, 400)
    assert screen.parsed.form_errors == (BACKGROUND_IN_ADDRESS,)
    assert screen.parsed.background == ""


def test_a_known_background_rides_along(content: Content):
    background = content.backgrounds[0].id
    screen = shown(content, 3, step="4", background=background)
    assert (screen.status, screen.parsed.background) == (200, background)
    assert screen_params(content.quiz, screen)[-1] == ("background", background)


def test_an_address_keeps_its_draft_key_or_starts_a_new_run(content: Content):
    assert address(content, step="1", draft=RUN).draft == RUN
    assert address(content, step="1").draft == NEW_RUN
    assert address(content, step="1", draft="../../etc").draft == NEW_RUN


def test_a_remembered_answer_fills_a_gap_in_its_own_runs_address(content: Content, total):
    questions = content.quiz.questions
    # The person had answered everything (first options); the address was made at question 4.
    remembered = Draft(RUN, {q.id: q.options[0].id for q in questions})
    screen = decide(content.quiz, address(content, 3, remembered, step="4", draft=RUN))
    assert (screen.kind, screen.step) == ("step", 4)
    answers = screen.parsed.answers
    assert len(answers) == total
    assert [answers[q.id] for q in questions[:3]] == [q.options[1].id for q in questions[:3]], (
        "an answer in the address wins over the remembered one"
    )
    assert answers[questions[3].id] == questions[3].options[0].id


def test_another_runs_or_a_stale_memory_is_ignored(content: Content):
    fourth = content.quiz.questions[3]
    other_run = Draft(NEW_RUN, {fourth.id: fourth.options[0].id})
    assert fourth.id not in address(content, 3, other_run, step="4", draft=RUN).parsed.answers
    stale = Draft(RUN, {fourth.id: "an-option-since-removed", "a-removed-question": "x"})
    read = address(content, 3, stale, step="4", draft=RUN)
    assert read.parsed.ok and fourth.id not in read.parsed.answers


def test_an_address_with_every_earlier_answer_shows_its_question(content: Content, total):
    for step in range(1, total + 1):
        screen = shown(content, step - 1, step=str(step))
        assert (screen.kind, screen.step, screen.status) == ("step", step, 200)


def test_an_address_that_skips_a_question_goes_to_the_first_unanswered(content: Content):
    screen = shown(content, 2, step="7")
    assert (screen.kind, screen.step, screen.status) == ("step", 3, 200)


def test_check_your_answers_has_an_address_that_needs_every_answer(content: Content, total):
    complete = shown(content, total, review="1")
    assert (complete.kind, complete.status) == ("review", 200)
    gap = shown(content, total - 2, review="1")
    assert (gap.kind, gap.step) == ("step", total - 1)


def test_a_step_past_the_end_of_the_quiz_is_its_last_question(content: Content, total):
    assert shown(content, total, step="999").step == total
    assert shown(content, total, step="x").step == 1


def test_a_broken_answer_in_an_address_is_shown_with_its_message(content: Content):
    questions = content.quiz.questions
    # Wherever the person asked to be, the broken answer is where they have to go.
    for step, broken in (("5", 1), ("2", 5)):
        screen = shown(content, 8, step=step, **{questions[broken].id: "not-an-option"})
        assert (screen.kind, screen.step, screen.status) == ("step", broken + 1, 400)
        assert list(screen.parsed.errors) == [questions[broken].id]
        assert "not one of its options" in screen.parsed.errors[questions[broken].id]


def test_a_doubled_answer_in_an_address_is_shown_with_its_message(content: Content):
    second = content.quiz.questions[1]
    doubled = [second.options[0].id, second.options[1].id]
    screen = shown(content, 4, step="5", **{second.id: doubled})
    assert (screen.step, screen.status) == (2, 400)
    assert screen.parsed.errors[second.id] == "Choose only one answer to question 2."


# --- a screen's own address ---


def test_an_address_lists_screen_draft_answers_in_question_order_then_background(
    content: Content,
):
    questions = content.quiz.questions
    answers = {q.id: q.options[0].id for q in reversed(questions[:3])}  # out of order
    parsed = ParsedAnswers(answers, background=content.backgrounds[0].id)
    assert screen_params(content.quiz, Screen("step", parsed, step=4, draft=RUN)) == [
        ("step", "4"),
        ("draft", RUN),
        *((q.id, q.options[0].id) for q in questions[:3]),
        ("background", content.backgrounds[0].id),
    ]
    review = screen_query(content.quiz, Screen("review", ParsedAnswers(), draft=RUN))
    assert review == f"review=1&draft={RUN}"


def test_every_screens_address_reads_back_to_the_same_screen(content: Content, total):
    questions = content.quiz.questions
    for answered in range(total + 1):
        answers = {q.id: q.options[-1].id for q in questions[:answered]}
        kind: ScreenKind = "review" if answered == total else "step"
        step = answered + 1 if kind == "step" else 1
        screen = Screen(kind, ParsedAnswers(answers), step=step, draft=RUN)
        data = parse_qs(screen_query(content.quiz, screen))
        again = decide(content.quiz, address(content, **data))
        assert again == screen
        assert is_at_address(content.quiz, again, data)


def test_an_address_in_another_order_is_still_the_screens_own(content: Content):
    screen = shown(content, 3, step="4", draft=RUN)
    params = screen_params(content.quiz, screen)
    shuffled = {name: [value] for name, value in reversed(params)}
    assert is_at_address(content.quiz, screen, shuffled)
    assert not is_at_address(content.quiz, screen, {**shuffled, "utm_source": ["x"]})
    assert not is_at_address(content.quiz, screen, {**shuffled, "action": ["next"]})


def test_a_kept_run_resumes_at_its_first_unanswered_question(content: Content):
    from quiz.flow import resume

    questions = content.quiz.questions
    assert resume(content.quiz, None) is None
    assert resume(content.quiz, Draft(RUN, {})) is None
    assert resume(content.quiz, Draft(RUN, {"a-removed-question": "x"})) is None
    gap = {q.id: q.options[0].id for n, q in enumerate(questions) if n != 2}
    screen = resume(content.quiz, Draft(RUN, gap))
    assert screen is not None
    assert (screen.kind, screen.step, screen.draft) == ("step", 3, RUN)
    assert dict(screen.parsed.answers) == gap
    every = {q.id: q.options[0].id for q in questions}
    done = resume(content.quiz, Draft(RUN, {**every, questions[0].id: "since-removed"}))
    assert done is not None and (done.kind, done.step) == ("step", 1)
    full = resume(content.quiz, Draft(RUN, every))
    assert full is not None and full.kind == "review"
