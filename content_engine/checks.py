"""A system check so `runserver`, `migrate` and `check` refuse to run on broken content."""

from __future__ import annotations

from collections.abc import Sequence

from django.apps import AppConfig
from django.core import checks

from . import store


@checks.register("content")
def content_is_valid(
    app_configs: Sequence[AppConfig] | None, **kwargs: object
) -> list[checks.CheckMessage]:
    return [checks.Error(str(problem), id="content.E001") for problem in store.problems()]
