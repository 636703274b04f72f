"""Every log line is valid JSON whatever the request, gunicorn's access log included,
and no client can make a line long or a traceback appear.

The attack: the access log was a hand-built JSON format string, so a request line such as
`GET /a\\"b` or one holding control characters wrote a line no log collector could parse.
"""

from __future__ import annotations

import io
import json
import logging
import sys
from datetime import timedelta
from types import SimpleNamespace

import pytest
from gunicorn.config import Config  # type: ignore[import-untyped]  # gunicorn ships no types

from benchmarks.server import Server
from roadmap_site.log_format import MAX_EXCEPTION, MAX_MESSAGE, ClientErrors, JsonFormatter
from roadmap_site.serving import JsonLogger

HOSTILE_PATHS = [
    '/a\\"b',
    '/a"b',
    "/a\\",
    "/a\x01\x02\x1bb",
    "/a\x7fb",
    "/\xff\xfe\xc3",
    "/%00%22%5C",
    '/a}b{"c":1}',
]


def record(message: str = "hello", *args: object, **attributes: object) -> logging.LogRecord:
    made = logging.LogRecord("test", logging.ERROR, __file__, 1, message, args, None)
    made.__dict__.update(attributes)
    return made


def test_a_line_is_one_json_object_with_the_basics():
    entry = json.loads(JsonFormatter().format(record("value %s", 42, status_code=404)))
    assert entry["message"] == "value 42" and entry["status"] == 404
    assert entry["level"] == "ERROR" and entry["logger"] == "test" and entry["time"]


@pytest.mark.parametrize(
    "text", ['"\\', "\x00\x1b\n\r\t", "\ud800 lone surrogate", "é→✓", "\u2028"]
)
def test_any_text_gives_one_valid_ascii_line(text):
    line = JsonFormatter().format(record(text, fields={"path": text}))
    assert "\n" not in line and line.isascii()
    entry = json.loads(line)
    assert entry["message"] == text and entry["path"] == text


def test_messages_fields_and_tracebacks_are_capped():
    try:
        raise ValueError("x" * 100_000)
    except ValueError:
        exc_info = sys.exc_info()
    long = record("m" * 50_000, fields={"path": "p" * 50_000})
    long.exc_info = exc_info
    entry = json.loads(JsonFormatter().format(long))
    assert len(str(entry["message"])) < MAX_MESSAGE + 50
    assert len(str(entry["path"])) < MAX_MESSAGE + 50
    assert len(str(entry["exception"])) < MAX_EXCEPTION + 50
    assert str(entry["exception"]).endswith("x")  # the end of a traceback is what matters


def test_a_message_with_the_wrong_arguments_still_makes_a_line():
    entry = json.loads(JsonFormatter().format(record("%s and %s", 1)))
    assert "%s and %s" in str(entry["message"])


@pytest.mark.parametrize(
    ("name", "status", "level"),
    [
        ("django.security.DisallowedHost", 400, logging.ERROR),
        ("django.security.TooManyFieldsSent", 400, logging.ERROR),
        ("django.request", 400, logging.WARNING),
        ("django.request", 404, logging.WARNING),
    ],
)
def test_client_errors_become_one_warning_without_a_traceback(name, status, level):
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        exc_info = sys.exc_info()
    made = logging.LogRecord(name, level, __file__, 1, "bad", (), exc_info)
    made.status_code = status
    assert ClientErrors().filter(made)
    entry = json.loads(JsonFormatter().format(made))
    assert entry["level"] == "WARNING" and "exception" not in entry


def test_server_errors_keep_their_level_and_traceback():
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        exc_info = sys.exc_info()
    made = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "oops", (), exc_info)
    made.status_code = 500
    assert ClientErrors().filter(made)
    entry = json.loads(JsonFormatter().format(made))
    assert entry["level"] == "ERROR" and "RuntimeError: boom" in str(entry["exception"])


def gunicorn_access_line(path: str) -> dict[str, object]:
    config = Config()
    config.set("accesslog", "-")
    logger = JsonLogger(config)
    stream = io.StringIO()
    for handler in logger.access_log.handlers:
        if getattr(handler, "_gunicorn", False):  # gunicorn's own, not pytest's
            handler.setStream(stream)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": path,
        "PATH_INFO": path,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
    }
    response = SimpleNamespace(status="404 Not Found", sent=1234, headers=[])
    request = SimpleNamespace(headers=[])
    logger.access(response, request, environ, timedelta(milliseconds=12))
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1
    entry: dict[str, object] = json.loads(lines[0])
    return entry


@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_gunicorn_access_lines_are_json_for_any_request_line(path):
    entry = gunicorn_access_line(path)
    assert entry["path"] == path and entry["status"] == 404 and entry["bytes"] == 1234
    assert entry["logger"] == "gunicorn.access" and entry["ms"] == 12.0


def test_the_production_server_writes_only_json_lines(production_server: Server):
    """The attack itself: raw request lines with quotes, backslashes, control characters and
    bytes that are not UTF-8, at the real server; then every line it wrote must parse."""
    since = production_server.mark()
    for path in HOSTILE_PATHS:
        answer = production_server.raw(
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode("latin-1")
        )
        assert answer.startswith(b"HTTP/1.1 "), answer[:100]
        assert not answer.startswith(b"HTTP/1.1 500"), path
    production_server.raw(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    entries = production_server.wait_for_log(since, lambda e: e.get("path") == "/")
    logged = [e["path"] for e in entries if e["logger"] == "gunicorn.access"]
    assert '/a\\"b' in logged and '/a"b' in logged and "/" in logged
    assert all(e["level"] in {"INFO", "WARNING"} for e in entries), entries
