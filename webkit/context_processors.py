"""Values every page template needs: the site copy and the page's canonical address."""

from __future__ import annotations

from django.http import HttpRequest

from content_engine import store


def site(request: HttpRequest) -> dict[str, object]:
    return {
        "site": store.get().site,
        "canonical_url": request.build_absolute_uri(request.path),
    }
