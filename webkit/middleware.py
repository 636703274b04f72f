"""Failures that are not the page's fault, answered the same way on every URL.

- A request whose body or Content-Type Django cannot read (a form in another charset than UTF-8,
  too many fields, a body over the limit, a malformed Content-Type) is a bad request: 400 with
  the site's error page and its security headers, and one WARNING log line. Django would raise
  the error wherever the body is first read, and its error handlers read it again and fail
  again, ending in a bare 500 and a long traceback; here the body is read once, up front.
- A database that does not answer is an outage, not a bug: 503 with `Retry-After` and the site's
  page, one log line, no traceback. Content pages never touch the database and keep serving.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import BadRequest, SuspiciousOperation
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.http import parse_header_parameters
from django.utils.log import log_response

from .rendering import Page

logger = logging.getLogger("webkit.requests")

RETRY_AFTER_SECONDS = 30
FORM = "application/x-www-form-urlencoded"
BAD_CONTENT_TYPE = "webkit.bad_content_type"  # set in the WSGI environ by `guard_content_type`
DATABASE_ERRORS = (OperationalError, InterfaceError)
BODY_ERRORS = (BadRequest, SuspiciousOperation, MultiPartParserError, UnreadablePostError)

type GetResponse = Callable[[HttpRequest], HttpResponse]
type StartResponse = Callable[..., Any]
type WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def guard_content_type(application: WSGIApp) -> WSGIApp:
    """Wrap the WSGI application so a Content-Type Django cannot parse reaches the middleware as
    a bad request, instead of failing while Django builds the request (a bare 500)."""

    def guarded(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        try:
            parse_header_parameters(environ.get("CONTENT_TYPE", ""))
        except ValueError as error:
            environ[BAD_CONTENT_TYPE] = str(error)
            environ["CONTENT_TYPE"] = "application/octet-stream"
        return application(environ, start_response)

    return guarded


def head_without_body(application: WSGIApp) -> WSGIApp:
    """Wrap the WSGI application so a HEAD response is the GET's status and headers,
    Content-Length included, and nothing after them, whatever serves it. gunicorn writes
    whatever body the application returns, and on a kept-alive connection a client or a proxy
    reads those bytes as the start of the next response."""

    def headless(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD", "").upper() != "HEAD":
            return application(environ, start_response)
        started: list[bool] = []

        def start(*args: Any) -> Any:
            started.append(True)
            return start_response(*args)

        body = application(environ, start)
        try:
            for _ in body if not started else ():  # one may start on its first chunk
                if started:
                    break
        finally:
            if close := getattr(body, "close", None):
                close()  # Django's request_finished, as after any response
        return []

    return headless


def body_problem(request: HttpRequest) -> str:
    """Why Django cannot read this request's body, or "" when it can (it is then parsed)."""
    if bad_header := request.META.get(BAD_CONTENT_TYPE):
        return f"malformed Content-Type: {bad_header}"
    if request.method != "POST":
        return ""
    charset = request.content_params.get("charset") if request.content_params else None
    if request.content_type == FORM and charset is not None and charset.lower() != "utf-8":
        return f"form data must be UTF-8, not {charset[:40]!r}"
    try:
        request.POST  # noqa: B018  (parse the body once, here, so no later reader fails)
    except BODY_ERRORS as error:
        return f"{type(error).__name__}: {error}"
    return ""


def bad_request_page(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The site's 400 page, for Django's other bad requests too (a Host not allowed, ...).
    Unlike Django's default handler it reads nothing from the request: not the body (which may
    be what was bad), and not the Host (through context processors)."""
    return HttpResponseBadRequest(render_to_string("400.html"))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """The site's own page for a form whose CSRF check failed (CSRF_FAILURE_VIEW): styled, and
    without the inline style of Django's page, which the site's CSP blocks. Django's CSRF
    middleware logs the refusal."""
    return Page("Form not sent").render(request, "403_csrf.html", {}, status=403)


def bad_request(request: HttpRequest, problem: str) -> HttpResponse:
    response = bad_request_page(request)
    log_response(
        "Bad request (%s): %s", problem, request.path,
        response=response, request=request, level="warning", logger=logger,
    )  # fmt: skip
    return response


def database_unavailable(request: HttpRequest, response: HttpResponse, error: Exception) -> None:
    """Mark `response` as the answer while the database is down: Retry-After, never cached, and
    one ERROR line without a traceback (the outage is ours, the request was fine)."""
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    log_response(
        "Service unavailable (database %s: %s): %s",
        type(error).__name__, str(error).strip()[:200], request.path,
        response=response, request=request, level="error", logger=logger,
    )  # fmt: skip


class RequestGuardMiddleware:
    """Bad request bodies become 400s; database outages become 503s. Listed last in MIDDLEWARE,
    so every other middleware (security headers, CSP, X-Frame-Options) still sees the response,
    and it still runs before any view or CSRF check reads the body."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if problem := body_problem(request):
            return bad_request(request, problem)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DATABASE_ERRORS):
            return None
        response = Page("Service unavailable").render(request, "503.html", {}, status=503)
        database_unavailable(request, response, exception)
        return response
