"""`manage.py check_content`: validate every content file, the quiz balance included."""

from __future__ import annotations

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from content_engine import analyses, store
from content_engine.loader import load_content
from content_engine.problems import ContentError, Problem


class Command(BaseCommand):
    help = "Validate all content: schema, cross-references and every registered analysis."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--content-dir", type=Path, default=None)

    def handle(self, *args: object, content_dir: Path | None = None, **options: object) -> None:
        try:
            # The site's own content was loaded and validated at start-up: reuse it.
            if content_dir is None and not store.problems():
                content = store.get()
            else:
                content = load_content(content_dir or settings.CONTENT_DIR)
        except ContentError as error:
            self._report(error.problems)
            sys.exit(1)
        problems = list(content.warnings) + analyses.run_all(content)
        self._report(problems)
        if any(p.severity == "error" for p in problems):
            sys.exit(1)
        self.stdout.write(
            f"Content {content.version} is valid: {len(content.skills)} skills, "
            f"{len(content.backgrounds)} backgrounds, {len(content.roles)} roles, "
            f"{len(content.stages)} stages, {len(content.lenses)} lenses, "
            f"{len(content.quiz.questions)} quiz questions, {len(content.faq.questions)} FAQs."
        )

    def _report(self, problems: list[Problem]) -> None:
        for problem in problems:
            stream = self.stderr if problem.severity == "error" else self.stdout
            stream.write(str(problem))
