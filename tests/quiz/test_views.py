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


def test_continue_without_an_answer_shows_the_error_summary(client: Client, content):
    response = client.get("/quiz/", {"step": "3", "action": "next"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    question = content.quiz.questions[2]
    assert f'href="#{question.id}-{question.options[0].id}"' in html
    assert f"<title>Error: Question 3 of {len(content.quiz.questions)}" in html


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


@pytest.mark.parametrize(
    ("verdict", "words"),
    [("clear", "A clear fit."), ("close", "A close call."), ("two-good", "Two good fits.")],
)
def test_the_result_page_says_one_verdict_and_explains_the_runner_up(
    client: Client, content, verdict, words
):
    import random

    from tests.quiz.explained import explained

    rng = random.Random(1)
    for _ in range(3000):
        answers = {q.id: rng.choice(q.options).id for q in content.quiz.questions}
        if explained(content, answers)[1].verdict == verdict:
            break
    else:
        pytest.fail(f"no {verdict} result in 3,000 random answer sets")
    page = client.get(client.post("/quiz/", answers)["Location"]).content.decode()
    assert words in page
    others = {"A clear fit.", "A close call.", "Two good fits."} - {words}
    assert not any(other in page for other in others)
    assert "Why it came second" in page


def test_the_result_page_explains_against_the_runner_up(client: Client, content):
    role = content.roles[3]
    answers = content.quiz.archetypes[role.id]
    page = client.get(client.post("/quiz/", answers)["Location"]).content.decode()
    from webkit.templatetags.wording import in_sentence

    assert f"Why {in_sentence(role.name)} beat the runner-up" in page
    assert "What would change this:" in page
    assert "one-answer changes" in page
    assert page.count(f"<h1>Best fit: {role.name}") == 1
    between = page.split("<h1")[1].split('<h2 id="why">')[0]
    assert "<h2" not in between and "<h3" not in between  # no heading repeats the h1
    assert "It mirrors the" not in page


def test_each_reason_is_announced_in_labelled_parts_and_links_name_their_role(
    client: Client, content
):
    import re

    def text(html: str) -> str:
        return " ".join(re.sub(r"<[^>]+>", " ", html).split())

    role = content.roles[0]
    page = client.get(client.post("/quiz/", content.quiz.archetypes[role.id])["Location"])
    html = page.content.decode()
    reasons = re.findall(r'<li>\s*<dl class="reason">(.*?)</dl>', html, re.S)
    assert reasons
    for reason in reasons:
        labels = [text(dt) for dt in re.findall(r"<dt[^>]*>(.*?)</dt>", reason, re.S)]
        assert labels[:2] == ["You answered", "Where it told the two roles apart"]
        assert labels[2].startswith("Why it points to ")
        assert all(text(dd) for dd in re.findall(r"<dd[^>]*>(.*?)</dd>", reason, re.S))
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    names = {r.name for r in content.roles} | {
        r.name[:1].lower() + r.name[1:] for r in content.roles
    }
    links = re.findall(r'<a href="/roles/[^"]*">(.*?)</a>', main, re.S)
    assert links
    for link in links:
        assert any(name in text(link) for name in names), text(link)


def test_result_json_gives_the_result_as_data(client: Client, content):
    role = content.roles[1]
    location = client.post("/quiz/", content.quiz.archetypes[role.id])["Location"]
    token = location.rstrip("/").rsplit("/", 1)[1]
    response = client.get(f"/quiz/result/{token}.json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = response.json()
    assert data["best"]["id"] == role.id and data["token"] == token
    assert data["runner_up"]["id"] != role.id
    assert [f["id"] for f in data["fits"]][0] == role.id
    assert len(data["fits"]) == len(content.roles)
    assert data["best"]["reasons"] and all("why" in r for r in data["best"]["reasons"])
    assert data["what_would_change"]["text"]
    assert data["verdict_sentence"] and data["runner_up"]["reasons_are"]
    assert all(r["why"] and "leans_text" in r for r in data["runner_up"]["reasons"])
    assert data["stability"]["total"] == sum(len(q.options) - 1 for q in content.quiz.questions)
    assert data["answers"] == content.quiz.archetypes[role.id]
    assert client.head(f"/quiz/result/{token}.json").status_code == 200


@pytest.mark.parametrize("token", ["nope", "A" * 22, "a-b_c"])
def test_result_json_for_an_unknown_token_is_a_404_with_a_message(client: Client, token):
    response = client.get(f"/quiz/result/{token}.json")
    assert response.status_code == 404
    assert response.json() == {"error": "No result has this token."}


def test_the_first_step_links_into_my_plan_with_background_and_role(client: Client, content):
    role = content.roles[2]
    background = content.backgrounds[1]
    answers = {**content.quiz.archetypes[role.id], "background": background.id}
    page = client.get(client.post("/quiz/", answers)["Location"]).content.decode()
    steps = page.split('<ol class="next-steps">')[1].split("</li>")[0]
    assert f'href="/plan/?background={background.id}&amp;role={role.id}"' in steps
    assert "the first stage new to your background" in steps or "covers most" in steps


@pytest.mark.django_db
def test_quiz_screens_and_results_are_never_stored_by_a_shared_cache(client, content):
    answers = {q.id: q.options[0].id for q in content.quiz.questions}
    step = client.get("/quiz/?step=1", follow=True)
    assert "private" in step["Cache-Control"]
    made = client.post("/quiz/", answers)
    token = made["Location"].strip("/").rsplit("/", 1)[-1]
    for url in (f"/quiz/result/{token}/", f"/quiz/result/{token}.json"):
        assert "private" in client.get(url)["Cache-Control"], url


def test_result_json_gives_the_real_fit_of_the_role_a_change_would_put_first(
    client: Client, content
):
    """Every archetype whose result a change of one or two answers would move: the role it
    names carries its fit in this result, and its fit once the answers are changed."""
    from quiz.scoring import score

    checked = 0
    for role in content.roles:
        answers = content.quiz.archetypes[role.id]
        location = client.post("/quiz/", answers)["Location"]
        token = location.rstrip("/").rsplit("/", 1)[1]
        data = client.get(f"/quiz/result/{token}.json").json()
        change = data["what_would_change"]["change"]
        if change is None:
            continue
        checked += 1
        fits = {f["id"]: f["fit"] for f in data["fits"]}
        assert change["role"]["fit"] == fits[change["role"]["id"]] > 0
        changed = dict(answers)
        for swap in change["swaps"]:
            question = content.quiz.questions[swap["question"] - 1]
            changed[question.id] = next(
                o.id for o in question.options if o.label == swap["instead"]
            )
        after = score(content.quiz, content.roles, changed)
        assert after.best.role_id == change["role"]["id"]
        assert change["fit_after"] == round(after.best.fit)
    assert checked
