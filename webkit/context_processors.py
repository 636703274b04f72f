"""Values every page template needs: the site copy and the page's canonical address."""

from __future__ import annotations

from django.http import HttpRequest

from content_engine import store

from .links import canonical_url


def site(request: HttpRequest) -> dict[str, object]:
    return {
        "site": store.get().site,
        # From SITE_URL, never the Host header: pages are cached and shared across visitors.
        "canonical_url": canonical_url(request),
    }
