"""check_content's plan analysis: no background and role gets zero, negative or absurd hours."""

from __future__ import annotations

from fractions import Fraction

from content_engine import analyses
from plan import estimate
from plan.analysis import estimate_problems


def test_the_shipped_content_gives_sane_plans_for_every_background_and_role(content):
    assert estimate_problems(content) == []


def test_the_analysis_is_registered_for_check_content():
    assert "plan estimates" in analyses.names()


def test_a_rule_that_shrank_stages_too_far_would_be_caught(content, monkeypatch):
    monkeypatch.setitem(estimate.FACTOR, "strong", Fraction(1, 10))
    monkeypatch.setitem(estimate.FACTOR, "partial", Fraction(1, 10))
    problems = estimate_problems(content)
    assert problems
    assert any("under half the stage's" in p.message for p in problems)
    assert all(p.path.endswith(("route.yaml", "backgrounds.yaml")) and p.line > 1 for p in problems)


def test_a_rule_that_lengthened_stages_would_be_caught(content, monkeypatch):
    monkeypatch.setitem(estimate.FACTOR, "new", Fraction(3, 2))
    problems = estimate_problems(content)
    assert any("more than the stage's" in p.message for p in problems)
