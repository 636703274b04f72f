"""Django admin lists submissions and the distribution of best fits."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_admin_shows_the_distribution_of_best_fits(admin_client: Client, client: Client, content):
    for index in (0, 0, -1):
        client.post("/quiz/", {q.id: q.options[index].id for q in content.quiz.questions})
    html = admin_client.get("/admin/quiz/quizsubmission/").content.decode()
    assert "Best fits in this selection (3 submissions)" in html
    assert "66.7%" in html and "33.3%" in html
