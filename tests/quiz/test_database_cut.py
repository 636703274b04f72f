"""PostgreSQL cut under load: no 500, no orphan row, every acknowledged submission resolvable
(measured in docs/operations.md).

The production server reaches PostgreSQL through a TCP relay on 127.0.0.1. Completed quizzes are
posted over several connections while the relay is cut for two seconds: open database
connections are closed, and new ones are either closed at once (`refuse`, a database that is
down) or accepted and never answered (`silent`, a database that has gone quiet). Then:

- every answer was 303 (stored) or 503 (answers kept, try again), and some were 503s;
- once the database is back, every 503's kept form, sent again as the person would by pressing
  "See my result", is stored (303), once: a submission whose commit succeeded but whose answer
  was lost with the connection comes back under the same key instead of a second row;
- no orphan row: every row written belongs to a submission answered 303;
- every 303's result page resolves.

Runs where the suite runs on PostgreSQL on this machine (`make ci-services`); skipped on SQLite.
"""

from __future__ import annotations

import collections
import contextlib
import http.client
import random
import re
import selectors
import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection

from benchmarks.server import Server, free_port, gunicorn, prepare, production_env
from quiz.models import QuizSubmission

LOCAL = {"127.0.0.1", "localhost"}
CONNECTIONS = 8
CUT_AFTER, CUT_SECONDS, AFTER_CUT = 0.5, 2.0, 0.5  # seconds
CSRF = "a" * 32
HIDDEN = re.compile(r'<input type="hidden" name="([\w-]+)" value="([^"]*)">')


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


Answer = tuple[int, str, dict[str, str]]  # status (0: no answer), Location, the kept form


class Browser:
    """One keep-alive connection posting quizzes, with the CSRF cookie a browser would hold."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def submit(self, form: dict[str, str]) -> Answer:
        body = urllib.parse.urlencode(form)
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={CSRF}",
            "X-CSRFToken": CSRF,
        }
        try:
            self.connection.request("POST", "/quiz/", body=body, headers=headers)
            response = self.connection.getresponse()
            page = response.read().decode()
        except (OSError, http.client.HTTPException):
            self.connection.close()  # the next request opens a new connection
            return 0, "", {}
        kept = {}
        if response.status == 503:
            kept = {k: v for k, v in HIDDEN.findall(page) if k != "csrfmiddlewaretoken"}
        return response.status, response.getheader("Location") or "", kept


def relayed_url(relay: Relay) -> str:
    """The test database, as the server reaches it: through the relay."""
    given = connection.settings_dict
    user = urllib.parse.quote(given["USER"] or "", safe="")
    password = urllib.parse.quote(given["PASSWORD"] or "", safe="")
    login = f"{user}:{password}@" if password else f"{user}@" if user else ""
    return f"postgres://{login}127.0.0.1:{relay.port}/{given['NAME']}"


@pytest.fixture
def relay() -> Iterator[Relay]:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL): the database is cut through a relay")
    host = connection.settings_dict["HOST"] or "127.0.0.1"
    if host not in LOCAL:
        pytest.skip(f"the relay cuts a database on this machine, not {host}")
    made = Relay((host, int(connection.settings_dict["PORT"] or 5432)))
    yield made
    made.close()


@pytest.fixture
def relayed_server(relay: Relay, tmp_path: Path) -> Iterator[Server]:
    prepare(production_env(tmp_path))  # static files; the test database is migrated already
    # Eight connections from one address post far more than a person would: no rate limits.
    env = production_env(
        tmp_path, DATABASE_URL=relayed_url(relay), LOG_LEVEL="WARNING", RATE_LIMITS="off"
    )
    with gunicorn(env, tmp_path / "server.log", workers=2) as server:
        yield server


def post_through_a_cut(server: Server, relay: Relay, mode: str, content) -> list[Answer]:
    """Post completed quizzes over CONNECTIONS connections from before the cut until after the
    database is back; every answer."""
    questions = content.quiz.questions
    answers: list[Answer] = []
    lock, done = threading.Lock(), threading.Event()

    def post(seed: int) -> None:
        browser, pick = Browser(server.port), random.Random(seed)
        while not done.is_set():
            answer = browser.submit({q.id: pick.choice(q.options).id for q in questions})
            with lock:
                answers.append(answer)

    threads = [threading.Thread(target=post, args=(n,)) for n in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(CUT_AFTER)
        relay.cut(mode)
        time.sleep(CUT_SECONDS)
        relay.restore()
        time.sleep(AFTER_CUT)
    finally:
        done.set()
        for thread in threads:
            thread.join(timeout=60)
    return answers


def token(location: str) -> str:
    return location.rstrip("/").rsplit("/", 1)[-1]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("mode", ["refuse", "silent"])
def test_cutting_the_database_under_load_loses_no_submission(
    relayed_server: Server, relay: Relay, content, mode
):
    server = relayed_server
    newest = QuizSubmission.objects.order_by("-id").first()
    answers = post_through_a_cut(server, relay, mode, content)
    statuses = collections.Counter(status for status, _, _ in answers)
    assert set(statuses) <= {303, 503}, statuses  # no 500, and an answer every time (not 0)
    assert statuses[303] and statuses[503], statuses  # the cut fell among the posts

    # The database is back: everyone shown the 503 page presses the button again.
    kept = [form for status, _, form in answers if status == 503]
    browser = Browser(server.port)
    retries = [browser.submit(form) for form in kept]
    assert [status for status, _, _ in retries] == [303] * len(kept)

    acknowledged = {token(location) for status, location, _ in answers + retries if status == 303}
    rows = QuizSubmission.objects.filter(id__gt=newest.id if newest else 0)
    written = set(rows.values_list("token", flat=True))
    assert written == acknowledged  # no orphan row, and every acknowledged submission stored
    check = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    with contextlib.closing(check):
        for key in sorted(acknowledged):
            check.request("GET", f"/quiz/result/{key}/")
            response = check.getresponse()
            response.read()
            assert response.status == 200, key
