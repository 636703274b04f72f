"""The read-only JSON API: all validated content, versioned."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse

from content_engine import store
from webkit.page_cache import content_page

_serialised: dict[str, bytes] = {}


def content_document() -> bytes:
    """The serialised API document, built once per content version."""
    content = store.get()
    if content.version not in _serialised:
        _serialised.clear()
        _serialised[content.version] = json.dumps(
            content.as_json(), ensure_ascii=False, separators=(",", ":")
        ).encode()
    return _serialised[content.version]


@content_page
def content_json(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(content_document(), content_type="application/json")
    response["Access-Control-Allow-Origin"] = "*"
    return response
