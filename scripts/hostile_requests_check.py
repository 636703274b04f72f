"""Hostile requests against the production server, and what each costs in the log.

Starts gunicorn as `make serve` does (scripts/server.py) with its log in a file, sends each
request below once, raw, to 127.0.0.1, and prints per request: the status line, whether the
security headers came with it, and the log it caused (bytes, lines, lines that are not JSON,
tracebacks). Exit status 1 when any answer is a 5xx, lacks the headers, or writes a line that
is not JSON or a traceback.
Usage: python scripts/hostile_requests_check.py
"""

from __future__ import annotations

import json
import socket
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from server import running_server

CSRF = b"Cookie: csrftoken=" + b"a" * 32 + b"\r\n"
FORM = b"Content-Type: application/x-www-form-urlencoded"


def post(path: bytes, body: bytes, content_type: bytes = FORM, cookie: bytes = CSRF) -> bytes:
    return (
        b"POST " + path + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + cookie
        + content_type + b"\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
    )  # fmt: skip


def get(path: bytes, host: bytes = b"127.0.0.1") -> bytes:
    return b"GET " + path + b" HTTP/1.1\r\nHost: " + host + b"\r\nConnection: close\r\n\r\n"


REQUESTS = {
    "form in latin-1, CSRF cookie, /healthz/live": post(
        b"/healthz/live", b"x=1", FORM + b"; charset=latin-1"
    ),
    "form in an unknown charset, /": post(b"/", b"x=1", FORM + b"; charset=bogus"),
    "unparseable Content-Type, /quiz/": post(b"/quiz/", b"x=1", b"Content-Type: a/b; x*=no''y"),
    "500 form fields, /quiz/": post(b"/quiz/", b"&".join(b"f%d=1" % i for i in range(500))),
    "100 KB form, /quiz/": post(b"/quiz/", b"x=" + b"a" * 100_000),
    "4 KB Host header": get(b"/", b"e" * 4096),
    'request line GET /a\\"b': get(b'/a\\"b'),
    "request line with control characters": get(b"/a\x01\x1bb"),
    "request line with bytes not UTF-8": get(b"/\xff\xfe"),
}
HEADERS = [b"content-security-policy:", b"x-frame-options:", b"x-content-type-options:"]


def send(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        answer = b""
        try:
            while chunk := sock.recv(65536):
                answer += chunk
        except ConnectionResetError:
            pass
    return answer


def main() -> None:
    log = Path(tempfile.mkdtemp(prefix="hostile-")) / "server.log"
    failed = False
    with running_server(workers=1, log=log, LOG_LEVEL="INFO", PYTHONUNBUFFERED="1") as base:
        port = urlsplit(base).port
        assert port is not None and urlsplit(base).hostname == "127.0.0.1"
        send(port, get(b"/healthz/live"))
        time.sleep(1)  # start-up lines written: what follows is the requests' own
        print("| request | answer | security headers | log bytes | lines | not JSON | tracebacks |")
        print("|---|---|---|---:|---:|---:|---:|")
        for name, request in REQUESTS.items():
            before = log.stat().st_size
            answer = send(port, request)
            time.sleep(0.5)  # the access line is written after the answer
            with log.open("rb") as lines:
                lines.seek(before)
                written = lines.read()
            status = answer.split(b"\r\n", 1)[0].decode("latin-1")
            head = answer.split(b"\r\n\r\n", 1)[0].lower()
            headers = all(header in head for header in HEADERS)
            not_json = 0
            tracebacks = written.count(b"Traceback (most recent call last)")
            for line in written.splitlines():
                try:
                    json.loads(line)
                except ValueError:
                    not_json += 1
            count = len(written.splitlines())
            print(
                f"| {name} | {status or 'no answer'} | {'yes' if headers else 'no'} | "
                f"{len(written)} | {count} | {not_json} | {tracebacks} |"
            )
            code = status.split(" ")[1] if " " in status else ""
            failed |= not code or code.startswith("5") or not headers
            failed |= bool(not_json or tracebacks)
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
