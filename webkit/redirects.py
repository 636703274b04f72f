"""Where a view sends the browser next: 303 See Other, and its htmx counterpart."""

from __future__ import annotations

from django.http import HttpResponse, HttpResponseRedirect
from django_htmx.http import HttpResponseClientRedirect

from .htmx import HtmxHttpRequest


def see_other(url: str) -> HttpResponse:
    """303 See Other: the browser fetches `url` with GET, so after a POST a reload or Back
    never sends the form again."""
    return HttpResponseRedirect(url, status=303)


def load_page(request: HtmxHttpRequest, url: str) -> HttpResponse:
    """Send the browser to `url` as a whole page: under htmx an HX-Redirect (htmx follows a
    303 itself and would swap the page in as a fragment), otherwise a 303."""
    return HttpResponseClientRedirect(url) if request.htmx else see_other(url)
