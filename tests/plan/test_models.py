"""Stored plans: two different unguessable tokens, and nothing personal in any field."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from plan.models import Plan

pytestmark = pytest.mark.django_db


def test_a_plan_gets_an_edit_token_and_a_different_read_only_token():
    plan = Plan.objects.create(
        background="backend", hours_per_week=12, start=date(2026, 3, 2), seen_version="v",
        opened_at=timezone.now(),
    )  # fmt: skip
    assert plan.token != plan.view_token
    assert str(plan) == "backend → any role (12 h/week)"


def test_the_model_has_no_field_for_anything_personal():
    names = {field.name for field in Plan._meta.get_fields()}
    assert not names & {"email", "name", "user", "ip", "user_agent", "notes"}
