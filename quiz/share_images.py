"""The link-preview image for a quiz result: one PNG per role, "Best fit: <role>", drawn ahead of
time by `manage.py make_share_images` and committed under static/images/results/.

Each image carries a fingerprint of what it shows (the look's version, the site's title and the
role's name) in a PNG text chunk, so a test can tell an image that is missing or out of date
from one that is current, without drawing anything. A result whose role has no current image
shares the site's default preview instead: the page never points at a file that is not there.
The view hands the image to templates/base.html as `page_image`, which replaces the default
og:image and its alt text.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass

from django.contrib.staticfiles import finders

from content_engine.content import Content

FOLDER = "images/results"
LOOK = "1"  # bump when the drawing changes, so every image must be drawn again
FINGERPRINT_KEY = "share-image"
COMMAND = ".venv/bin/python manage.py make_share_images"


@dataclass(frozen=True)
class ShareImage:
    """A page's own link-preview image (a static file, 1200 x 630) and what it shows, in words."""

    path: str
    alt: str


def image_name(role_id: str) -> str:
    """The role's image as a static file name."""
    return f"{FOLDER}/{role_id}.png"


def fingerprint(*, site_title: str, role_name: str) -> str:
    """What an image shows, as a short hash: it changes whenever the image ought to."""
    words = "\n".join((LOOK, site_title, role_name))
    return hashlib.sha256(words.encode()).hexdigest()[:16]


def headline(role_name: str) -> str:
    return f"Best fit: {role_name}"


@functools.lru_cache(maxsize=64)
def _exists(name: str) -> bool:
    return finders.find(name) is not None


def result_image(content: Content, *, role_id: str, role_name: str) -> ShareImage | None:
    """The preview for a result whose best fit is `role_id`, shown as `role_name`: the role's own
    image when it exists and says the same name as the result (a role since renamed or removed
    does not), otherwise None, which leaves the site's default preview."""
    role = content.role_by_id.get(role_id)
    if role is None or role.name != role_name or not _exists(image_name(role_id)):
        return None
    alt = f"{headline(role_name)}. A fit quiz result on {content.site.title}."
    return ShareImage(image_name(role_id), alt)
