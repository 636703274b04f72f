"""Content pages are pure functions of (content version, URL, htmx or not): render once, cache
the HTML, and answer repeat visits with 304 Not Modified."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime, time
from functools import wraps

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from content_engine import store

from .rendering import MissingItem, not_found_page

CACHE_SECONDS = 60 * 60
CACHEABLE_STATUSES = {200}  # not 404s: random URLs must not fill the cache
VARY = ["HX-Request", "HX-History-Restore-Request"]


def _wants_partial(request: HttpRequest) -> bool:
    """Whether the view will answer with an htmx fragment rather than the whole page."""
    headers = request.headers
    return (
        headers.get("HX-Request") == "true" and headers.get("HX-History-Restore-Request") != "true"
    )


def content_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Make a view a content page: GET and HEAD only, its rendered HTML cached by content
    version, full URL and whether htmx asked for a fragment, repeat visits answered with 304,
    and a `MissingItem` turned into the helpful 404 page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        content = store.get()
        version = content.version
        partial = "1" if _wants_partial(request) else "0"
        raw_key = f"{version}|{request.path}|{request.META.get('QUERY_STRING', '')}|{partial}"
        digest = hashlib.sha256(raw_key.encode("utf-8", "surrogateescape")).hexdigest()[:32]
        etag = f'"{digest}"'
        midnight = datetime.combine(content.last_reviewed, time(), tzinfo=UTC)
        last_modified = int(midnight.timestamp())  # whole seconds, as HTTP dates are

        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if not_modified is not None:
            patch_vary_headers(not_modified, VARY)
            return not_modified

        key = f"page:{digest}"
        cached = cache.get(key)
        if cached is not None:
            status, body, content_type = cached
            response = HttpResponse(body, status=status, content_type=content_type)
        else:
            try:
                response = view(request, *args, **kwargs)
            except MissingItem as missing:
                response = not_found_page(request, missing)
            if response.status_code in CACHEABLE_STATUSES and not response.streaming:
                content_type = response.get("Content-Type", "text/html; charset=utf-8")
                cache.set(
                    key, (response.status_code, response.content, content_type), CACHE_SECONDS
                )
        if response.status_code in CACHEABLE_STATUSES:
            response["ETag"] = etag
            response["Last-Modified"] = http_date(last_modified)
            response["Cache-Control"] = "public, max-age=300"
        patch_vary_headers(response, VARY)
        return response

    return require_safe(wrapper)
