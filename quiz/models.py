"""Stored quiz submissions: answers and the result exactly as first shown, and when the result
was last opened (a result nobody opens for QUIZ_RESULT_RETENTION_MONTHS is deleted:
webkit/retention.py). No personal data."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

# new_token is re-exported: the migrations name quiz.models.new_token as the default.
from webkit.tokens import new_token as new_token


class QuizSubmission(models.Model):
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    # The key the quiz form carried, so a retry of the same submission finds it; never the
    # token, which the server alone makes.
    submission_key = models.CharField(
        max_length=32, unique=True, null=True, blank=True, editable=False
    )
    answers = models.JSONField(help_text="Question id to option id.")
    background = models.CharField(max_length=60, blank=True)
    best_role = models.CharField(max_length=60, db_index=True)
    result = models.JSONField(help_text="The result as shown: names, percentages, reasons.")
    content_version = models.CharField(max_length=32)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    opened_at = models.DateTimeField(
        default=timezone.now, db_index=True, help_text="Last opened: its page or its JSON."
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "quiz submission"

    def __str__(self) -> str:
        return f"{self.best_role} ({self.created_at:%Y-%m-%d %H:%M})"
