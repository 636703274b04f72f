"""`manage.py backup_database --output PATH`: a consistent copy of the SQLite database, taken
while the site serves.

SQLite's online backup API copies the whole database in one step, inside one read
transaction: the copy is the database as it stood at one moment, every write committed before
it included and none half-applied. In WAL mode (settings.py) the site's writers carry on while
it runs. (A backup in several steps would restart whenever another connection writes, and
might never finish on a busy site.) The copy is written beside its destination under a hidden
name, switched to a rollback journal so it is one self-contained file, checked with
`PRAGMA quick_check`, flushed to disk and only then renamed into place, readable by its owner
only: its tokens open every plan and result. An existing file is never overwritten.

PostgreSQL is refused with one line: pg_dump does this job there (docs/operations.md)."""

from __future__ import annotations

import os
import sqlite3
import time
from argparse import ArgumentParser
from contextlib import closing
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from webkit import retention

LOCKED_LIMIT_SECONDS = 60
POSTGRES_LINE = (
    "backup_database copies SQLite only; on PostgreSQL use pg_dump -Fc "
    "(docs/operations.md, Backups and restore)"
)


def destination(output: str) -> Path:
    """PATH itself, or inside an existing directory (or PATH ending in /) a file named after
    the time in UTC: db-20260301T020000Z.sqlite3."""
    path = Path(output)
    if output.endswith(("/", os.sep)) or path.is_dir():
        return path / f"db-{timezone.now():%Y%m%dT%H%M%SZ}.sqlite3"
    return path


def copy_database(source: sqlite3.Connection, partial: Path) -> dict[str, int]:
    """Copy `source` into the new file `partial` and check the copy; the rows of each table
    with a retention rule, counted in the copy.

    In WAL mode reading never waits on the site's writers; a database that stays locked all
    the same (another journal mode, a connection holding it) is given up on after
    LOCKED_LIMIT_SECONDS instead of retried for ever."""
    deadline = time.monotonic() + LOCKED_LIMIT_SECONDS

    def give_up_when_locked_too_long(status: int, remaining: int, total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and time.monotonic() > deadline:
            raise CommandError(
                f"the database stayed locked for {LOCKED_LIMIT_SECONDS} s: no backup taken"
            )

    with closing(sqlite3.connect(partial)) as copy:
        # pages=-1: every page in one step, inside one read transaction: one consistent moment.
        source.backup(copy, progress=give_up_when_locked_too_long, sleep=0.05)
        copy.execute("PRAGMA journal_mode=DELETE")
        problems = [row[0] for row in copy.execute("PRAGMA quick_check")]
        if problems != ["ok"]:
            raise CommandError(f"the copy failed PRAGMA quick_check: {problems[:3]}")
        counts = {}
        for rule in retention.rules():
            table = rule.model._meta.db_table
            counts[rule.name] = copy.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        return counts


def flush(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


class Command(BaseCommand):
    help = (
        "Copy the SQLite database to PATH (or a timestamped file in the directory PATH) while "
        "the site serves, consistently, with SQLite's online backup API. Restore: stop the "
        "site, put the copy in place of the database file, start it (docs/operations.md)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--output", required=True, metavar="PATH",
            help="the backup file to create, or an existing directory to create it in",
        )  # fmt: skip
        parser.add_argument(
            "--database", default=DEFAULT_DB_ALIAS, help="a database alias (default: default)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        connection = connections[options["database"]]
        if connection.vendor != "sqlite":
            raise CommandError(POSTGRES_LINE)
        target = destination(str(options["output"])).absolute()
        if target.exists():
            raise CommandError(f"{target} exists: a backup never overwrites a file")
        if not target.parent.is_dir():
            raise CommandError(f"{target.parent} is not a directory")
        partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
        started = time.monotonic()
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        try:
            connection.ensure_connection()
            counts = copy_database(connection.connection, partial)
            flush(partial)
            os.replace(partial, target)
            flush(target.parent)
        finally:
            partial.unlink(missing_ok=True)
        rows = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(
            f"Backed up {connection.settings_dict['NAME']} to {target}: "
            f"{target.stat().st_size:,} bytes, {rows}, quick_check ok, "
            f"{time.monotonic() - started:.2f} s"
        )
