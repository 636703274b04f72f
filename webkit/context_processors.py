"""Values every page template needs: the site copy and the page's canonical address."""

from __future__ import annotations

from django.http import HttpRequest

from content_engine import store
from content_engine.pacing import HOURS_RULE, MAX_HOURS_PER_WEEK, MIN_HOURS_PER_WEEK

from .links import canonical_url


def site(request: HttpRequest) -> dict[str, object]:
    return {
        "site": store.get().site,
        # From SITE_URL, never the Host header: pages are cached and shared across visitors.
        "canonical_url": canonical_url(request),
        # The one hours-a-week rule the route's pace and a plan's both follow.
        "hours_min": MIN_HOURS_PER_WEEK,
        "hours_max": MAX_HOURS_PER_WEEK,
        "hours_rule": HOURS_RULE,
    }
