"""`check_content --format github`: one GitHub Actions annotation per problem, on the line of
the file it is about, so an editor sees it on the changed lines of a pull request."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from content_engine.problems import Problem
from content_engine.reporting import escape_data, escape_property, github_line, repository_path
from content_engine.rules import rule_for

from .test_broken_content import (
    oversized_field,
    unknown_field,
    unknown_reference,
    wrong_type,
)

ROOT = Path(settings.BASE_DIR)
# ::error file=...,line=...,title=...::message (the message itself may contain "::")
ANNOTATION = re.compile(r"^::(error|warning) file=([^,]*),line=(\d+),title=([^,:]*)::(.+)$")
NO_GITHUB: dict[str, str] = {}  # the environment outside a GitHub Actions run


def run(directory: Path, capsys, *args: str) -> tuple[int, list[str], list[str]]:
    code = 0
    try:
        call_command("check_content", *args, content_dir=directory)
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err.splitlines()


@pytest.fixture(autouse=True)
def outside_github_actions(monkeypatch):
    """The tests run the same inside a GitHub Actions job: links stay repository paths."""
    for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA"):
        monkeypatch.delenv(name, raising=False)


def test_a_broken_copy_gets_exactly_one_annotation_per_problem(content_copy, capsys):
    expected = [breaker(content_copy) for breaker in (wrong_type, unknown_field, oversized_field)]
    code, _, text_errors = run(content_copy, capsys)
    assert code == 1
    code, out, err = run(content_copy, capsys, "--format", "github")
    assert code == 1
    annotations = [ANNOTATION.match(line) for line in out]
    assert all(annotations), f"not an annotation: {out}"
    assert len(annotations) == len(text_errors)  # one per problem the text format lists
    where = [(Path(m.group(2)).name, int(m.group(3))) for m in annotations if m]
    for file, line, field, message in expected:
        assert (file, line) in where
        found = next(m for m in annotations if m and m.group(5).startswith(f"{field}: "))
        assert message in found.group(5)
        assert found.group(1) == "error"
        assert found.group(4) == "Fields and types"
        assert found.group(5).endswith("(see docs/content-guide.md#field-types)")
    assert err == [f"check_content: {len(annotations)} error(s) in the content."]


def test_a_reference_problem_links_to_the_cross_reference_rules(content_copy, capsys):
    file, line, field, message = unknown_reference(content_copy)
    code, out, _ = run(content_copy, capsys, "--format", "github")
    assert code == 1
    annotation = f"::error file={content_copy / file},line={line},title=Ids and cross-references::"
    assert (
        annotation + f"{field}: {message} (see docs/content-guide.md#ids-and-cross-references)"
        in out
    )


def test_a_guides_front_matter_problem_is_annotated_on_its_line_of_the_markdown_file(
    content_copy, capsys
):
    guide = content_copy / "guides" / "a-test-guide.md"
    guide.parent.mkdir(exist_ok=True)
    front = "---\nid: a-test-guide\ntitel: A test\nsummary: Why.\nreviewed: 2026-11-22\n---\n"
    guide.write_text(front + "Body.\n", encoding="utf-8")
    code, out, _ = run(content_copy, capsys, "--format", "github")
    assert code == 1
    assert (
        f"::error file={guide},line=3,title=Fields and types::titel: is not a known field; "
        "did you mean 'title'? (see docs/content-guide.md#field-types)"
    ) in out


def test_the_default_format_is_unchanged(content_copy, capsys):
    file, line, field, message = wrong_type(content_copy)
    code, out, errors = run(content_copy, capsys)
    assert code == 1
    prefix = f"{content_copy / file}:{line}: {field}: "
    assert any(e.startswith(prefix) and message in e for e in errors), errors
    assert not any(e.startswith("::") or "content-guide" in e for e in out + errors)


def test_warnings_are_warning_annotations_and_still_pass(content_copy, capsys):
    path = content_copy / "lenses.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("reviewed:"))
    lines[line - 1] = "reviewed: 2001-01-01\n"
    path.write_text("".join(lines), encoding="utf-8")
    code, out, err = run(content_copy, capsys, "--format", "github")
    if any(line.startswith("::error ") for line in out):
        pytest.skip("the shipped content has errors right now; see check_content")
    assert code == 0, out + err
    warning = next(o for o in out if "lenses.yaml" in o)
    assert warning.startswith(f"::warning file={content_copy / 'lenses.yaml'},line={line},")
    assert "title=Freshness::reviewed: last reviewed" in warning
    assert warning.endswith("(see docs/content-guide.md#freshness)")
    assert out[-1].startswith("Content ") and " is valid: " in out[-1]


def test_valid_content_prints_no_annotation(capsys):
    code, out, err = run(Path(settings.CONTENT_DIR), capsys, "--format", "github")
    if code:
        pytest.skip("the shipped content has errors right now; see check_content")
    assert not [line for line in out if line.startswith("::error")] and err == []


def test_an_unknown_format_is_refused_with_the_choices():
    with pytest.raises(CommandError) as refused:
        call_command("check_content", "--format", "json")
    assert "invalid choice: 'json' (choose from 'text', 'github')" in str(refused.value)


# --- escaping, as GitHub's workflow commands define it ---------------------------------------


def test_messages_escape_percent_and_line_breaks():
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_data("a: b, c") == "a: b, c"  # a message may keep colons and commas


def test_properties_also_escape_colons_and_commas():
    assert escape_property("C:\\a,b%\n") == "C%3A\\a%2Cb%25%0A"


def test_an_annotation_cannot_be_split_or_cut_by_what_it_quotes():
    problem = Problem(
        str(ROOT / "content" / "odd, name: here.yaml"),
        7,
        "questions[0].answer",
        "contains 100% of\nsomething::error file=x::injected",
    )
    line = github_line(problem, ROOT, NO_GITHUB)
    assert "\n" not in line and "\r" not in line
    assert line.startswith("::error file=content/odd%2C name%3A here.yaml,line=7,title=Markdown::")
    assert line.endswith(
        "::questions[0].answer: contains 100%25 of%0Asomething::error file=x::injected"
        " (see docs/content-guide.md#markdown)"
    )


# --- file paths and links -------------------------------------------------------------------


def test_paths_are_relative_to_the_repository_root_wherever_the_command_runs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert repository_path(str(ROOT / "content" / "roles.yaml"), ROOT) == "content/roles.yaml"
    monkeypatch.chdir(ROOT)
    assert repository_path("content/roles.yaml", ROOT) == "content/roles.yaml"
    outside = str(tmp_path / "roles.yaml")
    assert repository_path(outside, ROOT) == outside  # not in the repository: absolute
    monkeypatch.chdir(tmp_path)
    assert repository_path("roles.yaml", ROOT) == outside


def test_inside_github_actions_the_link_opens_the_guide_at_the_checked_commit():
    problem = Problem("content/faq.yaml", 2, "reviewed", "last reviewed 400 days ago", "warning")
    environ = {
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": "example/site",
        "GITHUB_SHA": "0123abc",
    }
    line = github_line(problem, ROOT, environ)
    assert line.endswith(
        "(see https://github.com/example/site/blob/0123abc/docs/content-guide.md#freshness)"
    )
    assert line.startswith("::warning file=content/faq.yaml,line=2,title=Freshness::")
    assert rule_for(problem).link == "docs/content-guide.md#freshness"
