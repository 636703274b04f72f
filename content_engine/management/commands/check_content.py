"""`manage.py check_content`: validate every content file, the quiz balance included.

Exit status: 0 the content is valid (warnings may be printed), 1 it has errors (each printed as
`path:line: field: message`), 3 an analysis could not run in this install (one line says which
library it needs; the schema and references were checked).

`--format github` prints each problem as a GitHub Actions annotation, so a pull request shows
it on the line it is about (.github/workflows/content.yml)."""

from __future__ import annotations

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from content_engine import analyses, store
from content_engine.loader import load_content
from content_engine.problems import ContentError, Problem
from content_engine.reporting import FORMATS, github_line


class Command(BaseCommand):
    help = "Validate all content: schema, cross-references and every registered analysis."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--content-dir", type=Path, default=None)
        parser.add_argument(
            "--format",
            dest="output_format",
            choices=FORMATS,
            default="text",
            help="text: path:line: field: message (the default); github: GitHub Actions "
            "annotations, one per problem, on the line it is about.",
        )

    def handle(
        self,
        *args: object,
        content_dir: Path | None = None,
        output_format: str = "text",
        **options: object,
    ) -> None:
        try:
            # The site's own content was loaded and validated at start-up: reuse it.
            if content_dir is None and not store.problems():
                content = store.get()
            else:
                content = load_content(content_dir or settings.CONTENT_DIR)
        except ContentError as error:
            self._report(error.problems, output_format)
            sys.exit(1)
        try:
            problems = list(content.warnings) + analyses.run_all(content)
        except analyses.AnalysisUnavailable as unavailable:
            self.stderr.write(f"check_content: {unavailable}.")
            sys.exit(3)
        self._report(problems, output_format)
        if any(p.severity == "error" for p in problems):
            sys.exit(1)
        self.stdout.write(
            f"Content {content.version} is valid: {len(content.skills)} skills, "
            f"{len(content.backgrounds)} backgrounds, {len(content.roles)} roles, "
            f"{len(content.stages)} stages, {len(content.lenses)} lenses, "
            f"{len(content.quiz.questions)} quiz questions, {len(content.faq.questions)} FAQs, "
            f"{len(content.guides)} guides, {len(content.sources)} sources."
        )

    def _report(self, problems: list[Problem], output_format: str) -> None:
        if output_format == "github":
            # Annotations on stdout, in order; the runner reads them from either stream.
            root = Path(settings.BASE_DIR)
            for problem in problems:
                self.stdout.write(github_line(problem, root))
            errors = sum(p.severity == "error" for p in problems)
            if errors:
                self.stderr.write(f"check_content: {errors} error(s) in the content.")
            return
        for problem in problems:
            stream = self.stderr if problem.severity == "error" else self.stdout
            stream.write(str(problem))
