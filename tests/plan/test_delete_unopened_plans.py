"""The documented clean-up command: `manage.py delete_unopened_plans`."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from plan.choices import Choices
from plan.models import Plan
from plan.services import create_plan

pytestmark = pytest.mark.django_db


def test_the_command_deletes_only_plans_not_opened_for_eighteen_months(content):
    now = timezone.now()
    choices = Choices("backend", "", 12, date(2026, 3, 2))
    create_plan(content=content, choices=choices, now=now - timedelta(days=600))
    keep = create_plan(content=content, choices=choices, now=now - timedelta(days=30))
    out = StringIO()
    call_command("delete_unopened_plans", "--dry-run", stdout=out)
    assert "1 plan(s) not opened for 548 days would be deleted" in out.getvalue()
    assert Plan.objects.count() == 2
    call_command("delete_unopened_plans", stdout=out)
    assert "Deleted 1 plan(s)" in out.getvalue()
    assert list(Plan.objects.all()) == [keep]
