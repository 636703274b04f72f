"""Rows kept while people open them: when a row was last opened, and the clean-up that deletes
rows nobody has opened for a set number of months (`manage.py delete_unopened`).

Apps register a rule each (plans, quiz results) from their AppConfig.ready(), so this module
never imports an app. A rule names a model with an `opened_at` field and the setting that holds
its retention period in months.

Recording an opening is best-effort: a read never fails, and never waits, because the write
could not happen. On SQLite the write gives up at once instead of queueing on the busy timeout;
on PostgreSQL it does not wait for a row lock. A failure is one WARNING line."""

from __future__ import annotations

import calendar
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections, models, transaction

from .writes import without_waiting

logger = logging.getLogger(__name__)

OPENED_RESOLUTION = timedelta(hours=1)  # "last opened" is kept to the hour: fewer writes
DELETE_BATCH = 500  # rows per DELETE: each holds SQLite's write lock only briefly


@dataclass(frozen=True)
class Rule:
    """Rows of `model` not opened for `settings.<setting>` months are deleted."""

    name: str  # plural, as the command prints it: "plans", "quiz results"
    model: type[models.Model]
    setting: str

    @property
    def months(self) -> int:
        return int(getattr(settings, self.setting))

    def unopened_since(self, moment: datetime) -> models.QuerySet[Any]:
        return self.model._default_manager.filter(opened_at__lt=moment)


@dataclass(frozen=True)
class Outcome:
    rule: Rule
    since: datetime  # rows last opened before this moment went
    count: int  # deleted, or that would be on a dry run


_rules: dict[str, Rule] = {}


def register(rule: Rule) -> None:
    """Add (or replace) a rule; registering twice under one name keeps one."""
    _rules[rule.name] = rule


def rules() -> list[Rule]:
    """Every registered rule, by name."""
    return [_rules[name] for name in sorted(_rules)]


def rule(name: str) -> Rule:
    return _rules[name]


def months_before(moment: datetime, months: int) -> datetime:
    """The same time `months` calendar months earlier; a day the month lacks becomes its last
    (31 August less 6 months is 28 or 29 February)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def delete_unopened_rows(rule: Rule, *, since: datetime, dry_run: bool = False) -> int:
    """Delete the rule's rows last opened before `since`, in small batches; how many went.

    Each batch is deleted by primary key *and* the age condition, so a row opened between the
    look-up and the delete stays."""
    unopened = rule.unopened_since(since)
    if dry_run:
        return unopened.count()
    deleted = 0
    while pks := list(unopened.values_list("pk", flat=True)[:DELETE_BATCH]):
        _, per_model = unopened.filter(pk__in=pks).delete()
        deleted += per_model.get(rule.model._meta.label, 0)
    return deleted


def delete_unopened(*, now: datetime, dry_run: bool = False) -> list[Outcome]:
    """Apply every registered rule at `now`."""
    outcomes = []
    for each in rules():
        since = months_before(now, each.months)
        outcomes.append(
            Outcome(each, since, delete_unopened_rows(each, since=since, dry_run=dry_run))
        )
    return outcomes


def record_opened(rows: models.QuerySet[Any], *, opened_at: datetime, now: datetime) -> bool:
    """Set `opened_at = now` on `rows` (what was read is `opened_at`) when the time recorded is
    an hour old or more. Best-effort: False, one WARNING line and no exception when the write
    could not happen at once (a locked database, a read-only one, a dropped connection)."""
    if now - opened_at < OPENED_RESOLUTION:
        return True
    connection = connections[rows.db]
    try:
        with without_waiting(connection), transaction.atomic(using=rows.db):
            if connection.features.has_select_for_update_nowait:
                # PostgreSQL: a row another transaction is writing is skipped, not waited for.
                list(rows.select_for_update(nowait=True).values_list("pk", flat=True))
            rows.update(opened_at=now)
    except DatabaseError as error:
        first_line = next(iter(str(error).splitlines()), "")
        logger.warning(
            "%s: last opened time not recorded (%s: %s)",
            rows.model._meta.label,
            type(error).__name__,
            first_line,
        )
        return False
    return True
