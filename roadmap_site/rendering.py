"""One way to render a page, so every page gets its title, description, breadcrumb and section."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .selectors import nearest_ids

Crumb = dict[str, str]


def render_page(
    request: HttpRequest,
    template: str,
    context: dict[str, object],
    *,
    title: str,
    description: str = "",
    section: str = "",
    breadcrumbs: list[Crumb] | None = None,
    status: int = 200,
) -> HttpResponse:
    page = {
        "page_title": title,
        "page_description": description[:300],
        "section": section,
        "breadcrumbs": breadcrumbs or [],
    }
    return render(request, template, {**page, **context}, status=status)


def crumb(label: str, url: str) -> Crumb:
    return {"label": label, "url": url}


def not_found(
    request: HttpRequest,
    *,
    what: str,
    wanted: str,
    options: dict[str, tuple[str, str]],
    index_url: str,
    index_label: str,
) -> HttpResponse:
    """A 404 that names what was asked for and offers the nearest valid pages.

    `options` maps each valid id to (label, url)."""
    suggestions = [options[i] for i in nearest_ids(wanted, list(options))]
    return render_page(
        request,
        "404.html",
        {
            "what": what,
            "wanted": wanted[:80],
            "suggestions": suggestions,
            "index_url": index_url,
            "index_label": index_label,
        },
        title="Page not found",
        status=404,
    )
