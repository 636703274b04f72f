"""Health checks for load balancers and orchestrators."""

from __future__ import annotations

from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from content_engine import store
from webkit.cache import cache_health


@require_safe
@never_cache
def live(request: HttpRequest) -> HttpResponse:
    """The process answers. Touches nothing else: no database, no cache, no content."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


@require_safe
@never_cache
def ready(request: HttpRequest) -> JsonResponse:
    """Ready for traffic: the database answers and the content loaded. The cache is reported
    (`ok` or `degraded: ...`) but never makes the instance unready: pages render without it."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = "ok"
    except DatabaseError as error:
        database = f"unreachable: {type(error).__name__}"
    problems = store.problems()
    content = (
        {"status": "ok", "version": store.get().version}
        if not problems
        else {"status": "invalid", "problems": len(problems)}
    )
    cache = cache_health(caches["default"])
    healthy = database == "ok" and not problems
    status = "unavailable" if not healthy else "ok" if cache == "ok" else "degraded"
    body = {"status": status, "database": database, "content": content, "cache": cache}
    return JsonResponse(body, status=200 if healthy else 503)
