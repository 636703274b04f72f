"""Tokens: 22 URL-safe characters, never repeated, and only that shape is accepted."""

from __future__ import annotations

import re

import pytest

from webkit.tokens import TOKEN_PATTERN, is_token, new_token


def test_tokens_are_22_url_safe_characters_and_never_repeat():
    tokens = {new_token() for _ in range(1000)}
    assert len(tokens) == 1000
    assert all(re.fullmatch(TOKEN_PATTERN, token) and is_token(token) for token in tokens)
    assert all(len(token) == 22 for token in tokens)


@pytest.mark.parametrize(
    "text", ["", "short", "A" * 21, "A" * 23, "A" * 21 + "!", "A" * 22 + "\n", "../../etc"]
)
def test_anything_else_is_not_a_token(text):
    assert not is_token(text)
