"""/favicon.ico, the address browsers and crawlers ask for without reading the page: a permanent
redirect to the site's PNG icon (pages name theirs in base.html's <link rel="icon">)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

FAVICON_PNG = "icons/favicon-32.png"
CACHE_SECONDS = 60 * 60 * 24  # a day: the PNG's own address changes with its content


@require_safe
def favicon_ico(request: HttpRequest) -> HttpResponsePermanentRedirect:
    response = HttpResponsePermanentRedirect(static(FAVICON_PNG))
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response
