"""A bound on the requests of one process that write to the database at once.

While the database is locked (a long migration, a backup, a stuck writer), every write waits
out the lock timeout. Without a bound, enough waiting saves would hold every thread of a
process, and pages that never touch the database (`/healthz/live`, every content page) would
queue behind them. With it, at most `DATABASE_WRITERS` requests of a process write or wait on a
lock at once; another write waits `SLOT_WAIT_SECONDS` for a place, which under normal load
frees in milliseconds, then fails as an outage does: the view answers 503 with the person's
input kept, and the threads stay free for readers.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import DatabaseError, OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

SLOT_WAIT_SECONDS = 0.1


class WritersBusy(OperationalError):
    """Every writing place of this process is taken: the database is slow or locked."""


_slots: threading.BoundedSemaphore | None = None
_slots_lock = threading.Lock()


def _semaphore() -> threading.BoundedSemaphore:
    global _slots
    if _slots is None:
        with _slots_lock:
            if _slots is None:
                _slots = threading.BoundedSemaphore(max(1, settings.DATABASE_WRITERS))
    return _slots


@contextmanager
def writer_slot() -> Iterator[None]:
    """Hold one of the process's writing places for the block; `WritersBusy` when none frees
    in time."""
    slots = _semaphore()
    if not slots.acquire(timeout=SLOT_WAIT_SECONDS):
        raise WritersBusy(
            f"all {settings.DATABASE_WRITERS} database writers of this process are busy"
        )
    try:
        yield
    finally:
        slots.release()


@contextmanager
def without_waiting(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """On SQLite, give up at once on a database another writer holds (busy timeout 0), then put
    the connection's own timeout back; a connection that cannot be put back is closed, so the
    next request opens a fresh one with the configured timeout."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        # Inside a transaction (BEGIN IMMEDIATE: settings.py) the write lock is already held.
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        (previous,) = cursor.fetchone()
        cursor.execute("PRAGMA busy_timeout = 0")
    try:
        yield
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA busy_timeout = {int(previous)}")
        except DatabaseError:
            connection.close()
