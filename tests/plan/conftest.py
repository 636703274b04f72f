"""Helpers for the plan tests: make a plan through the public form, read its token."""

from __future__ import annotations

import re

import pytest
from django.test import Client

PLAN_URL = re.compile(r"^/plan/([A-Za-z0-9_-]{22})/$")


@pytest.fixture
def make_plan(client: Client):
    def make(background: str = "backend", hours: str = "12", role: str = "", start: str = ""):
        response = client.post(
            "/plan/", {"background": background, "hours": hours, "role": role, "start": start}
        )
        assert response.status_code == 303, response.content.decode()[:500]
        match = PLAN_URL.match(response["Location"])
        assert match, response["Location"]
        return match.group(1)

    return make
