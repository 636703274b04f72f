"""Per-client limits on the forms that write: over the limit, the view's own form answers 429
with Retry-After and everything the person entered; a cache that cannot count never blocks
anyone; RATE_LIMITS=off switches them off; behind trusted proxies the client is the address the
outermost proxy saw."""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator

import pytest
from django.core.cache import caches
from django.test import Client, RequestFactory, override_settings

from content_engine.content import Content
from webkit.cache import reset_breakers
from webkit.ratelimit import client_address, exceeded

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def limits_on(settings):
    settings.RATE_LIMITS_ENABLED = True
    settings.RATE_LIMITS = {
        "plan-create": (2, 600), "plan-save": (2, 600), "quiz-submit": (2, 600),
        "plan-import": (2, 600),
    }  # fmt: skip


def quiz_answers(content: Content) -> dict[str, str]:
    return {q.id: q.options[1].id for q in content.quiz.questions}


def test_a_third_quiz_submission_gets_429_with_its_answers_kept(client: Client, content):
    answers = quiz_answers(content)
    for _ in range(2):
        assert client.post("/quiz/", answers).status_code == 303
    limited = client.post("/quiz/", answers)
    assert limited.status_code == 429
    assert 1 <= int(limited["Retry-After"]) <= 600
    assert "no-cache" in limited["Cache-Control"] or "max-age=0" in limited["Cache-Control"]
    page = limited.content.decode()
    assert "sent many times from your connection" in page
    question = content.quiz.questions[0]
    chosen = next(o for o in question.options if o.id == answers[question.id])
    assert chosen.label.split()[0] in page  # check your answers lists every answer
    for q in content.quiz.questions:
        assert f'name="{q.id}" value="{answers[q.id]}"' in page  # ready to send again


def test_a_third_new_plan_gets_429_with_its_choices_kept(client: Client, content):
    form = {"background": "backend", "hours": "7", "role": "", "start": ""}
    for _ in range(2):
        assert client.post("/plan/", form).status_code == 303
    limited = client.post("/plan/", form)
    assert limited.status_code == 429 and int(limited["Retry-After"]) >= 1
    page = limited.content.decode()
    assert "sent many times from your connection" in page
    assert 'value="backend" selected' in page and 'value="7"' in page


def test_a_third_save_gets_429_with_its_ticks_kept(client: Client, content):
    made = client.post("/plan/", {"background": "backend", "hours": "12"})
    token = made["Location"].strip("/").rsplit("/", 1)[-1]
    stage = content.stages[0]
    ticks = [stage.deliverable.id, stage.done_when[0].id]
    for _ in range(2):
        assert client.post(f"/plan/{token}/", {"done": ticks}).status_code == 303
    limited = client.post(f"/plan/{token}/", {"done": ticks})
    assert limited.status_code == 429 and int(limited["Retry-After"]) >= 1
    page = limited.content.decode()
    assert "sent many times from your connection" in page
    for item in ticks:
        assert f'name="done" value="{item}"' in page


def test_limits_count_each_client_on_its_own(client: Client, content):
    answers = quiz_answers(content)
    for _ in range(2):
        client.post("/quiz/", answers, REMOTE_ADDR="192.0.2.1")
    assert client.post("/quiz/", answers, REMOTE_ADDR="192.0.2.1").status_code == 429
    assert client.post("/quiz/", answers, REMOTE_ADDR="192.0.2.2").status_code == 303


def test_rate_limits_off_lets_everything_through(client: Client, content, settings):
    settings.RATE_LIMITS_ENABLED = False
    answers = quiz_answers(content)
    assert all(client.post("/quiz/", answers).status_code == 303 for _ in range(5))


@pytest.fixture
def closed_port() -> Iterator[int]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    yield sock.getsockname()[1]
    sock.close()


def test_a_cache_that_is_down_blocks_nobody_and_is_logged_once(
    client: Client, content, closed_port, caplog
):
    reset_breakers()
    redis = {
        "default": {
            "BACKEND": "webkit.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
    answers = quiz_answers(content)
    try:
        with override_settings(CACHES=redis), caplog.at_level(logging.WARNING):
            caches["default"].close()
            statuses = [client.post("/quiz/", answers).status_code for _ in range(5)]
    finally:
        reset_breakers()
    assert statuses == [303] * 5
    warnings = [r for r in caplog.records if "rate limits not applied" in r.getMessage()]
    assert len(warnings) == 1


@pytest.mark.parametrize(
    ("trusted", "remote", "forwarded", "client"),
    [
        (0, "10.0.0.5", "198.51.100.7", "10.0.0.5"),  # the header is ignored: anyone writes it
        (1, "10.0.0.5", "203.0.113.9, 198.51.100.7", "198.51.100.7"),
        (2, "10.0.0.5", "203.0.113.9, 198.51.100.7", "203.0.113.9"),
        (2, "10.0.0.5", "198.51.100.7", "10.0.0.5"),  # fewer hops than proxies: the connection
        (1, "10.0.0.5", "not-an-address", "not-an-address"),
        (0, "2001:db8:1:2:3:4:5:6", "", "2001:db8:1:2::/64"),  # IPv6 per /64
    ],
)
def test_the_client_is_who_the_outermost_trusted_proxy_saw(
    settings, trusted, remote, forwarded, client
):
    settings.TRUSTED_PROXIES = trusted
    request = RequestFactory().post("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == client


def test_the_retry_after_is_the_end_of_the_window(settings):
    settings.RATE_LIMITS = {"quiz-submit": (1, 60)}
    request = RequestFactory().post("/quiz/", REMOTE_ADDR="192.0.2.9")
    assert exceeded(request, "quiz-submit") is None
    limited = exceeded(request, "quiz-submit")
    assert limited is not None and 1 <= limited.retry_after <= 60
    assert "Try again in a minute." in limited.message
