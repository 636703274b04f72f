from django.urls import path

from . import views

app_name = "plan"

urlpatterns = [
    path("", views.start, name="start"),
    path("continue/", views.continue_plan, name="continue"),
    path("view/<str:view_token>/", views.view, name="view"),
    path("<str:token>/", views.plan, name="plan"),
    path("<str:token>/choices/", views.choices, name="choices"),
    path("<str:token>/brief/", views.brief, name="brief"),
    path("<str:token>/hours/", views.hours, name="hours"),
    path("<str:token>/plan.ics", views.export_ics, name="ics"),
    path("<str:token>/plan.md", views.export_md, name="markdown"),
    path("<str:token>/plan.json", views.export_json, name="json"),
]
