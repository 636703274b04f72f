"""Admin: browse stored submissions and see how best fits are distributed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from .models import QuizSubmission

if TYPE_CHECKING:
    _SubmissionAdminBase = admin.ModelAdmin[QuizSubmission]
else:  # generic only in django-stubs: subscripting it at runtime raises TypeError
    _SubmissionAdminBase = admin.ModelAdmin


@admin.register(QuizSubmission)
class QuizSubmissionAdmin(_SubmissionAdminBase):
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

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        context = response.context_data if isinstance(response, TemplateResponse) else None
        if context is not None and "cl" in context:
            queryset = context["cl"].queryset
            total = queryset.count()
            rows = queryset.order_by().values("best_role").annotate(count=Count("id"))
            context["distribution"] = [
                {**row, "share": round(100 * row["count"] / total, 1) if total else 0}
                for row in sorted(rows, key=lambda r: -r["count"])
            ]
            context["distribution_total"] = total
        return response
