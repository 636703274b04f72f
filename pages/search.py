"""The search page, /search/?q=: every content collection, ranked, with the matched words marked.
Server-rendered from a GET form, so it works without JavaScript. The ranking is
content_engine.search; this module turns its hits into links."""

from __future__ import annotations

import re
import secrets
import threading
from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.template.defaultfilters import urlencode as urlencode_filter
from django.urls import reverse
from django.utils.html import escape

from content_engine import store
from content_engine.content import Content
from content_engine.per_version import per_version
from content_engine.search import MAX_QUERY_LENGTH, Hit, Results, index_for, search
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


def _title(query: str) -> str:
    # First-strong isolate: a right-to-left query cannot reorder the words around it in the
    # tab's title (the page itself isolates it with <bdi>). Direction controls typed in the
    # query are left out of the title, so none can close the isolate early.
    return f"Search results for “\u2068{BIDI_CONTROLS.sub('', query)}\u2069”"


def _render(request: HttpRequest, content: Content, results: Results, title: str) -> HttpResponse:
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
    page = Page(title, DESCRIPTION, "search", SEARCH_PAGE.trail) if title else SEARCH_PAGE
    return page.render(request, "search.html", context)


class NoHitPages:
    """The page for a search that found nothing, which differs from another such page only in
    the words typed: rendered once per content version and shape (cut or not, with a suggestion
    or not, common words only or not) with markers where those words go, then filled in for
    each search. A search of made-up words is what a client can send most cheaply and the
    page cache never holds, so it costs a few string joins instead of a template render.
    tests/pages/test_search.py holds every filled page equal to the page rendered in full."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version = ""
        self._shells: dict[tuple[bool, bool, bool], list[str]] = {}
        # Lower-case letters and digits: the same after escaping and URL-encoding, and a
        # 24-digit random number no content holds.
        self._query, self._title, self._suggestion = (
            f"q{secrets.token_hex(12)}{name}" for name in ("query", "title", "suggestion")
        )
        self._marks = re.compile(
            "|".join(
                re.escape(m)
                for m in (f"?q={self._suggestion}", self._suggestion, self._query, self._title)
            )
        )

    def response(self, request: HttpRequest, content: Content, results: Results) -> str:
        shape = (results.cut, bool(results.suggestion), results.too_common)
        pieces = self._shell(request, content, shape)
        values = {
            f"?q={self._suggestion}": f"?q={escape(urlencode_filter(results.suggestion))}",
            self._suggestion: escape(results.suggestion),
            self._query: escape(results.query),
            self._title: escape(BIDI_CONTROLS.sub("", results.query)),
        }
        # Pieces alternate: page text, a mark, page text, ...; only the marks are replaced, so
        # nothing a visitor typed is ever read as a mark.
        return "".join(values[p] if i % 2 else p for i, p in enumerate(pieces))

    def _shell(
        self, request: HttpRequest, content: Content, shape: tuple[bool, bool, bool]
    ) -> list[str]:
        with self._lock:
            if self._version != content.version:
                self._version, self._shells = content.version, {}
            found = self._shells.get(shape)
        if found is not None:
            return found
        cut, suggested, too_common = shape
        blank = Results(self._query, (), 0, cut, self._suggestion if suggested else "", too_common)
        html = _render(request, content, blank, _title(self._title)).content.decode()
        pieces: list[str] = []
        at = 0
        for mark in self._marks.finditer(html):
            pieces += [html[at : mark.start()], mark.group()]
            at = mark.end()
        pieces.append(html[at:])
        with self._lock:
            if self._version == content.version:
                self._shells[shape] = pieces
        return pieces


no_hit_pages = NoHitPages()


@content_page(query=("q",))
def search_page(request: HtmxHttpRequest) -> HttpResponse:
    content = store.get()
    results = search(index_for(content), request.GET.get("q", ""))
    if results.query and not results.hits:
        return HttpResponse(no_hit_pages.response(request, content, results))
    return _render(request, content, results, _title(results.query) if results.query else "")
