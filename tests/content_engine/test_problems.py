"""How a content problem reads to an editor: `path:line: field.path: message`, sorted, complete."""

from __future__ import annotations

from content_engine.problems import ContentError, Problem, format_loc, nearest_line


def test_a_problem_reads_as_path_line_field_message():
    problem = Problem("content/roles.yaml", 42, "roles[3].name", "is required")
    assert str(problem) == "content/roles.yaml:42: roles[3].name: is required"


def test_a_warning_says_so_after_the_field():
    problem = Problem("content/faq.yaml", 2, "reviewed", "last reviewed long ago", "warning")
    assert str(problem) == "content/faq.yaml:2: reviewed: warning: last reviewed long ago"


def test_locations_are_written_the_way_editors_read_them():
    assert format_loc(("roles", 3, "key_skills", 2)) == "roles[3].key_skills[2]"
    assert format_loc(("site", "tagline")) == "site.tagline"
    assert format_loc((0, "id")) == "[0].id"
    assert format_loc(()) == "(file)"


def test_a_missing_field_gets_its_nearest_parents_line():
    lines = {(): 1, ("roles",): 2, ("roles", 0): 3, ("roles", 0, "name"): 4}
    assert nearest_line(lines, ("roles", 0, "name")) == 4
    assert nearest_line(lines, ("roles", 0, "counterpart")) == 3
    assert nearest_line(lines, ("roles", 7, "name")) == 2
    assert nearest_line({}, ("anything",)) == 1


def test_content_error_carries_every_problem_sorted_by_file_and_line():
    problems = [
        Problem("roles.yaml", 9, "b", "second"),
        Problem("faq.yaml", 30, "a", "third file first"),
        Problem("roles.yaml", 2, "a", "first"),
    ]
    error = ContentError(problems)
    assert [(p.path, p.line) for p in error.problems] == [
        ("faq.yaml", 30),
        ("roles.yaml", 2),
        ("roles.yaml", 9),
    ]
    assert str(error).splitlines() == [str(p) for p in error.problems]
