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
