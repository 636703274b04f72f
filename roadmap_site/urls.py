"""The URL map: each app owns its routes under its own namespace."""

from django.contrib import admin
from django.urls import include, path

handler400 = "webkit.middleware.bad_request_page"
handler404 = "webkit.rendering.not_found_page"

urlpatterns = [
    path("", include("pages.urls")),
    path("roles/", include("roles.urls")),
    path("quiz/", include("quiz.urls")),
    path("plan/", include("plan.urls")),
    path("admin/", admin.site.urls),
]
