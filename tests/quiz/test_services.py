"""Storing a quiz submission: scored once, kept with the result exactly as it was shown."""

from __future__ import annotations

import re

import pytest

from content_engine.content import Content
from quiz.explain import explain
from quiz.models import QuizSubmission
from quiz.scoring import score
from quiz.services import submit_quiz
from quiz.snapshot import result_snapshot
from webkit.tokens import TOKEN_PATTERN

pytestmark = pytest.mark.django_db


def every_answer(content: Content, index: int) -> dict[str, str]:
    return {q.id: q.options[index].id for q in content.quiz.questions}


def test_a_submission_stores_answers_best_fit_and_the_result_as_shown(content: Content):
    answers = every_answer(content, 0)
    background = content.backgrounds[0].id
    submission = submit_quiz(content=content, answers=answers, background=background)

    stored = QuizSubmission.objects.get(token=submission.token)
    result = score(content.quiz, content.roles, answers)
    assert stored.answers == answers
    assert stored.background == background
    assert stored.best_role == result.best.role_id
    explanation = explain(content.quiz, content.roles, answers, result)
    assert stored.result == result_snapshot(content, result, explanation, background)
    assert stored.content_version == content.version


def test_each_submission_gets_its_own_unguessable_token(content: Content):
    tokens = {
        submit_quiz(content=content, answers=every_answer(content, 0), background="").token
        for _ in range(5)
    }
    assert len(tokens) == 5
    assert all(re.fullmatch(TOKEN_PATTERN, token) for token in tokens)


def test_incomplete_answers_are_refused_and_nothing_is_stored(content: Content):
    answers = every_answer(content, 0)
    answers.pop(content.quiz.questions[-1].id)
    with pytest.raises(KeyError):
        submit_quiz(content=content, answers=answers, background="")
    assert QuizSubmission.objects.count() == 0
