from django.urls import path

from . import views

urlpatterns = [
    path("", views.quiz, name="quiz"),
    path("result/<str:token>/", views.result, name="quiz-result"),
]
