"""One way to render a page, so every page gets its title, description, breadcrumb and section,
and one way to say "not found" that offers the nearest valid pages."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse


@dataclass(frozen=True)
class ErrorItem:
    """One line of a page's error summary, linking to the field it is about when there is one."""

    text: str
    href: str = ""


@dataclass(frozen=True)
class Crumb:
    label: str
    url: str


def crumb(label: str, viewname: str, *args: str, query: str = "") -> Crumb:
    """A breadcrumb (or any labelled link) to a named route, with an optional query string."""
    url = reverse(viewname, args=args)
    return Crumb(label, f"{url}?{query}" if query else url)


def trail(*links: tuple[str, ...]) -> list[Crumb]:
    """Breadcrumbs from (label, viewname, *args) tuples, outermost first."""
    return [crumb(label, viewname, *args) for label, viewname, *args in links]


def render_page(
    request: HttpRequest,
    template: str,
    context: dict[str, object],
    *,
    title: str,
    description: str = "",
    section: str = "",
    breadcrumbs: Iterable[Crumb] = (),
    status: int = 200,
) -> HttpResponse:
    page = {
        "page_title": title,
        "page_description": description[:300],
        "section": section,
        "breadcrumbs": list(breadcrumbs),
    }
    return render(request, template, {**page, **context}, status=status)


def nearest_ids(wanted: str, ids: list[str], *, limit: int = 3) -> list[str]:
    """The valid ids that look most like a mistyped one."""
    return difflib.get_close_matches(wanted[:80], ids, n=limit, cutoff=0.4)


def not_found(
    request: HttpRequest,
    *,
    what: str,
    wanted: str,
    choices: Iterable[tuple[str, Crumb]],
    index: Crumb,
) -> HttpResponse:
    """A 404 that names what was asked for and offers the nearest valid pages.

    `choices` pairs each valid id with a link to its page; `index` links to the whole list."""
    links = dict(choices)
    return render_page(
        request,
        "404.html",
        {
            "what": what,
            "wanted": wanted[:80],
            "suggestions": [links[i] for i in nearest_ids(wanted, list(links))],
            "index": index,
        },
        title="Page not found",
        status=404,
    )
