"""Every content file names its JSON Schema on its first line (a guide: the first line of its
front matter), so an editor with the YAML language server completes and checks its fields with
no settings; the schema named exists, and it accepts the file as it stands."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from django.conf import settings

from content_engine.json_schemas import GUIDE_SCHEMA, MODELINE, modeline, schema_name
from content_engine.loader import load_content
from content_engine.schema import FILES

ROOT = Path(settings.BASE_DIR)
CONTENT = ROOT / "content"
SCHEMAS = ROOT / "schemas"


def content_files() -> list[Path]:
    """Every file editors write: the YAML files and the guides (however many there are)."""
    return sorted(CONTENT.glob("*.yaml")) + sorted(CONTENT.glob("guides/*.md"))


def named(path: Path) -> str:
    return path.relative_to(CONTENT).as_posix()


def schema_line(path: Path) -> str:
    """The line that must name the schema: the first, or a guide's first after its `---`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if path.suffix == ".md":
        assert lines[0] == "---", f"{named(path)} does not open with front matter"
        return lines[1]
    return lines[0]


class _YamlAsEditorsSeeIt(yaml.SafeLoader):
    """YAML as the YAML language server reads it (1.2): a date is a string, not a timestamp."""


_YamlAsEditorsSeeIt.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def data_of(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        text = text.split("\n---", 1)[0].removeprefix("---\n")
    return yaml.load(text, Loader=_YamlAsEditorsSeeIt)  # a SafeLoader: builds plain data only


def validator(schema_file: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / schema_file).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_every_file_the_site_reads_is_here_to_check():
    assert {p.name for p in CONTENT.glob("*.yaml")} >= set(FILES)


@pytest.mark.parametrize("path", content_files(), ids=named)
def test_each_content_file_names_its_schema_first(path: Path):
    line = schema_line(path)
    assert line == modeline(named(path)), (
        f"{named(path)}: the schema line should be\n{modeline(named(path))}"
    )
    target = (path.parent / line.removeprefix(MODELINE)).resolve()
    assert target.is_file(), f"{named(path)} names {target}, which does not exist: run make schemas"
    assert target.parent == SCHEMAS


@pytest.mark.parametrize("path", content_files(), ids=named)
def test_the_schema_accepts_the_file_as_it_stands(path: Path):
    errors = sorted(validator(schema_name(named(path))).iter_errors(data_of(path)), key=str)
    assert not errors, "\n".join(
        f"{named(path)}: {list(e.absolute_path)}: {e.message}" for e in errors
    )


def test_the_schema_would_tell_an_editor_of_a_typo():
    roles = data_of(CONTENT / "roles.yaml")
    roles["roles"][0]["counterprat"] = roles["roles"][0].pop("counterpart")
    messages = [e.message for e in validator("roles.schema.json").iter_errors(roles)]
    assert any("'counterprat' was unexpected" in m for m in messages), messages
    assert any("'counterpart' is a required property" in m for m in messages), messages


def test_guides_front_matter_has_a_schema_of_its_own():
    guide = {"id": "a-guide", "title": "A guide", "summary": "Why.", "reviewed": "2026-11-22"}
    check = validator(GUIDE_SCHEMA)
    assert not list(check.iter_errors(guide))
    assert list(check.iter_errors({**guide, "id": "Not A Slug"}))
    assert modeline("guides/a-guide.md") == f"{MODELINE}../../schemas/{GUIDE_SCHEMA}"


def test_a_guide_without_the_line_is_caught(tmp_path, monkeypatch):
    guides = tmp_path / "content" / "guides"
    guides.mkdir(parents=True)
    (guides / "a-guide.md").write_text("---\nid: a-guide\n---\nBody.\n", encoding="utf-8")
    monkeypatch.setattr(f"{__name__}.CONTENT", tmp_path / "content")
    (path,) = content_files()
    with pytest.raises(AssertionError, match="the schema line should be"):
        test_each_content_file_names_its_schema_first(path)


def test_the_loader_reads_the_schema_line_as_the_comment_it_is(content_copy):
    with_line = load_content(content_copy)
    for path in content_copy.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"\A# yaml-language-server: [^\n]*\n", "", text), encoding="utf-8")
    without_line = load_content(content_copy)
    assert with_line.roles == without_line.roles and with_line.site == without_line.site
    assert with_line.version != without_line.version
