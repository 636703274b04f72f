"""axe-core finds no WCAG 2.2 AA violation on any page type, in light or dark mode."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

PAGES = [
    "/", "/what-changes/", "/route/", "/route/orientation/", "/skills/",
    "/skills/?background=backend", "/skills/?background=qa-test-automation",
    "/roles/?background=frontend&deep_ml=yes", "/roles/ai-engineer/",
    "/skills/?skill=rag", "/roles/", "/roles/agent-engineer/",
    "/roles/compare/?a=ai-engineer&b=ml-engineer", "/roles/compare/?a=ai-engineer&b=ai-engineer",
    "/lenses/", "/compare/", "/faq/", "/quiz/", "/quiz/?step=1", "/quiz/?all=1", "/no-such-page/",
]  # fmt: skip


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_page_type_has_no_axe_violations(live_server, page_factory, axe_violations, dark):
    page = page_factory(dark=dark)
    found = {}
    for path in PAGES:
        page.goto(live_server.url + path)
        violations = axe_violations(page)
        if violations:
            found[path] = violations
    assert not found


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_quiz_error_review_and_result_have_no_axe_violations(
    live_server, page_factory, axe_violations, dark, content
):
    questions = content.quiz.questions
    page = page_factory(dark=dark)
    page.goto(live_server.url + "/quiz/?step=1")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    assert axe_violations(page) == [], "error state"
    page.goto(live_server.url + f"/quiz/?step={len(questions)}")
    last = questions[-1]
    page.check(f"#{last.id}-{last.options[0].id}")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    assert axe_violations(page) == [], "check your answers"
    page.goto(live_server.url + "/quiz/?all=1")
    for question in questions:
        page.check(f"#{question.id}-{question.options[1].id}")
    page.get_by_role("button", name="See my result").click()
    expect(page).to_have_url(re.compile(r"/quiz/result/[A-Za-z0-9_-]{22}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Best fit:")
    assert axe_violations(page) == [], "result page"


def test_the_axe_check_itself_catches_a_violation(page_factory, axe_violations):
    page = page_factory()
    page.set_content('<html lang="en"><title>x</title><main><img src="x.png"></main></html>')
    assert any(v.startswith("image-alt") for v in axe_violations(page))
    version = tuple(int(part) for part in page.evaluate("axe.version").split("."))
    assert version >= (4, 7), "axe-core before 4.7 does not know the WCAG 2.2 rules"
