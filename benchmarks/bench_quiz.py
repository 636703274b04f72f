"""Load and data-safety test for the quiz: 500 completed quizzes over 16 connections.

Runs gunicorn as `make serve` does (2 workers) against DATABASE_URL (default: a fresh SQLite
file), then checks every POST answered 303, exactly 500 rows were stored, and every token
resolves. Prints POST throughput as a ratio to /healthz/live measured the same way in the same
run, and the scoring function's time per call.
Usage: python -m benchmarks.bench_quiz [--posts 500] [--connections 16] [--quick]
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import sys
import tempfile
import time
import timeit
import urllib.parse
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .server import running_server


def django_setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "roadmap_site.settings")
    import django

    django.setup()


class Client:
    """One keep-alive HTTP connection, with the CSRF cookie a browser would hold."""

    def __init__(self, base: str):
        parsed = urllib.parse.urlparse(base)
        if parsed.hostname is None:
            raise ValueError(f"no host in {base!r}")
        self.connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
        self.cookie = ""
        self.token = ""

    def get(self, path: str) -> tuple[int, bytes]:
        headers = {"Cookie": self.cookie} if self.cookie else {}
        self.connection.request("GET", path, headers=headers)
        response = self.connection.getresponse()
        body = response.read()
        cookie = response.getheader("Set-Cookie") or ""
        match = re.search(r"csrftoken=([^;]+)", cookie)
        if match:
            self.cookie = f"csrftoken={match.group(1)}"
        return response.status, body

    def start_quiz(self) -> None:
        _, body = self.get("/quiz/?all=1")  # the one-page form: a POST form with its token
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        if match is None:
            raise SystemExit("the quiz form has no CSRF token")
        self.token = match.group(1).decode()

    def post(self, path: str, fields: dict[str, str]) -> tuple[int, str]:
        body = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": self.token})
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": self.cookie}
        self.connection.request("POST", path, body=body, headers=headers)
        response = self.connection.getresponse()
        response.read()
        return response.status, response.getheader("Location") or ""


def timed_requests[T](
    base: str, connections: int, count: int, work: Callable[[Client, int], T]
) -> tuple[float, list[T]]:
    """Run `count` calls of work(client, i) over `connections` clients: (seconds, results)."""
    clients = [Client(base) for _ in range(connections)]
    for client in clients:
        client.start_quiz()
    results: dict[int, T] = {}

    def run(k: int) -> None:  # each connection is used by one thread only
        for i in range(k, count, connections):
            results[i] = work(clients[k], i)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=connections) as pool:
        list(pool.map(run, range(connections)))
    seconds = time.perf_counter() - started
    return seconds, [results[i] for i in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=500)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--quick", action="store_true", help="skip the scoring micro-benchmark")
    args = parser.parse_args()

    scratch = tempfile.mkdtemp(prefix="bench-quiz-")
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{Path(scratch) / 'bench.sqlite3'}"
    engine = database_url.split(":", 1)[0]
    django_setup(database_url)
    from content_engine import store
    from quiz.models import QuizSubmission
    from quiz.scoring import score

    content = store.get()
    rng = random.Random(500)
    forms = [
        {q.id: rng.choice(q.options).id for q in content.quiz.questions} for _ in range(args.posts)
    ]

    with running_server(workers=2, DATABASE_URL=database_url) as base:
        before = QuizSubmission.objects.count()
        seconds, answers = timed_requests(
            base, args.connections, args.posts, lambda c, i: c.post("/quiz/", forms[i])
        )
        live_seconds, live = timed_requests(
            base, args.connections, args.posts, lambda c, i: c.get("/healthz/live")[0]
        )
        statuses = [status for status, _ in answers]
        locations = [location for _, location in answers]
        stored = QuizSubmission.objects.count() - before
        resolved = sum(
            1 for status in timed_requests(
                base, args.connections, len(locations), lambda c, i: c.get(locations[i])[0]
            )[1] if status == 200
        )  # fmt: skip
        new_tokens = [loc.rstrip("/").rsplit("/", 1)[-1] for loc in locations if loc]
        QuizSubmission.objects.filter(token__in=new_tokens).delete()  # leave the database as found

    ok = statuses.count(303) == args.posts and stored == args.posts and resolved == args.posts
    post_rps, live_rps = args.posts / seconds, args.posts / live_seconds
    print(f"database: {engine}; {args.posts} POSTs over {args.connections} connections")
    print(f"  303 answers:      {statuses.count(303)} / {args.posts}")
    print(f"  rows stored:      {stored}")
    print(f"  tokens resolving: {resolved} / {args.posts}")
    print(f"  POST /quiz/:      {post_rps:.0f} req/s")
    print(f"  GET /healthz/live {live_rps:.0f} req/s (same client, same run)")
    print(f"  ratio POST ÷ live: {post_rps / live_rps:.2f}")
    if not args.quick:
        calls = 2000
        per_call = (
            timeit.timeit(lambda: score(content.quiz, content.roles, forms[0]), number=calls)
            / calls
        )
        print(f"  score() per call: {per_call * 1e6:.0f} µs")
    if not ok or any(s != 303 for s in statuses) or live.count(200) != args.posts:
        sys.exit("FAIL: not every quiz was answered 303, stored once and resolvable")
    print("PASS")


if __name__ == "__main__":
    main()
