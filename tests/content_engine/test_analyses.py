"""The analysis registry: apps add heavier checks, and check_content runs every one of them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import pytest
from django.core.management import call_command

from content_engine import analyses
from content_engine.content import Content
from content_engine.problems import Problem


@pytest.fixture
def registry(monkeypatch):
    """An empty registry for one test; the apps' own registrations come back afterwards."""
    monkeypatch.setattr(analyses, "_registered", {})
    return analyses


def problem(message: str, severity: Literal["error", "warning"] = "error") -> Problem:
    return Problem("quiz.yaml", 3, "questions[0]", message, severity)


def run_check(capsys) -> tuple[int, str, str]:
    try:
        call_command("check_content")
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_quiz_app_registers_its_balance_analysis():
    assert "quiz balance" in analyses.names()


def test_the_registered_balance_analysis_is_the_quiz_balance_check(content: Content, monkeypatch):
    import quiz.balance

    seen = []

    def fake_balance(checked: Content) -> list[Problem]:
        seen.append(checked)
        return [problem("a role can never win")]

    monkeypatch.setattr(quiz.balance, "balance_problems", fake_balance)
    found = analyses._registered["quiz balance"](content)
    assert seen == [content]
    assert found == [problem("a role can never win")]


def test_run_all_runs_every_analysis_and_keeps_every_problem(registry, content: Content):
    calls = []

    def analysis(name: str, found: list[Problem]) -> Callable[[Content], list[Problem]]:
        def run(content: Content) -> list[Problem]:
            calls.append(name)
            return found

        return run

    registry.register("first", analysis("first", [problem("one")]))
    registry.register("second", analysis("second", [problem("two")]))
    registry.register("clean", analysis("clean", []))
    assert registry.run_all(content) == [problem("one"), problem("two")]
    assert calls == ["first", "second", "clean"]
    assert registry.names() == ["first", "second", "clean"]


def test_registering_a_name_again_replaces_it(registry, content: Content):
    registry.register("balance", lambda c: [problem("old")])
    registry.register("balance", lambda c: [problem("new")])
    assert registry.names() == ["balance"]
    assert registry.run_all(content) == [problem("new")]


def test_no_analyses_no_problems(registry, content: Content):
    assert registry.run_all(content) == []


def test_check_content_fails_on_a_registered_analysis_error(registry, capsys):
    registry.register("strict", lambda c: [problem("the quiz is lopsided")])
    code, out, err = run_check(capsys)
    assert code == 1
    assert "quiz.yaml:3: questions[0]: the quiz is lopsided" in err
    assert "is valid" not in out


def test_check_content_passes_with_only_a_warning_and_prints_it(registry, capsys):
    registry.register("gentle", lambda c: [problem("nearly lopsided", "warning")])
    code, out, err = run_check(capsys)
    assert code == 0
    assert "quiz.yaml:3: questions[0]: warning: nearly lopsided" in out
    assert "is valid" in out and err == ""


def test_check_content_runs_every_registered_analysis(registry, capsys):
    ran: list[str] = []

    def analysis(name: str) -> Callable[[Content], list[Problem]]:
        def run(content: Content) -> list[Problem]:
            ran.append(name)
            return []

        return run

    for name in ("a", "b"):
        registry.register(name, analysis(name))
    code, out, _ = run_check(capsys)
    assert code == 0 and ran == ["a", "b"]
