"""The system check that stops runserver, migrate and check on broken content."""

from __future__ import annotations

from django.core import checks

from content_engine import store
from content_engine.checks import content_is_valid


def test_valid_content_passes_the_check():
    assert content_is_valid(None) == []


def test_each_content_problem_is_one_error_naming_file_line_and_field(content_copy, swap_content):
    (content_copy / "lenses.yaml").write_text("")
    roles = content_copy / "roles.yaml"
    roles.write_text(roles.read_text().replace("counterpart:", "counterprat:", 1))
    store.load(content_copy)  # swap_content puts the shipped content back afterwards
    errors = content_is_valid(None)
    assert len(errors) == len(store.problems()) >= 2
    assert all(isinstance(e, checks.Error) and e.id == "content.E001" for e in errors)
    messages = [e.msg for e in errors]
    assert any("lenses.yaml:1: (file): is empty" in m for m in messages)
    assert any("roles[0].counterprat" in m for m in messages)


def test_the_check_is_registered_under_the_content_tag():
    assert content_is_valid in checks.registry.registry.get_checks()
    assert "content" in checks.registry.registry.tags_available()
