from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import api, guides, health, icons, search, views
from .sitemaps import PagesSitemap

app_name = "pages"

urlpatterns = [
    path("", views.home, name="home"),
    path("what-changes/", guides.what_changes, name="what-changes"),
    path("route/", views.route, name="route"),
    path("route/<str:stage_id>/", views.stage, name="stage"),
    path("skills/", views.skills_map, name="skills"),
    path("lenses/", views.reference, {"name": "lenses"}, name="lenses"),
    path("compare/", views.reference, {"name": "comparisons"}, name="comparisons"),
    path("faq/", views.reference, {"name": "faq"}, name="faq"),
    path("guides/", guides.guide_list, name="guides"),
    path("guides/<str:guide_id>/", guides.guide, name="guide"),
    path("search/", search.search_page, name="search"),
    path("api/v1/content.json", api.content_json, name="api-content"),
    path("healthz/live", health.live, name="health-live"),
    path("healthz/ready", health.ready, name="health-ready"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("favicon.ico", icons.favicon_ico, name="favicon"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PagesSitemap}}, name="sitemap"),
]
