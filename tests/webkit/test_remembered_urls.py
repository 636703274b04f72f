"""`{% url %}` (a builtin from webkit/templatetags/remembered_urls.py) gives what Django's own tag
gives, and reverses a fixed name once."""

from __future__ import annotations

import pytest
from django.template import Context, Engine, Template, engines
from django.test import RequestFactory
from django.urls import NoReverseMatch

from webkit.templatetags import remembered_urls

CASES = [
    "{% url 'pages:route' %}",
    "{% url 'pages:stage' 'orientation' %}",
    "{% url 'pages:stage' stage_id=stage %}",
    "{% url name %}",
    "{% url 'pages:faq' as faq %}[{{ faq }}]",
    "{% url name as missing %}[{{ missing }}]",
]


def render(source: str, *, remembered: bool) -> str:
    if remembered:
        template = engines["django"].from_string(source)
        request = RequestFactory().get("/")
        return template.render({"stage": "capstone", "name": "pages:guides"}, request)
    plain = Engine()  # Django's own builtins only
    return Template(source, engine=plain).render(
        Context({"stage": "capstone", "name": "pages:guides"})
    )


@pytest.mark.parametrize("source", CASES)
def test_it_renders_what_djangos_tag_renders(source):
    assert render(source, remembered=True) == render(source, remembered=False)


def test_a_fixed_name_is_reversed_once(monkeypatch):
    calls = []
    from django.urls import reverse as real

    def counting(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(remembered_urls, "_reversed", {})
    monkeypatch.setattr(remembered_urls, "reverse", counting)
    for _ in range(5):
        assert render("{% url 'pages:lenses' %}", remembered=True) == "/lenses/"
    assert calls == ["pages:lenses"]


def test_an_unknown_fixed_name_still_fails_loudly():
    with pytest.raises(NoReverseMatch):
        render("{% url 'pages:no-such-page' %}", remembered=True)
