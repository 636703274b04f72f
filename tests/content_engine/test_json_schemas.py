"""The committed JSON Schemas match the pydantic models (run `make schemas` when this fails)."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings

from content_engine.json_schemas import render_schemas

SCHEMAS = Path(settings.BASE_DIR) / "schemas"


def test_committed_schemas_are_up_to_date():
    for name, text in render_schemas().items():
        committed = SCHEMAS / name
        assert committed.exists(), f"schemas/{name} is missing: run make schemas"
        assert committed.read_text() == text, f"schemas/{name} is stale: run make schemas"


def test_schema_rejects_unknown_fields_for_editors():
    roles = json.loads((SCHEMAS / "roles.schema.json").read_text())
    role = roles["$defs"]["Role"]
    assert role["additionalProperties"] is False
    assert "counterpart" in role["required"]


def test_export_schemas_writes_what_the_repository_holds(tmp_path):
    from django.core.management import call_command

    call_command("export_schemas", out=tmp_path / "schemas")
    written = {p.name: p.read_text() for p in (tmp_path / "schemas").iterdir()}
    assert written == {p.name: p.read_text() for p in SCHEMAS.glob("*.schema.json")}
