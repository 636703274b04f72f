"""The production server, started and stopped for a benchmark or a test: gunicorn with `make
serve`'s command line and production settings, every line it writes kept in a log file.

One harness for both: the benchmarks measure this server (`running_server`), and the tests that
attack it (tests/roadmap_site/, tests/quiz/test_database_down.py, ...) start it with `prepare`
and `gunicorn`. Nothing here imports Django, so a benchmark can set DATABASE_URL before it sets
Django up, and nothing the site runs imports this module (tests/test_layers.py).
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
START_SECONDS = 60  # from gunicorn's launch to /healthz/live answering


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def production_env(tmp: Path, **extra: str) -> dict[str, str]:
    """The environment `make serve` gives the site, on 127.0.0.1, with a SQLite database of its
    own in `tmp` and the in-process cache; `extra` overrides (DATABASE_URL, REDIS_URL, ...)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "roadmap_site.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "local-only-not-a-secret",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SSL_REDIRECT": "0",
        "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("REDIS_URL", None)
    env.update(extra)
    return env


def prepare(env: dict[str, str]) -> None:
    """collectstatic and migrate, as `make serve` does (locked, so parallel runs are safe)."""
    subprocess.run(
        [sys.executable, "manage.py", "prepare_serve"], cwd=ROOT, env=env, check=True, timeout=300
    )


@dataclass
class Server:
    port: int
    log: Path
    process: subprocess.Popen[bytes]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def raw(self, request: bytes, timeout: float = 10) -> bytes:
        """Send bytes as they are, return everything the server answers before it closes."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as sock:
            sock.sendall(request)
            chunks = []
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks)

    def mark(self) -> int:
        """Where the log ends now: pass it to `lines` or `entries` to see only what follows."""
        return self.log.stat().st_size

    def lines(self, since: int = 0) -> list[str]:
        with self.log.open("rb") as log:
            log.seek(since)
            return log.read().decode("utf-8", errors="surrogateescape").splitlines()

    def entries(self, since: int = 0) -> list[dict[str, object]]:
        """Every log line since `since`, parsed; a line that is not JSON raises here."""
        return [json.loads(line) for line in self.lines(since)]

    def wait_for_log(
        self, since: int, predicate: Callable[[dict[str, object]], bool], timeout: float = 5
    ) -> list[dict[str, object]]:
        """The log entries since `since`, once one matches `predicate` (or `timeout` passes)."""
        deadline = time.monotonic() + timeout
        while True:
            entries = self.entries(since)
            if any(predicate(e) for e in entries) or time.monotonic() > deadline:
                return entries
            time.sleep(0.05)


@contextlib.contextmanager
def gunicorn(env: dict[str, str], log: Path, *, workers: int = 1) -> Iterator[Server]:
    """Run gunicorn as `make serve` does, with every line it writes (stdout and stderr) in `log`;
    stop it on the way out."""
    port = free_port()
    env = {**env, "PORT": str(port), "WEB_CONCURRENCY": str(workers)}
    with log.open("ab") as sink:
        process = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "-c", "gunicorn.conf.py", "roadmap_site.wsgi"],
            cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT,
        )  # fmt: skip
    server = Server(port, log, process)
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                with urllib.request.urlopen(server.base + "/healthz/live", timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn did not start:\n{log.read_text()}") from None
                time.sleep(0.05)
        yield server
    finally:
        process.terminate()
        process.wait(timeout=30)


@contextlib.contextmanager
def running_server(*, workers: int = 2, **extra_env: str) -> Iterator[str]:
    """For a benchmark: prepare and start the server, print how long gunicorn took to answer,
    yield its base URL. DATABASE_URL and REDIS_URL are this environment's when it sets them
    (else a fresh SQLite file and the in-process cache); `extra_env` overrides either. Rate
    limits are off. Logs
    warnings and the access log to a file in a scratch folder, whose path is printed."""
    scratch = Path(tempfile.mkdtemp(prefix="benchmark-server-"))
    inherited = {
        name: os.environ[name] for name in ("DATABASE_URL", "REDIS_URL") if os.environ.get(name)
    }
    # A benchmark is one client sending far more than a person would: no rate limits.
    env = production_env(
        scratch, LOG_LEVEL="WARNING", RATE_LIMITS="off", **{**inherited, **extra_env}
    )
    prepare(env)
    started = time.perf_counter()
    with gunicorn(env, scratch / "server.log", workers=workers) as server:
        print(
            f"server up in {time.perf_counter() - started:.2f} s at {server.base} "
            f"({workers} workers; log: {server.log})"
        )
        yield server.base
