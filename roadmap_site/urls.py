from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from . import api, health, route_views, skills_views, views
from .sitemaps import PagesSitemap

handler404 = "roadmap_site.views.page_not_found"

urlpatterns = [
    path("", views.home, name="home"),
    path("route/", route_views.route, name="route"),
    path("route/<str:stage_id>/", route_views.stage, name="stage"),
    path("skills/", skills_views.skills_map, name="skills"),
    path("lenses/", views.lenses, name="lenses"),
    path("compare/", views.comparisons, name="comparisons"),
    path("faq/", views.faq, name="faq"),
    path("roles/", include("roles.urls")),
    path("quiz/", include("quiz.urls")),
    path("api/v1/content.json", api.content_json, name="api-content"),
    path("healthz/live", health.live, name="health-live"),
    path("healthz/ready", health.ready, name="health-ready"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PagesSitemap}}, name="sitemap"),
    path("admin/", admin.site.urls),
]
