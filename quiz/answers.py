"""Read quiz answers out of a submitted form, with a specific message for every problem."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from content_engine.schema import QuizFile

# Fields the quiz form may carry besides one per question.
CONTROL_FIELDS = frozenset(
    {
        "csrfmiddlewaretoken", "background", "quiz_version", "step", "review", "draft", "action",
        "submission",
    }
)  # fmt: skip
MAX_VALUE_LENGTH = 100


@dataclass(frozen=True)
class ParsedAnswers:
    answers: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)  # question id -> message
    form_errors: tuple[str, ...] = ()  # problems not tied to one question
    background: str = ""  # a valid background id, or ""

    @property
    def ok(self) -> bool:
        return not self.errors and not self.form_errors

    def with_form_error(self, message: str) -> ParsedAnswers:
        return replace(self, form_errors=(message, *self.form_errors))


def parse_answers(
    quiz: QuizFile, data: Mapping[str, Sequence[str]], *, background_ids: Sequence[str] = ()
) -> ParsedAnswers:
    """`data` maps field name -> every value posted for it (Django's QueryDict.lists()).

    Every valid answer is kept; a wrong or doubled one gets a message. Missing answers are not
    errors here: `require` says which questions must be answered at a given point."""
    answers: dict[str, str] = {}
    errors: dict[str, str] = {}
    form_errors: list[str] = []
    question_ids = {q.id for q in quiz.questions}

    unexpected = sorted(name for name in data if name not in question_ids | CONTROL_FIELDS)
    if unexpected:
        shown = ", ".join(name[:40] for name in unexpected[:5])
        form_errors.append(f"The form contained fields this quiz does not ask: {shown}.")

    for number, question in enumerate(quiz.questions, start=1):
        values = [v for v in data.get(question.id, []) if v != ""]
        options = {o.id for o in question.options}
        if len(values) > 1:
            errors[question.id] = f"Choose only one answer to question {number}."
        elif values and (len(values[0]) > MAX_VALUE_LENGTH or values[0] not in options):
            errors[question.id] = (
                f"The answer sent for question {number} is not one of its options; choose again."
            )
        elif values:
            answers[question.id] = values[0]

    background = [v for v in data.get("background", []) if v != ""]
    valid_background = len(background) == 1 and background[0] in background_ids
    if background and not valid_background:
        form_errors.append("Choose one background from the list, or leave it blank.")
    return ParsedAnswers(
        answers=answers,
        errors=errors,
        form_errors=tuple(form_errors),
        background=background[0] if valid_background else "",
    )


def require(quiz: QuizFile, parsed: ParsedAnswers, question_ids: Iterable[str]) -> ParsedAnswers:
    """The same answers, with a message for each named question still unanswered."""
    wanted = set(question_ids)
    errors = dict(parsed.errors)
    for number, question in enumerate(quiz.questions, start=1):
        if question.id in wanted and question.id not in parsed.answers:
            errors.setdefault(
                question.id, f"Choose an answer to question {number}: {question.prompt}"
            )
    return replace(parsed, errors=errors)
