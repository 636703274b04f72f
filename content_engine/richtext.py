"""Markdown in content files, rendered once at load time and sanitised with nh3."""

from __future__ import annotations

import re

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a",
    "h3", "h4", "table", "thead", "tbody", "tr", "th", "td", "hr", "abbr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}

# Content is written by people, reviewed in pull requests and shown to everyone: markup that
# could run code is refused outright so the editor hears about it, not silently dropped.
UNSAFE_PATTERNS = (
    (re.compile(r"<\s*script", re.I), "a <script> tag"),
    (re.compile(r"javascript\s*:", re.I), "a javascript: link"),
    (re.compile(r"<[^>]*\bon[a-z]+\s*=", re.I), "an inline event handler (on...=)"),
    (re.compile(r"<\s*(iframe|object|embed|style|form)\b", re.I), "an embedded element"),
)


class RichText(str):
    """Sanitised HTML (the string value) that remembers its Markdown source.

    A `str` subclass with `__html__`, so Django templates print it without escaping it again."""

    source: str

    def __new__(cls, source: str, html: str) -> RichText:
        text = super().__new__(cls, html)
        text.source = source
        return text

    def __html__(self) -> str:  # read by django.utils.html.conditional_escape
        return str.__str__(self)

    @property
    def html(self) -> str:
        return str.__str__(self)

    @property
    def plain(self) -> str:
        """The text without markup, for meta descriptions and titles."""
        return re.sub(r"\s+", " ", nh3.clean(self.html, tags=set())).strip()


def unsafe_markup(source: str) -> str | None:
    """Name the first kind of unsafe markup in `source`, or None when it is clean."""
    for pattern, what in UNSAFE_PATTERNS:
        if pattern.search(source):
            return what
    return None


def render(source: str) -> RichText:
    html = markdown.markdown(
        source, extensions=["tables", "sane_lists", "fenced_code"], output_format="html"
    )
    safe = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    return RichText(source=source, html=safe)
