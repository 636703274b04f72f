"""Health checks for load balancers and orchestrators."""

from __future__ import annotations

from django.core.cache import caches
from django.db import DatabaseError, connection, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from content_engine import store
from webkit.cache import cache_health
from webkit.writes import WritersBusy, without_waiting, writer_slot


@require_safe
@never_cache
def live(request: HttpRequest) -> HttpResponse:
    """The process answers. Touches nothing else: no database, no cache, no content."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


class _ProbeDone(Exception):
    """Rolls the write probe back: it has shown what it needed to."""


def _writes() -> str:
    """Whether the database takes a write: one row of Django's migration table rewritten with
    its own value inside a transaction that is rolled back, so nothing is left behind. `ok`,
    or `failing: <why>` (a read-only file, a full disk, a lock held longer than writes wait)."""
    # Like any write it takes one of the process's writing places, and on SQLite it does not
    # wait on a lock another writer holds: readiness answers at once, whatever the database.
    try:
        with writer_slot(), without_waiting(connection), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(
                    "UPDATE django_migrations SET app = app "
                    "WHERE id = (SELECT MIN(id) FROM django_migrations)"
                )
            raise _ProbeDone
    except _ProbeDone:
        return "ok"
    except WritersBusy:
        return "busy: every writing place of this process is taken"
    except DatabaseError as error:
        return f"failing: {type(error).__name__}: {' '.join(str(error).split())[:120]}"


@require_safe
@never_cache
def ready(request: HttpRequest) -> JsonResponse:
    """Ready for traffic: the database answers and the content loaded (else 503, so a load
    balancer stops sending requests here). Writes and the cache are reported, `ok` or why not,
    and make the status `degraded` without making the instance unready: every instance shares
    the database and the cache, and content pages still serve without either."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = "ok"
    except DatabaseError as error:
        database = f"unreachable: {type(error).__name__}"
    writes = _writes() if database == "ok" else "failing: the database is unreachable"
    problems = store.problems()
    content = (
        {"status": "ok", "version": store.get().version}
        if not problems
        else {"status": "invalid", "problems": len(problems)}
    )
    cache = cache_health(caches["default"])
    healthy = database == "ok" and not problems
    status = "unavailable" if not healthy else "ok" if writes == cache == "ok" else "degraded"
    body = {
        "status": status,
        "database": database,
        "writes": writes,
        "content": content,
        "cache": cache,
    }
    return JsonResponse(body, status=200 if healthy else 503)
