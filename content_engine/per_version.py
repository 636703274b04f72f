"""A value worked out from the content once per content version, kept in this process until the
content changes: the search index, the JSON API document, the ids of the route's items.

    @per_version
    def index_for(content: Content) -> SearchIndex: ...

The decorated function is called at most once per version; every other call returns what that
call gave. Only the latest version's value is kept (the site serves one content at a time), and
threads asking at once wait for one build instead of each building their own.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable

from .content import Content


def per_version[T](build: Callable[[Content], T]) -> Callable[[Content], T]:
    """`build(content)`, worked out once per content version."""
    lock = threading.Lock()
    kept: tuple[str, T] | None = None

    @functools.wraps(build)
    def get(content: Content) -> T:
        nonlocal kept
        found = kept  # read once: another thread may replace it
        if found is not None and found[0] == content.version:
            return found[1]
        with lock:
            if kept is None or kept[0] != content.version:
                kept = (content.version, build(content))
            return kept[1]

    return get
