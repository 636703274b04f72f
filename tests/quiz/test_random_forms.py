"""Property test: whatever a client posts to the quiz, the server never answers 5xx."""

from __future__ import annotations

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content_engine import store

pytestmark = pytest.mark.django_db

QUESTIONS = store.get().quiz.questions
FIELD_NAMES = st.sampled_from(
    [q.id for q in QUESTIONS] + ["background", "action", "step", "quiz_version", "x", ""]
)
VALUES = st.one_of(
    st.sampled_from([o.id for q in QUESTIONS for o in q.options]),
    st.sampled_from(["next", "back", "review", "submit", "goto-3", "goto-99", "goto-x", "0", "-1"]),
    st.text(max_size=30),
)
FORMS = st.dictionaries(FIELD_NAMES, st.lists(VALUES, min_size=1, max_size=3), max_size=14)


# How many forms: the Hypothesis profile decides (tests/conftest.py; 10,000 under `ci`).
@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    database=None,
)
@given(form=FORMS)
def test_random_forms_never_cause_a_server_error(client: Client, form):
    response = client.post("/quiz/", form)
    assert response.status_code < 500
