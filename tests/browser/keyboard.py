"""Keyboard-only helpers: reach controls with Tab, as a person without a mouse would."""

from __future__ import annotations

MAX_TABS = 120


def tab_to(page, description: str, test_js: str) -> None:
    """Press Tab until `test_js` (a function of the focused element) returns true."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => ({test_js}))(document.activeElement)"):
            return
    raise AssertionError(f"could not reach {description} with the Tab key")


def tab_to_text(page, text: str) -> None:
    tab_to(page, repr(text), f"el && el.textContent.trim().startsWith({text!r})")


def tab_to_id(page, element_id: str) -> None:
    tab_to(page, f"#{element_id}", f"el && el.id === {element_id!r}")
