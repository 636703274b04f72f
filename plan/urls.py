from django.urls import include, path

from . import views

# Below a plan's token (/plan/<token>/...): its pages, then the files it downloads as.
plan_pages = [
    path("", views.plan, name="plan"),
    path("choices/", views.choices, name="choices"),
    path("brief/", views.brief, name="brief"),
    path("hours/", views.hours, name="hours"),
]
plan_downloads = [
    path("plan.ics", views.export_ics, name="ics"),
    path("plan.md", views.export_md, name="markdown"),
    path("plan.json", views.export_json, name="json"),
]

app_name = "plan"
urlpatterns = [
    path("", views.start, name="start"),
    path("continue/", views.continue_plan, name="continue"),
    path("view/<str:view_token>/", views.view, name="view"),
    path("<str:token>/", include(plan_pages + plan_downloads)),
]
