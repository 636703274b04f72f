"""The search page, /search/?q=: every content collection, ranked, with the matched words marked.
Server-rendered from a GET form, so it works without JavaScript. The ranking is
content_engine.search; this module turns its hits into links."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpResponse
from django.urls import reverse

from content_engine import store
from content_engine.content import Content
from content_engine.per_version import per_version
from content_engine.search import MAX_QUERY_LENGTH, Hit, index_for, search
from webkit.htmx import HtmxHttpRequest
from webkit.page_cache import content_page
from webkit.rendering import Page, crumb

DESCRIPTION = (
    "Search every guide, skill, route stage, role, background, lens, question and comparison on "
    "the site."
)
# Offered on an empty search and when nothing matched; only those that find something are shown.
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
EXAMPLES = ("MCP", "evals", "RAG", "prompt injection", "fine-tuning", "portfolio")
SEARCH_PAGE = Page("Search", DESCRIPTION, "search", (crumb("Search", "pages:search"),))


def _query_link(viewname: str, name: str) -> Callable[[str], str]:
    return lambda id: f"{reverse(viewname)}?{urlencode({name: id})}"


def _anchor_link(viewname: str) -> Callable[[str], str]:
    return lambda id: f"{reverse(viewname)}#{id}"


# A document kind -> (what it is, in words; the address of a document of that kind).
KINDS: dict[str, tuple[str, Callable[[str], str]]] = {
    "skill": ("Skill", _query_link("pages:skills", "skill")),
    "stage": ("Route stage", lambda id: reverse("pages:stage", args=[id])),
    "role": ("AI role", lambda id: reverse("roles:detail", args=[id])),
    "background": ("Skills map for your background", _query_link("pages:skills", "background")),
    "lens": ("Lens", _anchor_link("pages:lenses")),
    "question": ("Question", _anchor_link("pages:faq")),
    "mistake": ("Common mistake", _anchor_link("pages:faq")),
    "comparison": ("Comparison", _anchor_link("pages:comparisons")),
    "guide": ("Guide", lambda id: reverse("pages:guide", args=[id])),
}


def hit_link(hit: Hit) -> str:
    return KINDS[hit.document.kind][1](hit.document.id)


def _kind_label(content: Content, hit: Hit) -> str:
    label = KINDS[hit.document.kind][0]
    if hit.document.kind == "stage":
        return f"{label} {content.stage_number[hit.document.id]}"
    return label


@per_version
def _examples(content: Content) -> list[str]:
    """The example searches that find something in this content: worked out once per content
    version, since every search without results offers them."""
    index = index_for(content)
    return [example for example in EXAMPLES if search(index, example, limit=1).hits]


@content_page(query=("q",))
def search_page(request: HtmxHttpRequest) -> HttpResponse:
    content = store.get()
    results = search(index_for(content), request.GET.get("q", ""))
    hits = [
        {
            "url": hit_link(hit),
            "kind": _kind_label(content, hit),
            "title": hit.title,
            "snippet": hit.snippet,
        }
        for hit in results.hits
    ]
    context = {
        "results": results,
        "hits": hits,
        "max_length": MAX_QUERY_LENGTH,
        "examples": [] if hits else _examples(content),
        "sections": content.site.pages,
    }
    page = SEARCH_PAGE
    if results.query:
        # First-strong isolate: a right-to-left query cannot reorder the words around it in
        # the tab's title (the page itself isolates it with <bdi>). Direction controls typed in
        # the query are left out of the title, so none can close the isolate early.
        shown = BIDI_CONTROLS.sub("", results.query)
        title = f"Search results for “\u2068{shown}\u2069”"
        page = Page(title, DESCRIPTION, "search", page.trail)
    return page.render(request, "search.html", context)
