"""Pages as the site shows them: one way to render a page with its title, description, section
and breadcrumbs, and one way to say "not found" that offers the nearest valid pages."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from content_engine.schema import PageCopy, SiteFile

from .footnotes import add_footnotes


@dataclass(frozen=True)
class ErrorItem:
    """One line of a page's error summary, linking to the field it is about when there is one."""

    text: str
    href: str = ""


@dataclass(frozen=True)
class Crumb:
    """A labelled link to a named route, resolved only when its URL is read (so pages can be
    declared at import time, before the URL map exists)."""

    label: str
    viewname: str
    args: tuple[str, ...] = ()
    query: str = ""

    @property
    def url(self) -> str:
        path = reverse(self.viewname, args=self.args)
        return f"{path}?{self.query}" if self.query else path


def crumb(label: str, viewname: str, *args: str, query: str = "") -> Crumb:
    return Crumb(label, viewname, args, query)


@dataclass(frozen=True)
class Page:
    """What a page says about itself. `render` gives every page its title, description, section
    (the navigation item it sits under) and breadcrumbs in the same way."""

    title: str
    description: str = ""
    section: str = ""
    trail: tuple[Crumb, ...] = ()

    def child(self, title: str, description: str = "", link: Crumb | None = None) -> Page:
        """A page one level down: same section, this page's trail plus `link`."""
        trail = (*self.trail, link) if link else self.trail
        return Page(title, description, self.section, trail)

    def render(
        self, request: HttpRequest, template: str, context: dict[str, object], *, status: int = 200
    ) -> HttpResponse:
        page = {
            "page_title": self.title,
            "page_description": self.description[:300],
            "section": self.section,
            "breadcrumbs": self.trail,
        }
        return add_footnotes(render(request, template, {**page, **context}, status=status))


def section_page(site: SiteFile, section: str, viewname: str) -> Page:
    """The first page of a navigation section, its words from site.yaml's `pages`."""
    copy: PageCopy = getattr(site.pages, section)
    return Page(copy.title, copy.description, section, (crumb(copy.label, viewname),))


def nearest_ids(wanted: str, ids: list[str], *, limit: int = 3) -> list[str]:
    """The valid ids that look most like a mistyped one."""
    return difflib.get_close_matches(wanted[:80], ids, n=limit, cutoff=0.4)


class Named(Protocol):
    @property
    def id(self) -> str: ...


@dataclass(frozen=True)
class Catalogue:
    """A content collection whose members each have a page, so that a wrong id gets a 404 that
    offers the nearest real ones. A member's page is `viewname` with its id as the path argument,
    or as the query parameter `query` when that is set."""

    what: str
    viewname: str
    index: Crumb  # the page listing them all
    label: str = "name"
    query: str = ""

    def link(self, item: Named) -> Crumb:
        label = str(getattr(item, self.label))
        if self.query:
            return crumb(label, self.viewname, query=f"{self.query}={item.id}")
        return crumb(label, self.viewname, item.id)

    def get_or_404[T: Named](self, items: Mapping[str, T], wanted: str) -> T:
        """The member called `wanted`, or `MissingItem`, which `missing_item_page` renders."""
        found = items.get(wanted)
        if found is None:
            raise MissingItem(self, wanted, {i: self.link(item) for i, item in items.items()})
        return found


class MissingItem(Http404):
    def __init__(self, catalogue: Catalogue, wanted: str, links: Mapping[str, Crumb]) -> None:
        super().__init__(f"no {catalogue.what} called {wanted[:80]!r}")
        self.catalogue, self.wanted, self.links = catalogue, wanted[:80], links


def not_found_page(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The site's 404 page; for a mistyped id, it names what was asked for and offers the
    nearest valid pages."""
    context: dict[str, object] = {}
    if isinstance(exception, MissingItem):
        nearest = nearest_ids(exception.wanted, list(exception.links))
        context = {
            "what": exception.catalogue.what,
            "wanted": exception.wanted,
            "suggestions": [exception.links[i] for i in nearest],
            "index": exception.catalogue.index,
        }
    return Page("Page not found").render(request, "404.html", context, status=404)
