"""Stored plans: the choices, the done item ids and timestamps. Nothing personal, no account.

A plan has two unguessable tokens: `token` opens it for editing (the URL is the plan), and
`view_token` opens a read-only copy for a mentor or a manager."""

from __future__ import annotations

from django.db import models

# new_token is re-exported: the migrations name plan.models.new_token as the default.
from webkit.tokens import new_token as new_token


class Plan(models.Model):
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    view_token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    background = models.CharField(max_length=60)
    role = models.CharField(max_length=60, blank=True)
    hours_per_week = models.PositiveSmallIntegerField()
    start = models.DateField()
    added_stages = models.JSONField(default=list, help_text="Optional stage ids the person added.")
    done = models.JSONField(default=list, help_text="Ids of the items ticked as done.")
    seen_version = models.CharField(max_length=32, help_text="Content version last shown.")
    seen_texts = models.JSONField(
        default=dict, help_text="Item id to a fingerprint of its text when last shown."
    )
    changed = models.JSONField(default=list, help_text="Items reworded since the visit before.")
    removed = models.JSONField(default=list, help_text="Done ids that left the route since.")
    noticed_at = models.DateTimeField(null=True, blank=True)
    revision = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # A plan nobody opens for PLAN_RETENTION_MONTHS is deleted (webkit/retention.py).
    opened_at = models.DateTimeField(db_index=True, help_text="Last opened by any of its links.")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.background} → {self.role or 'any role'} ({self.hours_per_week} h/week)"
