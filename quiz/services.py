"""Writes for the quiz: store a scored submission."""

from __future__ import annotations

from content_engine.content import Content

from .models import QuizSubmission
from .scoring import score
from .snapshot import result_snapshot


def submit_quiz(*, content: Content, answers: dict[str, str], background: str) -> QuizSubmission:
    """Score complete, validated answers and store them with the result as shown."""
    result = score(content.quiz, content.roles, answers)
    return QuizSubmission.objects.create(
        answers=answers,
        background=background,
        best_role=result.best.role_id,
        result=result_snapshot(content, result, background),
        content_version=content.version,
    )
