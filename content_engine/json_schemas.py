"""JSON Schemas for editors' YAML extensions, generated from the pydantic models.

Each content file names its schema on its first line (a guide: the first line of its front
matter), so an editor with the YAML language server checks it without settings:
`# yaml-language-server: $schema=../schemas/roles.schema.json`.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath

from pydantic import BaseModel

from .schema import FILES, GuideFrontMatter

GUIDE_SCHEMA = "guide-front-matter.schema.json"
MODELINE = "# yaml-language-server: $schema="


def _render(model: type[BaseModel], title: str) -> str:
    schema = model.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = title
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def render_schemas() -> dict[str, str]:
    """schema file name -> its JSON text, e.g. 'roles.schema.json'."""
    rendered = {
        schema_name(file_name): _render(model, f"content/{file_name}")
        for file_name, model in FILES.items()
    }
    rendered[GUIDE_SCHEMA] = _render(GuideFrontMatter, "content/guides/*.md (front matter)")
    return rendered


def schema_name(content_path: str) -> str:
    """The schema for a file, by its path under content/: 'roles.yaml' -> 'roles.schema.json',
    'guides/portfolio.md' -> the guides' front-matter schema."""
    path = PurePosixPath(content_path)
    if path.suffix == ".md":
        return GUIDE_SCHEMA
    return path.name.removesuffix(".yaml") + ".schema.json"


def modeline(content_path: str) -> str:
    """The first line (of a guide, its front matter's) naming its schema relative to the file."""
    depth = len(PurePosixPath(content_path).parts)  # content/ and any folder below it
    return f"{MODELINE}{'../' * depth}schemas/{schema_name(content_path)}"
