"""roadmap_site/serving.py reaches into gunicorn's gthread worker, which gunicorn does not promise
to keep; these tests fail, naming what the worker depends on, when gunicorn is not a version it
was tested against or when one of those internals has moved.

To move to a new gunicorn: read its workers/gthread.py and http/unreader.py, run
tests/roadmap_site (slow clients, pipelining, shutdown), then set the new version in both
`TESTED_GUNICORN` and the gunicorn requirement in pyproject.toml, and `make lock`.
"""

from __future__ import annotations

import inspect
import io
import socket
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gunicorn  # type: ignore[import-untyped]  # gunicorn ships no types
import pytest
from django.conf import settings
from gunicorn.config import Config  # type: ignore[import-untyped]
from gunicorn.http.unreader import Unreader  # type: ignore[import-untyped]
from gunicorn.workers import gthread  # type: ignore[import-untyped]
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

from roadmap_site.serving import TESTED_GUNICORN, feed, take_back

PATCH = "roadmap_site/serving.py (BufferingThreadWorker, feed, take_back)"


def test_gunicorn_is_a_version_the_worker_is_tested_against():
    assert gunicorn.__version__ in SpecifierSet(TESTED_GUNICORN), (
        f"gunicorn {gunicorn.__version__} is installed, but {PATCH} relies on gthread's "
        f"internals and is tested only with gunicorn{TESTED_GUNICORN}: see this file's docstring"
    )


def test_pyproject_pins_gunicorn_to_the_tested_versions():
    project = tomllib.loads((Path(settings.BASE_DIR) / "pyproject.toml").read_text())
    wanted = [Requirement(r) for r in project["project"]["dependencies"]]
    pin = next(r for r in wanted if r.name == "gunicorn")
    assert pin.specifier == SpecifierSet(TESTED_GUNICORN), (
        f"pyproject.toml allows gunicorn{pin.specifier}, but {PATCH} is tested with "
        f"gunicorn{TESTED_GUNICORN} (TESTED_GUNICORN): keep the two the same"
    )


@pytest.fixture
def connection() -> Iterator[object]:
    """gthread's connection object, as its accept makes one, on one end of a socket pair."""
    ours, theirs = socket.socketpair()
    conn = gthread.TConn(Config(), ours, ("127.0.0.1", 1), ("127.0.0.1", 2))
    yield conn
    ours.close()
    theirs.close()


def test_a_request_fed_to_the_parser_buffer_is_parsed_and_a_pipelined_one_taken_back(connection):
    """feed() writes what the event loop read into the parser's buffer; take_back() returns what
    the parser read past the request it finished."""
    conn = connection
    assert conn.parser is None, f"{PATCH}: TConn has changed"
    conn.init()  # as hand_over() does: makes the parser
    parser = parser_of(conn)
    assert isinstance(parser.unreader.buf, io.BytesIO), f"{PATCH}: the parser buffer moved"
    second = b"GET /second HTTP/1.1\r\nHost: x\r\n\r\n"
    feed(conn, b"GET /first?q=1 HTTP/1.1\r\nHost: x\r\n\r\n" + second)
    request = next(parser)
    assert (request.path, request.query) == ("/first", "q=1"), f"{PATCH}: feed() no longer works"
    parser.finish_body()
    assert take_back(conn) == second, f"{PATCH}: take_back() no longer finds a pipelined request"
    assert parser.unreader.buf.getvalue() == b""


def parser_of(conn: Any) -> Any:
    return conn.parser


def test_an_unreader_keeps_its_bytes_in_a_buffer():
    assert isinstance(Unreader().buf, io.BytesIO), f"{PATCH}: Unreader.buf has changed"


OVERRIDDEN = [
    "accept",
    "on_client_socket_readable",
    "finish_request",
    "set_accept_enabled",
    "murder_keepalived",
]
USED = ["enqueue_req", "handle", *OVERRIDDEN]
WORKER_STATE = ["self.poller", "self.keepalived_conns", "self.nr_conns"]


@pytest.mark.parametrize("name", USED)
def test_the_gthread_methods_the_worker_overrides_or_calls_are_there(name):
    method = getattr(gthread.ThreadWorker, name, None)
    assert callable(method), f"{PATCH} uses gthread's ThreadWorker.{name}, which has gone"


@pytest.mark.parametrize("attribute", WORKER_STATE)
def test_the_gthread_worker_state_the_worker_touches_is_there(attribute):
    assert attribute in inspect.getsource(gthread.ThreadWorker), (
        f"{PATCH} relies on gthread's {attribute}, which ThreadWorker no longer sets"
    )
