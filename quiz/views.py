"""The fit quiz: one question per step, each at its own address carrying the answers so far
(plain GET forms, htmx-enhanced), a check-your-answers page, and stored results with stable
share links. Each view parses, decides, renders."""

from __future__ import annotations

from dataclasses import replace

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods, require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect, push_url

from content_engine import store
from content_engine.content import Content
from webkit import ratelimit
from webkit.htmx import HtmxHttpRequest, partial_or_page
from webkit.links import absolute_url
from webkit.middleware import database_unavailable
from webkit.redirects import load_page, see_other
from webkit.rendering import Page, crumb, section_page
from webkit.tokens import is_token, new_token

from . import drafts
from .answers import ParsedAnswers
from .flow import Screen, decide, is_at_address, read_post, read_query, resume, screen_query
from .models import QuizSubmission
from .presentation import flow_context, flow_title
from .result_page import (
    VERDICT_WORDS,
    change_sentence,
    fit_rows,
    needs_sentence,
    reason_rows,
    result_data,
    stability_words,
    verdict_sentence,
)
from .services import record_opened, submit_quiz
from .share_images import result_image
from .snapshot import readable

NOT_SAVED_MESSAGE = (
    "We could not save your answers just now: our database is not answering. Your answers are "
    "kept below. Try “See my result” again in a minute."
)


def _quiz_page(content: Content) -> Page:
    return section_page(content.site, "quiz", "quiz:start")


def _render_flow(
    request: HtmxHttpRequest, content: Content, screen: Screen, *, key: str = ""
) -> HttpResponse:
    """A quiz screen. `key` goes into the form that submits the answers, so that submitting
    twice (a retry after an outage or a network error) stores one submission."""
    page = replace(_quiz_page(content), title=flow_title(screen, len(content.quiz.questions)))
    template = partial_or_page(request, "quiz/flow.html", "flow")
    context = {**flow_context(content, screen), "submission_key": key}
    response = page.render(request, template, context, status=screen.status)
    patch_cache_control(response, private=True)  # one person's answers: no shared cache
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
def quiz(request: HtmxHttpRequest) -> HttpResponse:
    content = store.get()
    if request.method == "POST":
        return _answer(request, content)
    if "all" in request.GET:
        return _render_flow(request, content, Screen("all", ParsedAnswers()))
    if request.GET.keys() & {"step", "review", "action"}:
        return _step(request, content)
    return _intro(request, content)


def _intro(request: HtmxHttpRequest, content: Content) -> HttpResponse:
    """The intro: a fresh run's draft key, and a way back into the run this browser kept."""
    kept = resume(content.quiz, drafts.remembered(request))
    context = {
        "quiz": content.quiz,
        "roles": content.roles,
        "draft": new_token(),
        "resume": kept,
        "resume_query": screen_query(content.quiz, kept) if kept else "",
        "answered": len(kept.parsed.answers) if kept else 0,
    }
    response = _quiz_page(content).render(request, "quiz/start.html", context)
    patch_cache_control(response, private=True)  # it may offer this browser's own run
    return response


def _step(request: HtmxHttpRequest, content: Content) -> HttpResponse:
    """A step's address, or a button pressed on a step (the form sends the answers so far)."""
    data = dict(request.GET.lists())
    form = read_query(
        content.quiz,
        data,
        background_ids=[b.id for b in content.backgrounds],
        new_draft=new_token(),
        remembered=drafts.remembered(request),
    )
    screen = decide(content.quiz, form)
    sent = form.action != "show"
    here = not sent and is_at_address(content.quiz, screen, data)
    return _go(request, content, screen, here=here, sent=sent, key=new_token())


def _go(
    request: HtmxHttpRequest,
    content: Content,
    screen: Screen,
    *,
    here: bool,
    sent: bool,
    key: str,
) -> HttpResponse:
    """Show a screen that is not a result. A screen reached by a button (`sent`), or by an
    address that is not its own (not `here`), moves to its own address: a 303 without
    JavaScript, or under htmx the fragment with that address pushed onto the history. Errors
    are shown where they happen."""
    start = reverse("quiz:start")
    partial = bool(request.htmx) and not request.htmx.history_restore_request
    if screen.kind == "intro":
        return HttpResponseClientRedirect(start) if partial else see_other(start)
    if screen.status != 200 or (here and not partial):
        return _render_flow(request, content, screen, key=key)
    url = f"{start}?{screen_query(content.quiz, screen)}"
    response = (
        push_url(_render_flow(request, content, screen, key=key), url)
        if partial
        else see_other(url)
    )
    if sent:  # keep the answers for this run's addresses made before they were given
        drafts.remember(response, screen)
    return response


def _answer(request: HtmxHttpRequest, content: Content) -> HttpResponse:
    post = read_post(
        content.quiz,
        dict(request.POST.lists()),
        quiz_version=content.quiz_version,
        background_ids=[b.id for b in content.backgrounds],
    )
    screen = decide(content.quiz, post)
    posted_key = request.POST.get("submission", "")
    key = posted_key if is_token(posted_key) else new_token()
    if screen.kind != "result":
        return _go(request, content, screen, here=False, sent=True, key=key)
    if limited := ratelimit.exceeded(request, "quiz-submit"):
        kept = Screen("review", screen.parsed.with_form_error(limited.message), status=429)
        return limited.mark(_render_flow(request, content, kept, key=key))
    try:
        submission = submit_quiz(
            content=content,
            answers=screen.parsed.answers,
            background=screen.parsed.background,
            key=key,
        )
    except (OperationalError, InterfaceError) as error:
        # Not stored (or stored, with the answer lost on the way back): show the answers again,
        # with the same key, ready to submit once the database is back.
        kept = Screen("review", screen.parsed.with_form_error(NOT_SAVED_MESSAGE), status=503)
        response = _render_flow(request, content, kept, key=key)
        database_unavailable(request, response, error)
        return response
    url = reverse("quiz:result", args=[submission.token])
    response = load_page(request, url)
    drafts.forget(response)
    return response


def _stored_submission(token: str) -> QuizSubmission | None:
    """The result a token names, recorded as opened (best-effort); None for no such result."""
    if not is_token(token):
        return None
    submission = QuizSubmission.objects.filter(token=token).first()
    if submission is not None:
        record_opened(submission=submission, now=timezone.now())
    return submission


@require_safe
def result(request: HtmxHttpRequest, token: str) -> HttpResponse:
    content = store.get()
    submission = _stored_submission(token)
    if submission is None:
        page = replace(_quiz_page(content), title="Result not found")
        return page.render(request, "quiz/result_missing.html", {}, status=404)
    snapshot = readable(submission.result)
    best, runner_up = snapshot["best"], snapshot["runner_up"]
    context = {
        "submission": submission,
        "result": snapshot,
        "best": best,
        "runner_up": runner_up,
        "content_changed": submission.content_version != content.version,
        "fit_rows": fit_rows(snapshot["fits"]),
        "verdict_words": VERDICT_WORDS[snapshot["verdict"]],
        "verdict_sentence": verdict_sentence(snapshot),
        "best_reasons": reason_rows(best["reasons"]),
        "runner_up_reasons": reason_rows(runner_up["reasons"]),
        "stability": stability_words(snapshot["stability"]),
        "change": change_sentence(snapshot),
        "needs": needs_sentence(snapshot),
        # The first step is named already: "give extra time to" lists the other key stages.
        "extra_stages": [
            s for s in best["stages"] if s["id"] != snapshot["first_step"]["stage"]["id"]
        ],
        "share_url": absolute_url(reverse("quiz:result", args=[submission.token])),
        "answers": sorted(submission.answers.items()),
        "page_image": result_image(content, role_id=best["id"], role_name=best["name"]),
    }
    page = _quiz_page(content).child(
        f"Best fit: {best['name']} ({best['fit']}%)",
        f"Quiz result: best fit {best['name']} at {best['fit']}%, runner-up {runner_up['name']} "
        f"at {runner_up['fit']}%. Take the {len(content.quiz.questions)}-question quiz yourself.",
        crumb("Your result", "quiz:result", submission.token),
    )
    response = page.render(request, "quiz/result.html", context)
    response["X-Robots-Tag"] = "noindex"
    patch_cache_control(response, private=True)  # a shared cache would skip "last opened"
    return response


@require_safe
def result_json(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """The same result as data: best fit, runner-up, every fit, the reasons and what would
    change it, as first worked out (the README's API section describes the fields)."""
    submission = _stored_submission(token)
    if submission is None:
        response = JsonResponse({"error": "No result has this token."}, status=404)
    else:
        response = JsonResponse(
            result_data(submission, readable(submission.result)),
            json_dumps_params={"ensure_ascii": False, "indent": 2},
        )
    response["X-Robots-Tag"] = "noindex"
    patch_cache_control(response, private=True)  # a shared cache would skip "last opened"
    response["Access-Control-Allow-Origin"] = "*"
    return response
