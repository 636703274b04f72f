"""Loads the content once, when Django starts, and keeps it for every request."""

from __future__ import annotations

import logging
import time

from django.apps import AppConfig
from django.conf import settings
from django.utils.autoreload import BaseReloader, autoreload_started

from . import store

logger = logging.getLogger(__name__)


def _watch_content(sender: BaseReloader, **kwargs: object) -> None:
    """Make `runserver` restart when an editor saves a content file or a guide."""
    sender.watch_dir(settings.CONTENT_DIR, "*.yaml")
    sender.watch_dir(settings.CONTENT_DIR, "guides/*.md")


class ContentEngineConfig(AppConfig):
    name = "content_engine"
    verbose_name = "Content"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system check)

        started = time.perf_counter()
        store.load(settings.CONTENT_DIR)
        elapsed_ms = (time.perf_counter() - started) * 1000
        if store.problems():
            logger.error("content is invalid: %d problem(s)", len(store.problems()))
        else:
            logger.debug("content %s loaded in %.0f ms", store.get().version, elapsed_ms)
        autoreload_started.connect(_watch_content)
