"""Draw the site's PNG icons and its default link-preview image from static/icons/favicon.svg,
with Chromium (Playwright and Debian's /usr/bin/chromium, as the browser tests use).

    .venv/bin/python scripts/make_icons.py

Writes static/icons/favicon-32.png, static/icons/apple-touch-icon.png (180 x 180, opaque: iOS
rounds the corners itself) and static/images/og-default.png (1200 x 630, what a shared link
shows). The PNGs are committed; run this again after changing the SVG or the site's title.
"""

from __future__ import annotations

import base64
import html
import os
import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from content_engine.loader import load_content  # noqa: E402  (after the path is set)

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SVG = ROOT / "static" / "icons" / "favicon.svg"
ACCENT = "#0b5e6b"  # --accent in static/css/site.css, and the icon's square


def _svg_url() -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(SVG.read_bytes()).decode()


def icon_page(size: int, *, opaque: bool) -> str:
    background = ACCENT if opaque else "transparent"
    return f"""<!doctype html><html><head><style>
      html, body {{ margin: 0; background: {background}; }}
      img {{ display: block; width: {size}px; height: {size}px; }}
    </style></head><body><img src="{_svg_url()}" alt=""></body></html>"""


def preview_page(title: str, tagline: str) -> str:
    return f"""<!doctype html><html lang="en"><head><style>
      html, body {{ margin: 0; width: 1200px; height: 630px; }}
      body {{ background: #fdfcfa; color: #1d1f24; font-family: "DejaVu Sans", sans-serif;
             display: flex; flex-direction: column; justify-content: center; padding: 0 90px;
             box-sizing: border-box; border-top: 24px solid {ACCENT}; }}
      img {{ width: 140px; height: 140px; margin-bottom: 44px; }}
      h1 {{ font-size: 76px; line-height: 1.1; margin: 0 0 28px; letter-spacing: -1px; }}
      p {{ font-size: 34px; line-height: 1.35; margin: 0; color: #4a4f59; max-width: 980px; }}
    </style></head><body>
      <img src="{_svg_url()}" alt="">
      <h1>{html.escape(title)}</h1>
      <p>{html.escape(tagline)}</p>
    </body></html>"""


def shoot(page: Page, markup: str, width: int, height: int, target: Path, *, clear: bool) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.set_content(markup)
    page.wait_for_load_state("load")
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target), omit_background=clear)
    print(f"wrote {target.relative_to(ROOT)} ({width} x {height})")


def main() -> None:
    site = load_content(ROOT / "content").site
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(device_scale_factor=1)
        icons = ROOT / "static" / "icons"
        shoot(page, icon_page(32, opaque=False), 32, 32, icons / "favicon-32.png", clear=True)
        shoot(
            page, icon_page(180, opaque=True), 180, 180, icons / "apple-touch-icon.png", clear=False
        )
        preview = preview_page(site.title, site.tagline)
        shoot(page, preview, 1200, 630, ROOT / "static/images/og-default.png", clear=False)
        browser.close()


if __name__ == "__main__":
    main()
