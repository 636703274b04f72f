"""`manage.py prepare_serve`: get ready to serve, safely when several start-ups happen at once
(two `make serve`, a restart loop, several instances on one database).

- Both steps run under an exclusive lock on a file named after this checkout, so start-ups on
  one machine take turns instead of overwriting each other's files or racing to create the same
  tables.
- collectstatic is skipped when the manifest is newer than every source file: nothing changed,
  and the files a running server is serving are left alone.
- migrate also holds a PostgreSQL advisory lock when the database is PostgreSQL, so instances on
  several machines take turns too; whoever comes second finds nothing left to apply.

Settings come from the environment, as for any manage.py command.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

MIGRATE_LOCK_ID = 0x5E17_0A1E  # any fixed bigint, the same in every instance
LOCK_WAIT_SECONDS = 300


@contextlib.contextmanager
def machine_lock(name: str) -> Iterator[None]:
    """An exclusive lock shared by every process on this machine using this checkout."""
    digest = hashlib.sha256(str(Path(settings.BASE_DIR)).encode()).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / f"engineer-to-ai-engineer-{name}-{digest}.lock"
    with path.open("a") as handle:
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise CommandError(f"another start-up has held {path} for too long") from None
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def static_files_current() -> bool:
    """True when the manifest exists and is newer than every file collectstatic would copy."""
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if "Manifest" not in str(settings.STORAGES["staticfiles"]["BACKEND"]) or not manifest.exists():
        return False
    collected = manifest.stat().st_mtime
    for finder in get_finders():
        for path, storage in finder.list([]):
            if storage.get_modified_time(path).timestamp() > collected:
                return False
    return True


@contextlib.contextmanager
def database_lock() -> Iterator[None]:
    """A PostgreSQL session-level advisory lock around migrate; nothing for SQLite (the machine
    lock covers it: a SQLite file is on one machine)."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [MIGRATE_LOCK_ID])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [MIGRATE_LOCK_ID])


class Command(BaseCommand):
    help = (
        "Collect static files (unless they are current) and apply migrations, taking turns with "
        "other start-ups on this machine and, on PostgreSQL, on this database."
    )

    def handle(self, *args: object, **options: object) -> None:
        with machine_lock("prepare"):
            if not static_files_current():
                call_command("collectstatic", interactive=False, verbosity=0)
            with database_lock():
                call_command("migrate", interactive=False, verbosity=0)
