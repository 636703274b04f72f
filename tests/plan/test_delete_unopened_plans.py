"""`manage.py delete_unopened_plans`, kept for schedules written before quiz results had a
retention rule: plans only, --days and --dry-run as before, a line saying what replaces it.
(The command to schedule, delete_unopened: tests/webkit/test_retention.py.)"""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from plan.choices import Choices
from plan.models import Plan
from plan.services import create_plan
from quiz.models import QuizSubmission
from quiz.services import submit_quiz

pytestmark = pytest.mark.django_db


def test_the_older_command_still_deletes_plans_only(content):
    now = timezone.now()
    choices = Choices("backend", "", 12, date(2026, 3, 2))
    create_plan(content=content, choices=choices, now=now - timedelta(days=600))
    keep = create_plan(content=content, choices=choices, now=now - timedelta(days=30))
    answers = {q.id: q.options[0].id for q in content.quiz.questions}
    old_result = submit_quiz(content=content, answers=answers, background="")
    QuizSubmission.objects.update(opened_at=now - timedelta(days=900))
    out, err = StringIO(), StringIO()
    call_command("delete_unopened_plans", "--dry-run", stdout=out, stderr=err)
    assert out.getvalue().startswith("plans: 1 would be deleted (not opened for 18 months, since")
    assert "delete_unopened" in err.getvalue()
    assert Plan.objects.count() == 2
    call_command("delete_unopened_plans", stdout=out, stderr=err)
    assert "plans: 1 deleted (not opened for 18 months" in out.getvalue()
    assert list(Plan.objects.all()) == [keep]
    assert QuizSubmission.objects.filter(pk=old_result.pk).exists()  # not this command's job
    call_command("delete_unopened_plans", "--days", "7", stdout=out, stderr=err)
    assert "plans: 1 deleted (not opened for 7 days" in out.getvalue()
    assert not Plan.objects.exists()
