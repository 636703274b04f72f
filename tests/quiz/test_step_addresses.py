"""Every quiz screen at its own address carrying the answers so far: the
step form is a GET form; its buttons see other to the next screen's address (or, under htmx,
answer with the fragment and push that address); addresses that skip a question or carry a
broken answer are put right with a specific message; the form contract stays a POST."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from django.test import Client

from content_engine.content import Content
from quiz.drafts import COOKIE
from quiz.flow import BACKGROUND_IN_ADDRESS
from quiz.models import QuizSubmission

pytestmark = pytest.mark.django_db

RUN = "Run-key_0123456789abcd"  # a well-formed draft key: 22 URL-safe characters
HTMX = {"HX-Request": "true"}


def address(
    content: Content, *, step: int | None = None, answered: int = 0, run: str = RUN, **extra: str
) -> str:
    """A screen's address written out by hand: the question (or check your answers without a
    step), the draft key, the first `answered` answers (second option each) in order, extras."""
    questions = content.quiz.questions
    where = ("step", str(step)) if step else ("review", "1")
    answers = [(q.id, q.options[1].id) for q in questions[:answered]]
    return "/quiz/?" + urlencode([where, ("draft", run), *answers, *extra.items()])


def checked_ids(html: str) -> list[str]:
    return re.findall(r'<input type="radio" id="([\w-]+)"[^>]*\schecked>', html)


def hidden_fields(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<input type="hidden" name="([\w-]+)" value="([^"]*)">', html)


def test_every_question_has_its_own_address(client: Client, content: Content):
    questions = content.quiz.questions
    total = len(questions)
    for step, question in enumerate(questions, start=1):
        response = client.get(address(content, step=step, answered=step - 1))
        assert response.status_code == 200, step
        html = response.content.decode()
        assert f"<title>Question {step} of {total} ·" in html
        assert question.prompt in html
        assert checked_ids(html) == []  # nothing chosen for the person
        # The form sends the same fields in the address's order, whatever is chosen.
        assert hidden_fields(html) == [
            ("step", str(step)),
            ("draft", RUN),
            *((q.id, q.options[1].id) for q in questions[: step - 1]),
        ]


def test_an_answered_question_shows_its_answer_chosen(client: Client, content: Content):
    questions = content.quiz.questions
    html = client.get(address(content, step=4, answered=len(questions))).content.decode()
    assert checked_ids(html) == [f"{questions[3].id}-{questions[3].options[1].id}"]
    carried = [name for name, _ in hidden_fields(html)]
    assert carried == ["step", "draft", *(q.id for q in questions if q != questions[3])]


def test_the_step_form_is_a_get_form_with_no_csrf_token(client: Client, content: Content):
    html = client.get(address(content, step=2, answered=1)).content.decode()
    form = re.search(r"<form [^>]*data-quiz-step[^>]*>.*?</form>", html, re.S)
    assert form and 'method="get"' in form.group(0)
    assert "csrfmiddlewaretoken" not in form.group(0)  # a token must never enter an address


def test_continue_sees_other_to_the_next_questions_address(client: Client, content: Content):
    response = client.get(address(content, step=3, answered=3, action="next"))
    assert response.status_code == 303
    assert response["Location"] == address(content, step=4, answered=3)
    assert COOKIE in response.cookies  # the run's answers, for addresses made before them


def test_back_sees_other_to_the_previous_question_keeping_every_answer(
    client: Client, content: Content
):
    response = client.get(address(content, step=4, answered=4, action="back"))
    assert response.status_code == 303
    assert response["Location"] == address(content, step=3, answered=4)
    html = client.get(response["Location"]).content.decode()
    third = content.quiz.questions[2]
    assert checked_ids(html) == [f"{third.id}-{third.options[1].id}"]


def test_back_on_the_first_question_returns_to_the_intro_page(client: Client, content: Content):
    response = client.get(address(content, step=1, answered=1, action="back"))
    assert (response.status_code, response["Location"]) == (303, "/quiz/")
    # Under htmx the browser loads the intro as a whole page, never inside the quiz's area.
    swapped = client.get(address(content, step=1, answered=1, action="back"), headers=HTMX)
    assert (swapped.status_code, swapped["HX-Redirect"]) == (200, "/quiz/")
    assert swapped.content == b""


def test_under_htmx_a_step_is_a_fragment_with_its_address_pushed(client: Client, content: Content):
    response = client.get(address(content, step=3, answered=3, action="next"), headers=HTMX)
    assert response.status_code == 200
    assert response["HX-Push-Url"] == address(content, step=4, answered=3)
    html = response.content.decode()
    assert "<html" not in html and f"Question 4 of {len(content.quiz.questions)}" in html
    assert "HX-Request" in response["Vary"]


def test_under_htmx_an_error_stays_where_it_happened(client: Client, content: Content):
    response = client.get(address(content, step=3, answered=2, action="next"), headers=HTMX)
    assert response.status_code == 400
    assert "HX-Push-Url" not in response
    assert "Choose an answer to question 3" in response.content.decode()


def test_a_history_restore_gets_the_whole_page(client: Client, content: Content):
    restore = {**HTMX, "HX-History-Restore-Request": "true"}
    response = client.get(address(content, step=4, answered=3), headers=restore)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<html") == 1 and html.count('id="quiz-flow"') == 1
    assert "HX-Push-Url" not in response


def test_check_your_answers_has_its_own_address(client: Client, content: Content):
    questions = content.quiz.questions
    total = len(questions)
    done = client.get(address(content, step=total, answered=total, action="next"))
    assert done["Location"] == address(content, answered=total)
    html = client.get(done["Location"]).content.decode()
    assert "<title>Check your answers ·" in html
    for number in range(1, total + 1):
        change = address(content, step=number, answered=total).replace("&", "&amp;")
        assert f'<a href="{change}"' in html, number
        assert f'Change<span class="visually-hidden"> answer to question {number}<' in html
    form = re.search(r'<form method="post".*?</form>', html, re.S)
    assert form and "csrfmiddlewaretoken" in form.group(0)
    assert re.search(r'name="submission" value="[\w-]{22}"', form.group(0))


def test_an_address_that_skips_questions_goes_to_the_first_unanswered(
    client: Client, content: Content
):
    response = client.get(address(content, step=7, answered=2))
    assert response["Location"] == address(content, step=3, answered=2)
    gaps = client.get(address(content, answered=len(content.quiz.questions) - 3))
    assert gaps["Location"] == address(
        content, step=len(content.quiz.questions) - 2, answered=len(content.quiz.questions) - 3
    )


def test_an_address_without_a_draft_key_starts_a_run(client: Client, content: Content):
    response = client.get("/quiz/?step=1")
    assert response.status_code == 303
    assert re.fullmatch(r"/quiz/\?step=1&draft=[\w-]{22}", response["Location"])
    intro = client.get("/quiz/").content.decode()
    assert re.search(r'<input type="hidden" name="draft" value="[\w-]{22}">', intro)


@pytest.mark.parametrize("extra", [{"utm_source": "newsletter"}, {"step": "99"}])
def test_an_address_is_tidied_into_the_screens_own(client: Client, content: Content, extra):
    total = len(content.quiz.questions)
    response = client.get(address(content, step=2, answered=total) + "&" + urlencode(extra))
    step = total if "step" in extra else 2  # the last "step" wins, then is kept in range
    assert response["Location"] == address(content, step=step, answered=total)


@pytest.mark.parametrize(
    ("broken", "message", "shown"),
    [
        ({1: "not-an-option"}, "The answer sent for question 2 is not one of its options", 2),
        ({5: "x" * 500}, "The answer sent for question 6 is not one of its options", 6),
        ({1: ["first", "second"]}, "Choose only one answer to question 2.", 2),
        ({"background": "astronaut"}, BACKGROUND_IN_ADDRESS, 4),
    ],
)
def test_a_broken_address_gets_a_specific_message(
    client: Client, content: Content, broken, message, shown
):
    questions = content.quiz.questions
    query: dict[str, str | list[str]] = {"step": "4", "draft": RUN}
    query.update({q.id: q.options[1].id for q in questions[:3]})
    for where, value in broken.items():
        query[questions[where].id if isinstance(where, int) else where] = value
    response = client.get("/quiz/", query)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert message in html
    total = len(questions)
    assert f"<title>Error: Question {shown} of {total}" in html
    assert QuizSubmission.objects.count() == 0


def test_an_address_never_stores_a_result(client: Client, content: Content):
    total = len(content.quiz.questions)
    response = client.get(address(content, answered=total, action="submit"), follow=True)
    assert response.redirect_chain == [(address(content, answered=total), 303)]
    assert "Check your answers" in response.content.decode()
    assert QuizSubmission.objects.count() == 0


def test_reloading_an_address_made_before_its_answer_keeps_the_answer(
    client: Client, content: Content
):
    """Without JavaScript, Back returns to the address question 4 had before it was answered;
    reloading it shows every answer given since, from the run's draft."""
    questions = content.quiz.questions
    for step in range(4, 7):  # answer questions 4 to 6, one step at a time
        client.get(address(content, step=step, answered=step, action="next"))
    response = client.get(address(content, step=4, answered=3))
    assert response["Location"] == address(content, step=4, answered=6)
    html = client.get(response["Location"]).content.decode()
    assert checked_ids(html) == [f"{questions[3].id}-{questions[3].options[1].id}"]
    # Another run's address is not filled in.
    other = client.get(address(content, step=4, answered=3, run="Other-run_0123456789ab"))
    assert other.status_code == 200 and checked_ids(other.content.decode()) == []


def test_a_submitted_run_forgets_its_draft(client: Client, content: Content):
    questions = content.quiz.questions
    client.get(address(content, step=1, answered=1, action="next"))
    assert client.cookies[COOKIE].value.startswith(RUN)
    answers = {q.id: q.options[1].id for q in questions}
    response = client.post("/quiz/", {**answers, "draft": RUN, "action": "submit"})
    assert response.status_code == 303
    assert response.cookies[COOKIE]["max-age"] == 0


def test_a_posted_step_from_an_older_page_still_moves_on(client: Client, content: Content):
    first = content.quiz.questions[0]
    response = client.post(
        "/quiz/", {"step": "1", "action": "next", "draft": RUN, first.id: first.options[1].id}
    )
    assert (response.status_code, response["Location"]) == (
        303,
        address(content, step=2, answered=1),
    )


def test_the_intro_offers_to_continue_the_run_this_browser_kept(client: Client, content: Content):
    """Leaving mid-quiz and coming back through "Fit quiz": the intro links to the first
    unanswered question, at an address that carries every answer kept."""
    questions = content.quiz.questions
    assert "Continue at question" not in client.get("/quiz/").content.decode()
    for step in range(1, 4):
        client.get(address(content, step=step, answered=step, action="next"))
    intro = client.get("/quiz/")
    html = intro.content.decode()
    assert "private" in intro["Cache-Control"]
    assert "Carry on where you left off" in html and "kept 3 of your" in html
    link = re.search(r'<a class="button" href="([^"]+)">Continue at question 4</a>', html)
    assert link is not None
    resumed = client.get(link[1].replace("&amp;", "&"))
    assert resumed.status_code == 200
    page = resumed.content.decode()
    assert f"Question 4 of {len(questions)}" in page and checked_ids(page) == []
    assert hidden_fields(page)[:5] == [
        ("step", "4"),
        ("draft", RUN),
        *((q.id, q.options[1].id) for q in questions[:3]),
    ]
    assert "Start again" in html and "Start the quiz" not in html


def test_a_run_with_every_answer_continues_to_check_your_answers(client: Client, content: Content):
    total = len(content.quiz.questions)
    client.get(address(content, step=total, answered=total, action="next"))
    html = client.get("/quiz/").content.decode()
    link = re.search(r'href="([^"]+)">Continue to check your answers</a>', html)
    assert link is not None
    page = client.get(link[1].replace("&amp;", "&")).content.decode()
    assert "Check your answers" in page


def test_a_submitted_run_is_not_offered_again(client: Client, content: Content):
    questions = content.quiz.questions
    client.get(address(content, step=1, answered=1, action="next"))
    answers = {q.id: q.options[1].id for q in questions}
    client.post("/quiz/", {**answers, "draft": RUN, "action": "submit"})
    assert "Carry on where you left off" not in client.get("/quiz/").content.decode()


def test_the_one_page_form_shows_each_questions_hint(client: Client, content: Content):
    html = client.get("/quiz/?all=1").content.decode()
    hinted = [q for q in content.quiz.questions if q.hint]
    assert hinted
    for question in hinted:
        assert f'<p class="hint" id="{question.id}-hint">{question.hint}</p>' in html
        assert f'aria-describedby="{question.id}-hint"' in html
