"""Absolute links: the configured SITE_URL and a path, never the request's Host header."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.utils.encoding import escape_uri_path


def absolute_url(path: str) -> str:
    """SITE_URL + `path`, a path as `reverse()` gives it (already percent-encoded)."""
    return f"{settings.SITE_URL}{path}"


def canonical_url(request: HttpRequest) -> str:
    """The page's canonical address: SITE_URL + the request's path, without its query."""
    return absolute_url(escape_uri_path(request.path))


def site_origin() -> tuple[str, str]:
    """SITE_URL's (scheme, host[:port]), for the sitemap."""
    parts = urlsplit(settings.SITE_URL)
    return parts.scheme, parts.netloc
