"""Slow clients cannot starve the site.

The attack: two sync workers and nothing buffering in front, so two connections sending one
header line every 3 s made /healthz/live unreachable. Now each worker reads requests whole in
its event loop (roadmap_site/serving.py) and a slow client never holds a thread.
"""

from __future__ import annotations

import contextlib
import http.client
import re
import socket
import threading
import time

import pytest

from benchmarks.server import Server, gunicorn, prepare, production_env
from roadmap_site.serving import MAX_BUFFERED, Arrival

PROBE_TIMEOUT = 5.0


class SlowClients:
    """Connections that each send a request head one header line every `interval` seconds,
    never finishing it, and reopen any connection the server closes."""

    def __init__(self, port: int, count: int, interval: float) -> None:
        self.port, self.count, self.interval = port, count, interval
        self.sockets: list[socket.socket | None] = [None] * count
        self.reopened = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def open(self, index: int) -> None:
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=2)
        sock.sendall(f"GET /healthz/live?slow={index} HTTP/1.1\r\nHost: 127.0.0.1\r\n".encode())
        self.sockets[index] = sock

    def tick(self, index: int, line: int) -> None:
        sock = self.sockets[index]
        try:
            if sock is None:
                raise OSError("not open")
            sock.sendall(f"X-Slow-{line}: {index}\r\n".encode())
        except OSError:
            if sock is not None:
                sock.close()
            self.reopened += 1
            try:
                self.open(index)
            except OSError:
                self.sockets[index] = None

    def run(self) -> None:
        line = 0
        while not self.stop.wait(self.interval):
            line += 1
            for index in range(self.count):
                self.tick(index, line)

    def __enter__(self) -> SlowClients:
        for index in range(self.count):
            with contextlib.suppress(OSError):
                self.open(index)
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(timeout=self.interval + 5)
        for sock in self.sockets:
            if sock is not None:
                sock.close()

    @property
    def open_count(self) -> int:
        return sum(sock is not None for sock in self.sockets)


def probe(port: int) -> float | None:
    """Seconds for one GET /healthz/live on a fresh connection; None when it failed."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=PROBE_TIMEOUT)
    try:
        connection.request("GET", "/healthz/live")
        response = connection.getresponse()
        if response.status != 200 or response.read() != b"ok":
            return None
    except OSError:
        return None
    finally:
        connection.close()
    return time.perf_counter() - started


@pytest.mark.slow
def test_100_slowloris_connections_leave_every_probe_under_a_second(production_server: Server):
    """The acceptance figure, against the server `make serve` runs (2 workers): 100 connections
    each trickling a request head, one header line every 2 s, while /healthz/live is probed
    once a second for 6 s."""
    latencies: list[float | None] = []
    with SlowClients(production_server.port, count=100, interval=2.0) as clients:
        time.sleep(2.0)  # every slow client is now part-way through its head
        deadline = time.monotonic() + 6
        while time.monotonic() < deadline:
            started = time.monotonic()
            latencies.append(probe(production_server.port))
            time.sleep(max(0.0, 1.0 - (time.monotonic() - started)))
        still_open, reopened = clients.open_count, clients.reopened
    assert still_open == 100 and reopened == 0, (still_open, reopened)  # held, not dropped
    assert len(latencies) >= 5 and None not in latencies, latencies
    assert max(t for t in latencies if t is not None) < 1.0, latencies


@pytest.mark.parametrize(
    ("data", "ready"),
    [
        (b"GET / HTTP/1.1\r\nHost: x\r\n", False),
        (b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", True),
        (b"POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nab", False),
        (b"POST / HTTP/1.1\r\ncontent-length : 5\r\n\r\nabcde", True),
        (b"GET /" + b"a" * MAX_BUFFERED, True),  # no end of head in sight: the parser refuses it
    ],
)
def test_a_request_goes_to_a_thread_only_once_it_has_arrived(data, ready):
    arrival = Arrival(deadline=0)
    arrival.data += data
    assert arrival.refusal() is None
    assert arrival.ready() is ready


@pytest.mark.parametrize(
    ("data", "status"),
    [
        (b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", b"411"),
        (b"POST / HTTP/1.1\r\ntransfer-encoding : gzip, chunked\r\n\r\n5\r\n", b"411"),
        (b"POST / HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n", b"413"),
        (b"POST / HTTP/1.1\r\nContent-Length: 200000\r\n\r\nabc", b"413"),
    ],
)
def test_a_body_that_would_not_fit_the_buffer_is_refused_before_a_thread_reads_it(data, status):
    arrival = Arrival(deadline=0)
    arrival.data += data
    refusal = arrival.refusal()
    assert refusal is not None and refusal.startswith(b"HTTP/1.1 " + status)
    assert b"Content-Length: 0" in refusal


def read_response(sock: socket.socket) -> bytes:
    """One whole response with a Content-Length, read off a kept-alive connection."""
    data = b""
    while b"\r\n\r\n" not in data:
        data += received(sock)
    head, _, body = data.partition(b"\r\n\r\n")
    length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
    assert length, head
    while len(body) < int(length.group(1)):
        body += received(sock)
    return head + b"\r\n\r\n" + body


def received(sock: socket.socket) -> bytes:
    chunk = sock.recv(65536)
    assert chunk, "the server closed a kept-alive connection"
    return chunk


def test_kept_alive_and_pipelined_requests_are_all_answered(production_server: Server):
    request = b"GET /healthz/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    with socket.create_connection(("127.0.0.1", production_server.port), timeout=5) as sock:
        sock.sendall(request)
        assert read_response(sock).endswith(b"ok")
        sock.sendall(request[:20])  # the next request on the same connection, in two parts
        time.sleep(0.3)
        sock.sendall(request[20:])
        assert read_response(sock).endswith(b"ok")
        sock.sendall(request * 2)  # two at once (pipelined)
        first = read_response(sock)
        second = first if first.count(b"HTTP/1.1 200") == 2 else read_response(sock)
        assert first.endswith(b"ok") and second.endswith(b"ok")


def test_a_form_whose_body_arrives_slowly_is_still_read(production_server: Server, content):
    body = "&".join(f"{q.id}={q.options[0].id}" for q in content.quiz.questions).encode()
    head = (
        "POST /quiz/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        f"Cookie: csrftoken={'a' * 32}\r\nX-CSRFToken: {'a' * 32}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", production_server.port), timeout=10) as sock:
        sock.sendall(head + body[:10])
        time.sleep(0.5)
        sock.sendall(body[10:])
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 303 "), answer[:300]


def test_a_body_too_big_to_buffer_is_refused_not_hung(production_server: Server):
    answer = production_server.raw(
        b"POST /quiz/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\n"
        b"Content-Length: 10000000\r\n\r\nx=1"
    )
    assert answer.startswith(b"HTTP/1.1 413 ")


@pytest.mark.slow
def test_bodies_trickled_in_chunks_or_past_the_buffer_hold_no_thread(production_server: Server):
    """Eight clients each start a body the worker will never buffer (chunked, or longer than
    its buffer) and trickle it: each is refused at once, and /healthz/live never waits."""
    heads = [
        b"POST /plan/ HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n",
        b"POST /plan/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 200000\r\n\r\nabc",
    ]
    socks = []
    try:
        for n in range(8):
            sock = socket.create_connection(("127.0.0.1", production_server.port), timeout=5)
            sock.sendall(heads[n % 2])
            socks.append(sock)
        answers = [sock.recv(200) for sock in socks]
        latencies = [probe(production_server.port) for _ in range(5)]
    finally:
        for sock in socks:
            sock.close()
    assert all(a.startswith((b"HTTP/1.1 411 ", b"HTTP/1.1 413 ")) for a in answers), answers
    assert None not in latencies and max(filter(None, latencies)) < 1.0, latencies


@pytest.mark.slow
def test_stopping_does_not_wait_out_idle_or_slow_connections(tmp_path):
    """gthread waited the whole graceful timeout (20 s) for idle kept-alive connections; slow
    clients would hold a restart up the same way."""
    env = production_env(tmp_path)
    prepare(env)
    with gunicorn(env, tmp_path / "server.log") as server:
        address = ("127.0.0.1", server.port)
        idle = [socket.create_connection(address, timeout=5) for _ in range(4)]
        for sock in idle:
            sock.sendall(b"GET /healthz/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            assert sock.recv(65536).startswith(b"HTTP/1.1 200")
        slow = [socket.create_connection(address, timeout=5) for _ in range(4)]
        for sock in slow:
            sock.sendall(b"GET /healthz/live HTTP/1.1\r\n")
        started = time.monotonic()
        server.process.terminate()
        server.process.wait(timeout=30)
        assert time.monotonic() - started < 10
        for sock in idle + slow:
            sock.close()
