"""Property tests: whatever a client posts to the quiz, or puts in a step's address, the server
never answers 5xx."""

from __future__ import annotations

import string

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content_engine import store

pytestmark = pytest.mark.django_db

QUESTIONS = store.get().quiz.questions
FIELD_NAMES = st.sampled_from(
    [q.id for q in QUESTIONS]
    + ["background", "action", "step", "review", "draft", "quiz_version", "x", ""]
)
VALUES = st.one_of(
    st.sampled_from([o.id for q in QUESTIONS for o in q.options]),
    st.sampled_from(["next", "back", "review", "submit", "goto-3", "goto-99", "goto-x", "0", "-1"]),
    st.just("Run-key_0123456789abcd"),  # a well-formed draft key
    st.text(max_size=30),
)
FORMS = st.dictionaries(FIELD_NAMES, st.lists(VALUES, min_size=1, max_size=3), max_size=14)
# A run's draft as a cookie: "key:question.option:...", well-formed or not.
DRAFT_PARTS = st.one_of(
    st.sampled_from([f"{q.id}.{o.id}" for q in QUESTIONS for o in q.options]),
    st.text(alphabet=string.ascii_letters + string.digits + "-_.=", max_size=30),
)
COOKIES = st.builds(
    lambda key, parts: ":".join([key, *parts]),
    st.sampled_from(["Run-key_0123456789abcd", "", "short"]),
    st.lists(DRAFT_PARTS, max_size=12),
)


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


@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    database=None,
)
@given(form=FORMS, cookie=COOKIES)
def test_random_addresses_never_cause_a_server_error(client: Client, form, cookie):
    client.cookies["quiz_draft"] = cookie  # whatever the browser sends back, too
    response = client.get("/quiz/", form)
    assert response.status_code < 500
