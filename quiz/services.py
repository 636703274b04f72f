"""Writes for the quiz: store a scored submission; record that a stored result was opened."""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction

from content_engine.content import Content
from webkit import retention
from webkit.tokens import new_token
from webkit.writes import writer_slot

from .explain import explain
from .models import QuizSubmission
from .scoring import score
from .snapshot import result_snapshot


def submit_quiz(
    *, content: Content, answers: dict[str, str], background: str, key: str = ""
) -> QuizSubmission:
    """Score complete, validated answers and store them with the result as shown: whole, in
    one transaction, or not at all.

    `key` (a token the form carries) makes a retry safe: when the database stored a submission
    but the answer never reached the person (the connection dropped after the commit), they
    try again with the same key and get that submission instead of a second one. A key already
    used for other answers is never reused. The result's token is always the server's own: a
    client chooses its key, never the address its result is shared at."""
    result = score(content.quiz, content.roles, answers)
    explanation = explain(content.quiz, content.roles, answers, result)
    snapshot = result_snapshot(content, result, explanation, background)
    fields = {
        "answers": answers,
        "background": background,
        "best_role": result.best.role_id,
        "result": snapshot,
        "content_version": content.version,
    }
    # Scoring and explaining took the CPU above; only the writes hold a writing place.
    with writer_slot():
        try:
            with transaction.atomic():
                return QuizSubmission.objects.create(
                    token=new_token(), submission_key=key or None, **fields
                )
        except IntegrityError:
            if not key:
                raise
        # The key is taken: by this very submission (a retry), or by other answers (never
        # reused).
        if (stored := _stored(key, answers, background)) is not None:
            return stored
        with transaction.atomic():
            return QuizSubmission.objects.create(token=new_token(), **fields)


def _stored(key: str, answers: dict[str, str], background: str) -> QuizSubmission | None:
    stored = QuizSubmission.objects.filter(submission_key=key).first()
    if stored is not None and stored.answers == answers and stored.background == background:
        return stored
    return None


def record_opened(*, submission: QuizSubmission, now: datetime) -> None:
    """Its page or its JSON was opened: the result is still in use (kept to the hour; best-effort,
    so the read goes on whether or not the time could be written)."""
    rows = QuizSubmission.objects.filter(pk=submission.pk)
    retention.record_opened(rows, opened_at=submission.opened_at, now=now)
