"""A page's sources: every footnote number on the page, listed at the foot of its main content.

A Markdown field that cites a source carries its footnote link already (content_engine/
citations.py). Which sources a page cites is only known once the page is rendered, since one
page shows many fields, so the list is added to the rendered HTML: each cited source once, by its
number, inside `<main>`. A fragment htmx swaps in has no `<main>` and gets no list.
"""

from __future__ import annotations

import re

from django.http import HttpResponse
from django.template.loader import render_to_string

from content_engine import store

# The link a marker becomes, exactly as content_engine.citations.footnote_mark writes it.
CITED = re.compile(r'<sup class="cite"><a href="#source-([a-z0-9-]+)">')
MAIN_END = "</main>"


def cited_ids(html: str) -> list[str]:
    """The sources `html` cites, each once, in the order of their numbers."""
    numbers = store.get().source_number
    found = {ident for ident in CITED.findall(html) if ident in numbers}
    return sorted(found, key=numbers.__getitem__)


def add_footnotes(response: HttpResponse) -> HttpResponse:
    """`response` with its page's sources listed at the end of `<main>`, when it cites any."""
    if response.streaming or response.status_code != 200:
        return response
    html = response.content.decode(response.charset)
    ids = cited_ids(html)
    at = html.rfind(MAIN_END)
    if not ids or at < 0:
        return response
    content = store.get()
    sources = [(content.source_number[i], content.source_by_id[i]) for i in ids]
    listing = render_to_string("sources.html", {"sources": sources})
    response.content = (html[:at] + listing + html[at:]).encode(response.charset)
    return response
