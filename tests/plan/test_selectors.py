"""The light read behind every plan visit gives what the ORM would, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from plan.choices import Choices
from plan.models import Plan
from plan.selectors import visit_state
from plan.services import create_plan

pytestmark = pytest.mark.django_db


def test_the_visit_state_matches_the_stored_row(content):
    now = timezone.now()
    plan = create_plan(
        content=content, choices=Choices("backend", "", 12, date(2026, 3, 2)), now=now
    )
    Plan.objects.filter(pk=plan.pk).update(revision=7, noticed_at=now - timedelta(hours=1))
    state = visit_state(plan.token)
    assert state is not None
    assert (state.pk, state.revision, state.seen_version) == (plan.pk, 7, content.version)
    assert state.opened_at == now and state.noticed_at == now - timedelta(hours=1)
    assert state.opened_at.tzinfo is not None


def test_no_row_is_none():
    assert visit_state("A" * 22) is None
