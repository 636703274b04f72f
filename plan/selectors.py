"""Reads for plans that run on every visit, kept as light as the database allows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import connection
from django.utils.dateparse import parse_datetime

from .models import Plan


@dataclass(frozen=True)
class VisitState:
    """What a visit needs to know to serve the stored page: which plan, which revision, and
    whether the visit itself has something to record."""

    pk: int
    revision: int
    seen_version: str
    opened_at: datetime
    noticed_at: datetime | None


def _as_datetime(value: object) -> datetime | None:
    """Stored datetimes are UTC: PostgreSQL gives them back aware, SQLite naive (or as text)."""
    if value is None:
        return None
    parsed = value if isinstance(value, datetime) else parse_datetime(str(value))
    if parsed is None:
        raise ValueError(f"not a stored datetime: {value!r}")
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def visit_state(token: str) -> VisitState | None:
    """One indexed row read in plain SQL: the ORM would spend longer building the query than
    the database spends answering it, on the page people open most."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(c) for c in ("id", "revision", "seen_version", "opened_at"))
    sql = (
        f"SELECT {columns}, {quote('noticed_at')} FROM {quote(Plan._meta.db_table)} "
        f"WHERE {quote('token')} = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [token])
        row = cursor.fetchone()
    if row is None:
        return None
    pk, revision, seen_version, opened_at, noticed_at = row
    opened = _as_datetime(opened_at)
    if opened is None:
        raise ValueError("a plan without opened_at")
    return VisitState(int(pk), int(revision), str(seen_version), opened, _as_datetime(noticed_at))
