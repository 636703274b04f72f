"""`manage.py delete_unopened [--dry-run]`: delete plans and quiz results nobody has opened for
their retention period (PLAN_RETENTION_MONTHS, QUIZ_RESULT_RETENTION_MONTHS). Run it daily;
docs/operations.md shows cron, systemd and Kubernetes schedules."""

from __future__ import annotations

from argparse import ArgumentParser
from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from webkit import retention


def report_line(name: str, count: int, *, since: datetime, period: str, dry_run: bool) -> str:
    """One line per table, the same from this command and its older plans-only alias."""
    done = "would be deleted" if dry_run else "deleted"
    return f"{name}: {count} {done} (not opened for {period}, since {since:%Y-%m-%d %H:%M} UTC)"


class Command(BaseCommand):
    help = (
        "Delete plans and quiz results not opened for their retention period (settings "
        "PLAN_RETENTION_MONTHS and QUIZ_RESULT_RETENTION_MONTHS, 18 months each unless set). "
        "Run it daily."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="only say how many of each would go"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run = bool(options["dry_run"])
        for outcome in retention.delete_unopened(now=timezone.now(), dry_run=dry_run):
            period = f"{outcome.rule.months} months"
            self.stdout.write(
                report_line(
                    outcome.rule.name,
                    outcome.count,
                    since=outcome.since,
                    period=period,
                    dry_run=dry_run,
                )  # fmt: skip
            )
