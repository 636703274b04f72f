"""Everything gunicorn-specific: a worker slow clients cannot starve, and JSON logs.

`BufferingThreadWorker` is gunicorn's threaded worker, made safe against slow clients.

The stock gthread worker hands every accepted connection to a thread, which then blocks reading
the request: a client that sends one header line every few seconds holds a thread for as long
as it likes, and a hundred of them take an instance offline. This worker reads each request's
head, and a small body, in its event loop instead, without blocking, and hands the connection to
a thread only once the request has arrived whole. A body it will not buffer is refused there
and then, before any thread reads it: one declared larger than `MAX_BUFFERED` gets 413, one sent
in chunks (no length declared; no browser sends a form so) gets 411, and a head that does not
end within `MAX_BUFFERED` goes to the parser, which refuses it. A request that has not arrived
within `ARRIVAL_TIMEOUT` seconds is answered 408 and closed. Threads therefore only ever run
requests that are ready, and a slow client costs a buffer and a file descriptor, never a thread.
Open connections per worker stay capped by gunicorn's `worker_connections`.

TLS is gunicorn's job only in development; with `certfile` set this worker behaves exactly like
gthread (the handshake needs a blocking socket), so terminate TLS in front of it.

`JsonLogger` writes gunicorn's own lines and its access log through the site's JSON formatter,
on stdout, so every line is valid JSON whatever the request line holds.

gunicorn has no supported way to give a thread a request read elsewhere, so the worker uses
gthread's internals: its connection class (TConn), its poller and connection queues, and the
buffer of each connection's parser (`conn.parser.unreader.buf`, in `feed` and `take_back`).
gunicorn does not promise to keep those, so pyproject.toml pins gunicorn to `TESTED_GUNICORN`,
and tests/roadmap_site/test_serving_gunicorn.py fails, naming this module, on any other version
and when one of those internals has moved (docs/operations.md, "Slow clients").
"""

from __future__ import annotations

import contextlib
import errno
import io
import logging
import re
import selectors
import sys
import time
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial
from typing import Any

from gunicorn.glogging import Logger  # type: ignore[import-untyped]  # gunicorn ships no types
from gunicorn.workers.gthread import (  # type: ignore[import-untyped]  # gunicorn ships no types
    TConn,
    ThreadWorker,
)

from .log_format import JsonFormatter

# The gunicorn versions this module is tested against, as a pip version specifier; the same as
# the gunicorn requirement in pyproject.toml.
TESTED_GUNICORN = "==24.1.1"
ARRIVAL_TIMEOUT = 15.0  # seconds from the first byte wanted to the whole request buffered
MAX_BUFFERED = 128 * 1024  # bytes of head + body read in the event loop (forms are capped at 64 KB)
HEAD_END = b"\r\n\r\n"
CONTENT_LENGTH = re.compile(rb"^content-length[ \t]*:[ \t]*(\d{1,12})[ \t]*$", re.I | re.M)
TRANSFER_ENCODING = re.compile(rb"^transfer-encoding[ \t]*:", re.I | re.M)


def _refusal(status: str) -> bytes:
    return f"HTTP/1.1 {status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n".encode()


TIMED_OUT = _refusal("408 Request Timeout")
TOO_LARGE = _refusal("413 Content Too Large")
LENGTH_REQUIRED = _refusal("411 Length Required")


@dataclass
class Arrival:
    """A request being read in the event loop."""

    deadline: float
    data: bytearray = field(default_factory=bytearray)

    def _head(self) -> tuple[int, bytes] | None:
        end = self.data.find(HEAD_END)
        return None if end < 0 else (end, bytes(self.data[:end]).replace(b"\r\n", b"\n"))

    def refusal(self) -> bytes | None:
        """The answer to send at once, without a thread: the body will never be buffered."""
        found = self._head()
        if found is None:
            return None
        end, head = found
        if TRANSFER_ENCODING.search(head):
            return LENGTH_REQUIRED
        length = CONTENT_LENGTH.search(head)
        if length and end + len(HEAD_END) + int(length.group(1)) > MAX_BUFFERED:
            return TOO_LARGE
        return None

    def ready(self) -> bool:
        """The head has arrived, and the body too (after `refusal`, it fits the buffer)."""
        found = self._head()
        if found is None:
            return len(self.data) >= MAX_BUFFERED  # no end of head in sight: the parser refuses
        end, head = found
        length = CONTENT_LENGTH.search(head)
        if length is None:
            return True  # no body
        return len(self.data) >= end + len(HEAD_END) + int(length.group(1))


def feed(conn: Any, data: bytes) -> None:
    """Give bytes read in the event loop to the connection's parser."""
    buffer: io.BytesIO = conn.parser.unreader.buf
    buffer.seek(0, io.SEEK_END)
    buffer.write(data)


def take_back(conn: Any) -> bytes:
    """Bytes the parser read past the request it just finished (a pipelined next request)."""
    if conn.parser is None:
        return b""
    unreader = conn.parser.unreader
    data: bytes = unreader.buf.getvalue()
    if data:
        unreader.buf = io.BytesIO()
    return data


class BufferingThreadWorker(ThreadWorker):  # type: ignore[misc]  # gunicorn's classes are untyped
    """gthread, with requests read whole in the event loop before a thread is spent on them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Connections whose request is still arriving, oldest first (so also in deadline order).
        self.arriving: dict[Any, Arrival] = {}

    def accept(self, listener: Any) -> None:
        if self.cfg.is_ssl:
            super().accept(listener)
            return
        try:
            client, address = listener.accept()
        except OSError as error:
            if error.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        self.nr_conns += 1
        conn = TConn(self.cfg, client, address, listener.getsockname())  # non-blocking
        self.await_request(conn)

    def on_client_socket_readable(self, conn: Any, client: Any) -> None:
        """A kept-alive connection sends its next request: read that in the loop too."""
        if self.cfg.is_ssl:
            super().on_client_socket_readable(conn, client)
            return
        self.poller.unregister(client)
        self.keepalived_conns.remove(conn)
        self.await_request(conn)
        self.read_request(conn, client)

    def finish_request(self, conn: Any, fs: Any) -> None:
        """After a response: gthread keeps the connection alive or closes it. A kept-alive one
        whose parser already holds the next request (pipelining) would wait for the socket to
        become readable, which it never does: treat it as readable now."""
        super().finish_request(conn, fs)
        if self.cfg.is_ssl or conn.parser is None or not conn.parser.unreader.buf.getvalue():
            return
        if conn in self.keepalived_conns:
            self.on_client_socket_readable(conn, conn.sock)

    def await_request(self, conn: Any) -> None:
        arrival = Arrival(deadline=time.monotonic() + ARRIVAL_TIMEOUT)
        arrival.data += take_back(conn)
        self.arriving[conn] = arrival
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self.read_request, conn))

    def read_request(self, conn: Any, _client: Any) -> None:
        arrival = self.arriving.get(conn)
        if arrival is None:
            return
        try:
            data = conn.sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            data = None  # nothing new yet
        except OSError:
            self.drop(conn)
            return
        if data == b"":  # the client went away
            self.drop(conn)
            return
        if data:
            arrival.data += data
        if arrival.data and (answer := arrival.refusal()):
            self.drop(conn, answer=answer)
        elif arrival.data and arrival.ready():
            self.hand_over(conn, arrival)

    def hand_over(self, conn: Any, arrival: Arrival) -> None:
        """The request is here: give it to a thread, as gthread would have done at accept."""
        del self.arriving[conn]
        self.poller.unregister(conn.sock)
        conn.sock.setblocking(True)
        conn.init()  # makes the parser for a new connection; nothing for a kept-alive one
        feed(conn, bytes(arrival.data))
        self.enqueue_req(conn)

    def drop(self, conn: Any, *, answer: bytes = b"") -> None:
        """Close a connection whose request is still arriving, first sending `answer` (a refusal
        or a timeout) if the client has sent anything."""
        arrival = self.arriving.pop(conn, None)
        with contextlib.suppress(KeyError, ValueError, OSError):
            self.poller.unregister(conn.sock)
        if answer and arrival is not None and arrival.data:
            with contextlib.suppress(OSError):
                conn.sock.send(answer)
        conn.close()
        self.nr_conns -= 1

    def set_accept_enabled(self, enabled: bool) -> None:
        """gthread stops accepting when full, and when shutting down: then it also waits out
        idle kept-alive connections, for the whole graceful timeout. Close those (and requests
        still arriving) at once; requests already running still finish."""
        super().set_accept_enabled(enabled)
        if enabled or self.alive:
            return
        while self.keepalived_conns:
            conn = self.keepalived_conns.popleft()
            with contextlib.suppress(KeyError, ValueError, OSError):
                self.poller.unregister(conn.sock)
            conn.close()
            self.nr_conns -= 1
        while self.arriving:
            self.drop(next(iter(self.arriving)))

    def murder_keepalived(self) -> None:
        """Close idle kept-alive connections (gthread), and requests that arrive too slowly;
        on shutdown, every request still arriving."""
        super().murder_keepalived()
        now = time.monotonic()
        while self.arriving:
            conn, arrival = next(iter(self.arriving.items()))
            if self.alive and arrival.deadline > now:
                break
            self.drop(conn, answer=TIMED_OUT)


class JsonLogger(Logger):  # type: ignore[misc]  # gunicorn's classes are untyped
    """gunicorn's logger, writing JSON lines to stdout: its own messages and one access line
    per request, built as data (never a format string) so any request line stays valid JSON."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        formatter = JsonFormatter()
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                if not getattr(handler, "_gunicorn", False):  # not one gunicorn made
                    continue
                if isinstance(handler, logging.StreamHandler) and handler.stream is sys.stderr:
                    handler.setStream(sys.stdout)
                handler.setFormatter(formatter)

    def access(self, resp: Any, req: Any, environ: dict[str, Any], request_time: timedelta) -> None:
        if not (self.cfg.accesslog or self.cfg.logconfig or self.cfg.logconfig_dict):
            return
        status = resp.status
        if isinstance(status, str):
            status = int(status.split(None, 1)[0]) if status[:3].isdigit() else status
        method = environ.get("REQUEST_METHOD", "-")
        uri = environ.get("RAW_URI", "-")
        protocol = environ.get("SERVER_PROTOCOL", "-")
        fields = {
            "remote": environ.get("REMOTE_ADDR", "-"),
            "method": method,
            "path": uri,
            "status": status,
            "bytes": getattr(resp, "sent", None),
            "ms": round(request_time.total_seconds() * 1000, 1),
        }
        self.access_log.info("%s %s %s", method, uri, protocol, extra={"fields": fields})
