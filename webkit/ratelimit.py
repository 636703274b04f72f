"""Per-client limits on the forms that write: a client that sends one of them too often in a
window is answered 429, with `Retry-After`, by the view's own form and the person's input kept.

Each limit (`settings.RATE_LIMITS`: name -> (requests, window seconds)) counts per client
address in the cache, in fixed windows: with Redis (`REDIS_URL`) every process of every instance
sees the same counts; with the in-process cache each worker process counts for itself. The
client address is the connection's, or, behind `settings.TRUSTED_PROXIES` proxies that each
append to `X-Forwarded-For`, the address the outermost trusted proxy saw. IPv6 addresses count
per /64, the block one household or server usually has.

A limiter must never block a person: when the cache cannot count (down, silent, evicted), the
request goes through and the failure is logged once per process. `RATE_LIMITS_ENABLED` (the
`RATE_LIMITS` environment variable, `on` by default) switches every limit off for load tests.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import math
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

from .cache import ResilientRedisCache

logger = logging.getLogger(__name__)

KEY_PREFIX = "rate:v1:"


@dataclass(frozen=True)
class Limited:
    """A request over its limit: what to tell the person, and when to try again."""

    name: str
    retry_after: int  # seconds until the window ends

    @property
    def message(self) -> str:
        minutes = max(1, math.ceil(self.retry_after / 60))
        wait = "a minute" if minutes == 1 else f"{minutes} minutes"
        return (
            "This form has been sent many times from your connection in the last few minutes, "
            f"so we have paused it for a moment. Nothing you entered is lost: it is all still "
            f"here. Try again in {wait}."
        )

    def mark(self, response: HttpResponse) -> HttpResponse:
        """Status 429, `Retry-After`, never cached."""
        response.status_code = 429
        response["Retry-After"] = str(self.retry_after)
        add_never_cache_headers(response)
        return response


def client_address(request: HttpRequest) -> str:
    """Who is asking: the connection's address, or the one the outermost of
    `TRUSTED_PROXIES` proxies saw; an IPv6 address as its /64."""
    trusted: int = getattr(settings, "TRUSTED_PROXIES", 0)
    address = request.META.get("REMOTE_ADDR", "")
    if trusted > 0:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= trusted:
            address = forwarded[-trusted]
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address[:64] or "unknown"
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


class _OnceLogger:
    """Logs that counting failed once, until counting works again."""

    def __init__(self) -> None:
        self._failing = False
        self._lock = threading.Lock()

    def failed(self, error: BaseException | None) -> None:
        with self._lock:
            if self._failing:
                return
            self._failing = True
        why = f"{type(error).__name__}: {error}" if error else "the cache did not answer"
        logger.warning("rate limits not applied, the cache cannot count (%s)", why)

    def worked(self) -> None:
        if self._failing:
            with self._lock:
                self._failing = False
            logger.info("rate limits applied again")


_once = _OnceLogger()


def _count(key: str, window: int) -> int | None:
    """Add one to the window's counter; None when the cache cannot count."""
    backend = caches["default"]
    if isinstance(backend, ResilientRedisCache):
        return backend.count(key, window)  # guarded: None while Redis is down or silent
    for _ in range(2):  # the counter may vanish between add and incr (evicted or expired)
        try:
            backend.add(key, 0, window)
            return int(backend.incr(key))
        except ValueError:
            continue
        except Exception as error:  # noqa: BLE001 - a limiter never blocks a person
            _once.failed(error)
            return None
    return None


def exceeded(request: HttpRequest, name: str) -> Limited | None:
    """Count this request against limit `name`; a `Limited` when it is over."""
    if not getattr(settings, "RATE_LIMITS_ENABLED", True):
        return None
    requests, window = settings.RATE_LIMITS[name]
    now = time.time()
    window_start = int(now // window) * window
    client = hashlib.sha256(client_address(request).encode()).hexdigest()[:24]
    count = _count(f"{KEY_PREFIX}{name}:{client}:{window_start}", window)
    if count is None:
        _once.failed(None)
        return None
    _once.worked()
    if count <= requests:
        return None
    return Limited(name, retry_after=max(1, math.ceil(window_start + window - now)))
