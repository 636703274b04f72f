"""Markdown is rendered once and sanitised; unsafe markup is refused before it renders."""

from __future__ import annotations

import pytest
from django.template import Context, Template

from content_engine.richtext import render, unsafe_markup


def test_markdown_renders_to_html_that_templates_do_not_escape():
    text = render("Use **evals**, not [vibes](https://example.org).")
    html = Template("{{ text }}").render(Context({"text": text}))
    assert "<strong>evals</strong>" in html
    assert 'rel="noopener noreferrer"' in html
    assert text.source.startswith("Use **evals**")


@pytest.mark.parametrize(
    "source",
    ["<script>x()</script>", "[a](javascript:x())", '<img src=x onerror="x()">', "<iframe src=x>"],
)
def test_unsafe_markup_is_named(source):
    assert unsafe_markup(source)


def test_sanitiser_strips_what_slips_past_the_check():
    html = render('<span style="color:red">hi</span> <a href="data:text/html,x">x</a>').html
    assert "style=" not in html and "data:" not in html


def test_ordinary_prose_that_looks_like_a_handler_is_allowed():
    assert unsafe_markup("Keep the model online = cheaper than a retrain, once = enough.") is None
    assert unsafe_markup('<a onclick="x()">') is not None
