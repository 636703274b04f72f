"""Bad encodings are bad requests, and client errors are one short log line.

The attack: a form POST with `charset=latin-1` (or any charset but UTF-8) and a CSRF cookie
answered gunicorn's bare 500 page on every URL, without security headers, and logged a 45 KB
traceback, because Django's error handlers read the body again. A bad Host, too many fields or
too big a body logged an ERROR with a whole traceback; a 4 KB Host wrote 17 KB of log.
"""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Callable, Iterator

import pytest
from django.test import Client

from benchmarks.server import Server

CSRF = "a" * 32
FORM = "application/x-www-form-urlencoded"
PAGE = "Sorry, we could not read that request"
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


type LogReader = Callable[[], list[dict[str, object]]]


@pytest.fixture
def log_lines() -> Iterator[LogReader]:
    """Reads what the configured stdout handler (filter and formatter included) wrote during the
    test, one parsed JSON object per line."""
    handler = next(h for h in logging.getLogger("django").handlers if h.name == "stdout")
    assert isinstance(handler, logging.StreamHandler)
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines()]
    handler.setStream(previous)


def csrf_client() -> Client:
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = CSRF
    return client


def assert_styled_400(response) -> None:
    assert response.status_code == 400
    assert PAGE in response.content.decode()
    for header, value in SECURITY_HEADERS.items():
        assert response.get(header) == value, header
    assert "default-src 'self'" in response["Content-Security-Policy"]


def assert_one_warning(lines: list[dict[str, object]]) -> None:
    assert [line["level"] for line in lines] == ["WARNING"], lines
    assert lines[0]["status"] == 400
    assert "exception" not in lines[0]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/healthz/live", "/", "/quiz/", "/no/such/page/"])
@pytest.mark.parametrize("charset", ["latin-1", "bogus", "utf-16", "UTF8"])
def test_a_form_in_another_charset_is_a_400_on_any_url(url, charset, log_lines):
    content_type = f"{FORM}; charset={charset}"
    response = csrf_client().generic("POST", url, data=b"x=1", content_type=content_type)
    assert_styled_400(response)
    lines = log_lines()
    assert_one_warning(lines)
    assert "UTF-8" in str(lines[0]["message"])


@pytest.mark.django_db
def test_a_utf8_form_still_works(content):
    answers = {q.id: q.options[0].id for q in content.quiz.questions}
    client = Client()
    body = "&".join(f"{k}={v}" for k, v in answers.items())
    response = client.post("/quiz/", data=body, content_type=f"{FORM}; charset=UTF-8")
    assert response.status_code == 303


@pytest.mark.django_db
def test_too_many_fields_is_one_warning_line(log_lines):
    body = "&".join(f"f{i}=1" for i in range(500))
    response = csrf_client().post("/quiz/", data=body, content_type=FORM)
    assert_styled_400(response)
    lines = log_lines()
    assert_one_warning(lines)
    assert "TooManyFieldsSent" in str(lines[0]["message"])


@pytest.mark.django_db
def test_too_big_a_body_is_one_warning_line(log_lines):
    response = csrf_client().post("/quiz/", data="x=" + "a" * 100_000, content_type=FORM)
    assert_styled_400(response)
    lines = log_lines()
    assert_one_warning(lines)
    assert "RequestDataTooBig" in str(lines[0]["message"])


def test_a_4kb_bad_host_writes_one_short_warning(log_lines):
    response = Client().get("/", HTTP_HOST="e" * 4096)
    assert response.status_code == 400
    assert PAGE in response.content.decode()
    lines = log_lines()
    assert_one_warning(lines)
    assert lines[0]["logger"] == "django.security.DisallowedHost"
    written = sum(len(json.dumps(line)) for line in lines)
    assert written < 1500


# The same attacks on the production server: gunicorn, production settings, its real log.


def site_lines(entries: list[dict[str, object]]) -> list[dict[str, object]]:
    """The site's own lines: not gunicorn's access line, nor a worker booting meanwhile."""
    return [e for e in entries if not str(e["logger"]).startswith("gunicorn.")]


def assert_served_400_with_one_line(server: Server, since: int, answer: bytes) -> None:
    """What the production server sent is the site's 400 page with every security header, and
    its log since `since` has exactly one warning line from the site."""
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400 "), head[:200]
    assert PAGE.encode() in body
    for header, value in SECURITY_HEADERS.items():
        assert f"{header}: {value}".encode() in head
    assert b"Content-Security-Policy: " in head
    entries = server.wait_for_log(since, lambda e: e["logger"] == "gunicorn.access")
    assert_one_warning(site_lines(entries))


def post(server: Server, path: str, content_type: str, body: bytes = b"x=1") -> bytes:
    return server.raw(
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        f"Cookie: csrftoken={CSRF}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n".encode()
        + body
    )


@pytest.mark.parametrize(
    "content_type",
    [
        f"{FORM}; charset=latin-1",  # the reported attack
        f"{FORM}; charset=no-such-charset",
        "text/plain; charset*=bogus''utf-8",  # Django cannot even build the request
        "a/b; x*=no''y",  # an RFC 2231 parameter in an unknown charset, on any type
    ],
)
@pytest.mark.parametrize("path", ["/healthz/live", "/", "/quiz/"])
def test_the_production_server_answers_400_with_headers_and_one_line(
    production_server: Server, content_type, path
):
    since = production_server.mark()
    answer = post(production_server, path, content_type)
    assert_served_400_with_one_line(production_server, since, answer)


def test_a_4kb_bad_host_on_the_production_server_writes_under_2kb(production_server: Server):
    since = production_server.mark()
    answer = production_server.raw(
        b"GET / HTTP/1.1\r\nHost: " + b"e" * 4096 + b"\r\nConnection: close\r\n\r\n"
    )
    assert_served_400_with_one_line(production_server, since, answer)
    assert production_server.mark() - since < 2048


@pytest.mark.parametrize(
    "body",
    [
        b"&".join(b"f%d=1" % i for i in range(500)),  # over DATA_UPLOAD_MAX_NUMBER_FIELDS
        b"x=" + b"a" * 100_000,  # over the 64 KB a form may hold
    ],
    ids=["500 fields", "100 KB"],
)
def test_a_form_too_large_on_the_production_server_is_a_400_and_one_line(
    production_server: Server, body: bytes
):
    since = production_server.mark()
    answer = post(production_server, "/quiz/", FORM, body)
    assert_served_400_with_one_line(production_server, since, answer)


@pytest.mark.parametrize(
    "target",
    [b'/a\\"b', b"/a\x01\x1bb", b"/\xff\xfe"],
    ids=["quote and backslash", "control characters", "not UTF-8"],
)
def test_a_hostile_request_line_gets_the_security_headers_and_no_traceback(
    production_server: Server, target: bytes
):
    since = production_server.mark()
    answer = production_server.raw(
        b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    head = answer.partition(b"\r\n\r\n")[0]
    assert re.match(rb"HTTP/1\.1 4\d\d ", head), head[:100]
    assert b"Content-Security-Policy: " in head
    for header, value in SECURITY_HEADERS.items():
        assert f"{header}: {value}".encode() in head
    entries = production_server.wait_for_log(since, lambda e: e["logger"] == "gunicorn.access")
    assert any(e["logger"] == "gunicorn.access" for e in entries)
    assert not any("exception" in e or e["level"] == "ERROR" for e in entries), entries


def test_a_form_without_its_csrf_check_gets_the_sites_own_403(content):
    client = Client(enforce_csrf_checks=True)
    answers = {q.id: q.options[0].id for q in content.quiz.questions}
    response = client.post("/quiz/", answers)
    assert response.status_code == 403
    page = response.content.decode()
    assert "Sorry, that form could not be sent" in page
    assert '<link rel="stylesheet"' in page and "<style" not in page  # nothing the CSP blocks
    assert "Content-Security-Policy" in response.headers
    assert 'href="/"' in page  # the site's header and a way on
