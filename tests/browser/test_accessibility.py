"""axe-core finds no WCAG 2.2 AA violation on any page type, in light or dark mode."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from content_engine.content import Content

PAGES = [
    "/", "/guides/", "/guides/what-carries-over/", "/guides/ai-engineer-vs-ml-engineer/",
    "/route/", "/route/orientation/", "/skills/",
    "/skills/?background=backend", "/skills/?background=qa-test-automation",
    "/roles/?background=frontend&deep_ml=yes", "/roles/ai-engineer/",
    "/skills/?skill=rag", "/roles/", "/roles/agent-engineer/",
    "/roles/compare/?a=ai-engineer&b=ml-engineer", "/roles/compare/?a=ai-engineer&b=ai-engineer",
    "/lenses/", "/compare/", "/faq/", "/quiz/", "/quiz/?step=1", "/quiz/?all=1", "/no-such-page/",
]  # fmt: skip


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_page_type_has_no_axe_violations(axe_scan, dark):
    assert axe_scan(PAGES, dark=dark) == {}


def quiz_address(content: Content, *, step: int | None = None, answered: int) -> str:
    """A quiz screen's own address: the question (or check your answers), the first
    `answered` answers (second option each)."""
    where = ("step", str(step)) if step else ("review", "1")
    answers = [(q.id, q.options[1].id) for q in content.quiz.questions[:answered]]
    return "/quiz/?" + urlencode([where, ("draft", "A11y-run_0123456789abc"), *answers])


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_quiz_screen_has_no_axe_violations(
    live_server, page_factory, axe_violations, dark, content
):
    questions = content.quiz.questions
    total = len(questions)
    base = live_server.url
    page = page_factory(dark=dark)
    found = {}

    def check(name: str) -> None:
        violations = axe_violations(page)
        if violations:
            found[name] = violations

    page.goto(base + "/quiz/?step=1")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    check("a question left unanswered")
    page.goto(base + quiz_address(content, step=4, answered=3))
    page.locator(f"#{questions[3].id}-{questions[3].options[0].id}").check()
    check("a question in the middle, answered")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Question 5 of")
    page.goto(base + "/quiz/")
    expect(page.get_by_role("link", name="Continue at question 5")).to_be_visible()
    check("the intro offering to continue a run")
    page.goto(base + "/quiz/?all=1")
    check("all questions on one page")
    broken = quiz_address(content, step=4, answered=1) + f"&{questions[1].id}=not-an-option"
    page.goto(base + broken)
    expect(page.get_by_role("alert")).to_contain_text("not one of its options")
    check("an address with a broken answer")
    page.goto(base + quiz_address(content, answered=total))
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    check("check your answers")
    page.get_by_role("button", name="See my result").click()
    expect(page).to_have_url(re.compile(r"/quiz/result/[A-Za-z0-9_-]{22}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Best fit:")
    check("result")
    assert not found


def test_the_axe_check_itself_catches_a_violation(page_factory, axe_violations):
    page = page_factory()
    page.set_content('<html lang="en"><title>x</title><main><img src="x.png"></main></html>')
    assert any(v.startswith("image-alt") for v in axe_violations(page))
    version = tuple(int(part) for part in page.evaluate("axe.version").split("."))
    assert version >= (4, 7), "axe-core before 4.7 does not know the WCAG 2.2 rules"
