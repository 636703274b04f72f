"""Writes for plans: create one, save progress (last write wins), change its choices, record a
visit or an opening. Plans nobody opens for PLAN_RETENTION_MONTHS are deleted by
`manage.py delete_unopened` (webkit/retention.py)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F

from content_engine.content import Content
from webkit import retention
from webkit.retention import OPENED_RESOLUTION

from .choices import Choices
from .models import Plan
from .overview import all_items
from .progress import apply_changes, content_changes, fingerprints, merge_done

NOTICE_FOR = timedelta(hours=12)  # how long "changed since your last visit" stays shown


def create_plan(
    *, content: Content, choices: Choices, now: datetime, done: Collection[str] = ()
) -> Plan:
    """A new plan; `done` holds the ticks of a restored one."""
    with transaction.atomic():
        return Plan.objects.create(
            background=choices.background,
            role=choices.role,
            hours_per_week=choices.hours_per_week,
            start=choices.start,
            added_stages=list(choices.added),
            done=sorted(done),
            seen_version=content.version,
            seen_texts=fingerprints(all_items(content)),
            opened_at=now,
        )


def save_progress(
    *,
    token: str,
    ticked: Collection[str],
    shown: Collection[str],
    now: datetime,
    was: Collection[str] | None = None,
) -> bool:
    """Save the progress form (without JavaScript): with `was` (what the page showed as done),
    only the boxes the person changed on it change, so another tab's ticks stay; without it,
    the form is the whole truth about the items it showed. Every other tick is kept (a stage
    left out, an item the content has since dropped). False when there is no such plan."""

    def change(stored: list[str]) -> list[str]:
        if was is None:  # a form that does not say what it showed: it is the whole truth
            return merge_done(stored, ticked, shown=shown)
        return apply_changes(stored, ticked, was=was, shown=shown)

    return _update_done(token, change, now) is not None


def set_item(*, token: str, item_id: str, done: bool, now: datetime) -> Plan | None:
    """Tick or untick one item and nothing else, so two tabs ticking different items never
    undo each other: the plan as now stored, or None when there is no such plan."""

    def change(stored: list[str]) -> list[str]:
        kept = [i for i in stored if i != item_id]
        return sorted([*kept, item_id]) if done else kept

    return _update_done(token, change, now)


def _update_done(
    token: str, change: Callable[[list[str]], list[str]], now: datetime
) -> Plan | None:
    """Read a plan's done ids, change them and write them back only if nobody wrote in between
    (the revision is still the one read; it is counted in SQL), else read again: a change made
    by another request is never overwritten, and the write lock is held only for the UPDATE
    (on SQLite the lock is the whole database). The plan as now stored, or None when there is
    no such plan."""
    while True:
        plan = Plan.objects.filter(token=token).first()
        if plan is None:
            return None
        plan.done = change(list(plan.done))
        written = Plan.objects.filter(pk=plan.pk, revision=plan.revision).update(
            done=plan.done, revision=F("revision") + 1, opened_at=now, updated_at=now
        )
        if written:
            plan.revision += 1
            plan.opened_at = plan.updated_at = now
            return plan


def change_choices(*, plan: Plan, choices: Choices, now: datetime) -> None:
    """New background, role, pace, start or optional stages. Only those fields are written:
    the ticks (ids, kept whatever changes) are never touched, so a tick saved meanwhile in
    another tab stays."""
    Plan.objects.filter(pk=plan.pk).update(
        background=choices.background,
        role=choices.role,
        hours_per_week=choices.hours_per_week,
        start=choices.start,
        added_stages=list(choices.added),
        opened_at=now,
        updated_at=now,
        revision=F("revision") + 1,
    )


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
        values = {name: getattr(plan, name) for name in fields}
        Plan.objects.filter(pk=plan.pk).update(**values, revision=F("revision") + 1)
        plan.revision += 1  # the page is stored under the revision: a guess is harmless
    return plan


def record_opened(*, plan: Plan, now: datetime) -> None:
    """A read-only link or an export was opened: the plan is still in use (kept to the hour;
    best-effort, so the read goes on whether or not the time could be written)."""
    rows = Plan.objects.filter(pk=plan.pk)
    retention.record_opened(rows, opened_at=plan.opened_at, now=now)
