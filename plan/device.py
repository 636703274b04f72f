"""The plans made on this browser, remembered in first-party cookies: no account, nothing stored
on the server about the person.

- `plans`: signed, HttpOnly, every plan token this browser made or opened for editing, the most
  recent first, at most MAX_PLANS. "Your plans" (/plan/mine/) lists them, so a second plan never
  hides the first.
- `plan`: HttpOnly, the most recent token alone (what "My plan" in the header opens; kept for
  browsers that remembered a plan before the list existed).
- `plan_hint`: "1" and no token, readable by script, so cached pages shared by everyone can show
  "Continue your plan" without carrying anyone's plan (docs/plan.md).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from webkit.tokens import is_token

LIST_COOKIE = "plans"
PLAN_COOKIE = "plan"
HINT_COOKIE = "plan_hint"
SALT = "plan.device.plans"
MAX_PLANS = 20  # a cookie stays small (~500 bytes); nobody keeps twenty plans going
COOKIE_MAX_AGE = 400 * 24 * 60 * 60  # the longest a browser keeps a cookie


def remembered(request: HttpRequest) -> list[str]:
    """The plan tokens this browser remembers, the most recent first. A list whose signature
    does not hold is ignored as a whole; a malformed token is dropped."""
    raw = request.get_signed_cookie(LIST_COOKIE, default="", salt=SALT)
    tokens = [t for t in str(raw).split(",") if is_token(t)]
    latest = request.COOKIES.get(PLAN_COOKIE, "")
    if is_token(latest) and latest not in tokens:
        tokens.insert(0, latest)
    return list(dict.fromkeys(tokens))[:MAX_PLANS]


def remember(request: HttpRequest, response: HttpResponse, token: str) -> None:
    """Put `token` first in this browser's list, and make it the plan "My plan" opens."""
    tokens = [token, *(t for t in remembered(request) if t != token)][:MAX_PLANS]
    _set(response, tokens)


def forget(request: HttpRequest, response: HttpResponse, gone: set[str]) -> None:
    """Drop tokens whose plans no longer exist (deleted after a long time unopened)."""
    _set(response, [t for t in remembered(request) if t not in gone])


def is_latest(request: HttpRequest, token: str) -> bool:
    tokens = remembered(request)
    return bool(tokens) and tokens[0] == token and request.COOKIES.get(PLAN_COOKIE) == token


def _set(response: HttpResponse, tokens: list[str]) -> None:
    secure = not settings.DEBUG
    if not tokens:
        for name in (LIST_COOKIE, PLAN_COOKIE, HINT_COOKIE):
            response.delete_cookie(name, samesite="Lax")
        return
    age = COOKIE_MAX_AGE
    response.set_signed_cookie(
        LIST_COOKIE, ",".join(tokens), salt=SALT, max_age=age, secure=secure, httponly=True,
        samesite="Lax",
    )  # fmt: skip
    response.set_cookie(
        PLAN_COOKIE, tokens[0], max_age=age, secure=secure, httponly=True, samesite="Lax"
    )
    response.set_cookie(
        HINT_COOKIE, "1", max_age=age, secure=secure, httponly=False, samesite="Lax"
    )
