from django.urls import path

from . import views

urlpatterns = [
    path("", views.role_list, name="roles"),
    path("compare/", views.role_compare, name="role-compare"),
    path("<str:role_id>/", views.role_detail, name="role"),
]
