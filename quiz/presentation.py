"""What the quiz templates show, worked out from content and answers: the rows of a question
screen and the geometry of the result chart. Pure: no requests, no database."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypedDict

from content_engine.content import Content
from content_engine.schema import Question
from webkit.rendering import ErrorItem

from .flow import Screen

BAR_TOP, BAR_PITCH, BAR_SCALE = 10, 30, 3.2


class QuestionRow(TypedDict):
    """One question as the check-your-answers and all-questions screens list it."""

    number: int
    question: Question
    answer: str  # the chosen option's label, or ""
    answer_id: str
    error: str  # this question's error message, or ""


def flow_context(content: Content, screen: Screen) -> dict[str, object]:
    """Everything the question, check-your-answers and all-questions screens need."""
    questions = content.quiz.questions
    total = len(questions)
    question = questions[screen.step - 1]
    parsed = screen.parsed
    rows: list[QuestionRow] = [
        {
            "number": n,
            "question": q,
            "answer": next((o.label for o in q.options if o.id == parsed.answers.get(q.id)), ""),
            "answer_id": parsed.answers.get(q.id, ""),
            "error": parsed.errors.get(q.id, ""),
        }
        for n, q in enumerate(questions, start=1)
    ]
    return {
        "mode": screen.kind,
        "step": screen.step,
        "total": total,
        "progress": round(100 * (screen.step - 1) / total) if screen.kind == "step" else 100,
        "question": question,
        "answers": parsed.answers,
        "hidden_answers": [
            (qid, oid)
            for qid, oid in parsed.answers.items()
            if screen.kind != "step" or qid != question.id
        ],
        "selected": parsed.answers.get(question.id, ""),
        "errors": parsed.errors,
        "error_list": [
            *(ErrorItem(message) for message in parsed.form_errors),
            *(
                ErrorItem(row["error"], f"#{q.id}-{q.options[0].id}")
                for q, row in zip(questions, rows, strict=True)
                if row["error"]
            ),
        ],
        "rows": rows,
        "backgrounds": content.backgrounds,
        "background": parsed.background,
        "quiz_version": content.quiz_version,
    }


def flow_title(screen: Screen, total: int) -> str:
    title = {"review": "Check your answers", "all": "All questions"}.get(
        screen.kind, f"Question {screen.step} of {total}"
    )
    return f"Error: {title}" if not screen.parsed.ok else title


def chart_rows(fits: Sequence[Mapping[str, object]]) -> list[dict[str, object]]:
    """Geometry for the inline SVG bar chart of every role's fit (no chart library)."""
    rows = []
    for index, fit in enumerate(fits):
        value = int(str(fit["fit"]))
        rows.append(
            {
                **fit,
                "y": BAR_TOP + BAR_PITCH * index,
                "text_y": BAR_TOP + 18 + BAR_PITCH * index,
                "width": round(BAR_SCALE * value),
                "best": index == 0,
            }
        )
    return rows


def chart_height(fits: Sequence[object]) -> int:
    return BAR_PITCH * len(fits) + BAR_TOP
