"""Turn a scored result into the plain data the result page shows, so it can be stored and
rendered exactly the same later, whatever happens to the content."""

from __future__ import annotations

from typing import TypedDict

from content_engine.content import Content
from content_engine.queries import key_stages

from .scoring import QuizResult

SNAPSHOT_SCHEMA = 1


class ShownReason(TypedDict):
    question: str
    answer: str
    traits: list[str]


class StageLink(TypedDict):
    id: str
    title: str
    number: int


class RoleCard(TypedDict):
    id: str
    name: str
    fit: int
    summary: str
    counterpart: str
    leans_on: list[str]
    reasons: list[ShownReason]
    stages: list[StageLink]


class FitRow(TypedDict):
    id: str
    name: str
    fit: int


class ChosenBackground(TypedDict):
    id: str
    name: str


class ResultSnapshot(TypedDict):
    """The stored JSON shape, version `SNAPSHOT_SCHEMA`: what the result page shows."""

    schema: int
    best: RoleCard
    runner_up: RoleCard
    close_call: bool
    flat: bool
    fits: list[FitRow]
    start_stage: StageLink
    background: ChosenBackground | None


def result_snapshot(content: Content, result: QuizResult, background: str) -> ResultSnapshot:
    quiz = content.quiz
    traits = {t.id: t.name for t in quiz.traits}
    questions = {q.id: q for q in quiz.questions}

    def reasons_for(role_id: str) -> list[ShownReason]:
        shown: list[ShownReason] = []
        for reason in result.reasons.get(role_id, ()):
            question = questions[reason.question_id]
            option = next(o for o in question.options if o.id == reason.option_id)
            shown.append(
                {
                    "question": question.prompt,
                    "answer": option.label,
                    "traits": [traits[t] for t in reason.traits],
                }
            )
        return shown

    def role_card(role_id: str, fit: float) -> RoleCard:
        role = content.role_by_id[role_id]
        top_traits = sorted(role.traits, key=lambda t: -role.traits[t])[:2]
        return {
            "id": role.id,
            "name": role.name,
            "fit": round(fit),
            "summary": role.summary,
            "counterpart": role.counterpart,
            "leans_on": [traits[t] for t in top_traits],
            "reasons": reasons_for(role.id),
            "stages": [
                {"id": s.id, "title": s.title, "number": content.stage_number[s.id]}
                for s in key_stages(content, role=role)
            ],
        }

    first = content.stages[0]
    background_name = (
        content.background_by_id[background].name if background in content.background_by_id else ""
    )
    return {
        "schema": SNAPSHOT_SCHEMA,
        "best": role_card(result.best.role_id, result.best.fit),
        "runner_up": role_card(result.runner_up.role_id, result.runner_up.fit),
        "close_call": result.close_call,
        "flat": result.flat,
        "fits": [
            {"id": f.role_id, "name": content.role_by_id[f.role_id].name, "fit": round(f.fit)}
            for f in result.fits
        ],
        "start_stage": {"id": first.id, "title": first.title, "number": 1},
        "background": {"id": background, "name": background_name} if background else None,
    }
