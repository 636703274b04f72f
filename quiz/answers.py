"""Read quiz answers out of a submitted form, with a specific message for every problem."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from content_engine.schema import QuizFile

# Fields the quiz form may carry besides one per question.
CONTROL_FIELDS = frozenset({"csrfmiddlewaretoken", "background", "quiz_version", "step", "action"})
MAX_VALUE_LENGTH = 100


@dataclass
class ParsedAnswers:
    answers: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)  # question id -> message
    form_errors: list[str] = field(default_factory=list)  # problems not tied to one question

    @property
    def ok(self) -> bool:
        return not self.errors and not self.form_errors


def parse_answers(
    quiz: QuizFile,
    data: Mapping[str, Sequence[str]],
    *,
    background_ids: Sequence[str] = (),
    require: Sequence[str] | None = None,
) -> ParsedAnswers:
    """`data` maps field name -> every value posted for it (Django's QueryDict.lists()).

    Questions named in `require` (default: all) must be answered; others are kept if valid."""
    parsed = ParsedAnswers()
    required = set(require if require is not None else (q.id for q in quiz.questions))
    question_ids = {q.id for q in quiz.questions}

    unexpected = sorted(name for name in data if name not in question_ids | CONTROL_FIELDS)
    if unexpected:
        shown = ", ".join(name[:40] for name in unexpected[:5])
        parsed.form_errors.append(f"The form contained fields this quiz does not ask: {shown}.")

    for number, question in enumerate(quiz.questions, start=1):
        values = [v for v in data.get(question.id, []) if v != ""]
        options = {o.id for o in question.options}
        if len(values) > 1:
            parsed.errors[question.id] = f"Choose only one answer to question {number}."
        elif not values:
            if question.id in required:
                parsed.errors[question.id] = (
                    f"Choose an answer to question {number}: {question.prompt}"
                )
        elif len(values[0]) > MAX_VALUE_LENGTH or values[0] not in options:
            parsed.errors[question.id] = (
                f"The answer sent for question {number} is not one of its options; choose again."
            )
        else:
            parsed.answers[question.id] = values[0]

    background = [v for v in data.get("background", []) if v != ""]
    if len(background) > 1 or (background and background[0] not in background_ids):
        parsed.form_errors.append("Choose one background from the list, or leave it blank.")
    return parsed


def chosen_background(data: Mapping[str, Sequence[str]], background_ids: Sequence[str]) -> str:
    values = [v for v in data.get("background", []) if v]
    return values[0] if len(values) == 1 and values[0] in background_ids else ""
