"""The cache is an accelerator, never a dependency.

`ResilientRedisCache` is Django's Redis cache with every call guarded: a Redis that refuses
connections, or accepts them and never answers, costs one short socket timeout, is logged once
(when it goes down, and once when it comes back), and is then skipped for a back-off window so
that each request does not pay the timeout again. While it is down, reads miss and writes are
dropped: pages render uncached. `cache_health` reports the cache for `/healthz/ready`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

BACKOFF_SECONDS = 5.0
CACHE_ERRORS = (RedisError, OSError)  # redis-py wraps socket errors; OSError is the backstop


def describe(error: BaseException) -> str:
    """One line naming the error, for the log and the health check."""
    text = " ".join(str(error).split())[:200]
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


class Breaker:
    """Whether a cache server answers, shared by every thread of the process.

    Up: every call goes through. Down: calls are skipped until the back-off window ends; then
    one caller probes (the others keep skipping) and either closes the breaker or opens a new
    window. Going down and coming back are each logged once."""

    def __init__(self, name: str, backoff: float, clock: Callable[[], float] = time.monotonic):
        self.name = name
        self.backoff = backoff
        self.clock = clock
        self.down_since: float | None = None
        self.retry_at = 0.0
        self.last_error = ""
        self._lock = threading.Lock()

    @property
    def is_down(self) -> bool:
        return self.down_since is not None

    def allow(self) -> bool:
        """Whether to try the server now."""
        if self.down_since is None:
            return True
        with self._lock:
            now = self.clock()
            if now < self.retry_at:
                return False
            self.retry_at = now + self.backoff  # this caller probes; the others keep skipping
            return True

    def failed(self, error: BaseException) -> None:
        with self._lock:
            now = self.clock()
            went_down = self.down_since is None
            if went_down:
                self.down_since = now
            self.retry_at = now + self.backoff
            self.last_error = describe(error)
        if went_down:
            logger.warning(
                "cache %s unreachable, serving pages uncached and retrying every %g s: %s",
                self.name,
                self.backoff,
                self.last_error,
            )

    def succeeded(self) -> None:
        if not self.is_down:  # the common case, without the lock
            return
        with self._lock:
            since, self.down_since, self.retry_at = self.down_since, None, 0.0
        if since is not None:  # else another thread saw the recovery first
            logger.warning("cache %s reachable again after %.1f s", self.name, self.clock() - since)

    def reset(self) -> None:
        with self._lock:
            self.down_since, self.retry_at, self.last_error = None, 0.0, ""


# Django makes one cache object per thread; the state of the server is per process.
_breakers: dict[str, Breaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(location: str, backoff: float) -> Breaker:
    with _breakers_lock:
        if location not in _breakers:
            _breakers[location] = Breaker(location, backoff)
        return _breakers[location]


def reset_breakers() -> None:
    """Forget every outage (tests)."""
    with _breakers_lock:
        for breaker in _breakers.values():
            breaker.reset()


class ResilientRedisCache(RedisCache):
    """Django's RedisCache whose calls never raise for an unreachable or silent server.

    Settings: give the client short timeouts in OPTIONS (`socket_connect_timeout`,
    `socket_timeout`); `BACKOFF_SECONDS` (beside OPTIONS) is how long to skip the server after
    a failure. Counters (`incr`, `decr`) are not guarded: they have no sensible fallback; `count`
    is the guarded counter the rate limits use."""

    def __init__(self, server: str | list[str], params: dict[str, Any]) -> None:
        super().__init__(server, params)
        backoff = float(params.get("BACKOFF_SECONDS", BACKOFF_SECONDS))
        location = server if isinstance(server, str) else ",".join(server)
        self.breaker = breaker_for(location, backoff)

    def _guard[T](self, call: Callable[[], T], fallback: T) -> T:
        if not self.breaker.allow():
            return fallback
        try:
            result = call()
        except CACHE_ERRORS as error:
            self.breaker.failed(error)
            return fallback
        self.breaker.succeeded()
        return result

    def get(self, key: Any, default: Any | None = None, version: int | None = None) -> Any:
        return self._guard(partial(super().get, key, default, version), default)

    def set(
        self,
        key: Any,
        value: Any,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> None:
        self._guard(partial(super().set, key, value, timeout, version), None)

    def add(
        self,
        key: Any,
        value: Any,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> bool:
        return self._guard(partial(super().add, key, value, timeout, version), False)

    def touch(
        self, key: Any, timeout: float | None = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        return self._guard(partial(super().touch, key, timeout, version), False)

    def delete(self, key: Any, version: int | None = None) -> bool:
        return self._guard(partial(super().delete, key, version), False)

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self._guard(partial(super().has_key, key, version), False)

    def get_many(self, keys: Iterable[Any], version: int | None = None) -> dict[Any, Any]:
        return self._guard(partial(super().get_many, list(keys), version), {})

    def set_many(
        self,
        data: dict[Any, Any],
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> list[Any]:
        return self._guard(partial(super().set_many, data, timeout, version), list(data))

    def delete_many(self, keys: Iterable[Any], version: int | None = None) -> None:
        self._guard(partial(super().delete_many, list(keys), version), None)

    def clear(self) -> None:
        self._guard(super().clear, None)

    def count(self, key: Any, window: int, version: int | None = None) -> int | None:
        """Add one to a counter that expires `window` seconds after its first count (the rate
        limits); None while the server is down or silent."""

        def call() -> int:
            full = self.make_and_validate_key(key, version=version)
            client = self._cache.get_client(full, write=True)
            with client.pipeline() as pipe:
                pipe.set(full, 0, ex=window, nx=True)
                pipe.incr(full)
                _, counted = pipe.execute()
            return int(counted)

        return self._guard(call, None)

    def check(self) -> str:
        """`ok`, or `degraded: <why>`: a PING, unless the server is in its back-off window."""
        answered = self._guard(lambda: bool(self._cache.get_client().ping()), False)
        return "ok" if answered else f"degraded: {self.breaker.last_error or 'no answer'}"


HEALTH_KEY = "healthz:cache"


def cache_health(backend: BaseCache) -> str:
    """The cache's state for the readiness check: `ok` or `degraded: <why>`. Never raises."""
    if isinstance(backend, ResilientRedisCache):
        return backend.check()
    try:  # any other backend: a write and a read
        backend.set(HEALTH_KEY, "ok", 10)
        answered = backend.get(HEALTH_KEY) == "ok"
    except Exception as error:  # noqa: BLE001 - a health check reports, it never fails the probe
        return f"degraded: {describe(error)}"
    return "ok" if answered else "degraded: a value written could not be read back"
