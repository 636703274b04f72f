"""`manage.py quiz_report`: the quiz balance table, so an editor sees what a weight change does."""

from __future__ import annotations

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from content_engine.analyses import AnalysisUnavailable
from content_engine.loader import load_content
from content_engine.problems import ContentError


class Command(BaseCommand):
    help = "Print the quiz balance: max attainable per trait, win shares, ties, archetype margins."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--content-dir", type=Path, default=None)

    def handle(self, *args: object, content_dir: Path | None = None, **options: object) -> None:
        # Exit status: 0 balanced, 1 invalid content or a balance problem, 3 numpy is missing.
        try:
            from quiz.balance import (
                MAX_SHARE_OF_FAIR,
                MAX_TIE_RATE,
                MIN_ARCHETYPE_MARGIN,
                MIN_SHARE_OF_FAIR,
                analyse,
                balance_problems,
            )
        except ModuleNotFoundError as error:
            missing = AnalysisUnavailable("quiz balance", error.name or "a module")
            self.stderr.write(f"quiz_report: {missing}.")
            sys.exit(3)
        try:
            content = load_content(content_dir or settings.CONTENT_DIR)
        except ContentError as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            sys.exit(1)
        report = analyse(content)
        out = self.stdout.write
        fair = report.fair_share
        how = "exhaustive" if report.exhaustive else "random sample"
        out(f"Answer space: {report.answer_space:,} ({how}, {report.evaluated:,} evaluated)")
        out("")
        out("Max attainable per trait:")
        for trait, value in report.max_attainable.items():
            out(f"  {trait:<12} {value}")
        out("")
        lo, hi = MIN_SHARE_OF_FAIR * fair, MAX_SHARE_OF_FAIR * fair
        out(
            f"Best-fit share under uniform random answers (fair {fair:.1%}, allowed "
            f"{lo:.1%}-{hi:.1%}); archetype margin needs >= {MIN_ARCHETYPE_MARGIN:.0f} points"
        )
        header = f"  {'role':<28} {'wins':>9} {'share':>7} {'x fair':>7}"
        out(f"{header}  {'archetype':<28} {'margin':>7}")
        for b in sorted(report.roles, key=lambda r: -r.share):
            out(
                f"  {b.role_id:<28} {b.wins:>9,} {b.share:>7.1%} {b.share / fair:>7.2f}  "
                f"{b.archetype_best or '-':<28} {b.archetype_margin:>7.1f}"
            )
        out("")
        out(
            f"Exact ties for best fit: {report.ties:,} ({report.tie_rate:.3%}; "
            f"allowed < {MAX_TIE_RATE:.1%})"
        )
        problems = balance_problems(content, report)
        out("")
        if problems:
            for problem in problems:
                self.stderr.write(str(problem))
            out(f"FAIL: {len(problems)} balance problem(s).")
            sys.exit(1)
        out("PASS: every threshold holds.")
