"""Writes: a plan stores choices, ids and timestamps only; progress merges by ids; a visit notes
content changes; opening is recorded to the hour. (Deleting unopened plans:
tests/webkit/test_retention.py.)"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from django.utils import timezone

from plan.choices import Choices
from plan.models import Plan
from plan.progress import fingerprints, route_items
from plan.services import (
    NOTICE_FOR,
    change_choices,
    create_plan,
    record_opened,
    record_visit,
    save_progress,
)

pytestmark = pytest.mark.django_db
CHOICES = Choices("backend", "ai-engineer", 12, date(2026, 3, 2))


def test_a_new_plan_stores_only_choices_ids_and_timestamps(content):
    now = timezone.now()
    plan = create_plan(content=content, choices=CHOICES, now=now)
    assert len(plan.token) == 22 and len(plan.view_token) == 22 and plan.token != plan.view_token
    assert plan.seen_version == content.version and plan.opened_at == now
    assert plan.seen_texts == fingerprints(route_items(content.stages))
    assert all(len(v) == 10 for v in plan.seen_texts.values())  # fingerprints, never the text


def test_save_progress_replaces_what_the_form_showed_and_keeps_other_ids(content):
    plan = create_plan(content=content, choices=CHOICES, now=timezone.now())
    Plan.objects.filter(pk=plan.pk).update(done=["retired-id", "a"])
    assert save_progress(token=plan.token, ticked={"b"}, shown={"a", "b"}, now=timezone.now())
    plan.refresh_from_db()
    assert plan.done == ["b", "retired-id"] and plan.revision == 2
    assert not save_progress(token="x" * 22, ticked=set(), shown=set(), now=timezone.now())


def test_changing_choices_keeps_the_done_ids(content):
    plan = create_plan(content=content, choices=CHOICES, now=timezone.now())
    save_progress(token=plan.token, ticked={"a"}, shown={"a"}, now=timezone.now())
    plan.refresh_from_db()
    change_choices(plan=plan, choices=replace(CHOICES, hours_per_week=4), now=timezone.now())
    plan.refresh_from_db()
    assert plan.hours_per_week == 4 and plan.done == ["a"]


def test_a_visit_after_a_content_change_notes_reworded_and_removed_items(content):
    now = timezone.now()
    plan = create_plan(content=content, choices=CHOICES, now=now)
    first = content.stages[0].done_when[0].id
    plan.seen_version = "older"
    plan.seen_texts = {**plan.seen_texts, first: "0000000000", "gone-item": "1111111111"}
    plan.done = [first, "gone-item"]
    plan.save()
    record_visit(plan=plan, content=content, now=now)
    plan.refresh_from_db()
    assert plan.changed == [first] and plan.removed == ["gone-item"]
    assert plan.seen_version == content.version and "gone-item" not in plan.seen_texts
    assert plan.done == [first, "gone-item"]  # kept: it comes back if the content does
    record_visit(plan=plan, content=content, now=now + NOTICE_FOR + timedelta(minutes=1))
    plan.refresh_from_db()
    assert plan.changed == [] and plan.removed == []  # shown for one visit, then gone


def test_opening_is_recorded_to_the_hour(content):
    now = timezone.now()
    plan = create_plan(content=content, choices=CHOICES, now=now)
    record_opened(plan=plan, now=now + timedelta(minutes=5))
    plan.refresh_from_db()
    assert plan.opened_at == now
    record_opened(plan=plan, now=now + timedelta(hours=2))
    plan.refresh_from_db()
    assert plan.opened_at == now + timedelta(hours=2)
