"""Content pages with the cache down (issue 8, finding 1).

Starts gunicorn on 127.0.0.1 as `make serve` does (scripts/server.py) with REDIS_URL pointing
first at a closed port on 127.0.0.1, then at a server on 127.0.0.1 that accepts connections and
never answers. Each time it requests every content page and the API for --rounds rounds and
reports status codes and the slowest answer, then shows /healthz/ready. Every request has a
client timeout of --timeout seconds, so the script is bounded even against a server that hangs.

Usage: python scripts/bench_cache_outage.py [--rounds 5] [--timeout 5]
Exit status 1 unless every answer was 200 within 2 s.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import socket
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

from server import CONTENT_PAGES, running_server

URLS = CONTENT_PAGES
BUDGET_SECONDS = 2.0


@contextlib.contextmanager
def closed_port() -> Iterator[int]:
    """A port on 127.0.0.1 that refuses connections: bound, never listening."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


@contextlib.contextmanager
def silent_server() -> Iterator[int]:
    """A server on 127.0.0.1 that accepts connections and never sends a byte."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    listener.settimeout(0.1)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue
            except OSError:
                return

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join(timeout=2)
        for conn in held:
            conn.close()
        listener.close()


def fetch(url: str, timeout: float) -> tuple[int | str, float, bytes]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            status: int | str = response.status
            body = response.read()
    except urllib.error.HTTPError as error:
        status, body = error.code, b""
    except OSError as error:
        status, body = type(error).__name__, b""
    return status, time.perf_counter() - started, body


def measure(label: str, port: int, rounds: int, timeout: float) -> bool:
    with running_server(REDIS_URL=f"redis://127.0.0.1:{port}/0") as base:
        results: dict[str, list[tuple[int | str, float]]] = {url: [] for url in URLS}
        for _ in range(rounds):
            for url in URLS:
                status, seconds, _ = fetch(base + url, timeout)
                results[url].append((status, seconds))
        ready_status, ready_seconds, ready_body = fetch(base + "/healthz/ready", timeout)
    print(f"\n## Redis {label} (redis://127.0.0.1:{port}/0), {rounds} rounds\n")
    print("| URL | statuses | slowest s | median s |")
    print("|---|---|---:|---:|")
    ok = True
    for url, answers in results.items():
        statuses = sorted({str(status) for status, _ in answers})
        times = sorted(seconds for _, seconds in answers)
        print(f"| {url} | {', '.join(statuses)} | {times[-1]:.3f} | {times[len(times) // 2]:.3f} |")
        ok &= all(status == 200 and s < BUDGET_SECONDS for status, s in answers)
    ready = json.loads(ready_body) if ready_body else {}
    print(f"\n/healthz/ready: {ready_status} in {ready_seconds:.3f} s: {json.dumps(ready)}")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=5.0, help="client timeout per request")
    args = parser.parse_args()
    with closed_port() as port:
        refused = measure("refusing connections", port, args.rounds, args.timeout)
    with silent_server() as port:
        silent = measure("accepting and never answering", port, args.rounds, args.timeout)
    verdict = refused and silent
    print(f"\n{'PASS' if verdict else 'FAIL'}: every answer 200 within {BUDGET_SECONDS:g} s")
    sys.exit(0 if verdict else 1)


if __name__ == "__main__":
    main()
