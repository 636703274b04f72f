"""The quiz's navigation: read a POST once into a typed `QuizPost`, then decide the next
screen in a pure function. The view only parses, decides and renders."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from content_engine.schema import QuizFile

from .answers import ParsedAnswers, parse_answers, require

STALE_MESSAGE = (
    "The quiz was updated while you were answering. Answers that still fit are kept: "
    "check them, answer anything new, and submit again."
)

Action = Literal["next", "back", "review", "goto", "submit", "none"]
ScreenKind = Literal["intro", "step", "review", "all", "result"]


@dataclass(frozen=True)
class QuizPost:
    """One submitted quiz form, read once."""

    action: Action
    step: int  # the question the form was showing (1-based), clamped to the quiz
    goto: int  # the question asked for by a "Change" button, else 0
    stale: bool  # the form was made for an older version of the quiz
    parsed: ParsedAnswers


@dataclass(frozen=True)
class Screen:
    """What to show next. `result` means the answers are complete and valid: store them."""

    kind: ScreenKind
    parsed: ParsedAnswers
    step: int = 1
    status: int = 200


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
) -> QuizPost:
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
    return QuizPost(
        action=action,
        step=step_number(first("step"), total),
        goto=goto,
        stale=version is not None and version != quiz_version,
        parsed=parse_answers(quiz, data, background_ids=background_ids),
    )


def decide(quiz: QuizFile, post: QuizPost) -> Screen:
    """The next screen for a submitted quiz form."""
    questions = quiz.questions
    parsed, step = post.parsed, post.step
    if post.stale:
        return Screen("review", parsed.with_form_error(STALE_MESSAGE), status=409)

    if post.action in ("none", "submit"):  # a complete submission: the public form contract
        full = require(quiz, parsed, (q.id for q in questions))
        if full.ok:
            return Screen("result", full)
        return Screen("review" if post.action == "submit" else "all", full, status=400)

    if parsed.form_errors:
        return Screen("step", parsed, step=step, status=400)
    if post.action == "back":
        return Screen("intro", parsed) if step == 1 else Screen("step", parsed, step=step - 1)
    if post.action == "goto":
        return Screen("step", parsed, step=post.goto)
    if post.action == "review":
        return Screen("review", parsed)

    # "next": the question on screen must be answered before moving on.
    current = questions[step - 1].id
    checked = require(quiz, parsed, [current])
    if current in checked.errors:
        only_current = replace(checked, errors={current: checked.errors[current]})
        return Screen("step", only_current, step=step, status=400)
    if step < len(questions) and any(q.id not in checked.answers for q in questions[step:]):
        return Screen("step", checked, step=step + 1)
    return Screen("review", checked)
