"""Cross-references between files: the lens rules (links to roles and stages that exist, each
once, and seniority points that climb), each reported as path:line: field."""

from __future__ import annotations

from pathlib import Path

import pytest

from content_engine.loader import load_content
from content_engine.problems import ContentError, Problem


def problems_after(directory: Path, old: str, new: str, *, after: str) -> tuple[int, list[Problem]]:
    """Replace the first `old` after the line holding `after` in lenses.yaml, load the content,
    and return the edited line's number and the problems found."""
    path = directory / "lenses.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if after in line)
    index = next(i for i in range(start, len(lines)) if old in lines[i])
    lines[index] = lines[index].replace(old, new, 1)
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_content(directory)
    return index + 1, raised.value.problems


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def test_a_lens_naming_an_unknown_role_is_refused_at_its_line(content_copy: Path):
    line, problems = problems_after(
        content_copy, "roles: [ml-engineer,", "roles: [ml-enginer,", after="id: data-science"
    )
    problem = only(problems)
    assert (Path(problem.path).name, problem.line) == ("lenses.yaml", line)
    assert problem.field == "lenses[0].roles[0]"
    assert "unknown role 'ml-enginer'" in problem.message


def test_a_lens_naming_an_unknown_stage_is_refused(content_copy: Path):
    _, problems = problems_after(
        content_copy, "stages: [retrieval,", "stages: [retrieve,", after="id: data-engineering"
    )
    problem = only(problems)
    assert problem.field == "lenses[1].stages[0]" and "unknown stage 'retrieve'" in problem.message


def test_a_lens_listing_a_role_twice_is_refused(content_copy: Path):
    _, problems = problems_after(
        content_copy,
        "roles: [ai-product-manager, ai-engineer,",
        "roles: [ai-product-manager, ai-product-manager,",
        after="id: product",
    )
    assert only(problems).field == "lenses[3].roles"
    assert "the same id twice" in problems[0].message


def test_seniority_points_out_of_order_are_refused_where_they_go_wrong(content_copy: Path):
    line, problems = problems_after(
        content_copy, "- level: senior", "- level: junior", after="id: finops"
    )
    problem = only(problems)
    assert problem.line == line and problem.field == "lenses[5].with_seniority[1].level"
    assert "list each level once, junior first" in problem.message


def test_seniority_as_one_paragraph_is_refused_with_the_list_it_needs(content_copy: Path):
    path = content_copy / "lenses.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("    with_seniority:\n")
    end = text.index("    roles:", start)
    path.write_text(
        text[:start] + "    with_seniority: Junior does this. Senior does that.\n" + text[end:],
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as raised:
        load_content(content_copy)
    problem = only(raised.value.problems)
    assert problem.field == "lenses[0].with_seniority" and "valid list" in problem.message


def test_lens_links_are_optional(content_copy: Path):
    path = content_copy / "lenses.yaml"
    kept = [
        line
        for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
        if not line.startswith(("    roles:", "    stages:"))
    ]
    path.write_text("".join(kept), encoding="utf-8")
    content = load_content(content_copy)
    assert all(lens.roles == [] and lens.stages == [] for lens in content.lenses)
