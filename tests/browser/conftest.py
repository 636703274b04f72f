"""Browser tests: Playwright driving Debian's Chromium against a live test server."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page, Route

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"  # npm's axe-core (package.json)
# The site's Content-Security-Policy runs only scripts from its own origin, so axe-core is
# loaded from this address on the page's origin, answered from node_modules by Playwright.
AXE_ADDRESS = "/__axe-core__/axe.min.js"

# Playwright's sync API keeps an event loop in the test thread; our own DB reads there are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists():
                item.add_marker(pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}"))


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page_factory(browser):
    contexts = []

    def make(*, javascript: bool = True, dark: bool = False, width: int = 1280, height: int = 900):
        context = browser.new_context(
            java_script_enabled=javascript,
            color_scheme="dark" if dark else "light",
            viewport={"width": width, "height": height},
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield make
    for context in contexts:
        context.close()


def _add_axe(page: Page) -> None:
    """axe-core in the page, unless it is there already (it goes with each navigation)."""
    if page.evaluate("typeof axe !== 'undefined'"):
        return
    if not page.url.startswith(("http://", "https://")):
        page.add_script_tag(path=AXE_SCRIPT)  # set_content: no origin, no policy
        return

    def answer(route: Route) -> None:
        route.fulfill(path=AXE_SCRIPT, content_type="text/javascript")

    page.route(f"**{AXE_ADDRESS}", answer)
    try:
        page.add_script_tag(url=urljoin(page.url, AXE_ADDRESS))
    finally:
        page.unroute(f"**{AXE_ADDRESS}", answer)  # no route left: the page caches as before


@pytest.fixture
def axe_violations():
    """axe-core's WCAG 2.2 AA violations on a page (JavaScript on), one line each."""
    if not AXE_SCRIPT.exists():
        pytest.skip(f"no {AXE_SCRIPT.relative_to(ROOT)}: run `npm ci` (make test does; needs npm)")

    def run(page: Page) -> list[str]:
        _add_axe(page)
        options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
        results: dict[str, Any] = page.evaluate("options => axe.run(document, options)", options)
        return [
            f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: "
            f"{v['nodes'][0]['target'] if v['nodes'] else ''})"
            for v in results["violations"]
        ]

    return run


@pytest.fixture
def axe_scan(live_server, page_factory, axe_violations):
    """axe-core over a list of paths in one browser page: {path: violations} for those with any."""

    def scan(paths: list[str], *, dark: bool) -> dict[str, list[str]]:
        page = page_factory(dark=dark)
        found = {}
        for path in paths:
            page.goto(live_server.url + path)
            if violations := axe_violations(page):
                found[path] = violations
        return found

    return scan
