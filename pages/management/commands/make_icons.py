"""`manage.py make_icons`: draw the site's PNG icons and its default link-preview image from
static/icons/favicon.svg, with Chromium (Playwright and Debian's /usr/bin/chromium, as the
browser tests use; CHROMIUM_PATH points elsewhere).

Writes static/icons/favicon-32.png, static/icons/apple-touch-icon.png (180 x 180, opaque: iOS
rounds the corners itself) and static/images/og-default.png (1200 x 630, what a shared link
shows). The PNGs are committed; run this again after changing the SVG or the site's title.

Playwright is a test dependency, not in the runtime lock: it is imported only when the command
runs.
"""

from __future__ import annotations

import base64
import html
import os
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from content_engine import store

if TYPE_CHECKING:
    from playwright.sync_api import Page

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ACCENT = "#0b5e6b"  # --accent in static/css/site.css, and the icon's square


def svg_url(svg: Path) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.read_bytes()).decode()


def icon_page(svg: Path, size: int, *, opaque: bool) -> str:
    background = ACCENT if opaque else "transparent"
    return f"""<!doctype html><html><head><style>
      html, body {{ margin: 0; background: {background}; }}
      img {{ display: block; width: {size}px; height: {size}px; }}
    </style></head><body><img src="{svg_url(svg)}" alt=""></body></html>"""


def preview_page(svg: Path, title: str, tagline: str) -> str:
    return f"""<!doctype html><html lang="en"><head><style>
      html, body {{ margin: 0; width: 1200px; height: 630px; }}
      body {{ background: #fdfcfa; color: #1d1f24; font-family: "DejaVu Sans", sans-serif;
             display: flex; flex-direction: column; justify-content: center; padding: 0 90px;
             box-sizing: border-box; border-top: 24px solid {ACCENT}; }}
      img {{ width: 140px; height: 140px; margin-bottom: 44px; }}
      h1 {{ font-size: 76px; line-height: 1.1; margin: 0 0 28px; letter-spacing: -1px; }}
      p {{ font-size: 34px; line-height: 1.35; margin: 0; color: #4a4f59; max-width: 980px; }}
    </style></head><body>
      <img src="{svg_url(svg)}" alt="">
      <h1>{html.escape(title)}</h1>
      <p>{html.escape(tagline)}</p>
    </body></html>"""


def shoot(page: Page, markup: str, width: int, height: int, target: Path, *, clear: bool) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.set_content(markup)
    page.wait_for_load_state("load")
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target), omit_background=clear)


class Command(BaseCommand):
    help = "Draw the PNG icons and the default link-preview image from static/icons/favicon.svg."
    requires_system_checks: list[str] = []

    def handle(self, *args: object, **options: object) -> None:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            raise CommandError(
                "Playwright is not installed: it is a test extra (make .venv/.installed-test)"
            ) from None
        if not Path(CHROMIUM).exists():
            raise CommandError(f"no Chromium at {CHROMIUM}: apt-get install chromium")
        static = Path(settings.BASE_DIR) / "static"
        icons, svg = static / "icons", static / "icons" / "favicon.svg"
        site = store.get().site
        preview = preview_page(svg, site.title, site.tagline)
        shots = [  # markup, width, height, file, transparent background
            (icon_page(svg, 32, opaque=False), 32, 32, icons / "favicon-32.png", True),
            (icon_page(svg, 180, opaque=True), 180, 180, icons / "apple-touch-icon.png", False),
            (preview, 1200, 630, static / "images" / "og-default.png", False),
        ]
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page(device_scale_factor=1)
            for markup, width, height, target, clear in shots:
                shoot(page, markup, width, height, target, clear=clear)
                self.stdout.write(f"wrote {target} ({width} x {height})")
            browser.close()
