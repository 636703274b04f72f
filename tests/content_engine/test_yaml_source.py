"""Reading YAML with the line of every field, and a problem (never an exception) for bad files,
whichever of PyYAML's parsers reads it: libyaml's (in C) or the pure-Python one."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from content_engine import yaml_source
from content_engine.yaml_source import MAX_DEPTH, MAX_FILE_BYTES, read_yaml

CONTENT = Path(__file__).resolve().parents[2] / "content"
PARSERS = [getattr(yaml_source, "_CLoader", None), yaml_source._PythonLoader]


@pytest.fixture(autouse=True, params=PARSERS, ids=["libyaml", "pure-python"])
def parser(request, monkeypatch):
    """Every test here runs with each parser; libyaml's is skipped where PyYAML lacks it."""
    if request.param is None:
        pytest.skip("PyYAML was built without libyaml")
    monkeypatch.setattr(yaml_source, "_Loader", request.param)
    return request.param


ROLES = """\
reviewed: 2026-01-01
roles:
  - id: first
    name: First
    seniority:
      lowest: junior
      highest: staff
    key_skills:
      - evals
      - rag
  - id: second
    name: Second
"""


def read(tmp_path: Path, text: str | bytes, name: str = "roles.yaml"):
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return read_yaml(path, name)


def test_data_comes_back_as_plain_python(tmp_path):
    source, problems = read(tmp_path, ROLES)
    assert problems == []
    assert source.data["roles"][0]["key_skills"] == ["evals", "rag"]
    assert source.data["roles"][1]["name"] == "Second"
    assert source.path == "roles.yaml"
    assert source.raw == ROLES.encode()


@pytest.mark.parametrize(
    ("loc", "line"),
    [
        (("reviewed",), 1),
        (("roles",), 2),
        (("roles", 0), 3),
        (("roles", 0, "name"), 4),
        (("roles", 0, "seniority", "highest"), 7),
        (("roles", 0, "key_skills", 1), 10),
        (("roles", 1, "id"), 11),
        (("roles", 1, "name"), 12),
    ],
)
def test_every_nested_field_knows_its_line(tmp_path, loc, line):
    source, _ = read(tmp_path, ROLES)
    assert source.line_of(loc) == line


def test_a_missing_field_points_at_its_parent(tmp_path):
    source, _ = read(tmp_path, ROLES)
    assert source.line_of(("roles", 1, "counterpart")) == 11  # the second role starts there
    assert source.line_of(("roles", 0, "seniority", "how_it_changes")) == 5
    assert source.line_of(("nowhere", 3)) == 1


def test_a_duplicate_key_is_reported_at_its_second_line(tmp_path):
    text = ROLES.replace("    name: Second\n", "    name: Second\n    name: Again\n")
    _, problems = read(tmp_path, text)
    (problem,) = problems
    assert (problem.path, problem.line) == ("roles.yaml", 13)
    assert problem.field.endswith("name")
    assert "appears twice" in problem.message


def test_a_duplicate_top_level_key_is_reported_too(tmp_path):
    _, problems = read(tmp_path, ROLES + "reviewed: 2026-02-02\n")
    assert [(p.line, p.field) for p in problems] == [(13, "reviewed")]


@pytest.mark.parametrize(
    ("text", "line", "field", "message"),
    [
        ("title: [unclosed,\nother: 1\n", 3, "(yaml)", "YAML syntax error"),
        ("", 1, "(file)", "is empty"),
        ("   \n\n", 1, "(file)", "is empty"),
        ("# only a comment\n", 1, "(file)", "is empty"),
        ("- one\n- two\n", 1, "(file)", "is a list; expected a mapping"),
        ("just text\n", 1, "(file)", "is str; expected a mapping"),
        ("a: 1\n---\nb: 2\n", 2, "(yaml)", "YAML syntax error"),
        ("a: !!python/object:os.system x\n", 1, "(yaml)", "YAML syntax error"),
    ],
)
def test_bad_files_are_one_problem_with_a_line_never_an_exception(
    tmp_path, text, line, field, message
):
    _, problems = read(tmp_path, text)
    (problem,) = problems
    assert (problem.line, problem.field) == (line, field), problem
    assert message in problem.message


def test_bytes_that_are_not_utf8_are_reported_on_their_line(tmp_path):
    _, problems = read(tmp_path, b"a: 1\nb: 2\nc: caf\xe9\n")
    (problem,) = problems
    assert (problem.line, problem.field) == (3, "(file)")
    assert "not UTF-8" in problem.message and "0xe9" in problem.message


def test_an_oversized_file_is_refused_before_parsing(tmp_path):
    _, problems = read(tmp_path, "a: " + "x" * MAX_FILE_BYTES + "\n")
    (problem,) = problems
    assert problem.line == 1 and f"the limit is {MAX_FILE_BYTES}" in problem.message


def test_a_missing_file_is_a_problem(tmp_path):
    source, problems = read_yaml(tmp_path / "nowhere.yaml", "nowhere.yaml")
    (problem,) = problems
    assert (problem.path, problem.line, problem.field) == ("nowhere.yaml", 1, "(file)")
    assert "cannot be read" in problem.message
    assert source.data is None


def alias_bomb(levels: int = 9) -> str:
    """A few hundred bytes that expand to 9**levels items if aliases are followed."""
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for n in range(1, levels):
        name, previous = chr(ord("a") + n), chr(ord("a") + n - 1)
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_at_its_first_anchor_not_expanded(tmp_path):
    started = time.perf_counter()
    _, problems = read(tmp_path, alias_bomb())
    assert time.perf_counter() - started < 1
    (problem,) = problems
    assert (problem.line, problem.field) == (1, "(yaml)")
    assert "anchors and aliases" in problem.message


def test_a_merge_key_needs_an_anchor_so_it_is_refused_too(tmp_path):
    text = "defaults: &d\n  level: junior\nrole:\n  <<: *d\n  name: X\n"
    _, problems = read(tmp_path, text)
    assert [(p.line, p.field) for p in problems] == [(1, "(yaml)")]


def test_nesting_far_deeper_than_content_needs_is_refused(tmp_path):
    depth = 5000
    _, problems = read(tmp_path, "a: " + "[" * depth + "]" * depth + "\n")
    (problem,) = problems
    assert (problem.line, problem.field) == (1, "(yaml)")
    assert f"deeper than {MAX_DEPTH} levels" in problem.message


def test_nesting_as_deep_as_real_content_is_read(tmp_path):
    text = "".join("  " * n + f"level{n}:\n" for n in range(8)) + "  " * 8 + "leaf: 1\n"
    source, problems = read(tmp_path, text)
    assert problems == []
    assert source.line_of(tuple(f"level{n}" for n in range(8)) + ("leaf",)) == 9


def test_a_value_that_is_valid_yaml_but_no_real_date_names_its_field(tmp_path):
    _, problems = read(tmp_path, "title: x\nreviewed: 2026-02-30\n")
    (problem,) = problems
    assert (problem.line, problem.field) == (2, "reviewed")
    assert "cannot be read as" in problem.message


def test_a_huge_number_is_refused_with_a_hint_to_quote_it(tmp_path):
    _, problems = read(tmp_path, "roles:\n  - hours: " + "9" * 5000 + "\n")
    (problem,) = problems
    assert (problem.line, problem.field) == (2, "roles[0].hours")
    assert "quote it" in problem.message


def test_a_link_out_of_the_content_directory_is_not_read(tmp_path):
    outside = tmp_path / "secret.yaml"
    outside.write_text("password: hunter2\n")
    root = tmp_path / "content"
    root.mkdir()
    (root / "site.yaml").symlink_to(outside)
    source, problems = read_yaml(root / "site.yaml", "site.yaml", root=root)
    (problem,) = problems
    assert (problem.line, problem.field) == (1, "(file)")
    assert "outside the content directory" in problem.message
    assert source.data is None and source.raw == b""


def test_the_shipped_content_reads_the_same_as_with_the_pure_python_parser(parser, monkeypatch):
    assert yaml_source._Loader is parser
    paths = sorted(CONTENT.glob("*.yaml"))
    assert paths
    for path in paths:
        read_now = read_yaml(path, path.name)
        monkeypatch.setattr(yaml_source, "_Loader", yaml_source._PythonLoader)
        read_by_python = read_yaml(path, path.name)
        monkeypatch.setattr(yaml_source, "_Loader", parser)
        assert read_now[1] == read_by_python[1] == [], path.name
        assert read_now[0].data == read_by_python[0].data, path.name
        assert read_now[0].lines == read_by_python[0].lines, path.name


@pytest.mark.parametrize(
    ("text", "line", "code"),
    [
        ("a: b\x07c\n", 1, "0007"),
        ("a: 1\nb: 2\nc: é\x1b\n", 3, "001B"),
        ("a: 1\nb: \ufffe\n", 2, "FFFE"),
    ],
    ids=["bell", "escape-after-accent", "non-character"],
)
def test_a_character_yaml_does_not_allow_is_one_problem_on_its_line(tmp_path, text, line, code):
    _, problems = read(tmp_path, text)
    (problem,) = problems
    assert (problem.line, problem.field) == (line, "(yaml)")
    assert problem.message == f"YAML syntax error: the character U+{code} is not allowed in YAML"
