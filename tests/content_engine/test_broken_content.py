"""Broken content never reaches a reader: each fixture breaks one thing in a copy of the
shipped content, and check_content must name the file, the line and the field."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command

from content_engine.loader import load_content
from content_engine.problems import ContentError
from content_engine.reporting import escape_data, github_line
from content_engine.rules import rule_for

ROOT = Path(settings.BASE_DIR)


def run_check(directory: Path, capsys) -> tuple[int, list[str], str]:
    code = 0
    try:
        call_command("check_content", content_dir=directory)
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.err.splitlines(), captured.out


def line_of(path: Path, needle: str, after: str | None = None) -> int:
    """1-based line of the first `needle` (after the first `after`, if given)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i, line in enumerate(lines) if i >= start and needle in line) + 1


def replace_once(path: Path, old: str, new: str, after: str | None = None) -> int:
    """Replace the first `old` (after `after`) and return its line number."""
    line = line_of(path, old, after)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("".join(lines), encoding="utf-8")
    return line


Breaker = Callable[[Path], tuple[str, int, str, str]]  # -> (file, line, field, message part)


def yaml_syntax(d: Path):
    line = replace_once(d / "site.yaml", "title:", "title: [unclosed,")
    return "site.yaml", line + 1, "(yaml)", "YAML syntax error"


def wrong_type(d: Path):
    line = replace_once(d / "roles.yaml", "needs_deep_ml: false", "needs_deep_ml: perhaps")
    return "roles.yaml", line, "roles[0].needs_deep_ml", "valid boolean"


def missing_field(d: Path):
    first_role = line_of(d / "roles.yaml", "- id: ai-engineer")
    replace_once(d / "roles.yaml", "counterpart:", "# counterpart removed:")
    return "roles.yaml", first_role, "roles[0].counterpart", "is required"


def unknown_field(d: Path):
    line = replace_once(d / "roles.yaml", "counterpart:", "counterprat:")
    return "roles.yaml", line, "roles[0].counterprat", "did you mean 'counterpart'?"


def duplicate_id(d: Path):
    line = replace_once(d / "lenses.yaml", "- id: data-engineering", "- id: data-science")
    return "lenses.yaml", line, "lenses[1].id", "duplicate lens id 'data-science'"


def unknown_reference(d: Path):
    line = line_of(d / "roles.yaml", "key_skills:") + 1
    text = (d / "roles.yaml").read_text().splitlines(keepends=True)
    text[line - 1] = "      - quantum-prompting\n"
    (d / "roles.yaml").write_text("".join(text))
    return "roles.yaml", line, "roles[0].key_skills[0]", "unknown skill 'quantum-prompting'"


def bad_slug(d: Path):
    line = replace_once(d / "faq.yaml", "- id: need-a-degree", "- id: Need A Degree!")
    return "faq.yaml", line, "questions[0].id", "should match pattern"


def empty_file(d: Path):
    (d / "lenses.yaml").write_text("")
    return "lenses.yaml", 1, "(file)", "is empty"


def list_not_mapping(d: Path):
    (d / "comparisons.yaml").write_text("- one\n- two\n")
    return "comparisons.yaml", 1, "(file)", "is a list; expected a mapping"


def script_tag(d: Path):
    line = replace_once(
        d / "faq.yaml", "answer: |", "answer: |\n      Hi <script>alert(1)</script>"
    )
    return "faq.yaml", line, "questions[0].answer", "<script> tag"


def javascript_link(d: Path):
    line = replace_once(
        d / "faq.yaml", "answer: |", "answer: |\n      See [this](javascript:alert(1))."
    )
    return "faq.yaml", line, "questions[0].answer", "javascript: link"


def onerror_handler(d: Path):
    line = replace_once(
        d / "faq.yaml", "answer: |", 'answer: |\n      <img src="x" onerror="boom()">'
    )
    return "faq.yaml", line, "questions[0].answer", "inline event handler"


def in_faq_answer(d: Path, markdown: str) -> int:
    """Put `markdown` at the start of the first FAQ answer; return the answer's line."""
    return replace_once(d / "faq.yaml", "answer: |", f"answer: |\n      {markdown}")


def encoded_javascript_link(d: Path):
    line = in_faq_answer(d, "See [this](javascript&#58;alert(1)).")
    return "faq.yaml", line, "questions[0].answer", "contains a javascript: link"


def data_link(d: Path):
    line = in_faq_answer(d, "See [this](data:text/html;base64,PHNjcmlwdD4=).")
    return "faq.yaml", line, "questions[0].answer", "contains a data: link"


def protocol_relative_link(d: Path):
    line = in_faq_answer(d, "See [this](//evil.example).")
    message = "contains a link to '//evil.example', which leads to another site"
    return "faq.yaml", line, "questions[0].answer", message


def iframe(d: Path):
    line = in_faq_answer(d, "<iframe src=https://example.org></iframe>")
    return "faq.yaml", line, "questions[0].answer", "contains an embedded element (<iframe>)"


def style_tag(d: Path):
    line = in_faq_answer(d, "<style>body { display: none }</style>")
    return "faq.yaml", line, "questions[0].answer", "contains a <style> tag"


def dropped_markup(d: Path):
    line = in_faq_answer(d, "A <span>quiet</span> word.")
    message = "contains a <span> tag, which the page would remove; write Markdown instead"
    return "faq.yaml", line, "questions[0].answer", message


def not_utf8(d: Path):
    path = d / "site.yaml"
    lines = path.read_bytes().split(b"\n")
    lines[3] = lines[3] + b" caf\xe9"
    path.write_bytes(b"\n".join(lines))
    return "site.yaml", 4, "(file)", "is not UTF-8"


def oversized_field(d: Path):
    path = d / "site.yaml"
    line = line_of(path, "tagline:")
    text = path.read_text().splitlines(keepends=True)
    text[line - 1] = "tagline: " + "x" * 400 + "\n"
    path.write_text("".join(text))
    return "site.yaml", line, "tagline", "at most 160 characters"


def missing_file(d: Path):
    (d / "route.yaml").unlink()
    return "route.yaml", 1, "(file)", "is missing"


def duplicate_key(d: Path):
    line = replace_once(
        d / "roles.yaml", "    name: AI engineer", "    name: AI engineer\n    name: Again"
    )
    return "roles.yaml", line + 1, "name", "appears twice"


def seniority_upside_down(d: Path):
    line = line_of(d / "roles.yaml", "seniority:")
    replace_once(d / "roles.yaml", "lowest: junior", "lowest: principal")
    return "roles.yaml", line, "roles[0].seniority", "lowest is above highest"


def orphan_skill(d: Path):
    path = d / "route.yaml"
    text = path.read_text()
    text = text.replace("      - inference-serving\n", "")
    path.write_text(text)
    line = line_of(d / "skills.yaml", "- id: inference-serving")
    skills = (d / "skills.yaml").read_text()
    index = skills[: skills.index("- id: inference-serving")].count("\n  - id: ")
    return "skills.yaml", line, f"skills[{index}].id", "is not taught in any stage"


def one_sided_suitability(d: Path):
    path = d / "roles.yaml"
    text = path.read_text()
    start = text.index("- id: ai-engineer")
    block = text[start : text.index("nearest_neighbour:", start)]
    first_background = block.split("backgrounds:")[1].split("- ")[1].split()[0]
    trimmed = block.replace(f"      - {first_background}\n", "", 1)
    path.write_text(text.replace(block, trimmed, 1))
    backgrounds = d / "backgrounds.yaml"
    data = yaml.safe_load(backgrounds.read_text())["backgrounds"]
    b = next(i for i, item in enumerate(data) if item["id"] == first_background)
    j = data[b]["suited_roles"].index("ai-engineer")
    suited = line_of(backgrounds, "suited_roles:", after=f"- id: {first_background}")
    line = suited + 1 + j
    field = f"backgrounds[{b}].suited_roles[{j}]"
    return "backgrounds.yaml", line, field, f"does not list '{first_background}' in its backgrounds"


def option_without_reason(d: Path):
    path = d / "quiz.yaml"
    option = line_of(path, "- id: gateway")
    replace_once(path, "reason:", "# reason removed:", after="- id: gateway")
    return "quiz.yaml", option, "questions[0].options[4].reason", "is required"


def shared_reason(d: Path):
    path = d / "quiz.yaml"
    data = yaml.safe_load(path.read_text())
    first = data["questions"][0]["options"][0]["reason"]
    second = data["questions"][0]["options"][1]["reason"]
    line = replace_once(path, second, first)
    field = "questions[0].options[1].reason"
    return "quiz.yaml", line, field, "repeats the reason of option 'first-build.user-feature'"


BREAKERS: list[Breaker] = [
    yaml_syntax, wrong_type, missing_field, unknown_field, duplicate_id, unknown_reference,
    bad_slug, empty_file, list_not_mapping, script_tag, javascript_link, onerror_handler,
    encoded_javascript_link, data_link, protocol_relative_link, iframe, style_tag, dropped_markup,
    not_utf8, oversized_field, missing_file, duplicate_key, seniority_upside_down, orphan_skill,
    one_sided_suitability, option_without_reason, shared_reason,
]  # fmt: skip


# The rule of docs/content-guide.md each breaker breaks (rules.py); the rest break "markdown".
EXPECTED_RULE = {
    "yaml_syntax": "yaml",
    "wrong_type": "fields",
    "missing_field": "fields",
    "unknown_field": "fields",
    "duplicate_id": "references",
    "unknown_reference": "references",
    "bad_slug": "references",
    "empty_file": "yaml",
    "list_not_mapping": "yaml",
    "not_utf8": "yaml",
    "oversized_field": "fields",
    "missing_file": "files",
    "duplicate_key": "yaml",
    "seniority_upside_down": "references",
    "orphan_skill": "references",
    "one_sided_suitability": "references",
    "option_without_reason": "fields",
    "shared_reason": "references",
}
ANNOTATION = re.compile(r"^::(error|warning) file=([^,]*),line=(\d+),title=([^,:]*)::(.+)$")


@pytest.mark.parametrize("breaker", BREAKERS, ids=lambda b: b.__name__)
def test_broken_content_is_reported_with_file_line_field_rule_and_annotation(breaker, content_copy):
    """One load of the broken copy: its problem as check_content prints it (path:line: field:),
    the content guide's rule it breaks, and the GitHub annotation on the same line."""
    file, line, field, message = breaker(content_copy)
    with pytest.raises(ContentError) as raised:
        load_content(content_copy)
    problems = raised.value.problems
    prefix = f"{content_copy / file}:{line}: {field}: "
    matching = [p for p in problems if str(p).startswith(prefix)]
    lines = "\n".join(str(p) for p in problems)
    assert matching, f"expected a line starting {prefix!r}; got:\n{lines}"
    problem = matching[0]
    assert message in problem.message and problem.severity == "error"
    rule = rule_for(problem)
    assert rule.code == EXPECTED_RULE.get(breaker.__name__, "markdown")
    annotation = ANNOTATION.match(github_line(problem, ROOT, environ={}))
    assert annotation, github_line(problem, ROOT, environ={})
    assert annotation.group(1) == "error"
    assert (annotation.group(2), annotation.group(3)) == (str(content_copy / file), str(line))
    assert annotation.group(4) == rule.title
    assert annotation.group(5).startswith(escape_data(f"{field}: {problem.message}"))
    assert annotation.group(5).endswith(f"(see {rule.link})")


def test_every_problem_is_reported_in_one_run(content_copy, capsys):
    missing_field(content_copy)
    bad_slug(content_copy)
    empty_file(content_copy)
    code, errors, _ = run_check(content_copy, capsys)
    assert code == 1
    assert {Path(e.split(":")[0]).name for e in errors} >= {"roles.yaml", "faq.yaml", "lenses.yaml"}
    assert not any("Traceback" in e for e in errors)


def test_stale_file_warns_but_passes(content_copy, capsys):
    line = replace_once(
        content_copy / "lenses.yaml", "reviewed: 2026-11-21", "reviewed: 2020-01-01"
    )
    code, _, out = run_check(content_copy, capsys)
    assert code == 0
    assert f"{content_copy / 'lenses.yaml'}:{line}: reviewed: warning: last reviewed" in out


def test_unexpected_file_warns(content_copy, capsys):
    (content_copy / "rolez.yaml").write_text("roles: []\n")
    code, _, out = run_check(content_copy, capsys)
    assert code == 0
    assert "rolez.yaml:1: (file): warning: is not a content file" in out


def test_prose_and_code_spans_that_mention_markup_pass(content_copy, capsys):
    in_faq_answer(content_copy, "JavaScript: never paste a `<form>` or `<script>` into a prompt.")
    code, errors, _ = run_check(content_copy, capsys)
    assert code == 0, errors
