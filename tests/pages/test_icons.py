"""Icons and link previews: every page names its favicon, touch icon and an absolute preview
image, all of which exist; /favicon.ico, asked for without reading any page, is never a 404."""

from __future__ import annotations

import re
import struct
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client

pytestmark = pytest.mark.django_db


def test_every_page_names_its_icons_and_an_absolute_preview_image(client: Client):
    html = client.get("/").content.decode()
    image = re.search(r'<meta property="og:image" content="([^"]+)">', html)
    assert image is not None and image.group(1).startswith(settings.SITE_URL + "/")
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    for rel in ("icon", "apple-touch-icon"):
        assert f'<link rel="{rel}" href="' in html
    for path in re.findall(r'<link rel="(?:icon|apple-touch-icon)" href="([^"]+)"', html):
        name = path.removeprefix(settings.STATIC_URL)
        assert finders.find(name), path
    assert finders.find(urlsplit(image.group(1)).path.removeprefix(settings.STATIC_URL))


def test_favicon_ico_redirects_to_the_png(client: Client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert finders.find(response["Location"].removeprefix(settings.STATIC_URL))
    assert client.head("/favicon.ico").status_code == 301


@pytest.mark.parametrize(
    ("name", "size"),
    [
        ("icons/favicon-32.png", (32, 32)),
        ("icons/apple-touch-icon.png", (180, 180)),
        ("images/og-default.png", (1200, 630)),
    ],
)
def test_each_png_has_the_size_it_is_used_at(name, size):
    found = finders.find(name)
    assert isinstance(found, str), name
    header = Path(found).read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == size
