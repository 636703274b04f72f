"""DATABASE_POOL=1: one psycopg pool per process on PostgreSQL, sized to gunicorn's threads."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from typing import Any

import pytest
from django.conf import settings

POSTGRES = "postgres://app@db.invalid:5432/site"
SETTINGS_PROBE = """
import json
from roadmap_site import settings
print(json.dumps(settings.DATABASES["default"], default=str))
"""


def run(code: str, env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "roadmap_site.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "x" * 60,
        "DJANGO_SSL_REDIRECT": "0",
    }
    for name in ("DATABASE_POOL", "GUNICORN_THREADS"):
        environment.pop(name, None)
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def database(**env: str) -> dict[str, Any]:
    result = run(SETTINGS_PROBE, env)
    assert result.returncode == 0, result.stderr
    value: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return value


def test_off_by_default_connections_are_kept_per_thread():
    db = database(DATABASE_URL=POSTGRES)
    assert "pool" not in db["OPTIONS"]
    assert db["CONN_MAX_AGE"] == 60 and db["CONN_HEALTH_CHECKS"] is True
    assert db["OPTIONS"]["connect_timeout"] == 5


@pytest.mark.parametrize(("threads", "size"), [(None, 4), ("8", 8), ("1", 1)])
def test_pool_holds_a_connection_per_gunicorn_thread(threads, size):
    env = {"DATABASE_URL": POSTGRES, "DATABASE_POOL": "1"}
    if threads is not None:
        env["GUNICORN_THREADS"] = threads
    db = database(**env)
    # Django refuses a pool with persistent connections; health checks stay on (the pool's check).
    assert db["CONN_MAX_AGE"] == 0 and db["CONN_HEALTH_CHECKS"] is True
    assert db["OPTIONS"] == {
        "connect_timeout": 5,
        "pool": {"min_size": size, "max_size": size, "timeout": 5},
    }


def test_sqlite_ignores_the_pool_setting():
    db = database(DATABASE_URL="sqlite:///:memory:", DATABASE_POOL="1")
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert "pool" not in db["OPTIONS"] and db["CONN_MAX_AGE"] == 60


def test_django_accepts_the_pool_and_the_preloaded_app_opens_none():
    """gunicorn preloads the app in its master (preload_app) and forks the workers: a pool opened
    there would reach every worker with its threads gone. Loading the app, as the master does,
    must leave no pool; the pool Django then builds (unopened) is the configured one."""
    code = """
import json
import roadmap_site.wsgi
from django.db import connections
from django.urls import get_resolver
get_resolver().url_patterns
connection = connections["default"]
before = dict(type(connection)._connection_pools)
pool = connection.pool
print(json.dumps({"before": len(before), "min": pool.min_size, "max": pool.max_size,
                  "timeout": pool.timeout, "closed": pool.closed}))
"""
    env = {"DATABASE_URL": POSTGRES, "DATABASE_POOL": "1", "DJANGO_ALLOWED_HOSTS": "localhost"}
    result = run(code, env)
    assert result.returncode == 0, result.stderr
    facts = json.loads(result.stdout.strip().splitlines()[-1])
    assert facts == {"before": 0, "min": 4, "max": 4, "timeout": 5, "closed": True}


def test_a_process_that_used_the_pool_exits_at_once():
    """Left to the garbage collector, psycopg's pool waits 5 s for each of its four threads at
    exit; settings close it with atexit (roadmap_site/pooling.py)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("needs DATABASE_URL pointing at PostgreSQL")
    code = """
import django
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("SELECT 1")
assert not connection.pool.closed
print("used")
"""
    started = time.monotonic()
    result = run(code, {"DATABASE_URL": url, "DATABASE_POOL": "1"})
    seconds = time.monotonic() - started
    assert result.returncode == 0 and "used" in result.stdout, result.stderr
    assert "couldn't stop thread" not in result.stdout + result.stderr
    assert seconds < 8, f"exited after {seconds:.1f} s"
