"""gunicorn settings shared by `make serve` and the Dockerfile, all from the environment.

Serving model (docs/operations.md has the measurements): gthread workers that read each request
whole in their event loop before giving it to a thread, so slow clients cost a buffer, never a
thread (roadmap_site/serving.py). Every log line, access log included, is one JSON
object on stdout (roadmap_site/serving.py, roadmap_site/log_format.py).
"""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "roadmap_site.serving.BufferingThreadWorker"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_connections = 1000  # open connections per worker, slow ones included
timeout = 30
graceful_timeout = 20
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "INFO").lower()
logger_class = "roadmap_site.serving.JsonLogger"
preload_app = True


def post_worker_init(worker: object) -> None:
    """Import the URL map, and with it every view, before the worker takes its first request:
    otherwise that request waits about half a second for the imports."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018  (the property does the imports)
