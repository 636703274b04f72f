"""What the result page and its JSON twin say about a stored result: the fit bars, the
sentences for "what would change this", "what it would have needed" and how stable the result
is. Pure: it reads a stored snapshot (quiz.snapshot), never the live content."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict

from django.urls import reverse

from webkit.links import absolute_url
from webkit.templatetags.wording import in_sentence

from .explain import verdict
from .models import QuizSubmission
from .snapshot import (
    FitRow,
    Leaning,
    ResultSnapshot,
    RoleCard,
    ShownChange,
    ShownReason,
    ShownSwap,
    Stability,
)

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


class ReasonRow(TypedDict):
    """A reason as the page shows it: its three parts, each announced with its own label."""

    question: int
    answer: str
    trait: str
    why: str
    leans: str  # how the role differs from the other on that trait, as a sentence, or ""


def fit_rows(fits: Sequence[FitRow]) -> list[FitBar]:
    """Every role's fit, best first, for the table whose cells carry their own bars."""
    return [{**fit, "best": index == 0} for index, fit in enumerate(fits)]


def reason_rows(reasons: Sequence[ShownReason]) -> list[ReasonRow]:
    return [
        {
            "question": r["question"],
            "answer": r["answer"],
            "trait": r["trait"],
            "why": r["why"],
            "leans": leans_sentence(r["leans"]),
        }
        for r in reasons
    ]


def leans_sentence(leaning: Leaning | None) -> str:
    if leaning is None:
        return ""
    return (
        f"{leaning['role']}: {leaning['level']} of 5 for {in_sentence(leaning['trait'])}; "
        f"{in_sentence(leaning['other'])}: {leaning['other_level']}."
    )


def verdict_sentence(snapshot: ResultSnapshot) -> str:
    """The margin in words, in the verdict's own voice."""
    best, runner_up = snapshot["best"]["name"], in_sentence(snapshot["runner_up"]["name"])
    margin = snapshot["margin"]
    points = f"{margin} point{'' if margin == 1 else 's'}"
    if margin == 0:
        return f"{best} and {runner_up} are level: either would suit you, so read both."
    # The verdict is read from how many single-answer changes put another role first, not from
    # the points: say so, since that role may be neither of the two named here.
    match snapshot["verdict"]:
        case "clear":
            return f"{best} leads the runner-up, {runner_up}, by {points}."
        case "close":
            return (
                f"{best} leads {runner_up} by {points}, but a few single answers would put "
                "another role first: read the roles below before you choose."
            )
        case _:
            return (
                f"{best} and {runner_up} are {points} apart, and many single answers would "
                "put another role first: either could suit you."
            )


def stability_words(stability: Stability | None) -> str:
    """How many one-answer changes would move the best fit, in plain words: the same count the
    verdict is read from (quiz.explain.verdict), so the two always agree. "" for results stored
    before it was worked out."""
    if not stability or not stability["total"]:
        return ""
    kept, total = stability["kept"], stability["total"]
    moved = total - kept
    if moved == 0:
        return f"All {total} one-answer changes keep it on top: a stable result."
    if verdict(kept, total) == "close":
        return (
            f"{moved} of the {total} one-answer changes would put another role first; "
            f"the other {kept} keep it on top."
        )
    return (
        f"{moved} of the {total} one-answer changes would put another role first: "
        "a result that one answer could tip."
    )


def change_sentence(snapshot: ResultSnapshot) -> str:
    """The smallest change of answers that gives another best fit, in one sentence. It names the
    runner-up whenever a change of that size can put it on top; otherwise it says what lifts the
    other role over both."""
    change: ShownChange | None = snapshot["change"]
    if snapshot["stability"] is None:
        return ""
    if change is None:
        return (
            f"No change of one or two answers would move your best fit away from "
            f"{snapshot['best']['name']}."
        )
    role = in_sentence(change["role"]["name"])
    swaps = change["swaps"]
    if len(swaps) == 1:
        answers = f"Answering {_instead(swaps[0])}"
    else:
        joined = " and ".join(
            f"“{_bare(s['instead'])}” for question {s['question']}" for s in swaps
        )
        answers = f"No single answer would; {joined} together"
    if not change["over_both"]:
        return f"{answers} would make {role} your best fit."
    why = change["why"]
    because = (
        f": it leans on {in_sentence(why['trait'])} more than either ({why['level']} of 5, "
        f"against {why['best_level']} and {why['runner_up_level']})."
        if why
        else ", by the shape of all your answers together rather than one trait."
    )
    return f"{answers} would put {role} ahead of both{because}"


def needs_sentence(snapshot: ResultSnapshot) -> str:
    """What the runner-up would have needed, unless that is the change already named by "what
    would change this" (said once)."""
    need = snapshot["runner_up_needs"]
    change = snapshot["change"]
    if need is None:
        return ""
    swap: ShownSwap = {
        "question": need["question"],
        "prompt": need["prompt"],
        "chosen": need["chosen"],
        "instead": need["instead"],
    }
    if change is not None and not change["over_both"] and change["swaps"] == [swap]:
        return ""
    best = in_sentence(snapshot["best"]["name"])
    gap = need["gap_after"]
    if need["takes_lead"]:
        outcome = "would have made it your best fit"
    elif gap is None:
        return (
            f"To come out on top, it needed answers more like “{_bare(need['instead'])}” "
            f"(question {need['question']})."
        )
    elif gap > 0:
        outcome = f"would have brought it within {gap} point{'' if gap == 1 else 's'} of {best}"
    else:
        outcome = f"would have put it level with or ahead of {best}, though not on top"
    return f"What it needed most: {_instead(need)} {outcome}."


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
        "verdict_sentence": verdict_sentence(snapshot),
        "margin": snapshot["margin"],
        "flat": snapshot["flat"],
        "best": {**best, "reasons": _reasons(best), "url": role(best["id"])},
        "runner_up": {
            **runner_up,
            "reasons": _reasons(runner_up),
            "reasons_are": snapshot["runner_up_why"],
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


def _reasons(card: RoleCard) -> list[dict[str, object]]:
    """A card's stored reasons, each with its leaning said as the page says it."""
    return [
        {**stored, "leans_text": row["leans"]}
        for stored, row in zip(card["reasons"], reason_rows(card["reasons"]), strict=True)
    ]


def _stability(stability: Stability | None) -> dict[str, object] | None:
    if stability is None:
        return None
    return {**stability, "text": stability_words(stability)}
