"""JSON Schemas for editors' YAML extensions, generated from the pydantic models."""

from __future__ import annotations

import json

from .schema import FILES


def render_schemas() -> dict[str, str]:
    """schema file name -> its JSON text, e.g. 'roles.schema.json'."""
    rendered = {}
    for file_name, model in FILES.items():
        schema = model.model_json_schema(mode="validation")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"content/{file_name}"
        name = file_name.removesuffix(".yaml") + ".schema.json"
        rendered[name] = json.dumps(schema, indent=2, sort_keys=True) + "\n"
    return rendered
