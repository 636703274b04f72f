"""A quiz run's answers, kept by the browser in a first-party cookie under the run's draft key.

Without JavaScript, the address Back returns to was made before its question was answered, so
reloading it would lose what was chosen there and after. Each step sent stores the run's answers
here; an address of the same run fills its gaps from them (flow.read_query). Option ids only:
no personal data, and nothing the server keeps."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from webkit.tokens import is_token

from .flow import Draft, Screen

COOKIE = "quiz_draft"
MAX_AGE = 7 * 24 * 60 * 60  # a week: long enough to come back to an unfinished quiz


def remembered(request: HttpRequest) -> Draft | None:
    """The run this browser last sent a step for: "key:question.option:question.option"."""
    key, *pairs = request.COOKIES.get(COOKIE, "").split(":")
    if not is_token(key):
        return None
    return Draft(key, dict(pair.split(".", 1) for pair in pairs if "." in pair))


def remember(response: HttpResponse, screen: Screen) -> None:
    """Keep the answers of the screen a step led to, under its run's key."""
    if not screen.draft:
        return
    answers = (f"{qid}.{oid}" for qid, oid in screen.parsed.answers.items())
    response.set_cookie(
        COOKIE, ":".join([screen.draft, *answers]), max_age=MAX_AGE, path=reverse("quiz:start"),
        secure=not settings.DEBUG, httponly=True, samesite="Lax",
    )  # fmt: skip


def forget(response: HttpResponse) -> None:
    """The run is submitted: nothing left to keep."""
    response.delete_cookie(COOKIE, path=reverse("quiz:start"), samesite="Lax")
