"""HEAD over a real socket: the GET's status and headers, and not one byte of body. Django's test
client strips HEAD bodies itself, so only gunicorn, spoken to in HTTP/1.1, can show a body
that would be read as the start of the next response on a kept-alive connection."""

from __future__ import annotations

import socket

import pytest

from benchmarks.server import Server

PATHS = [
    "/", "/route/", "/route/orientation/", "/skills/?background=backend", "/roles/",
    "/roles/ai-engineer/", "/roles/compare/?a=ai-engineer&b=ml-engineer", "/faq/", "/guides/",
    "/guides/what-carries-over/", "/search/?q=evals", "/quiz/", "/quiz/?step=1", "/plan/",
    "/api/v1/content.json", "/healthz/live", "/healthz/ready", "/robots.txt", "/sitemap.xml",
    "/favicon.ico", "/no-such-page/", "/quiz/result/NoSuchResultToken00000/",
]  # fmt: skip


def read_response(reader, *, head: bool) -> tuple[int, dict[str, str], bytes]:
    """One HTTP/1.1 response from the stream: status, headers, and a body read by its framing
    (none at all for HEAD)."""
    status_line = reader.readline()
    assert status_line.startswith(b"HTTP/1.1 "), status_line
    headers: dict[str, str] = {}
    while (line := reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    if head:
        return int(status_line.split()[1]), headers, b""
    if "content-length" in headers:
        body = reader.read(int(headers["content-length"]))
    else:
        assert headers.get("transfer-encoding") == "chunked", headers
        body = b""
        while size := int(reader.readline().split(b";")[0], 16):
            body += reader.read(size)
            reader.readline()
        reader.readline()
    return int(status_line.split()[1]), headers, body


def request(method: str, path: str, connection: str) -> bytes:
    return (
        f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: {connection}\r\n\r\n".encode()
    )


@pytest.mark.parametrize("path", PATHS)
def test_head_then_get_on_one_connection_parse_as_two_responses(
    production_server: Server, path: str
):
    with socket.create_connection(("127.0.0.1", production_server.port), timeout=10) as sock:
        # The HEAD keeps the connection open; the server closes it after the GET, so whatever
        # follows the GET's body is read to the end, without waiting on a timeout.
        sock.sendall(request("HEAD", path, "keep-alive") + request("GET", path, "close"))
        reader = sock.makefile("rb")
        head_status, head_headers, _ = read_response(reader, head=True)
        get_status, get_headers, body = read_response(reader, head=False)
        extra = reader.read()
    assert head_status == get_status, path
    assert extra == b"", f"{path}: bytes after the GET's body: {extra[:80]!r}"
    if "content-length" in get_headers:
        assert head_headers.get("content-length") == get_headers["content-length"], path
        assert int(get_headers["content-length"]) == len(body)
    assert head_headers.get("content-type") == get_headers.get("content-type"), path


def test_a_head_alone_sends_headers_and_nothing_else(production_server: Server):
    answer = production_server.raw(
        b"HEAD / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    head, _, rest = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200")
    assert b"content-length: " in head.lower()
    assert rest == b""
