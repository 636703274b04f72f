"""A bound on the requests of one process that write to the database at once.

While the database is locked (a long migration, a backup, a stuck writer), every write waits
out the lock timeout. Without a bound, enough waiting saves would hold every thread of a
process, and pages that never touch the database (`/healthz/live`, every content page) would
queue behind them. With it, at most `DATABASE_WRITERS` requests of a process write or wait on a
lock at once. Another write waits for a place while the writers holding them are moving (each
has held its place for less than `STUCK_SECONDS`: under normal load places free in
milliseconds, so a burst of writes queues and succeeds), up to `MAX_WAIT_SECONDS`; once every
place has been held longer than that, the database is stuck, and the write fails at once as an
outage does: the view answers 503 with the person's input kept, and threads stay free for
readers.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import DatabaseError, OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

STUCK_SECONDS = 0.25  # a place held this long means the database is locked or very slow
MAX_WAIT_SECONDS = 1.0  # the longest a write waits for a place while its holders move
POLL_SECONDS = 0.02


class WritersBusy(OperationalError):
    """Every writing place of this process is taken: the database is slow or locked."""


class _Places:
    """The process's writing places, and when each current holder took its place."""

    def __init__(self, count: int) -> None:
        self.free = threading.BoundedSemaphore(count)
        self.taken_at: dict[int, float] = {}  # holder's ident -> time.monotonic() it took one
        self.lock = threading.Lock()

    def stuck(self, now: float) -> bool:
        with self.lock:
            held = list(self.taken_at.values())
        return bool(held) and all(now - taken >= STUCK_SECONDS for taken in held)

    def take(self) -> None:
        started = time.monotonic()
        while not self.free.acquire(timeout=POLL_SECONDS):
            now = time.monotonic()
            if self.stuck(now) or now - started >= MAX_WAIT_SECONDS:
                raise WritersBusy(
                    f"all {settings.DATABASE_WRITERS} database writers of this process are busy"
                )
        with self.lock:
            self.taken_at[threading.get_ident()] = time.monotonic()

    def give_back(self) -> None:
        with self.lock:
            self.taken_at.pop(threading.get_ident(), None)
        self.free.release()


_places: _Places | None = None
_places_lock = threading.Lock()


def _the_places() -> _Places:
    global _places
    if _places is None:
        with _places_lock:
            if _places is None:
                _places = _Places(max(1, settings.DATABASE_WRITERS))
    return _places


@contextmanager
def writer_slot() -> Iterator[None]:
    """Hold one of the process's writing places for the block; `WritersBusy` when the places
    are all held by stuck writers, or none frees within `MAX_WAIT_SECONDS`."""
    places = _the_places()
    places.take()
    try:
        yield
    finally:
        places.give_back()


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
