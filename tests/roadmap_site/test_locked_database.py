"""Writers cannot starve readers: while another process holds the SQLite write lock and ten
plan saves wait on it, `/healthz/live` and a content page still answer within a second, and
each save answers 503 with its ticks kept once it gives up (`make serve`'s gunicorn, one
worker, its four threads)."""

from __future__ import annotations

import http.client
import re
import sqlite3
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from benchmarks.server import gunicorn, prepare, production_env
from content_engine.content import Content

CSRF = "b" * 32
SAVES = 10
HEADERS = {
    "Content-Type": "application/x-www-form-urlencoded",
    "Cookie": f"csrftoken={CSRF}",
    "X-CSRFToken": CSRF,
}


def post(port: int, path: str, form: list[tuple[str, str]]) -> tuple[int, str, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("POST", path, body=urllib.parse.urlencode(form), headers=HEADERS)
        response = connection.getresponse()
        return response.status, response.getheader("Location", ""), response.read().decode()
    finally:
        connection.close()


def timed_get(port: int, path: str) -> tuple[int, float]:
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        status = connection.getresponse().status
    finally:
        connection.close()
    return status, time.perf_counter() - started


@pytest.mark.slow
def test_pages_answer_within_a_second_while_ten_saves_wait_on_a_lock(
    tmp_path: Path, content: Content
):
    env = production_env(tmp_path, RATE_LIMITS="off", GUNICORN_THREADS="4")
    prepare(env)
    stage = content.stages[0]
    ticks = [stage.deliverable.id, stage.done_when[0].id]
    with gunicorn(env, tmp_path / "server.log", workers=1) as server:
        tokens = []
        for _ in range(SAVES):
            status, location, _ = post(
                server.port, "/plan/", [("background", "backend"), ("hours", "12")]
            )
            assert status == 303, status
            tokens.append(location.strip("/").rsplit("/", 1)[-1])
        assert timed_get(server.port, "/route/")[0] == 200  # rendered and cached before the lock

        lock = sqlite3.connect(tmp_path / "db.sqlite3", timeout=1)
        lock.execute("BEGIN EXCLUSIVE")  # what a long migration or a stuck writer holds
        try:
            with ThreadPoolExecutor(SAVES) as pool:
                saves = [
                    pool.submit(post, server.port, f"/plan/{t}/", [("done", i) for i in ticks])
                    for t in tokens
                ]
                time.sleep(0.3)  # every save has arrived and holds a thread or waits for one
                readers = [timed_get(server.port, p) for p in ("/healthz/live", "/route/", "/")]
                answers = [save.result(timeout=60) for save in saves]
        finally:
            lock.rollback()
            lock.close()

    for status, seconds in readers:
        assert status == 200
        assert seconds < 1.0, f"a reader waited {seconds:.2f} s behind the saves"
    for status, _, page in answers:
        assert status == 503
        assert "Your progress is not saved yet" in page
        kept = re.findall(r'<input type="hidden" name="done" value="([^"]+)">', page)
        assert sorted(kept) == sorted(ticks)


@pytest.fixture(autouse=True)
def _no_shared_cache(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
