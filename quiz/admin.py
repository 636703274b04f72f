"""Admin: browse stored submissions and see how best fits are distributed."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count
from django.http import HttpRequest
from django.template.response import TemplateResponse

from .models import QuizSubmission


@admin.register(QuizSubmission)
class QuizSubmissionAdmin(admin.ModelAdmin):
    list_display = ["created_at", "best_role", "background", "content_version", "token"]
    list_filter = ["best_role", "background", "content_version"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "token",
        "answers",
        "background",
        "best_role",
        "result",
        "content_version",
        "created_at",
    ]
    change_list_template = "admin/quiz/quizsubmission/change_list.html"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None):
        response = super().changelist_view(request, extra_context)
        if isinstance(response, TemplateResponse) and "cl" in response.context_data:
            queryset = response.context_data["cl"].queryset
            total = queryset.count()
            rows = queryset.order_by().values("best_role").annotate(count=Count("id"))
            response.context_data["distribution"] = [
                {**row, "share": round(100 * row["count"] / total, 1) if total else 0}
                for row in sorted(rows, key=lambda r: -r["count"])
            ]
            response.context_data["distribution_total"] = total
        return response
