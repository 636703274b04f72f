"""Reading answers out of a posted quiz form: valid ones kept, every problem named."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from content_engine.content import Content
from quiz.answers import CONTROL_FIELDS, MAX_VALUE_LENGTH, ParsedAnswers, parse_answers, require


def posted(answers: dict[str, str], **extra: list[str]) -> dict[str, list[str]]:
    """A form as Django's QueryDict.lists() gives it: every field maps to a list of values."""
    return {**{qid: [oid] for qid, oid in answers.items()}, **extra}


def every_answer(content: Content, index: int = 0) -> dict[str, str]:
    return {q.id: q.options[index].id for q in content.quiz.questions}


def test_valid_answers_are_kept_and_the_form_is_ok(content: Content):
    answers = every_answer(content, 1)
    parsed = parse_answers(content.quiz, posted(answers))
    assert parsed.ok
    assert parsed.answers == answers
    assert parsed.background == ""


def test_unanswered_questions_are_not_errors_until_required(content: Content):
    first = content.quiz.questions[0]
    parsed = parse_answers(content.quiz, posted({first.id: first.options[0].id}))
    assert parsed.ok and parsed.answers == {first.id: first.options[0].id}


def test_an_empty_value_counts_as_no_answer(content: Content):
    first = content.quiz.questions[0]
    parsed = parse_answers(content.quiz, {first.id: [""]})
    assert parsed.ok and parsed.answers == {}


def test_two_answers_to_one_question_are_refused_by_number(content: Content):
    questions = content.quiz.questions
    second = questions[1]
    parsed = parse_answers(content.quiz, {second.id: [second.options[0].id, second.options[1].id]})
    assert not parsed.ok
    assert parsed.errors == {second.id: "Choose only one answer to question 2."}
    assert second.id not in parsed.answers


def test_a_value_that_is_not_an_option_is_refused(content: Content):
    third = content.quiz.questions[2]
    other_question_option = content.quiz.questions[0].options[0].id
    for bad in ("not-an-option", other_question_option, "x" * (MAX_VALUE_LENGTH + 1)):
        if any(o.id == bad for o in third.options):
            continue  # an option id shared between questions is a valid answer here
        parsed = parse_answers(content.quiz, {third.id: [bad]})
        assert parsed.errors == {
            third.id: "The answer sent for question 3 is not one of its options; choose again."
        }, bad
        assert parsed.answers == {}


def test_fields_the_quiz_does_not_ask_are_named(content: Content):
    parsed = parse_answers(
        content.quiz, posted(every_answer(content), **{"favourite-colour": ["blue"]})
    )
    assert not parsed.ok
    assert parsed.form_errors == (
        "The form contained fields this quiz does not ask: favourite-colour.",
    )
    assert parsed.answers == every_answer(content)  # the good answers survive


def test_a_flood_of_unknown_fields_is_summarised_not_echoed(content: Content):
    data = {f"{'z' * 200}{n}": ["1"] for n in range(50)}
    (message,) = parse_answers(content.quiz, data).form_errors
    assert len(message) < 5 * 40 + 100  # five names at most, each cut to 40 characters


def test_control_fields_are_not_unexpected(content: Content):
    data = {name: ["1"] for name in CONTROL_FIELDS - {"background"}}
    assert parse_answers(content.quiz, data).ok


def test_a_known_background_is_kept(content: Content):
    ids = [b.id for b in content.backgrounds]
    parsed = parse_answers(content.quiz, {"background": [ids[0]]}, background_ids=ids)
    assert parsed.ok and parsed.background == ids[0]


def test_a_blank_background_is_allowed(content: Content):
    ids = [b.id for b in content.backgrounds]
    parsed = parse_answers(content.quiz, {"background": [""]}, background_ids=ids)
    assert parsed.ok and parsed.background == ""


def test_an_unknown_or_doubled_background_is_refused(content: Content):
    ids = [b.id for b in content.backgrounds]
    for values in (["astronaut"], [ids[0], ids[1]]):
        parsed = parse_answers(content.quiz, {"background": values}, background_ids=ids)
        assert parsed.form_errors == ("Choose one background from the list, or leave it blank.",)
        assert parsed.background == ""


def test_with_form_error_puts_the_new_message_first():
    parsed = ParsedAnswers(form_errors=("older",)).with_form_error("newer")
    assert parsed.form_errors == ("newer", "older")
    assert not parsed.ok


def test_require_names_each_missing_question_with_its_number_and_prompt(content: Content):
    questions = content.quiz.questions
    parsed = parse_answers(content.quiz, posted({questions[0].id: questions[0].options[0].id}))
    required = require(content.quiz, parsed, [q.id for q in questions[:3]])
    assert set(required.errors) == {questions[1].id, questions[2].id}
    assert required.errors[questions[1].id] == (
        f"Choose an answer to question 2: {questions[1].prompt}"
    )
    assert required.answers == parsed.answers


def test_require_keeps_the_more_specific_message(content: Content):
    second = content.quiz.questions[1]
    parsed = parse_answers(content.quiz, {second.id: ["not-an-option"]})
    required = require(content.quiz, parsed, [second.id])
    assert "not one of its options" in required.errors[second.id]


def test_require_with_everything_answered_is_ok(content: Content):
    parsed = parse_answers(content.quiz, posted(every_answer(content)))
    assert require(content.quiz, parsed, [q.id for q in content.quiz.questions]).ok


# --- fuzz: whatever is posted, parsing never raises and never lets a bad answer through ---


def _quiz_strategies(content: Content):
    question_ids = [q.id for q in content.quiz.questions]
    option_ids = sorted({o.id for q in content.quiz.questions for o in q.options})
    names = st.one_of(
        st.sampled_from([*question_ids, *sorted(CONTROL_FIELDS)]), st.text(max_size=60)
    )
    values = st.one_of(
        st.sampled_from(option_ids),
        st.sampled_from([b.id for b in content.backgrounds]),
        st.text(max_size=MAX_VALUE_LENGTH + 20),
    )
    return st.dictionaries(names, st.lists(values, max_size=4), max_size=20)


def test_parse_answers_never_raises_and_keeps_only_valid_answers(content: Content):
    options = {q.id: {o.id for o in q.options} for q in content.quiz.questions}
    background_ids = [b.id for b in content.backgrounds]

    @settings(deadline=None, database=None)  # examples: the Hypothesis profile in conftest
    @given(data=_quiz_strategies(content))
    def check(data: dict[str, list[str]]) -> None:
        parsed = parse_answers(content.quiz, data, background_ids=background_ids)
        for qid, oid in parsed.answers.items():
            assert oid in options[qid]
        assert set(parsed.errors) <= set(options)
        assert not set(parsed.errors) & set(parsed.answers)
        for message in (*parsed.errors.values(), *parsed.form_errors):
            assert message.strip()
        # Every question that was sent something is either answered or told what is wrong.
        for qid in options:
            if any(v != "" for v in data.get(qid, [])):
                assert (qid in parsed.answers) != (qid in parsed.errors), qid
        assert parsed.background in ("", *background_ids)
        assert parsed.ok == (not parsed.errors and not parsed.form_errors)

    check()
