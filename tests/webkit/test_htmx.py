"""When a view answers with an htmx fragment and when with the whole page."""

from __future__ import annotations

from typing import cast

import pytest
from django.test import RequestFactory
from django_htmx.middleware import HtmxDetails

from webkit.htmx import HtmxHttpRequest, partial_or_page


def request_with(**headers: str) -> HtmxHttpRequest:
    request = cast(HtmxHttpRequest, RequestFactory().get("/roles/", headers=headers))
    request.htmx = HtmxDetails(request)  # as django-htmx's middleware sets it
    return request


def test_a_plain_visit_gets_the_whole_page():
    assert partial_or_page(request_with(), "roles/list.html", "role-list") == "roles/list.html"


def test_an_htmx_swap_gets_the_named_partial():
    request = request_with(**{"HX-Request": "true"})
    assert partial_or_page(request, "roles/list.html", "role-list") == "roles/list.html#role-list"


def test_back_or_forward_after_a_swap_gets_the_whole_page():
    request = request_with(**{"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert partial_or_page(request, "roles/list.html", "role-list") == "roles/list.html"


@pytest.mark.parametrize("value", ["false", "", "1"])
def test_only_a_true_hx_request_header_counts(value):
    request = request_with(**{"HX-Request": value})
    assert partial_or_page(request, "roles/list.html", "role-list") == "roles/list.html"
