"""Turn a scored result and its explanation into the plain data the result page shows, so it
can be stored and rendered exactly the same later, whatever happens to the content.

Results stored in an older shape (schema 1, before the explanations; schema 2, before each
option had its own reason) are read through `readable()`, which gives them the current shape
with the parts they never had left empty."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, TypedDict, cast

from content_engine.content import Content
from content_engine.queries import familiar_stages, key_stages
from content_engine.schema import Role, Stage

from .explain import AnswerEffect, Explanation, Need, Swap, deciding_trait, verdict
from .scoring import QuizResult

SNAPSHOT_SCHEMA = 3
SHOWN_REASONS = 3  # answers quoted for the best fit (the page shows the first two, the rest folded)
SHOWN_RUNNER_UP_REASONS = 2  # answers quoted for the runner-up
# Schema 1 stored no stability: its verdict still comes from the margin, as it did then.
SCHEMA_1_CLEAR_POINTS = 8
SCHEMA_1_TWO_GOOD_POINTS = 3


class Leaning(TypedDict):
    """A role leans on the trait an answer weighs more than another role does (0-5 each)."""

    trait: str
    role: str
    level: int
    other: str
    other_level: int


class ShownReason(TypedDict):
    question: int  # the question's number, 1-based (0: stored before numbers were kept)
    answer: str  # the chosen option's label
    trait: str  # the trait of this answer that counted for the role
    why: str  # the option's own reason (schema 2 and older: the role's sentence for the trait)
    leans: Leaning | None  # how the role differs from the one it is weighed against, if it does


class StageLink(TypedDict):
    id: str
    title: str
    number: int


class RoleCard(TypedDict):
    id: str
    name: str
    fit: int
    summary: str
    reasons: list[ShownReason]
    stages: list[StageLink]


class FitRow(TypedDict):
    id: str
    name: str
    fit: int


class ChosenBackground(TypedDict):
    id: str
    name: str


class ShownSwap(TypedDict):
    question: int
    prompt: str
    chosen: str
    instead: str


class ShownNeed(ShownSwap):
    takes_lead: bool  # the change would have made the runner-up the best fit
    gap_after: int | None  # best fit minus runner-up after it (None: stored before it was kept)


class OverBoth(TypedDict):
    """Why a third role would overtake both: it leans on the answer's trait more than either."""

    trait: str
    level: int
    best_level: int
    runner_up_level: int


class ShownChange(TypedDict):
    role: FitRow  # the role that would become the best fit, with its fit in this result
    fit_after: int | None  # its fit once the answers are changed (None: stored before)
    swaps: list[ShownSwap]
    over_both: bool  # the role is neither the best fit nor the runner-up
    why: OverBoth | None  # for a third role: the trait that lifts it over both, if one does


class Stability(TypedDict):
    kept: int  # single-answer changes that keep the same best fit
    total: int  # all single-answer changes


class FirstStep(TypedDict):
    stage: StageLink
    why: Literal["new-to-background", "start", "all-familiar"]


RunnerUpWhy = Literal["favoured", "ahead-of-the-rest", ""]


class ResultSnapshot(TypedDict):
    """The stored JSON shape, version `SNAPSHOT_SCHEMA`: what the result page shows."""

    schema: int
    best: RoleCard
    runner_up: RoleCard
    # The runner-up's reasons are answers that favoured it over the best fit ("favoured"), or,
    # when none did, the answers that kept it ahead of the roles below it.
    runner_up_why: RunnerUpWhy
    verdict: Literal["clear", "close", "two-good"]
    margin: int
    flat: bool
    fits: list[FitRow]
    runner_up_needs: ShownNeed | None
    change: ShownChange | None
    stability: Stability | None
    first_step: FirstStep
    background: ChosenBackground | None


def result_snapshot(
    content: Content, result: QuizResult, explanation: Explanation, background: str
) -> ResultSnapshot:
    quiz = content.quiz
    trait_order = [t.id for t in quiz.traits]
    trait_names = {t.id: t.name for t in quiz.traits}
    numbers = {q.id: n for n, q in enumerate(quiz.questions, start=1)}
    options = {(q.id, o.id): o for q in quiz.questions for o in q.options}
    prompts = {q.id: q.prompt for q in quiz.questions}
    roles = content.role_by_id
    best = roles[result.best.role_id]
    runner_up = roles[result.runner_up.role_id]

    def shown(
        question_id: str, option_id: str, role: Role, other: Role, compare: bool
    ) -> ShownReason:
        """An answer quoted for `role`, weighed against `other`: the option's own reason, the
        trait of it that did most for the role, and how the two roles differ on that trait
        (left out when `other` is not a role the page names)."""
        option = options[(question_id, option_id)]
        trait = deciding_trait(option, trait_order, role, other)
        level, other_level = role.traits.get(trait, 0), other.traits.get(trait, 0)
        leans: Leaning | None = None
        if compare and level > other_level:
            leans = {
                "trait": trait_names[trait],
                "role": role.name,
                "level": level,
                "other": other.name,
                "other_level": other_level,
            }
        return {
            "question": numbers[question_id],
            "answer": option.label,
            "trait": trait_names[trait],
            "why": option.reason,
            "leans": leans,
        }

    def swap(s: Swap) -> ShownSwap:
        return {
            "question": numbers[s.question_id],
            "prompt": prompts[s.question_id],
            "chosen": options[(s.question_id, s.from_option)].label,
            "instead": options[(s.question_id, s.to_option)].label,
        }

    def need(n: Need) -> ShownNeed:
        return {**swap(n.swap), "takes_lead": n.takes_lead, "gap_after": round(n.gap_after)}

    def card(role: Role, fit: float, reasons: list[ShownReason]) -> RoleCard:
        return {
            "id": role.id,
            "name": role.name,
            "fit": round(fit),
            "summary": role.summary,
            "reasons": reasons,
            "stages": [_stage_link(content, s) for s in key_stages(content, role=role)],
        }

    def weighed(
        effects: Sequence[AnswerEffect], role: Role, other: Role, count: int
    ) -> list[ShownReason]:
        """The strongest answers for `role` against `other` that weigh a trait the role leans
        on more than the other. An answer that helped only through the shape of the whole
        profile is true but says little, so it is shown only when no answer of the first kind
        exists."""
        reasons = [shown(e.question_id, e.option_id, role, other, compare=True) for e in effects]
        leaning = [r for r in reasons if r["leans"] is not None]
        return (leaning or reasons)[:count]

    best_reasons = weighed(explanation.for_best, best, runner_up, SHOWN_REASONS)
    runner_up_why: RunnerUpWhy = ""
    runner_up_reasons: list[ShownReason] = []
    if explanation.for_runner_up:
        runner_up_why = "favoured"
        runner_up_reasons = weighed(
            explanation.for_runner_up, runner_up, best, SHOWN_RUNNER_UP_REASONS
        )
    elif explanation.runner_up_support:
        runner_up_why = "ahead-of-the-rest"
        third = roles[result.fits[2].role_id]
        runner_up_reasons = [
            shown(e.question_id, e.option_id, runner_up, third, compare=False)
            for e in explanation.runner_up_support[:SHOWN_RUNNER_UP_REASONS]
        ]

    fits = {f.role_id: f.fit for f in result.fits}
    change = explanation.change
    shown_change: ShownChange | None = None
    if change is not None:
        shown_change = {
            "role": _fit_row(content, change.new_best, fits[change.new_best]),
            "fit_after": round(change.new_fit),
            "swaps": [swap(s) for s in change.swaps],
            "over_both": change.over_both,
            "why": _over_both(content, change.swaps, change.new_best, best, runner_up)
            if change.over_both
            else None,
        }
    return {
        "schema": SNAPSHOT_SCHEMA,
        "best": card(best, result.best.fit, best_reasons),
        "runner_up": card(runner_up, result.runner_up.fit, runner_up_reasons),
        "runner_up_why": runner_up_why,
        "verdict": explanation.verdict,
        "margin": round(result.margin),
        "flat": result.flat,
        "fits": [_fit_row(content, f.role_id, f.fit) for f in result.fits],
        "runner_up_needs": need(explanation.runner_up_needs)
        if explanation.runner_up_needs
        else None,
        "change": shown_change,
        "stability": {"kept": explanation.kept, "total": explanation.alternatives},
        "first_step": first_step(content, background),
        "background": _background(content, background),
    }


def _over_both(
    content: Content, swaps: tuple[Swap, ...], role_id: str, best: Role, runner_up: Role
) -> OverBoth | None:
    """The trait, among those the new answers weigh, that the overtaking role leans on more
    than both the best fit and the runner-up; None when it leans on none of them more."""
    role = content.role_by_id[role_id]
    names = {t.id: t.name for t in content.quiz.traits}
    options = {(q.id, o.id): o for q in content.quiz.questions for o in q.options}
    candidates = [
        (
            weight
            * (role.traits.get(t, 0) - max(best.traits.get(t, 0), runner_up.traits.get(t, 0))),
            t,
        )
        for s in swaps
        for t, weight in options[(s.question_id, s.to_option)].weights.items()
    ]
    gain, trait = max(candidates, key=lambda c: c[0])
    if gain <= 0:
        return None
    return {
        "trait": names[trait],
        "level": role.traits.get(trait, 0),
        "best_level": best.traits.get(trait, 0),
        "runner_up_level": runner_up.traits.get(trait, 0),
    }


def first_step(content: Content, background: str) -> FirstStep:
    """Where to start: the first route stage the person's background does not already mostly
    cover; the start of the route when they did not say what they do."""
    chosen = content.background_by_id.get(background)
    if chosen is None:
        return {"stage": _stage_link(content, content.stages[0]), "why": "start"}
    known = {s.id for s in familiar_stages(content, background=chosen)}
    for stage in content.stages:
        if stage.id not in known and not stage.optional:
            return {"stage": _stage_link(content, stage), "why": "new-to-background"}
    return {"stage": _stage_link(content, content.stages[0]), "why": "all-familiar"}


def readable(stored: Mapping[str, Any]) -> ResultSnapshot:
    """A stored snapshot in the current shape, showing what it showed when it was stored.

    Schema 2 (reasons quoted with the role's sentence for a trait, a verdict from the margin)
    keeps its sentences; its verdict is read again from its own stored one-answer changes, the
    same count its stability line shows, so the two never disagree. Schema 1 had reasons with
    whole questions and no explanation: its reasons are kept as quoted answers, the rest left
    empty."""
    match stored.get("schema"):
        case 3:
            return cast(ResultSnapshot, stored)
        case 2:
            return _from_schema_2(stored)
        case _:
            return _from_schema_1(stored)


def _from_schema_2(stored: Mapping[str, Any]) -> ResultSnapshot:
    def old_reasons(card: Mapping[str, Any]) -> RoleCard:
        reasons = [cast(ShownReason, {**r, "leans": None}) for r in card["reasons"]]
        return cast(RoleCard, {**card, "reasons": reasons})

    stability = stored["stability"]
    runner_up_id = stored["runner_up"]["id"]
    fits = {row["id"]: row["fit"] for row in stored["fits"]}
    old_change = stored["change"]
    change: ShownChange | None = None
    if old_change is not None:
        role_id = old_change["role"]["id"]
        # Schema 2 stored 0 for this role's fit; its real fit is in the stored fits.
        role: FitRow = {
            "id": role_id,
            "name": old_change["role"]["name"],
            "fit": fits.get(role_id, 0),
        }
        change = {
            "role": role,
            "fit_after": None,
            "swaps": old_change["swaps"],
            "over_both": role_id != runner_up_id,
            "why": None,
        }
    old_need = stored["runner_up_needs"]
    need: ShownNeed | None = None
    if old_need is not None:
        takes_lead = (
            change is not None and not change["over_both"] and change["swaps"] == [old_need]
        )
        need = cast(ShownNeed, {**old_need, "takes_lead": takes_lead, "gap_after": None})
    return {
        "schema": SNAPSHOT_SCHEMA,
        "best": old_reasons(stored["best"]),
        "runner_up": old_reasons(stored["runner_up"]),
        "runner_up_why": "favoured" if stored["runner_up"]["reasons"] else "",
        "verdict": verdict(stability["kept"], stability["total"])
        if stability and stability["total"]
        else stored["verdict"],
        "margin": stored["margin"],
        "flat": stored["flat"],
        "fits": stored["fits"],
        "runner_up_needs": need,
        "change": change,
        "stability": stability,
        "first_step": stored["first_step"],
        "background": stored["background"],
    }


def _from_schema_1(stored: Mapping[str, Any]) -> ResultSnapshot:
    margin = stored["best"]["fit"] - stored["runner_up"]["fit"]

    def old_card(card: Mapping[str, Any]) -> RoleCard:
        return {
            "id": card["id"],
            "name": card["name"],
            "fit": card["fit"],
            "summary": card["summary"],
            "reasons": [
                {
                    "question": 0,
                    "answer": r["answer"],
                    "trait": (r.get("traits") or [""])[0],
                    "why": "",
                    "leans": None,
                }
                for r in card.get("reasons", [])
            ],
            "stages": card.get("stages", []),
        }

    return {
        "schema": SNAPSHOT_SCHEMA,
        "best": old_card(stored["best"]),
        "runner_up": old_card(stored["runner_up"]),
        "runner_up_why": "",
        "verdict": "clear"
        if margin >= SCHEMA_1_CLEAR_POINTS
        else ("close" if margin >= SCHEMA_1_TWO_GOOD_POINTS else "two-good"),
        "margin": margin,
        "flat": stored.get("flat", False),
        "fits": stored["fits"],
        "runner_up_needs": None,
        "change": None,
        "stability": None,
        "first_step": {"stage": stored["start_stage"], "why": "start"},
        "background": stored.get("background"),
    }


def _stage_link(content: Content, stage: Stage) -> StageLink:
    return {"id": stage.id, "title": stage.title, "number": content.stage_number[stage.id]}


def _fit_row(content: Content, role_id: str, fit: float) -> FitRow:
    return {"id": role_id, "name": content.role_by_id[role_id].name, "fit": round(fit)}


def _background(content: Content, background: str) -> ChosenBackground | None:
    if background not in content.background_by_id:
        return None
    return {"id": background, "name": content.background_by_id[background].name}
