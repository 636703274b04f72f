"""Stored submissions: unguessable share tokens and a readable admin label."""

from __future__ import annotations

import re

import pytest

from quiz.models import TOKEN_PATTERN, QuizSubmission, new_token


def test_tokens_are_22_url_safe_characters_and_never_repeat():
    tokens = {new_token() for _ in range(1000)}
    assert len(tokens) == 1000
    assert all(re.fullmatch(TOKEN_PATTERN, token) for token in tokens)
    assert all(len(token) == 22 for token in tokens)


@pytest.mark.django_db
def test_a_submission_gets_a_token_of_its_own_and_is_labelled_by_its_best_fit():
    first = QuizSubmission.objects.create(answers={}, best_role="ai-engineer", result={})
    second = QuizSubmission.objects.create(answers={}, best_role="ml-engineer", result={})
    assert first.token != second.token
    assert str(first).startswith("ai-engineer (")
