"""Writes for plans: create one, save progress (last write wins), change its choices, record a
visit or an opening. Plans nobody opens for PLAN_RETENTION_MONTHS are deleted by
`manage.py delete_unopened` (webkit/retention.py)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F

from content_engine.content import Content
from webkit import retention
from webkit.retention import OPENED_RESOLUTION

from .choices import Choices
from .models import Plan
from .overview import all_items
from .progress import content_changes, fingerprints, merge_done

NOTICE_FOR = timedelta(hours=12)  # how long "changed since your last visit" stays shown


def create_plan(*, content: Content, choices: Choices, now: datetime) -> Plan:
    with transaction.atomic():
        return Plan.objects.create(
            background=choices.background,
            role=choices.role,
            hours_per_week=choices.hours_per_week,
            start=choices.start,
            added_stages=list(choices.added),
            done=[],
            seen_version=content.version,
            seen_texts=fingerprints(all_items(content)),
            opened_at=now,
        )


def save_progress(
    *, token: str, ticked: Collection[str], shown: Collection[str], now: datetime
) -> bool:
    """Replace the done state of the items the form showed with the ticked ones; False when
    there is no such plan. Two tabs saving different states: the later save wins, quietly.

    One read, then one UPDATE that holds the write lock only for itself (on SQLite the lock is
    the whole database, and writers that wait for it back off in steps of milliseconds). The
    revision is counted in SQL, so no save goes uncounted."""
    stored = list(Plan.objects.filter(token=token).values_list("done", flat=True)[:1])
    if not stored:
        return False
    done = merge_done(stored[0], ticked, shown=shown)
    updated = Plan.objects.filter(token=token).update(
        done=done, revision=F("revision") + 1, opened_at=now, updated_at=now
    )
    return updated == 1


def change_choices(*, plan: Plan, choices: Choices, now: datetime) -> Plan:
    """New background, role, pace, start or optional stages; progress is kept (it is ids)."""
    plan.background = choices.background
    plan.role = choices.role
    plan.hours_per_week = choices.hours_per_week
    plan.start = choices.start
    plan.added_stages = list(choices.added)
    plan.opened_at = now
    with transaction.atomic():
        plan.revision = (
            Plan.objects.select_for_update().values_list("revision", flat=True).get(pk=plan.pk)
        )
        plan.revision += 1
        plan.save()
    return plan


def visit_has_news(
    *,
    seen_version: str,
    opened_at: datetime,
    noticed_at: datetime | None,
    content_version: str,
    now: datetime,
) -> bool:
    """Whether a visit has anything to record (see `record_visit`)."""
    return (
        seen_version != content_version
        or bool(noticed_at and now - noticed_at > NOTICE_FOR)
        or now - opened_at >= OPENED_RESOLUTION
    )


def record_visit(*, plan: Plan, content: Content, now: datetime) -> Plan:
    """The owner opened the plan: remember when (to the hour), and, when the content changed
    since the last visit, which items were reworded or removed, shown for a while."""
    fields: list[str] = []
    if plan.seen_version != content.version:
        items = all_items(content)
        changes = content_changes(seen=plan.seen_texts, done=plan.done, items=items)
        plan.seen_version = content.version
        plan.seen_texts = fingerprints(items)
        fields += ["seen_version", "seen_texts"]
        if changes:
            plan.changed = list(changes.changed)
            plan.removed = list(changes.removed)
            plan.noticed_at = now
            fields += ["changed", "removed", "noticed_at"]
    elif plan.noticed_at and now - plan.noticed_at > NOTICE_FOR:
        plan.changed, plan.removed, plan.noticed_at = [], [], None
        fields += ["changed", "removed", "noticed_at"]
    if now - plan.opened_at >= OPENED_RESOLUTION:
        plan.opened_at = now
        fields.append("opened_at")
    if fields:
        plan.revision += 1
        with transaction.atomic():
            plan.save(update_fields=[*fields, "revision"])
    return plan


def record_opened(*, plan: Plan, now: datetime) -> None:
    """A read-only link or an export was opened: the plan is still in use (kept to the hour;
    best-effort, so the read goes on whether or not the time could be written)."""
    rows = Plan.objects.filter(pk=plan.pk)
    retention.record_opened(rows, opened_at=plan.opened_at, now=now)
