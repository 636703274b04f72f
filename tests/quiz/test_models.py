"""Stored submissions: unguessable share tokens and a readable admin label."""

from __future__ import annotations

import pytest

from quiz.models import QuizSubmission


@pytest.mark.django_db
def test_a_submission_gets_a_token_of_its_own_and_is_labelled_by_its_best_fit():
    first = QuizSubmission.objects.create(answers={}, best_role="ai-engineer", result={})
    second = QuizSubmission.objects.create(answers={}, best_role="ml-engineer", result={})
    assert first.token != second.token
    assert str(first).startswith("ai-engineer (")
