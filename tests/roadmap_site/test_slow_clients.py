"""Slow clients cannot starve the site (issue 8, finding 2).

The attack: two sync workers and nothing buffering in front, so two connections sending one
header line every 3 s made /healthz/live unreachable. Now each worker reads requests whole in
its event loop (roadmap_site/serving.py) and a slow client never holds a thread.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time

import pytest

from roadmap_site.serving import MAX_BUFFERED, Arrival

from .gunicorn_server import ROOT, Server, gunicorn, prepare, production_env


def test_100_slowloris_connections_leave_every_probe_under_a_second():
    """The acceptance figure: scripts/slowloris_check.py against the server `make serve` runs."""
    result = subprocess.run(
        [
            sys.executable, "scripts/slowloris_check.py", "--json",
            "--connections", "100", "--seconds", "6", "--interval", "2",
        ],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["slow_connections_open_at_end"] == 100, figures
    assert figures["probes"] >= 5 and figures["probes_failed"] == 0, figures
    assert figures["worst_s"] < 1.0, figures
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("data", "ready"),
    [
        (b"GET / HTTP/1.1\r\nHost: x\r\n", False),
        (b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", True),
        (b"POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nab", False),
        (b"POST / HTTP/1.1\r\ncontent-length : 5\r\n\r\nabcde", True),
        (b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", True),  # the thread reads it
        (b"POST / HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n", True),  # too big: refused there
        (b"GET /" + b"a" * MAX_BUFFERED, True),  # no end of head in sight: the parser refuses it
    ],
)
def test_a_request_goes_to_a_thread_only_once_it_has_arrived(data, ready):
    arrival = Arrival(deadline=0)
    arrival.data += data
    assert arrival.ready() is ready


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
    assert answer.startswith(b"HTTP/1.1 400 ")


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
