"""Browser tests: Playwright driving Debian's Chromium against a live test server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

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


@pytest.fixture
def axe_violations():
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def run(page) -> list[str]:
        options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
        results = axe.run(page, options=options)
        return [
            f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: "
            f"{v['nodes'][0]['target'] if v['nodes'] else ''})"
            for v in results.response["violations"]
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
