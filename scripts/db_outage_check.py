"""Cut the database under load: no 500, no orphan row, every acknowledged submission resolvable.

Runs gunicorn as `make serve` does against PostgreSQL reached through a small TCP relay on
127.0.0.1, posts --posts completed quizzes over --connections connections, and --cut-after
seconds in, cuts the relay for --cut-seconds: open database connections are closed, and new
ones are either closed at once (`--mode refuse`, a database that is down) or accepted and never
answered (`--mode silent`, a database that has gone quiet). Then it checks:

- no answer but 303 (stored) or 503 (answers kept, try again);
- once the database is back, every 503's kept form, sent again as the person would by pressing
  "See my result", is stored (303), once: a submission whose commit succeeded but whose answer
  was lost with the connection comes back under the same key instead of a second row;
- no orphan row: every row written belongs to a submission answered 303;
- every 303's result page resolves.

Everything stays on 127.0.0.1 and is bounded (at most 10,000 posts, a 30 s cut). The rows it
wrote are deleted at the end. Needs PostgreSQL: DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/test.
Usage: python scripts/db_outage_check.py [--posts 2500] [--connections 16] [--cut-after 1]
       [--cut-seconds 4] [--mode refuse|silent]
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import http.client
import os
import random
import re
import selectors
import socket
import sys
import threading
import time
import urllib.parse
from urllib.parse import urlsplit, urlunsplit

from bench_quiz import Client, django_setup, timed_requests
from server import free_port, running_server

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/test"
LOCAL = {"127.0.0.1", "localhost"}


class Relay:
    """A TCP relay to the database that can be cut and restored."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = free_port()
        self.listener = socket.create_server(("127.0.0.1", self.port))
        self.mode = ""  # "" relays; "refuse" closes new connections; "silent" holds them mute
        self.lock = threading.Lock()
        self.pairs: list[tuple[socket.socket, socket.socket]] = []
        self.held: list[socket.socket] = []
        self.stop = threading.Event()
        threading.Thread(target=self.accept_loop, daemon=True).start()

    def accept_loop(self) -> None:
        self.listener.settimeout(0.2)
        while not self.stop.is_set():
            try:
                client, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:  # closed
                return
            with self.lock:
                mode = self.mode
            if mode == "refuse":
                client.close()
            elif mode == "silent":
                with self.lock:
                    self.held.append(client)
            else:
                upstream = socket.create_connection(self.target, timeout=5)
                with self.lock:
                    self.pairs.append((client, upstream))
                threading.Thread(target=self.pump, args=(client, upstream), daemon=True).start()

    def pump(self, a: socket.socket, b: socket.socket) -> None:
        selector = selectors.DefaultSelector()
        selector.register(a, selectors.EVENT_READ, b)
        selector.register(b, selectors.EVENT_READ, a)
        try:
            while not self.stop.is_set():
                for key, _ in selector.select(timeout=0.5):
                    source = key.fileobj
                    assert isinstance(source, socket.socket)
                    data = source.recv(65536)
                    if not data:
                        return
                    key.data.sendall(data)
        except OSError:
            return
        finally:
            selector.close()
            a.close()
            b.close()

    def cut(self, mode: str) -> None:
        with self.lock:
            self.mode = mode
            pairs, self.pairs = self.pairs, []
        for a, b in pairs:
            for sock in (a, b):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def restore(self) -> None:
        with self.lock:
            self.mode = ""
            held, self.held = self.held, []
        for sock in held:
            sock.close()

    def close(self) -> None:
        self.stop.set()
        self.cut("refuse")
        self.restore()
        self.listener.close()


HIDDEN = re.compile(r'<input type="hidden" name="([\w-]+)" value="([^"]*)">')


def submit(client: Client, form: dict[str, str]) -> tuple[int, str, dict[str, str]]:
    """POST one quiz: (status, Location, the form a 503 page kept for a retry); status 0 when
    no answer came (timed out, reset)."""
    body = urllib.parse.urlencode({**form, "csrfmiddlewaretoken": client.token})
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": client.cookie}
    try:
        client.connection.request("POST", "/quiz/", body=body, headers=headers)
        response = client.connection.getresponse()
        page = response.read().decode()
    except (OSError, http.client.HTTPException):
        client.connection.close()  # the next request opens a new connection
        return 0, "", {}
    kept = dict(HIDDEN.findall(page)) if response.status == 503 else {}
    return response.status, response.getheader("Location") or "", kept


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=2500)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--cut-after", type=float, default=1.0)
    parser.add_argument("--cut-seconds", type=float, default=4.0)
    parser.add_argument("--mode", choices=["refuse", "silent"], default="refuse")
    args = parser.parse_args()
    if not 0 < args.posts <= 10_000 or not 0 < args.cut_seconds <= 30 or args.connections > 64:
        raise SystemExit("at most 10,000 posts, 64 connections and a 30 s cut")

    database_url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE
    parts = urlsplit(database_url)
    if parts.scheme not in {"postgres", "postgresql"} or parts.hostname not in LOCAL:
        raise SystemExit(f"needs PostgreSQL on 127.0.0.1: {database_url}")
    django_setup(database_url)  # this process counts rows directly, not through the relay
    from content_engine import store
    from quiz.models import QuizSubmission

    content = store.get()
    rng = random.Random(6)
    forms = [
        {q.id: rng.choice(q.options).id for q in content.quiz.questions} for _ in range(args.posts)
    ]
    relay = Relay(("127.0.0.1", parts.port or 5432))
    netloc = parts.netloc.rsplit("@", 1)[0] + "@" if "@" in parts.netloc else ""
    relayed = urlunsplit(parts._replace(netloc=f"{netloc}127.0.0.1:{relay.port}"))

    def outage() -> None:
        time.sleep(args.cut_after)
        relay.cut(args.mode)
        time.sleep(args.cut_seconds)
        relay.restore()

    try:
        with running_server(workers=2, DATABASE_URL=relayed) as base:
            newest = QuizSubmission.objects.order_by("-id").first()
            first_id = newest.id if newest else 0
            cutter = threading.Thread(target=outage)
            cutter.start()
            seconds, answers = timed_requests(
                base, args.connections, args.posts, lambda c, i: submit(c, forms[i])
            )
            cutter.join()
            # The database is back: everyone shown the 503 page presses the button again.
            kept = [form for status, _, form in answers if status == 503]
            _, retries = timed_requests(
                base, args.connections, len(kept), lambda c, i: submit(c, kept[i])
            )
            statuses = collections.Counter(status for status, _, _ in answers)
            retried = collections.Counter(status for status, _, _ in retries)
            acknowledged = {
                location.rstrip("/").rsplit("/", 1)[-1]
                for status, location, _ in answers + retries
                if status == 303
            }
            written = set(
                QuizSubmission.objects.filter(id__gt=first_id).values_list("token", flat=True)
            )
            orphans = written - acknowledged
            missing = acknowledged - written
            checker = Client(base)
            resolved = sum(checker.get(f"/quiz/result/{t}/")[0] == 200 for t in acknowledged)
            QuizSubmission.objects.filter(id__gt=first_id).delete()  # leave it as found
    finally:
        relay.close()

    others = {status: n for status, n in statuses.items() if status not in (303, 503)}
    print(
        f"{args.posts} POSTs over {args.connections} connections in {seconds:.1f} s, database "
        f"cut ({args.mode}) for {args.cut_seconds:g} s after {args.cut_after:g} s"
    )
    print(f"  303 stored:           {statuses[303]}")
    print(f"  503 kept answers:     {statuses[503]}")
    print(f"  anything else:        {others or 'none'} (0: no answer within 30 s)")
    print(f"  503s retried, stored: {retried[303]} / {len(kept)}")
    print(f"  orphan rows:          {len(orphans)}")
    print(f"  acknowledged, absent: {len(missing)}")
    print(f"  results resolving:    {resolved} / {len(acknowledged)}")
    failed = others or orphans or missing or retried[303] != len(kept)
    if failed or resolved != len(acknowledged) or not statuses[503]:
        sys.exit("FAIL")
    print("PASS")


if __name__ == "__main__":
    main()
