"""The quiz as a user meets it: the form contract, the step flow, results and bad input."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from quiz.models import QuizSubmission

pytestmark = pytest.mark.django_db


def full_answers(content, index: int = 0) -> dict[str, str]:
    return {q.id: q.options[index].id for q in content.quiz.questions}


def test_contract_post_redirects_303_to_a_result_naming_best_and_runner_up(client: Client, content):
    response = client.post("/quiz/", full_answers(content))
    assert response.status_code == 303
    assert re.fullmatch(r"/quiz/result/[A-Za-z0-9_-]{22}/", response["Location"])
    page = client.get(response["Location"]).content.decode()
    submission = QuizSubmission.objects.get()
    best = content.role_by_id[submission.best_role]
    assert f"Best fit: {best.name}" in page
    assert "Runner-up:" in page
    assert "<svg" in page and "<table" in page  # chart and its table alternative
    assert f"/route/{content.stages[0].id}/" in page  # next step into the route


def test_first_and_last_options_give_different_stored_results(client: Client, content):
    client.post("/quiz/", full_answers(content, 0))
    client.post("/quiz/", full_answers(content, -1))
    assert QuizSubmission.objects.values("best_role").distinct().count() == 2


def test_background_feeds_next_steps_not_the_role(client: Client, content):
    answers = full_answers(content)
    without = client.post("/quiz/", answers)
    with_bg = client.post("/quiz/", {**answers, "background": "devops-sre-platform"})
    a, b = QuizSubmission.objects.order_by("created_at")
    assert a.best_role == b.best_role
    page = client.get(with_bg["Location"]).content.decode()
    assert "/skills/?background=devops-sre-platform" in page
    assert without.status_code == 303


def test_step_flow_with_back_keeps_answers_and_review(client: Client, content):
    questions = content.quiz.questions
    total = len(questions)
    page = client.get("/quiz/?step=1").content.decode()
    assert f"Question 1 of {total}" in page and "checked" not in page  # nothing pre-selected
    data = {"step": "1", "action": "next", questions[0].id: questions[0].options[1].id}
    page = client.post("/quiz/", data).content.decode()
    assert f"Question 2 of {total}" in page and f'value="{questions[0].options[1].id}"' in page
    back = client.post("/quiz/", {**data, "step": "2", "action": "back"}).content.decode()
    assert f"Question 1 of {total}" in back
    assert re.search(rf'value="{questions[0].options[1].id}"\s+checked', back)


def test_continue_without_an_answer_shows_the_error_summary(client: Client, content):
    response = client.post("/quiz/", {"step": "3", "action": "next"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    question = content.quiz.questions[2]
    assert f'href="#{question.id}-{question.options[0].id}"' in html
    assert f"<title>Error: Question 3 of {len(content.quiz.questions)}" in html


def test_answering_the_last_question_leads_to_check_your_answers(client: Client, content):
    answers = full_answers(content, 2)
    total = len(content.quiz.questions)
    response = client.post("/quiz/", {**answers, "step": str(total), "action": "next"})
    html = response.content.decode()
    assert "Check your answers" in html and html.count("Change answer to question") == total
    change = client.post("/quiz/", {**answers, "action": "goto-4"}).content.decode()
    assert f"Question 4 of {total}" in change


@pytest.mark.parametrize(
    ("mutate", "status", "message"),
    [
        (lambda a, q: a.pop(q[0].id), 400, "Choose an answer to question 1"),
        (lambda a, q: a.update({q[1].id: "not-an-option"}), 400, "not one of its options"),
        (
            lambda a, q: a.update({"favourite-colour": "blue"}),
            400,
            "does not ask: favourite-colour",
        ),
        (lambda a, q: a.update({"background": "astronaut"}), 400, "Choose one background"),
        (lambda a, q: a.update({"quiz_version": "0ld"}), 409, "quiz was updated"),
    ],
)
def test_bad_submissions_get_a_specific_message_and_store_nothing(
    client: Client, content, mutate, status, message
):
    answers = full_answers(content)
    mutate(answers, content.quiz.questions)
    response = client.post("/quiz/", answers)
    assert response.status_code == status
    assert message in response.content.decode()
    assert QuizSubmission.objects.count() == 0


def test_the_same_field_twice_is_refused(client: Client, content):
    answers = full_answers(content)
    first = content.quiz.questions[0]
    body = {**answers, first.id: [first.options[0].id, first.options[1].id]}
    response = client.post("/quiz/", body)
    assert response.status_code == 400
    assert "Choose only one answer to question 1" in response.content.decode()
    assert QuizSubmission.objects.count() == 0


def test_wrong_content_type_and_huge_body_are_4xx(client: Client):
    assert client.post("/quiz/", data="{}", content_type="application/json").status_code == 400
    huge = {"padding": "x" * 200_000}
    assert client.post("/quiz/", huge).status_code == 400
    assert QuizSubmission.objects.count() == 0


def test_missing_csrf_token_is_refused(content):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/quiz/", full_answers(content)).status_code == 403
    assert QuizSubmission.objects.count() == 0


@pytest.mark.parametrize("token", ["short", "A" * 22, "A" * 21 + "!", "../../etc"])
def test_tampered_or_truncated_tokens_404(client: Client, content, token):
    client.post("/quiz/", full_answers(content))
    assert client.get(f"/quiz/result/{token}/").status_code == 404
    real = QuizSubmission.objects.get().token
    assert client.get(f"/quiz/result/{real[:-1]}/").status_code == 404


def test_stored_result_survives_content_changes(
    client: Client, content, content_copy, swap_content
):
    from content_engine.loader import load_content

    location = client.post("/quiz/", full_answers(content))["Location"]
    before = client.get(location).content.decode()
    best = QuizSubmission.objects.get().best_role
    roles = content_copy / "roles.yaml"
    name = content.role_by_id[best].name
    roles.write_text(roles.read_text().replace(f"name: {name}\n", f"name: {name} (renamed)\n", 1))
    swap_content(load_content(content_copy))
    after = client.get(location).content.decode()
    assert f"Best fit: {name} " in after and "(renamed)" not in after
    assert "Score these answers against today" in after
    assert "Score these answers against today" not in before


def test_result_page_explains_a_close_call(client: Client, content):
    import random

    from quiz.scoring import score

    rng = random.Random(1)
    for _ in range(500):
        answers = {q.id: rng.choice(q.options).id for q in content.quiz.questions}
        if score(content.quiz, content.roles, answers).close_call:
            break
    else:
        pytest.fail("no close call found in 500 random answer sets")
    page = client.get(client.post("/quiz/", answers)["Location"]).content.decode()
    assert "A close call:" in page
