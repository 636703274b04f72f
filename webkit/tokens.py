"""The unguessable tokens in the site's addresses: a stored quiz result, a plan and its
read-only copy, a quiz run's draft key. Made here and checked here, so every token is one shape.
"""

from __future__ import annotations

import re
import secrets

TOKEN_BYTES = 16  # 22 URL-safe characters, 128 bits: not guessable, not sequential
TOKEN_PATTERN = r"[A-Za-z0-9_-]{22}"
_TOKEN = re.compile(TOKEN_PATTERN)


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def is_token(text: str) -> bool:
    """Whether `text` is the shape new_token makes (and so worth looking up)."""
    return _TOKEN.fullmatch(text) is not None


class TokenConverter:
    """The `<token:...>` path converter: an address whose token is not the right shape matches
    no URL at all (a 404 without a database query)."""

    regex = TOKEN_PATTERN

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
