"""Content pages are pure functions of (content version, URL, htmx or not): render once, cache
the HTML, and answer repeat visits with 304 Not Modified.

Only canonical URLs are cached. A view names the query parameters it reads
(`@content_page(query=("hours",))`); the cache key is built from those alone, sorted, so
`?b=1&a=2` and `?a=2&b=1` are one entry. A request carrying any other parameter, a repeated
one or an over-long value is rendered and served uncached: junk query strings cost a render,
never memory. Each view also keeps at most `VARIANTS_PER_VIEW` entries per content version from
this process, evicting the one used least recently to store a new one, so junk values of a
parameter the view does read cannot grow the cache, and cannot push a popular page out of it
for good either.

Validators come from what the page is: the ETag from the content version, the canonical URL and
the htmx variant; Last-Modified (whole pages only) from when this process first served the
content version. Both are checked after the view has answered 200 (or the cache has the page),
so a 304 is only ever given where the URL would answer 200 with that very body.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from functools import wraps
from typing import overload
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from content_engine import store

from .rendering import MissingItem, not_found_page

type ContentView = Callable[..., HttpResponse]

CACHE_SECONDS = 60 * 60
CACHEABLE_STATUSES = {200}  # not 404s: random URLs must not fill the cache
CACHE_CONTROL = "public, max-age=300"
VARY = ["HX-Request", "HX-History-Restore-Request"]
MAX_VALUE_LENGTH = 100  # a longer value is never an id or a number the site links to
VARIANTS_PER_VIEW = 256  # entries one view may store per content version, per process
KEY_PREFIX = "page:v2:"


def _wants_partial(request: HttpRequest) -> bool:
    """Whether the view will answer with an htmx fragment rather than the whole page."""
    headers = request.headers
    return (
        headers.get("HX-Request") == "true" and headers.get("HX-History-Restore-Request") != "true"
    )


def canonical_query(request: HttpRequest, names: frozenset[str]) -> str | None:
    """The query string that identifies the page: the parameters the view reads, sorted. None
    when the request carries anything else, a repeated parameter or an over-long value."""
    pairs = []
    for name, values in request.GET.lists():
        if name not in names or len(values) != 1 or len(values[0]) > MAX_VALUE_LENGTH:
            return None
        pairs.append((name, values[0]))
    return urlencode(sorted(pairs))


def _whole_query(request: HttpRequest) -> str:
    """Every parameter, sorted: what an uncached response's ETag is computed from."""
    return urlencode(sorted(request.GET.lists()), doseq=True)


class _VersionClock:
    """When this process first served each content version, in whole seconds, strictly
    increasing from one version to the next (two versions within a second still differ)."""

    def __init__(self) -> None:
        self._version = ""
        self._seconds = 0
        self._lock = threading.Lock()

    def seconds(self, version: str) -> int:
        if version == self._version:
            return self._seconds
        with self._lock:
            if version != self._version:
                self._seconds = max(int(time.time()), self._seconds + 1)
                self._version = version
            return self._seconds


_first_served = _VersionClock()


class _RecentVariants:
    """The keys one view has stored from this process for the current content version, least
    recently used first; storing one more than `VARIANTS_PER_VIEW` evicts the oldest."""

    def __init__(self) -> None:
        self._version = ""
        self._keys: OrderedDict[str, None] = OrderedDict()
        self._lock = threading.Lock()

    def used(self, version: str, key: str) -> None:
        """A hit: `key` becomes the most recently used (if this process stored it)."""
        with self._lock:
            if version == self._version and key in self._keys:
                self._keys.move_to_end(key)

    def store(self, version: str, key: str) -> str | None:
        """Count `key` as stored; return the key to evict to keep within the bound, if any."""
        with self._lock:
            if version != self._version:
                self._version, self._keys = version, OrderedDict()
            self._keys[key] = None
            self._keys.move_to_end(key)
            if len(self._keys) > VARIANTS_PER_VIEW:
                evicted, _ = self._keys.popitem(last=False)
                return evicted
            return None


def _cached_response(entry: object) -> HttpResponse | None:
    """The response a cache entry holds, or None for a miss (or an entry of another shape)."""
    if not (isinstance(entry, tuple) and len(entry) == 3):
        return None
    status, body, headers = entry
    if not (isinstance(status, int) and isinstance(body, bytes) and isinstance(headers, tuple)):
        return None
    response = HttpResponse(body, status=status)
    for name, value in headers:
        response[name] = value
    return response


def _page_decorator(query: Iterable[str]) -> Callable[[ContentView], ContentView]:
    names = frozenset(query)

    def decorate(view: ContentView) -> ContentView:
        recent = _RecentVariants()

        @wraps(view)
        def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            version = store.get().version
            partial = _wants_partial(request)
            canonical = canonical_query(request, names)
            identity = canonical if canonical is not None else _whole_query(request)
            raw_key = f"{version}|{settings.SITE_URL}|{request.path}|{identity}|{int(partial)}"
            digest = hashlib.sha256(raw_key.encode("utf-8", "surrogateescape")).hexdigest()[:32]
            key = KEY_PREFIX + digest

            response = _cached_response(cache.get(key)) if canonical is not None else None
            if response is not None:
                recent.used(version, key)
            else:
                try:
                    response = view(request, *args, **kwargs)
                except MissingItem as missing:
                    response = not_found_page(request, missing)
                if (
                    canonical is not None
                    and response.status_code in CACHEABLE_STATUSES
                    and not response.streaming
                ):
                    entry = (response.status_code, response.content, tuple(response.items()))
                    cache.set(key, entry, CACHE_SECONDS)
                    if evicted := recent.store(version, key):
                        cache.delete(evicted)

            patch_vary_headers(response, VARY)
            if response.status_code not in CACHEABLE_STATUSES:
                return response  # no validators: a 404 is never answered with a 304
            etag = f'"{digest}"'
            response["ETag"] = etag
            response["Cache-Control"] = CACHE_CONTROL
            # Dates cannot tell the htmx fragment from the whole page, so only the whole page
            # has one; a fragment is revalidated by its ETag alone.
            last_modified = None if partial else _first_served.seconds(version)
            if last_modified is not None:
                response["Last-Modified"] = http_date(last_modified)
            not_modified = get_conditional_response(
                request, etag=etag, last_modified=last_modified, response=response
            )
            return not_modified if not_modified is not None else response

        return require_safe(wrapper)

    return decorate


@overload
def content_page(view: ContentView, /) -> ContentView: ...
@overload
def content_page(*, query: Iterable[str] = ()) -> Callable[[ContentView], ContentView]: ...
def content_page(
    view: ContentView | None = None, /, *, query: Iterable[str] = ()
) -> ContentView | Callable[[ContentView], ContentView]:
    """Make a view a content page: GET and HEAD only, its rendered HTML cached by content
    version, canonical URL and whether htmx asked for a fragment, repeat visits answered with
    304, and a `MissingItem` turned into the helpful 404 page.

    `@content_page` for a view that reads no query parameter;
    `@content_page(query=("background", "skill"))` for one that reads those."""
    decorate = _page_decorator(query)
    return decorate(view) if view is not None else decorate
