"""Turn a scored result and its explanation into the plain data the result page shows, so it
can be stored and rendered exactly the same later, whatever happens to the content.

Results stored before the explanations existed (schema 1) are read through `readable()`, which
gives them the current shape with the parts they never had left empty."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypedDict, cast

from content_engine.content import Content
from content_engine.queries import familiar_stages, key_stages
from content_engine.schema import Role, Stage

from .explain import CLEAR_FIT_POINTS, TWO_GOOD_POINTS, Explanation, Swap, primary_trait
from .scoring import QuizResult

SNAPSHOT_SCHEMA = 2
SHOWN_REASONS = 3  # answers quoted for the best fit (the page shows the first two, the rest folded)
SHOWN_CLOSE_REASONS = 1  # answers quoted for a runner-up that came close


class ShownReason(TypedDict):
    question: int  # the question's number, 1-based
    answer: str  # the chosen option's label
    trait: str  # the one trait this answer is tagged with, everywhere
    why: str  # what that trait means in this role (the role's own sentence)


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


class ShownChange(TypedDict):
    role: FitRow
    swaps: list[ShownSwap]


class Stability(TypedDict):
    kept: int  # single-answer changes that keep the same best fit
    total: int  # all single-answer changes


class FirstStep(TypedDict):
    stage: StageLink
    why: Literal["new-to-background", "start", "all-familiar"]


class ResultSnapshot(TypedDict):
    """The stored JSON shape, version `SNAPSHOT_SCHEMA`: what the result page shows."""

    schema: int
    best: RoleCard
    runner_up: RoleCard
    verdict: Literal["clear", "close", "two-good"]
    margin: int
    flat: bool
    fits: list[FitRow]
    runner_up_needs: ShownSwap | None
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
    best = content.role_by_id[result.best.role_id]
    runner_up = content.role_by_id[result.runner_up.role_id]

    def shown(question_id: str, option_id: str, role: Role, other_label: str) -> ShownReason:
        option = options[(question_id, option_id)]
        trait = primary_trait(option, trait_order)
        why = role.quiz_reasons.get(trait) or (
            f"{trait_names[trait]} matters more in this role than it does for {other_label}."
        )
        return {
            "question": numbers[question_id],
            "answer": option.label,
            "trait": trait_names[trait],
            "why": why,
        }

    def in_role_terms(
        effects: list[tuple[str, str]], role: Role, other_label: str, count: int
    ) -> list[ShownReason]:
        """The strongest answers, preferring those the role has its own sentence for and
        traits not yet shown, so no sentence is said twice."""
        traits_seen: set[str] = set()
        picked: list[ShownReason] = []
        for _, (q, o) in sorted(
            enumerate(effects),
            key=lambda item: (
                primary_trait(options[item[1]], trait_order) not in role.quiz_reasons,
                item[0],
            ),
        ):
            trait = primary_trait(options[(q, o)], trait_order)
            if trait in traits_seen:
                continue
            traits_seen.add(trait)
            picked.append(shown(q, o, role, other_label))
            if len(picked) == count:
                break
        return picked

    def swap(s: Swap) -> ShownSwap:
        return {
            "question": numbers[s.question_id],
            "prompt": prompts[s.question_id],
            "chosen": options[(s.question_id, s.from_option)].label,
            "instead": options[(s.question_id, s.to_option)].label,
        }

    def card(role: Role, fit: float, reasons: list[ShownReason]) -> RoleCard:
        return {
            "id": role.id,
            "name": role.name,
            "fit": round(fit),
            "summary": role.summary,
            "reasons": reasons,
            "stages": [_stage_link(content, s) for s in key_stages(content, role=role)],
        }

    for_best = [(e.question_id, e.option_id) for e in explanation.for_best]
    came_close = explanation.verdict != "clear"
    for_runner = [(e.question_id, e.option_id) for e in explanation.for_runner_up]
    change = explanation.change
    return {
        "schema": SNAPSHOT_SCHEMA,
        "best": card(
            best, result.best.fit, in_role_terms(for_best, best, "the runner-up", SHOWN_REASONS)
        ),
        "runner_up": card(
            runner_up,
            result.runner_up.fit,
            in_role_terms(for_runner, runner_up, "your best fit", SHOWN_CLOSE_REASONS)
            if came_close
            else [],
        ),
        "verdict": explanation.verdict,
        "margin": round(result.margin),
        "flat": result.flat,
        "fits": [_fit_row(content, f.role_id, f.fit) for f in result.fits],
        "runner_up_needs": swap(explanation.runner_up_needs)
        if explanation.runner_up_needs
        else None,
        "change": {
            "role": _fit_row(content, change.new_best, 0),
            "swaps": [swap(s) for s in change.swaps],
        }
        if change
        else None,
        "stability": {"kept": explanation.kept, "total": explanation.alternatives},
        "first_step": first_step(content, background),
        "background": _background(content, background),
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
    """A stored snapshot in the current shape. Schema 1 had reasons with whole questions and
    no explanation: its reasons are kept as quoted answers, the rest left empty."""
    if stored.get("schema") == SNAPSHOT_SCHEMA:
        return cast(ResultSnapshot, stored)
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
                }
                for r in card.get("reasons", [])
            ],
            "stages": card.get("stages", []),
        }

    return {
        "schema": SNAPSHOT_SCHEMA,
        "best": old_card(stored["best"]),
        "runner_up": old_card(stored["runner_up"]),
        "verdict": "clear"
        if margin >= CLEAR_FIT_POINTS
        else ("close" if margin >= TWO_GOOD_POINTS else "two-good"),
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
