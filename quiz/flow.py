"""The quiz's navigation: read a form (a POST, or a step's address) once into a typed
`QuizForm`, then decide the next screen in a pure function. The view only parses, decides and
renders.

Every screen a person can stand on has an address carrying the answers so far and the run's
draft key (`screen_params`), so Back, Forward and reload land on the same question with the same
answers. An address made before its question was answered (the one the browser's Back returns
to) is filled in from the run's `Draft`, which the browser keeps (quiz/drafts.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal
from urllib.parse import urlencode

from content_engine.schema import QuizFile
from webkit.tokens import is_token

from .answers import ParsedAnswers, parse_answers, require

STALE_MESSAGE = (
    "The quiz was updated while you were answering. Answers that still fit are kept: "
    "check them, answer anything new, and submit again."
)
BACKGROUND_IN_ADDRESS = (
    "The address named a background that is not on our list, so it has been left out. "
    "You can choose one when you check your answers."
)
# The fields a step's address may carry besides one per question.
ADDRESS_FIELDS = frozenset({"step", "review", "draft", "action", "background"})

# "show": open the screen an address names. The others are buttons.
Action = Literal["next", "back", "review", "goto", "submit", "none", "show"]
ScreenKind = Literal["intro", "step", "review", "all", "result"]


@dataclass(frozen=True)
class QuizForm:
    """One quiz request's form, read once: a POST, or the query of a step's address."""

    action: Action
    step: int  # the question the form was showing (1-based), clamped to the quiz
    goto: int  # the question asked for by a "Change" button, else 0
    stale: bool  # the form was made for an older version of the quiz
    parsed: ParsedAnswers
    review: bool = False  # the address names check-your-answers rather than a question
    draft: str = ""  # the run's draft key, when the form carried a well-formed one


@dataclass(frozen=True)
class Draft:
    """A run's answers as last sent from a step, kept by the browser under the run's key."""

    key: str
    answers: Mapping[str, str]


@dataclass(frozen=True)
class Screen:
    """What to show next. `result` means the answers are complete and valid: store them."""

    kind: ScreenKind
    parsed: ParsedAnswers
    step: int = 1
    status: int = 200
    draft: str = ""  # the run's draft key, carried in the screen's address


def step_number(raw: str | None, total: int) -> int:
    """A question number from the request, clamped to 1..total; 1 when unreadable."""
    try:
        return min(max(int(raw or "1"), 1), total)
    except ValueError:
        return 1


def read_post(
    quiz: QuizFile,
    data: Mapping[str, Sequence[str]],
    *,
    quiz_version: str,
    background_ids: Sequence[str],
) -> QuizForm:
    total = len(quiz.questions)

    def first(name: str) -> str | None:
        values = data.get(name)
        return values[-1] if values else None

    raw_action = first("action")
    goto = 0
    action: Action
    match raw_action:
        case None:
            action = "none"
        case "next" | "back" | "review" | "submit":
            action = raw_action
        case str() if raw_action.startswith("goto-"):
            action, goto = "goto", step_number(raw_action.removeprefix("goto-"), total)
        case _:
            action = "next"
    version = first("quiz_version")
    draft = first("draft") or ""
    return QuizForm(
        action=action,
        step=step_number(first("step"), total),
        goto=goto,
        stale=version is not None and version != quiz_version,
        parsed=parse_answers(quiz, data, background_ids=background_ids),
        draft=draft if is_token(draft) else "",
    )


def read_query(
    quiz: QuizFile,
    data: Mapping[str, Sequence[str]],
    *,
    background_ids: Sequence[str],
    new_draft: str,
    remembered: Draft | None = None,
) -> QuizForm:
    """A step's address (GET): the screen it names, the answers it carries and the button
    pressed, if any. Names the quiz does not use are left out (links pick up tracking
    parameters), and nothing read from an address is ever stored: `submit` only shows.

    An address without a draft key starts a run under `new_draft`. Questions the address does
    not answer take the answer `remembered` for the same run, if it is still one of their
    options; an answer in the address always wins."""
    known = {q.id for q in quiz.questions} | ADDRESS_FIELDS
    kept = {name: values for name, values in data.items() if name in known}
    raw_draft = kept.get("draft", [""])[-1]
    draft = raw_draft if is_token(raw_draft) else new_draft
    if remembered and remembered.key == draft:
        options = {q.id: {o.id for o in q.options} for q in quiz.questions}
        kept = {
            **{
                qid: [oid]
                for qid, oid in remembered.answers.items()
                if oid in options.get(qid, ()) and qid not in kept
            },
            **kept,
        }
    form = read_post(quiz, kept, quiz_version="", background_ids=background_ids)
    parsed = form.parsed
    if parsed.form_errors:  # with unknown names left out, only the background can be wrong
        parsed = replace(parsed, form_errors=(BACKGROUND_IN_ADDRESS,))
    navigation = form.action in ("next", "back", "goto", "review") and "action" in kept
    return replace(
        form,
        action=form.action if navigation else "show",
        parsed=parsed,
        review="review" in kept,
        draft=draft,
    )


def decide(quiz: QuizFile, form: QuizForm) -> Screen:
    """The next screen for a quiz form, under the form's draft key."""
    return replace(_decide(quiz, form), draft=form.draft)


def _decide(quiz: QuizFile, form: QuizForm) -> Screen:
    questions = quiz.questions
    total = len(questions)
    parsed, step = form.parsed, form.step
    if form.stale:
        return Screen("review", parsed.with_form_error(STALE_MESSAGE), status=409)
    if form.action == "show":
        return arrive(quiz, parsed, total + 1 if form.review else step)

    if form.action in ("none", "submit"):  # a complete submission: the public form contract
        full = require(quiz, parsed, (q.id for q in questions))
        if full.ok:
            return Screen("result", full)
        return Screen("review" if form.action == "submit" else "all", full, status=400)

    if parsed.form_errors:
        return Screen("step", parsed, step=step, status=400)
    if form.action == "back":
        return Screen("intro", parsed) if step == 1 else arrive(quiz, parsed, step - 1)
    if form.action == "goto":
        return arrive(quiz, parsed, form.goto)
    if form.action == "review":
        return arrive(quiz, parsed, total + 1)

    # "next": the question on screen must be answered before moving on.
    current = questions[step - 1].id
    checked = require(quiz, parsed, [current])
    if current in checked.errors:
        only_current = replace(checked, errors={current: checked.errors[current]})
        return Screen("step", only_current, step=step, status=400)
    if step < total and any(q.id not in checked.answers for q in questions[step:]):
        return arrive(quiz, checked, step + 1)
    return arrive(quiz, checked, total + 1)


def arrive(quiz: QuizFile, parsed: ParsedAnswers, wanted: int) -> Screen:
    """The screen numbered `wanted` (one past the last question: check your answers), unless
    the answers say otherwise. A broken answer comes first, shown with its message; then the
    first question skipped on the way, so no address can jump past an unanswered question."""
    questions = quiz.questions
    for number, question in enumerate(questions, start=1):
        if question.id in parsed.errors:
            only = replace(parsed, errors={question.id: parsed.errors[question.id]})
            return Screen("step", only, step=number, status=400)
    status = 400 if parsed.form_errors else 200
    for number, question in enumerate(questions[: wanted - 1], start=1):
        if question.id not in parsed.answers:
            return Screen("step", parsed, step=number, status=status)
    if wanted > len(questions):
        return Screen("review", parsed, status=status)
    return Screen("step", parsed, step=wanted, status=status)


def resume(quiz: QuizFile, draft: Draft | None) -> Screen | None:
    """Where a run kept in the browser would continue: the first question it has not answered,
    or check your answers when it has answered them all. None when there is nothing to resume
    (no run, or none of its answers still fits the quiz)."""
    if draft is None:
        return None
    options = {q.id: {o.id for o in q.options} for q in quiz.questions}
    kept = {qid: oid for qid, oid in draft.answers.items() if oid in options.get(qid, ())}
    if not kept:
        return None
    parsed = parse_answers(quiz, {qid: [oid] for qid, oid in kept.items()}, background_ids=())
    return replace(arrive(quiz, parsed, len(quiz.questions) + 1), draft=draft.key)


def screen_params(quiz: QuizFile, screen: Screen) -> list[tuple[str, str]]:
    """A question's or check-your-answers' own address: which screen, the draft key, every
    answer so far in question order, then the background. The step form sends its fields in
    this order."""
    where = ("review", "1") if screen.kind == "review" else ("step", str(screen.step))
    answers = screen.parsed.answers
    background = screen.parsed.background
    return [
        where,
        *((("draft", screen.draft),) if screen.draft else ()),
        *((q.id, answers[q.id]) for q in quiz.questions if q.id in answers),
        *((("background", background),) if background else ()),
    ]


def screen_query(quiz: QuizFile, screen: Screen) -> str:
    """`screen_params` as a query string, without the "?"."""
    return urlencode(screen_params(quiz, screen))


def is_at_address(quiz: QuizFile, screen: Screen, data: Mapping[str, Sequence[str]]) -> bool:
    """Whether a query is already the screen's own address (in any order), so it is shown
    where it is rather than redirected."""
    sent = sorted((name, value) for name, values in data.items() for value in values)
    return sent == sorted(screen_params(quiz, screen))
