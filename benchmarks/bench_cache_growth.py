"""Worker memory under distinct junk query strings.

Starts gunicorn on 127.0.0.1 exactly as `make serve` does (benchmarks/server.py), warms every
worker, reads each worker's RSS, sends N requests with distinct junk query strings (by default
`/api/v1/content.json?b=<n>`, the attack from the finding), reads RSS again and reports the
growth. Bounded: at most --seconds of sending, over --connections connections, to 127.0.0.1
only. With --redis-url (a Redis on 127.0.0.1) the server uses it as its cache and the script
also reports Redis's key count and memory before and after.

Usage: python -m benchmarks.bench_cache_growth [--requests 20000] [--connections 8]
       [--seconds 300] [--template '/api/v1/content.json?b={n}'] [--redis-url URL]
Exit status 1 when any worker grew by --limit-mb (30) or more.
"""

from __future__ import annotations

import argparse
import http.client
import sys
import threading
import time
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

from .server import running_server

LOOPBACK = {"127.0.0.1", "localhost"}


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise SystemExit(f"no VmRSS for process {pid}")


def gunicorn_workers(port: int) -> list[int]:
    """The worker processes of the gunicorn master serving `port` (found through /proc)."""
    masters, parents = [], {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
            environ = (entry / "environ").read_bytes().split(b"\0")
            status = (entry / "status").read_text()
        except OSError:
            continue  # gone, or not ours
        ppid = next(int(line.split()[1]) for line in status.splitlines() if line[:5] == "PPid:")
        parents[int(entry.name)] = ppid
        if any(b"gunicorn" in part for part in cmdline) and f"PORT={port}".encode() in environ:
            masters.append(int(entry.name))
    for master in masters:
        if parents.get(master) not in masters:  # the master's parent is not a gunicorn
            return sorted(pid for pid, ppid in parents.items() if ppid == master)
    raise SystemExit(f"no gunicorn master found for port {port}")


def send(base: str, paths: list[str], deadline: float, connections: int) -> tuple[int, int, float]:
    """GET every path over `connections` threads until done or the deadline: (sent, non-200s,
    seconds)."""
    parts = urlsplit(base)
    assert parts.hostname in LOOPBACK, base
    lock = threading.Lock()
    position, sent, failures = 0, 0, 0

    def worker() -> None:
        nonlocal position, sent, failures
        conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
        while time.monotonic() < deadline:
            with lock:
                if position >= len(paths):
                    return
                path, position = paths[position], position + 1
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()  # sync workers close each connection; reconnect on next request
            except (OSError, http.client.HTTPException):
                conn.close()
                ok = False
            with lock:
                sent += 1
                failures += 0 if ok else 1
        conn.close()

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sent, failures, time.monotonic() - started


def redis_figures(url: str) -> str:
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
    info = cast("dict[str, Any]", client.info("memory"))  # the sync client: a dict
    return f"{client.dbsize()} keys, used_memory {info['used_memory'] / 1e6:.1f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=300, help="stop sending after this")
    parser.add_argument("--template", default="/api/v1/content.json?b={n}")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit-mb", type=float, default=30)
    parser.add_argument("--redis-url", default="", help="e.g. redis://127.0.0.1:6379/15")
    args = parser.parse_args()
    extra = {}
    if args.redis_url:
        if urlsplit(args.redis_url).hostname not in LOOPBACK:
            sys.exit("--redis-url must point at 127.0.0.1")
        extra["REDIS_URL"] = args.redis_url
        import redis

        redis.Redis.from_url(args.redis_url, socket_connect_timeout=2).flushdb()

    with running_server(workers=args.workers, **extra) as base:
        port = urlsplit(base).port or 0
        workers = gunicorn_workers(port)
        canonical = args.template.split("?")[0]
        warm = [canonical, "/", "/route/", "/roles/", "/faq/"] * (20 * len(workers))
        send(base, warm, time.monotonic() + 60, args.connections)
        before = {pid: rss_mb(pid) for pid in workers}
        redis_before = redis_figures(args.redis_url) if args.redis_url else ""
        paths = [args.template.format(n=n) for n in range(args.requests)]
        sent, failures, seconds = send(
            base, paths, time.monotonic() + args.seconds, args.connections
        )
        time.sleep(0.5)
        after = {pid: rss_mb(pid) for pid in workers}
        redis_after = redis_figures(args.redis_url) if args.redis_url else ""

    print(
        f"\n{sent} requests like {args.template.format(n=12345)} in {seconds:.1f} s "
        f"({sent / seconds:.0f}/s) over {args.connections} connections, {failures} not 200"
    )
    print("| worker | RSS before MB | RSS after MB | growth MB |")
    print("|---|---:|---:|---:|")
    for pid in workers:
        print(f"| {pid} | {before[pid]:.1f} | {after[pid]:.1f} | {after[pid] - before[pid]:+.1f} |")
    if args.redis_url:
        print(f"Redis before: {redis_before}; after: {redis_after}")
    growth = max(after[pid] - before[pid] for pid in workers)
    complete = sent == args.requests and failures == 0
    verdict = "PASS" if growth < args.limit_mb and complete else "FAIL"
    print(f"{verdict}: largest growth {growth:+.1f} MB (limit {args.limit_mb:g} MB)")
    if not complete:
        print(f"only {sent - failures} of {args.requests} requests answered 200 in time")
    sys.exit(0 if verdict == "PASS" else 1)


if __name__ == "__main__":
    main()
