"""Start the production-like server (the `make serve` command line) for a benchmark, and stop it."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


# Every kind of content page, once: what the benchmarks and outage checks request.
CONTENT_PAGES = [
    "/",
    "/route/",
    "/route/?hours=20",
    "/route/orientation/",
    "/skills/",
    "/skills/?background=backend",
    "/skills/?skill=rag",
    "/roles/",
    "/roles/agent-engineer/",
    "/roles/compare/?a=ai-engineer&b=ml-engineer",
    "/lenses/",
    "/compare/",
    "/faq/",
    "/api/v1/content.json",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def production_env(port: int, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "benchmark-only-not-a-secret",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SSL_REDIRECT": "0",
        "PORT": str(port),
        "LOG_LEVEL": "WARNING",
    }
    env.update(extra)
    return env


@contextlib.contextmanager
def running_server(*, workers: int = 2, log: Path | None = None, **extra_env: str) -> Iterator[str]:
    """Collect static files, migrate, run gunicorn as `make serve` does; yield its base URL.
    Everything it writes goes to `log` when given; else its log lines (stdout) are dropped."""
    port = free_port()
    env = production_env(port, WEB_CONCURRENCY=str(workers), **extra_env)
    prepare = [sys.executable, "manage.py", "prepare_serve"]  # locked: start-ups may overlap
    subprocess.run(prepare, cwd=ROOT, env=env, check=True)
    command = [str(VENV_BIN / "gunicorn"), "-c", "gunicorn.conf.py", "roadmap_site.wsgi"]
    started = time.perf_counter()
    stdout = log.open("ab") if log else None
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=stdout or subprocess.DEVNULL,
        stderr=subprocess.STDOUT if stdout else subprocess.PIPE,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                with urllib.request.urlopen(base + "/healthz/live", timeout=1):
                    break
            except OSError:
                if process.poll() is not None:
                    message = process.stderr.read().decode() if process.stderr else ""
                    raise SystemExit(message) from None
                time.sleep(0.05)
        print(f"server up in {time.perf_counter() - started:.2f} s at {base} ({workers} workers)")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)
        if stdout:
            stdout.close()
