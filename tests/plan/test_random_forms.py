"""Property test: whatever a client posts to the plan forms, the server never answers 5xx."""

from __future__ import annotations

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content_engine import store
from plan.choices import Choices
from plan.services import create_plan

pytestmark = pytest.mark.django_db

CONTENT = store.get()
ITEM_IDS = [i for s in CONTENT.stages for i in [s.deliverable.id, *(c.id for c in s.done_when)]]
FIELD_NAMES = st.sampled_from(
    ["background", "role", "hours", "start", "include", "done", "action", "x", ""]
)
VALUES = st.one_of(
    st.sampled_from([b.id for b in CONTENT.backgrounds] + [r.id for r in CONTENT.roles]),
    st.sampled_from([s.id for s in CONTENT.stages] + ITEM_IDS),
    st.sampled_from(["0", "1", "12", "60", "61", "-3", "1e309", "nan", "7.5", "2026-02-29"]),
    st.dates().map(lambda d: d.isoformat()),
    st.text(max_size=40),
)
FORMS = st.dictionaries(FIELD_NAMES, st.lists(VALUES, min_size=1, max_size=4), max_size=8)


def capped(examples: int) -> settings:
    """The profile's number of forms (10,000 under `ci`), capped: every example here is a whole
    request with a database write, and the plan's bad input is all per field (the pure parsing
    has its own tests), so a few hundred to a thousand forms find what ten thousand would."""
    return settings(
        max_examples=min(settings().max_examples, examples),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        database=None,
    )


@pytest.fixture
def token(db) -> str:
    from django.utils import timezone

    choices = Choices("backend", "", 12, timezone.localdate())
    return create_plan(content=CONTENT, choices=choices, now=timezone.now()).token


@capped(1000)
@given(form=FORMS)
def test_random_start_forms_never_cause_a_server_error(client: Client, form):
    response = client.post("/plan/", form)
    assert response.status_code in (303, 400)


@capped(1000)
@given(form=FORMS, htmx=st.booleans())
def test_random_progress_forms_never_cause_a_server_error(
    client: Client, token: str, form, htmx: bool
):
    headers = {"HX-Request": "true"} if htmx else {}
    assert client.post(f"/plan/{token}/", form, headers=headers).status_code in (200, 303)


@capped(200)
@given(form=FORMS)
def test_random_choice_changes_never_cause_a_server_error(client: Client, token: str, form):
    assert client.post(f"/plan/{token}/choices/", form).status_code in (303, 400)
