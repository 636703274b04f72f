"""see_other and load_page: a 303 for a plain request, HX-Redirect for htmx."""

from __future__ import annotations

from typing import cast

from django.test import RequestFactory
from django_htmx.middleware import HtmxDetails

from webkit.htmx import HtmxHttpRequest
from webkit.redirects import load_page, see_other


def request_with(**headers: str) -> HtmxHttpRequest:
    request = cast(HtmxHttpRequest, RequestFactory().post("/plan/", headers=headers))
    request.htmx = HtmxDetails(request)
    return request


def test_see_other_is_a_303_to_the_address():
    response = see_other("/plan/abc/")
    assert response.status_code == 303 and response["Location"] == "/plan/abc/"


def test_a_plain_form_post_is_seen_other():
    response = load_page(request_with(), "/quiz/result/abc/")
    assert response.status_code == 303 and response["Location"] == "/quiz/result/abc/"


def test_an_htmx_post_is_told_to_load_the_page_itself():
    response = load_page(request_with(**{"HX-Request": "true"}), "/quiz/result/abc/")
    assert response.status_code == 200 and response["HX-Redirect"] == "/quiz/result/abc/"
    assert "Location" not in response
