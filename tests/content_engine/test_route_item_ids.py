"""Every deliverable and "done when" criterion has a stable id that plans store: check_content
refuses a missing, repeated or id-less item with its path and line, and a transfer's `skills`
are checked like any other reference."""

from __future__ import annotations

from pathlib import Path

from django.core.management import call_command

from content_engine.content import Content


def run_check(directory: Path, capsys) -> tuple[int, list[str]]:
    code = 0
    try:
        call_command("check_content", content_dir=directory)
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    return code, capsys.readouterr().err.splitlines()


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines) if needle in line) + 1


def replace_once(path: Path, old: str, new: str) -> int:
    """Replace the first `old` (which may span lines); the line where it started."""
    line = line_of(path, old.lstrip().splitlines()[0])
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


def test_every_item_in_the_shipped_route_has_a_unique_id(content: Content):
    ids = [
        item_id
        for stage in content.stages
        for item_id in [stage.deliverable.id, *(c.id for c in stage.done_when)]
    ]
    assert len(ids) == len(set(ids))


def test_a_repeated_criterion_id_is_refused_with_its_line(content_copy: Path, capsys):
    route = content_copy / "route.yaml"
    line = replace_once(route, "id: estimate-feature-cost", "id: show-output-variation")
    code, lines = run_check(content_copy, capsys)
    assert code == 1
    assert any(
        f"route.yaml:{line}: stages[0].done_when[1].id: duplicate item id 'show-output-variation'"
        in entry
        for entry in lines
    ), lines


def test_a_deliverable_repeating_a_criterion_id_in_another_stage_is_refused(
    content_copy: Path, capsys
):
    route = content_copy / "route.yaml"
    line = replace_once(route, "id: invoice-extraction-cli", "id: show-output-variation")
    code, lines = run_check(content_copy, capsys)
    assert code == 1
    expected = f"route.yaml:{line}: stages[1].deliverable.id: duplicate item id"
    assert any(expected in entry and "'orientation'" in entry for entry in lines), lines


def test_a_criterion_without_an_id_is_refused_with_its_line(content_copy: Path, capsys):
    route = content_copy / "route.yaml"
    line = replace_once(route, "      - id: show-output-variation\n        text:", "      -")
    code, lines = run_check(content_copy, capsys)
    assert code == 1
    assert any(
        f"route.yaml:{line}: stages[0].done_when[0]: needs an id" in entry for entry in lines
    ), lines


def test_a_missing_deliverable_id_is_required(content_copy: Path, capsys):
    route = content_copy / "route.yaml"
    replace_once(route, "      id: model-behaviour-notebook\n", "")
    deliverable_line = line_of(route, "    deliverable:")
    code, lines = run_check(content_copy, capsys)
    assert code == 1
    assert f"route.yaml:{deliverable_line}: stages[0].deliverable.id: is required" in "\n".join(
        lines
    )


def test_a_transfer_naming_an_unknown_skill_is_refused(content_copy: Path, capsys):
    backgrounds = content_copy / "backgrounds.yaml"
    line = replace_once(backgrounds, "skills: [llm-apis]", "skills: [llm-apiz]")
    code, lines = run_check(content_copy, capsys)
    assert code == 1
    assert any(
        f"backgrounds.yaml:{line}: backgrounds[0].transfers[0].skills[0]: unknown skill" in entry
        for entry in lines
    ), lines


def test_a_strong_transfer_may_not_name_a_skill_the_background_calls_new(
    content_copy: Path, capsys
):
    backgrounds = content_copy / "backgrounds.yaml"
    line = replace_once(backgrounds, "skills: [llm-apis]", "skills: [evaluation]")
    code, lines = run_check(content_copy, capsys)
    assert code == 1
    assert any(
        f"backgrounds.yaml:{line}: backgrounds[0].transfers[0].skills[0]: skill 'evaluation' is "
        "in this background's new_skills" in entry
        for entry in lines
    ), lines
