"""Slow clients against the production server: can /healthz/live still answer?

Starts gunicorn as `make serve` does (scripts/server.py), opens --connections connections that
each trickle a request head (the request line, then one header line every --interval seconds,
reopening any the server closes), then probes /healthz/live once a second for --seconds and
reports the worst and median probe latency. Everything goes to 127.0.0.1, and the run is
bounded: at most 500 connections and 120 seconds of probing.

Usage: python scripts/slowloris_check.py [--connections 100] [--seconds 15] [--interval 3]
       [--limit 1.0] [--env NAME=VALUE ...] [--json]
Exit status 1 when any probe failed or took longer than --limit seconds.
`--env GUNICORN_CMD_ARGS="--worker-class sync"` measures another serving model.
"""

from __future__ import annotations

import argparse
import http.client
import json
import socket
import statistics
import threading
import time
from urllib.parse import urlsplit

from server import running_server

HOST = "127.0.0.1"
MAX_CONNECTIONS = 500
MAX_SECONDS = 120
PROBE_TIMEOUT = 5.0


class SlowClients:
    """Connections that each send a request head one header line at a time, forever."""

    def __init__(self, port: int, count: int, interval: float) -> None:
        self.port, self.count, self.interval = port, count, interval
        self.sockets: list[socket.socket | None] = [None] * count
        self.reopened = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def open(self, index: int) -> None:
        sock = socket.create_connection((HOST, self.port), timeout=2)
        sock.sendall(f"GET /healthz/live?slow={index} HTTP/1.1\r\nHost: {HOST}\r\n".encode())
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

    def start(self) -> None:
        for index in range(self.count):
            try:
                self.open(index)
            except OSError:
                self.sockets[index] = None
        self.thread.start()

    def close(self) -> None:
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
    connection = http.client.HTTPConnection(HOST, port, timeout=PROBE_TIMEOUT)
    try:
        connection.request("GET", "/healthz/live")
        response = connection.getresponse()
        body = response.read()
        if response.status != 200 or body != b"ok":
            return None
    except OSError:
        return None
    finally:
        connection.close()
    return time.perf_counter() - started


def measure(base: str, connections: int, seconds: int, interval: float) -> dict[str, object]:
    port = urlsplit(base).port
    if urlsplit(base).hostname != HOST or port is None:
        raise SystemExit(f"refusing to test anything but {HOST}: {base}")
    clients = SlowClients(port, connections, interval)
    clients.start()
    try:
        time.sleep(interval)  # every slow client is now part-way through its head
        latencies: list[float] = []
        failed = 0
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            started = time.monotonic()
            latency = probe(port)
            if latency is None:
                failed += 1
            else:
                latencies.append(latency)
            time.sleep(max(0.0, 1.0 - (time.monotonic() - started)))
        still_open = clients.open_count
    finally:
        clients.close()
    worst = PROBE_TIMEOUT if failed else max(latencies, default=0.0)
    return {
        "slow_connections": connections,
        "slow_connections_open_at_end": still_open,
        "slow_connections_reopened": clients.reopened,
        "probes": len(latencies) + failed,
        "probes_failed": failed,
        "worst_s": round(worst, 3),
        "median_s": round(statistics.median(latencies), 3) if latencies else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--connections", type=int, default=100)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--interval", type=float, default=3.0)
    parser.add_argument("--limit", type=float, default=1.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON line")
    args = parser.parse_args()
    if not 0 < args.connections <= MAX_CONNECTIONS or not 0 < args.seconds <= MAX_SECONDS:
        raise SystemExit(f"at most {MAX_CONNECTIONS} connections and {MAX_SECONDS} seconds")
    extra = dict(item.split("=", 1) for item in args.env)
    with running_server(workers=args.workers, **extra) as base:
        figures = measure(base, args.connections, args.seconds, args.interval)
    if args.json:
        print(json.dumps(figures))
    else:
        print(
            f"{figures['slow_connections']} slow connections "
            f"({figures['slow_connections_open_at_end']} open at the end, "
            f"{figures['slow_connections_reopened']} reopened): {figures['probes']} probes of "
            f"/healthz/live, {figures['probes_failed']} failed, worst {figures['worst_s']} s, "
            f"median {figures['median_s']} s"
        )
    worst = figures["worst_s"]
    if figures["probes_failed"] or not isinstance(worst, float) or worst > args.limit:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
