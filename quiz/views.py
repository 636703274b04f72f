"""The fit quiz: one question per step (plain form posts, htmx-enhanced), a check-your-answers
page, and stored results with stable share links."""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from content_engine import store
from content_engine.content import Content
from roadmap_site.rendering import crumb, render_page

from .answers import ParsedAnswers, chosen_background, parse_answers
from .models import TOKEN_PATTERN, QuizSubmission
from .services import submit_quiz

TOKEN_RE = re.compile(rf"^{TOKEN_PATTERN}$")
CRUMBS = [crumb("Fit quiz", "/quiz/")]


def _background_ids(content: Content) -> list[str]:
    return [b.id for b in content.backgrounds]


def _step_number(raw: str | None, total: int) -> int:
    try:
        return min(max(int(raw or "1"), 1), total)
    except ValueError:
        return 1


def _render_flow(
    request: HttpRequest,
    content: Content,
    *,
    mode: str,
    parsed: ParsedAnswers,
    background: str,
    step: int = 1,
    status: int = 200,
) -> HttpResponse:
    questions = content.quiz.questions
    total = len(questions)
    question = questions[step - 1]
    if mode == "review":
        title = "Check your answers"
    elif mode == "all":
        title = "All questions"
    else:
        title = f"Question {step} of {total}"
    if parsed.errors or parsed.form_errors:
        title = f"Error: {title}"
    rows = [
        {
            "number": n,
            "question": q,
            "answer": next((o.label for o in q.options if o.id == parsed.answers.get(q.id)), ""),
            "answer_id": parsed.answers.get(q.id, ""),
            "error": parsed.errors.get(q.id, ""),
        }
        for n, q in enumerate(questions, start=1)
    ]
    context = {
        "mode": mode,
        "step": step,
        "total": total,
        "progress": round(100 * (step - 1) / total) if mode == "step" else 100,
        "question": question,
        "answers": parsed.answers,
        "hidden_answers": [
            (qid, oid)
            for qid, oid in parsed.answers.items()
            if mode != "step" or qid != question.id
        ],
        "selected": parsed.answers.get(question.id, ""),
        "errors": parsed.errors,
        "form_errors": parsed.form_errors,
        "rows": rows,
        "backgrounds": content.backgrounds,
        "background": background,
        "quiz_version": content.quiz_version,
    }
    template = "quiz/flow.html#flow" if request.htmx else "quiz/flow.html"
    return render_page(
        request, template, context, title=title, section="quiz", breadcrumbs=CRUMBS, status=status
    )


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def quiz(request: HttpRequest) -> HttpResponse:
    content = store.get()
    if request.method == "GET":
        if "step" in request.GET or "all" in request.GET:
            mode = "all" if "all" in request.GET else "step"
            step = _step_number(request.GET.get("step"), len(content.quiz.questions))
            return _render_flow(
                request, content, mode=mode, parsed=ParsedAnswers(), background="", step=step
            )
        return render_page(
            request,
            "quiz/start.html",
            {"quiz": content.quiz, "roles": content.roles},
            title="Which AI role fits you?",
            description="Ten questions about how you like to work, about two minutes: a best-fit "
            "AI role, a runner-up, the reasons, and where to start.",
            section="quiz",
            breadcrumbs=CRUMBS,
        )
    return _handle_post(request, content)


def _handle_post(request: HttpRequest, content: Content) -> HttpResponse:
    data = dict(request.POST.lists())
    action = request.POST.get("action")
    questions = content.quiz.questions
    total = len(questions)
    background_ids = _background_ids(content)
    background = chosen_background(data, background_ids)
    step = _step_number(request.POST.get("step"), total)

    stale = request.POST.get("quiz_version") not in (None, content.quiz_version)
    navigating = action is not None and action != "submit"
    parsed = parse_answers(content.quiz, data, background_ids=background_ids, require=[])

    if stale:
        parsed.form_errors.insert(
            0,
            "The quiz was updated while you were answering. Answers that still fit are kept: "
            "check them, answer anything new, and submit again.",
        )
        return _render_flow(
            request, content, mode="review", parsed=parsed, background=background, status=409
        )

    if navigating:
        if parsed.form_errors:
            return _render_flow(
                request,
                content,
                mode="step",
                parsed=parsed,
                background=background,
                step=step,
                status=400,
            )
        if action == "back":
            if step == 1:
                return redirect("/quiz/")
            return _render_flow(
                request, content, mode="step", parsed=parsed, background=background, step=step - 1
            )
        if action.startswith("goto-"):
            target = _step_number(action.removeprefix("goto-"), total)
            return _render_flow(
                request, content, mode="step", parsed=parsed, background=background, step=target
            )
        if action == "review":
            return _render_flow(
                request, content, mode="review", parsed=parsed, background=background
            )
        # "next": the current question must be answered before moving on.
        current = questions[step - 1].id
        checked = parse_answers(
            content.quiz, data, background_ids=background_ids, require=[current]
        )
        if current in checked.errors:
            checked.errors = {current: checked.errors[current]}
            return _render_flow(
                request,
                content,
                mode="step",
                parsed=checked,
                background=background,
                step=step,
                status=400,
            )
        if step < total and any(q.id not in checked.answers for q in questions[step:]):
            return _render_flow(
                request, content, mode="step", parsed=checked, background=background, step=step + 1
            )
        return _render_flow(request, content, mode="review", parsed=checked, background=background)

    # A complete submission: the public form contract.
    full = parse_answers(content.quiz, data, background_ids=background_ids)
    if not full.ok:
        mode = "review" if action == "submit" else "all"
        return _render_flow(
            request, content, mode=mode, parsed=full, background=background, status=400
        )
    submission = submit_quiz(content=content, answers=full.answers, background=background)
    url = f"/quiz/result/{submission.token}/"
    if request.htmx:
        return HttpResponseClientRedirect(url)
    return _see_other(url)


def _see_other(url: str) -> HttpResponse:
    response = HttpResponse(status=303)
    response["Location"] = url
    return response


@require_GET
def result(request: HttpRequest, token: str) -> HttpResponse:
    content = store.get()
    submission = None
    if TOKEN_RE.match(token):
        submission = QuizSubmission.objects.filter(token=token).first()
    if submission is None:
        return render_page(
            request,
            "quiz/result_missing.html",
            {},
            title="Result not found",
            section="quiz",
            breadcrumbs=CRUMBS,
            status=404,
        )
    snapshot = submission.result
    best, runner_up = snapshot["best"], snapshot["runner_up"]
    context = {
        "submission": submission,
        "result": snapshot,
        "best": best,
        "runner_up": runner_up,
        "content_changed": submission.content_version != content.version,
        "chart_rows": _chart_rows(snapshot["fits"]),
        "chart_height": 30 * len(snapshot["fits"]) + 10,
        "share_url": request.build_absolute_uri(f"/quiz/result/{submission.token}/"),
        "answers": sorted(submission.answers.items()),
    }
    response = render_page(
        request,
        "quiz/result.html",
        context,
        title=f"Best fit: {best['name']} ({best['fit']}%)",
        description=f"Quiz result: best fit {best['name']} at {best['fit']}%, runner-up "
        f"{runner_up['name']} at {runner_up['fit']}%. Take the ten-question quiz yourself.",
        section="quiz",
        breadcrumbs=[*CRUMBS, crumb("Your result", f"/quiz/result/{submission.token}/")],
    )
    response["X-Robots-Tag"] = "noindex"
    return response


def _chart_rows(fits: list[dict[str, object]]) -> list[dict[str, object]]:
    """Geometry for the inline SVG bar chart (no chart library)."""
    rows = []
    for index, fit in enumerate(fits):
        value = int(fit["fit"])  # type: ignore[call-overload]
        rows.append(
            {
                **fit,
                "y": 10 + 30 * index,
                "text_y": 28 + 30 * index,
                "width": round(3.2 * value),
                "best": index == 0,
            }
        )
    return rows
