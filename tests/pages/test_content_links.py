"""A link an editor writes inside content Markdown leads to a page that exists.

Editors link between pages by path, as the FAQ does with
`[forward-deployed engineer](/roles/forward-deployed-engineer/)`. The schema does not know those
paths, so a renamed role or a typo would leave a link that 404s for the reader; these tests
follow every such link.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client
from pydantic import BaseModel

from content_engine.content import Content
from content_engine.loader import load_content
from content_engine.richtext import RichText

pytestmark = pytest.mark.django_db

SITE_HREF = re.compile(r'href="(/[^"#]*)')


def rich_texts(value: object) -> Iterator[RichText]:
    """Every Markdown field inside a content model, however deeply nested."""
    if isinstance(value, RichText):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from rich_texts(getattr(value, name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from rich_texts(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from rich_texts(item)


def site_links(content: Content) -> set[str]:
    """The paths on this site that content Markdown and guides link to (fragments dropped)."""
    return {
        href.replace("&amp;", "&")
        for file in (*content.files, *content.guides)
        for text in rich_texts(file)
        for href in SITE_HREF.findall(text.html)
    }


def test_every_link_inside_content_opens_a_page(client: Client, content: Content):
    links = site_links(content)
    assert any(link.startswith("/roles/") and link != "/roles/" for link in links), (
        "no Markdown field links a role page any more: the FAQ's job-titles answer should"
    )
    broken = {}
    for href in sorted(links):
        status = client.get(href).status_code
        if status != 200:
            broken[href] = status
    assert not broken, f"links in content that do not open a page: {broken}"


def test_a_mistyped_role_link_is_found_and_does_not_open(client: Client, content_copy: Path):
    faq = content_copy / "faq.yaml"
    good, typo = "(/roles/forward-deployed-engineer/)", "(/roles/forward-deployed-engineers/)"
    text = faq.read_text(encoding="utf-8")
    assert good in text
    faq.write_text(text.replace(good, typo), encoding="utf-8")
    links = site_links(load_content(content_copy))
    assert "/roles/forward-deployed-engineers/" in links
    assert client.get("/roles/forward-deployed-engineers/").status_code == 404
