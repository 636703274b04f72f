"""With the database down the quiz answers 503 and keeps the person's answers.

The attack: with the database unreachable the quiz POST and the result pages answered 500 and
the answers were lost; under htmx the 5xx was not swapped in, so "See my result" silently did
nothing; cutting the database under load left an orphan row. Now: 503 with Retry-After, the
check-your-answers page with every answer kept as a hidden input and a message to try again, and
a submission is stored whole or not at all.
"""

from __future__ import annotations

import html
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import OperationalError, connection, transaction
from django.db.models.signals import post_save
from django.test import Client

from benchmarks.server import Server, free_port, gunicorn, prepare, production_env
from quiz.models import QuizSubmission
from quiz.views import NOT_SAVED_MESSAGE

pytestmark = pytest.mark.django_db

REFUSED = "connection to server at 127.0.0.1, port 5432 failed: Connection refused"


def full_answers(content, index: int = 1) -> dict[str, str]:
    return {q.id: q.options[index].id for q in content.quiz.questions}


def refuse() -> None:
    raise OperationalError(REFUSED)


@pytest.fixture
def database_down(monkeypatch) -> None:
    """Every query fails as it does when the database server cannot be reached."""
    monkeypatch.setattr(connection, "ensure_connection", refuse)


def assert_answers_kept(page: str, answers: dict[str, str]) -> None:
    for qid, oid in answers.items():
        assert f'<input type="hidden" name="{qid}" value="{oid}">' in page, qid
    assert html.escape(NOT_SAVED_MESSAGE, quote=False) in page
    assert "Check your answers" in page
    assert 'value="submit"' in page  # the button to try again


def test_a_submission_while_the_database_is_down_is_a_503_keeping_the_answers(
    client: Client, content, database_down
):
    answers = full_answers(content)
    response = client.post("/quiz/", {**answers, "background": "backend"})
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert_answers_kept(page, answers)
    assert re.search(r'<option value="backend"\s+selected>', page)
    assert "<html" in page  # the site's whole page, with its navigation


def test_under_htmx_the_503_is_the_fragment_htmx_swaps_in(client: Client, content, database_down):
    answers = full_answers(content)
    response = client.post("/quiz/", answers, HTTP_HX_REQUEST="true")
    assert response.status_code == 503
    page = response.content.decode()
    assert_answers_kept(page, answers)
    assert "<html" not in page


def test_htmx_is_told_to_swap_429s_and_503s_in(client: Client):
    page = client.get("/quiz/?step=1", follow=True).content.decode()
    config = re.search(r'name="htmx-config" content=\'([^\']+)\'', page)
    assert config and '"(400|404|409|429|503)","swap":true' in config.group(1)


def test_once_the_database_is_back_the_kept_answers_submit(client: Client, content, monkeypatch):
    answers = full_answers(content)
    monkeypatch.setattr(connection, "ensure_connection", refuse)
    kept = client.post("/quiz/", answers).content.decode()
    monkeypatch.undo()
    resubmitted = dict(re.findall(r'<input type="hidden" name="([\w-]+)" value="([\w-]+)">', kept))
    resubmitted = {k: v for k, v in resubmitted.items() if k in answers}
    response = client.post("/quiz/", {**resubmitted, "action": "submit"})
    assert response.status_code == 303
    assert QuizSubmission.objects.get().answers == answers


def test_a_result_page_while_the_database_is_down_is_the_sites_503(client: Client, database_down):
    response = client.get("/quiz/result/" + "a" * 22 + "/")
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    page = response.content.decode()
    assert "unavailable for a moment" in page and "<nav" in page


def test_content_pages_still_serve_with_the_database_down(client: Client, database_down):
    for url in ("/", "/route/", "/roles/", "/quiz/", "/quiz/?step=1", "/healthz/live"):
        assert client.get(url, follow=True).status_code == 200, url
    assert client.get("/healthz/ready").status_code == 503


def test_a_failure_mid_write_leaves_no_row(client: Client, content):
    """The database goes away after the row is written but before the submission is complete:
    the whole submission is rolled back, never half-stored."""

    def connection_lost(**kwargs: object) -> None:
        raise OperationalError("server closed the connection unexpectedly")

    post_save.connect(connection_lost, sender=QuizSubmission)
    try:
        response = client.post("/quiz/", full_answers(content))
    finally:
        post_save.disconnect(connection_lost, sender=QuizSubmission)
    assert response.status_code == 503
    assert QuizSubmission.objects.count() == 0


# The real outage: the production server pointed at a PostgreSQL port nobody listens on.


@pytest.fixture(scope="module")
def server_without_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("no-database")
    prepare(production_env(tmp))  # static files; the database it migrates is not used below
    closed = free_port()
    env = production_env(tmp, DATABASE_URL=f"postgres://site@127.0.0.1:{closed}/site")
    with gunicorn(env, Path(tmp) / "server.log") as server:
        yield server


def quiz_post(server: Server, answers: dict[str, str], *, htmx: bool = False) -> bytes:
    body = "&".join(f"{k}={v}" for k, v in answers.items()).encode()
    return server.raw(
        (
            "POST /quiz/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            f"Cookie: csrftoken={'a' * 32}\r\nX-CSRFToken: {'a' * 32}\r\n"
            + ("HX-Request: true\r\n" if htmx else "")
            + "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode()
        + body
    )


@pytest.mark.parametrize("htmx", [False, True])
def test_the_production_server_with_no_database_keeps_the_answers(
    server_without_database: Server, content, htmx
):
    server = server_without_database
    since = server.mark()
    answers = full_answers(content, 2)
    answer = quiz_post(server, answers, htmx=htmx)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 503 "), head
    assert re.search(rb"(?m)^Retry-After: \d+\r?$", head)
    assert b"Content-Security-Policy: " in head
    assert_answers_kept(body.decode(), answers)
    entries = server.wait_for_log(since, lambda e: e["logger"] == "gunicorn.access")
    site = [e for e in entries if not str(e["logger"]).startswith("gunicorn.")]
    assert [(e["level"], e["status"]) for e in site] == [("ERROR", 503)]
    assert "exception" not in site[0] and "OperationalError" in str(site[0]["message"])


def test_the_production_server_with_no_database_serves_content_and_says_503_elsewhere(
    server_without_database: Server,
):
    base = server_without_database.base
    with urllib.request.urlopen(base + "/route/", timeout=5) as page:
        assert page.status == 200
    for path in ("/quiz/result/" + "a" * 22 + "/", "/healthz/ready"):
        with pytest.raises(urllib.error.HTTPError) as failed:
            urllib.request.urlopen(base + path, timeout=5)
        assert failed.value.code == 503, path


# The answer lost on the way back: the database committed, the connection dropped before the
# server heard so. The person is shown the 503 page and presses the button again.

KEY = re.compile(r'<input type="hidden" name="submission" value="([A-Za-z0-9_-]{22})">')


def kept_form(page: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="([\w-]+)" value="([^"]*)">', page))


@pytest.mark.django_db(transaction=True)
def test_a_retry_after_a_lost_answer_stores_one_submission(client: Client, content):
    def lose_the_answer(**kwargs: object) -> None:
        def dropped() -> None:
            raise OperationalError("server closed the connection unexpectedly")

        transaction.on_commit(dropped)  # runs once the row is committed

    answers = full_answers(content)
    post_save.connect(lose_the_answer, sender=QuizSubmission)
    try:
        first = client.post("/quiz/", answers)
    finally:
        post_save.disconnect(lose_the_answer, sender=QuizSubmission)
    assert first.status_code == 503
    stored = QuizSubmission.objects.get()  # committed, though nobody was told
    form = kept_form(first.content.decode())
    assert form["submission"] == stored.submission_key
    assert stored.token != stored.submission_key  # the address is the server's own token
    retry = client.post("/quiz/", {**form, "action": "submit"})
    assert retry.status_code == 303
    assert retry["Location"] == f"/quiz/result/{stored.token}/"
    assert QuizSubmission.objects.count() == 1


def test_submitting_the_same_form_twice_stores_it_once(client: Client, content):
    questions = content.quiz.questions
    last = {"step": str(len(questions)), "action": "next", **full_answers(content)}
    review = client.post("/quiz/", last, follow=True).content.decode()
    key = KEY.search(review)
    assert key, "the check-your-answers form carries a submission key"
    form = {**kept_form(review), "action": "submit"}
    first, second = client.post("/quiz/", form), client.post("/quiz/", form)
    stored = QuizSubmission.objects.get()
    assert stored.submission_key == key.group(1) and stored.token != key.group(1)
    assert first["Location"] == second["Location"] == f"/quiz/result/{stored.token}/"


def test_a_key_is_never_reused_for_other_answers(client: Client, content):
    key = "k" * 22
    client.post("/quiz/", {**full_answers(content, 0), "submission": key})
    other = client.post("/quiz/", {**full_answers(content, 1), "submission": key})
    assert other.status_code == 303 and key not in other["Location"]
    assert QuizSubmission.objects.count() == 2
    assert QuizSubmission.objects.get(submission_key=key).answers == full_answers(content, 0)


def test_a_client_cannot_choose_its_results_token(client: Client, content):
    chosen = "MyOwnChosenToken123456"
    response = client.post("/quiz/", {**full_answers(content, 0), "submission": chosen})
    assert response.status_code == 303
    assert chosen not in response["Location"]
    assert not QuizSubmission.objects.filter(token=chosen).exists()
