"""What the result page and its JSON twin say about a stored result: the fit bars, the
sentences for "what would change this", "what it would have needed" and how stable the result
is. Pure: it reads a stored snapshot (quiz.snapshot), never the live content."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict

from django.urls import reverse

from webkit.links import absolute_url

from .models import QuizSubmission
from .snapshot import FitRow, ResultSnapshot, ShownChange, ShownSwap, Stability

STABLE_SHARE = 0.9  # at least this share of one-answer changes keep the best fit: "stable"
FAIRLY_STABLE_SHARE = 0.7

VERDICT_WORDS = {
    "clear": "A clear fit",
    "close": "A close call",
    "two-good": "Two good fits",
}


class FitBar(TypedDict):
    id: str
    name: str
    fit: int
    best: bool


def fit_rows(fits: Sequence[FitRow]) -> list[FitBar]:
    """Every role's fit, best first, for the table whose cells carry their own bars."""
    return [{**fit, "best": index == 0} for index, fit in enumerate(fits)]


def stability_words(stability: Stability | None) -> str:
    """How stable the result is, in plain words; "" for results stored before it was worked
    out."""
    if not stability or not stability["total"]:
        return ""
    kept, total = stability["kept"], stability["total"]
    share = kept / total
    if share >= STABLE_SHARE:
        word = "a stable result"
    elif share >= FAIRLY_STABLE_SHARE:
        word = "a fairly stable result"
    else:
        word = "a result that one answer could tip"
    count = f"All {total}" if kept == total else f"{kept} of the {total}"
    return f"{count} one-answer changes keep it on top: {word}."


def change_sentence(snapshot: ResultSnapshot) -> str:
    """The smallest change of answers that gives another best fit, in one sentence."""
    change: ShownChange | None = snapshot["change"]
    if snapshot["stability"] is None:
        return ""
    if change is None:
        return (
            f"No change of one or two answers would move your best fit away from "
            f"{snapshot['best']['name']}."
        )
    role = change["role"]["name"]
    swaps = change["swaps"]
    if len(swaps) == 1:
        return f"Answering {_instead(swaps[0])} would make {role} your best fit."
    joined = " and ".join(f"“{_bare(s['instead'])}” for question {s['question']}" for s in swaps)
    return f"No single answer would; {joined} together would make {role} your best fit."


def needs_sentence(snapshot: ResultSnapshot) -> str:
    """What the runner-up would have needed to come out on top."""
    swap = snapshot["runner_up_needs"]
    change = snapshot["change"]
    if swap is None or (change is not None and change["swaps"] == [swap]):
        return ""  # the same change as "what would change this": said once
    return (
        f"To come out on top, it needed answers more like “{_bare(swap['instead'])}” "
        f"(question {swap['question']})."
    )


def _instead(swap: ShownSwap) -> str:
    return (
        f"“{_bare(swap['instead'])}” instead of “{_bare(swap['chosen'])}” "
        f"to question {swap['question']}"
    )


def _bare(label: str) -> str:
    """An answer quoted inside a sentence, without its own full stop."""
    return label.rstrip(".")


def result_data(submission: QuizSubmission, snapshot: ResultSnapshot) -> dict[str, object]:
    """The result as the JSON API gives it: GET /quiz/result/<token>.json."""

    def role(card_id: str) -> str:
        return absolute_url(reverse("roles:detail", args=[card_id]))

    best, runner_up = snapshot["best"], snapshot["runner_up"]
    return {
        "token": submission.token,
        "url": absolute_url(reverse("quiz:result", args=[submission.token])),
        "created_at": submission.created_at.isoformat(),
        "content_version": submission.content_version,
        "answers": submission.answers,
        "background": snapshot["background"],
        "verdict": snapshot["verdict"],
        "verdict_text": VERDICT_WORDS[snapshot["verdict"]],
        "margin": snapshot["margin"],
        "flat": snapshot["flat"],
        "best": {**best, "url": role(best["id"])},
        "runner_up": {
            **runner_up,
            "url": role(runner_up["id"]),
            "would_have_needed": snapshot["runner_up_needs"],
            "would_have_needed_text": needs_sentence(snapshot),
        },
        "fits": [{**fit, "url": role(fit["id"])} for fit in snapshot["fits"]],
        "what_would_change": {
            "text": change_sentence(snapshot),
            "change": snapshot["change"],
        },
        "stability": _stability(snapshot["stability"]),
        "first_step": snapshot["first_step"],
    }


def _stability(stability: Stability | None) -> dict[str, object] | None:
    if stability is None:
        return None
    return {**stability, "text": stability_words(stability)}
