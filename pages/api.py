"""The read-only JSON API: all validated content, versioned."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse

from content_engine import store
from content_engine.content import Content
from content_engine.per_version import per_version
from webkit.page_cache import content_page


@per_version
def content_document(content: Content) -> bytes:
    """The serialised API document, built once per content version."""
    return json.dumps(content.as_json(), ensure_ascii=False, separators=(",", ":")).encode()


@content_page
def content_json(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(content_document(store.get()), content_type="application/json")
    response["Access-Control-Allow-Origin"] = "*"
    return response
