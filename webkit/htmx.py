"""htmx helpers: the request type views annotate with, and the one rule for partial responses."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request that has passed through django-htmx's middleware."""

    htmx: HtmxDetails


def partial_or_page(request: HtmxHttpRequest, template: str, partial: str) -> str:
    """The named partial for an htmx swap; the whole page for everything else.

    A history restore (Back or Forward after a swap, with htmx's history cache off) also
    carries HX-Request, but it replaces the whole body, so it must get the whole page."""
    if request.htmx and not request.htmx.history_restore_request:
        return f"{template}#{partial}"
    return template
