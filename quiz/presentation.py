"""What the quiz templates show, worked out from content and answers: the rows of a question
screen and the geometry of the result chart. Pure: no requests, no database."""

from __future__ import annotations

from typing import TypedDict

from content_engine.content import Content
from content_engine.schema import Question
from webkit.rendering import ErrorItem

from .flow import Screen, screen_query


class QuestionRow(TypedDict):
    """One question as the check-your-answers and all-questions screens list it."""

    number: int
    question: Question
    answer: str  # the chosen option's label, or ""
    answer_id: str
    error: str  # this question's error message, or ""
    change_query: str  # the query of this question's own address, with every answer so far


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
            "change_query": screen_query(
                content.quiz, Screen("step", parsed, step=n, draft=screen.draft)
            ),
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
        # The step form sends its fields in its address's order: the answers before the
        # question on screen, its radios, then the answers after it.
        "answers_before": [
            (q.id, parsed.answers[q.id])
            for q in questions[: screen.step - 1]
            if q.id in parsed.answers
        ],
        "answers_after": [
            (q.id, parsed.answers[q.id]) for q in questions[screen.step :] if q.id in parsed.answers
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
        "draft": screen.draft,
    }


def flow_title(screen: Screen, total: int) -> str:
    title = {"review": "Check your answers", "all": "All questions"}.get(
        screen.kind, f"Question {screen.step} of {total}"
    )
    return f"Error: {title}" if not screen.parsed.ok else title
