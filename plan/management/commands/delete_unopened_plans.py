"""`manage.py delete_unopened_plans`: the plans half of `manage.py delete_unopened`, kept so
schedules written before quiz results had a retention rule keep working. Use delete_unopened."""

from __future__ import annotations

from argparse import ArgumentParser
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from webkit import retention
from webkit.management.commands.delete_unopened import report_line


class Command(BaseCommand):
    help = (
        "Delete plans only, not opened for PLAN_RETENTION_MONTHS (or --days). Superseded by "
        "`python manage.py delete_unopened`, which also deletes unopened quiz results."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--days", type=int, help="delete plans not opened for this many days instead"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="only say how many plans would go"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stderr.write(
            "delete_unopened_plans deletes plans only: schedule `manage.py delete_unopened`, "
            "which deletes unopened quiz results too."
        )
        rule = retention.rule("plans")
        now = timezone.now()
        if options["days"] is None:
            since, period = retention.months_before(now, rule.months), f"{rule.months} months"
        else:
            days = max(1, int(options["days"]))
            since, period = now - timedelta(days=days), f"{days} days"
        dry_run = bool(options["dry_run"])
        count = retention.delete_unopened_rows(rule, since=since, dry_run=dry_run)
        self.stdout.write(
            report_line(rule.name, count, since=since, period=period, dry_run=dry_run)
        )
