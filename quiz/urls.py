from django.urls import path

from . import views

app_name = "quiz"

urlpatterns = [
    path("", views.quiz, name="start"),
    path("result/<str:token>/", views.result, name="result"),
    path("result/<str:token>.json", views.result_json, name="result-json"),
]
