"""PostgreSQL connection pools (DATABASE_POOL=1, roadmap_site/settings.py), closed before the
interpreter exits.

psycopg's pool runs worker threads; left to the garbage collector at exit, it can no longer stop
them and waits five seconds for each (about 20 s, with a warning per thread) before a
management command, a benchmark or a gunicorn worker finally exits. Settings register
`close_pools` with `atexit` when pooling is on; atexit handlers run while those threads can still
be joined.
"""

from __future__ import annotations


def close_pools() -> None:
    """Close the pool of every database that has one; a pool never opened costs nothing."""
    from django.conf import settings

    if not settings.configured:
        return
    from django.db import connections

    for alias in connections:
        connection = connections[alias]
        close_pool = getattr(connection, "close_pool", None)
        if close_pool is not None and connection.settings_dict.get("OPTIONS", {}).get("pool"):
            close_pool()
