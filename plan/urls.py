from django.urls import include, path

from . import plan_page, shared_views, views

# Below a plan's token (/plan/<token>/...): its pages, what changes it, then its downloads.
plan_pages = [
    path("", plan_page.plan, name="plan"),
    path("items/<slug:item_id>/", plan_page.item, name="item"),
    path("choices/", plan_page.choices, name="choices"),
    path("brief/", shared_views.brief, name="brief"),
    path("hours/", shared_views.hours, name="hours"),
    path("plan.ics", shared_views.export_ics, name="ics"),
    path("plan.md", shared_views.export_md, name="markdown"),
    path("plan.json", shared_views.export_json, name="json"),
]
# Below the read-only token (/plan/view/<view_token>/...): nothing there changes the plan.
view_pages = [
    path("", shared_views.view, name="view"),
    path("brief/", shared_views.view_brief, name="view-brief"),
]

app_name = "plan"
urlpatterns = [
    path("", views.start, name="start"),
    path("continue/", views.continue_plan, name="continue"),
    path("mine/", views.mine, name="mine"),
    path("import/", views.import_plan, name="import"),
    path("view/<token:view_token>/", include(view_pages)),
    path("<token:token>/", include(plan_pages)),
]
