"""The fit quiz: one question per step (plain form posts, htmx-enhanced), a check-your-answers
page, and stored results with stable share links. Each view parses, decides, renders."""

from __future__ import annotations

import re
from dataclasses import replace

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from content_engine import store
from content_engine.content import Content
from webkit.htmx import HtmxHttpRequest, partial_or_page
from webkit.links import absolute_url
from webkit.middleware import database_unavailable
from webkit.rendering import Page, crumb, section_page

from .answers import ParsedAnswers
from .flow import Screen, ScreenKind, decide, read_post, step_number
from .models import TOKEN_PATTERN, QuizSubmission, new_token
from .presentation import chart_height, chart_rows, flow_context, flow_title
from .services import submit_quiz

TOKEN_RE = re.compile(rf"^{TOKEN_PATTERN}$")
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
    return page.render(request, template, context, status=screen.status)


@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
def quiz(request: HtmxHttpRequest) -> HttpResponse:
    content = store.get()
    if request.method == "POST":
        return _answer(request, content)
    if "step" in request.GET or "all" in request.GET:
        kind: ScreenKind = "all" if "all" in request.GET else "step"
        step = step_number(request.GET.get("step"), len(content.quiz.questions))
        return _render_flow(request, content, Screen(kind, ParsedAnswers(), step=step))
    return _quiz_page(content).render(
        request, "quiz/start.html", {"quiz": content.quiz, "roles": content.roles}
    )


def _answer(request: HtmxHttpRequest, content: Content) -> HttpResponse:
    post = read_post(
        content.quiz,
        dict(request.POST.lists()),
        quiz_version=content.quiz_version,
        background_ids=[b.id for b in content.backgrounds],
    )
    screen = decide(content.quiz, post)
    posted_key = request.POST.get("submission", "")
    key = posted_key if TOKEN_RE.match(posted_key) else new_token()
    if screen.kind == "intro":
        return redirect("quiz:start")
    if screen.kind != "result":
        return _render_flow(request, content, screen, key=key)
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
    if request.htmx:
        return HttpResponseClientRedirect(url)
    response = HttpResponse(status=303)
    response["Location"] = url
    return response


@require_safe
def result(request: HtmxHttpRequest, token: str) -> HttpResponse:
    content = store.get()
    submission = None
    if TOKEN_RE.match(token):
        submission = QuizSubmission.objects.filter(token=token).first()
    if submission is None:
        page = replace(_quiz_page(content), title="Result not found")
        return page.render(request, "quiz/result_missing.html", {}, status=404)
    snapshot = submission.result
    best, runner_up = snapshot["best"], snapshot["runner_up"]
    context = {
        "submission": submission,
        "result": snapshot,
        "best": best,
        "runner_up": runner_up,
        "content_changed": submission.content_version != content.version,
        "chart_rows": chart_rows(snapshot["fits"]),
        "chart_height": chart_height(snapshot["fits"]),
        "share_url": absolute_url(reverse("quiz:result", args=[submission.token])),
        "answers": sorted(submission.answers.items()),
    }
    page = _quiz_page(content).child(
        f"Best fit: {best['name']} ({best['fit']}%)",
        f"Quiz result: best fit {best['name']} at {best['fit']}%, runner-up {runner_up['name']} "
        f"at {runner_up['fit']}%. Take the {len(content.quiz.questions)}-question quiz yourself.",
        crumb("Your result", "quiz:result", submission.token),
    )
    response = page.render(request, "quiz/result.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response
