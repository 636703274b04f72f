"""`manage.py export_schemas`: write a JSON Schema per content file into schemas/."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from content_engine.json_schemas import render_schemas


class Command(BaseCommand):
    help = "Regenerate schemas/*.schema.json from the pydantic content models."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", type=Path, default=Path(settings.BASE_DIR) / "schemas")

    def handle(self, *args: object, out: Path, **options: object) -> None:
        out.mkdir(parents=True, exist_ok=True)
        for name, text in render_schemas().items():
            (out / name).write_text(text, encoding="utf-8")
            self.stdout.write(f"wrote {out / name}")
