"""Delete plans that nobody has opened, by any of their links, for 18 months."""

from __future__ import annotations

from argparse import ArgumentParser
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from plan.models import Plan
from plan.services import KEEP_UNOPENED, delete_unopened_plans


class Command(BaseCommand):
    help = (
        "Delete plans not opened for 18 months (548 days). Run it daily, e.g. from cron: "
        "python manage.py delete_unopened_plans"
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=KEEP_UNOPENED.days,
            help=f"delete plans not opened for this many days (default {KEEP_UNOPENED.days})",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="only say how many plans would go"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = max(1, int(options["days"]))
        now = timezone.now()
        if options["dry_run"]:
            count = Plan.objects.not_opened_since(now - timedelta(days=days)).count()
            self.stdout.write(f"{count} plan(s) not opened for {days} days would be deleted.")
            return
        deleted = delete_unopened_plans(now=now, older_than=timedelta(days=days))
        self.stdout.write(f"Deleted {deleted} plan(s) not opened for {days} days.")
