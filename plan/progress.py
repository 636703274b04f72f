"""Progress is a set of item ids: a stage's deliverable and each of its "done when" criteria.
Reading ticked boxes from a form, merging them into what was stored, and noticing what the
content changed since the last visit. Pure: no Django."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from content_engine.schema import Stage

MAX_ID_LENGTH = 60  # item ids are slugs of at most 60 characters


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    stage_id: str
    kind: Literal["deliverable", "criterion"]


def stage_items(stage: Stage) -> tuple[Item, ...]:
    deliverable = Item(stage.deliverable.id, stage.deliverable.title, stage.id, "deliverable")
    criteria = (Item(c.id, c.text, stage.id, "criterion") for c in stage.done_when)
    return (deliverable, *criteria)


def route_items(stages: Iterable[Stage]) -> dict[str, Item]:
    return {item.id: item for stage in stages for item in stage_items(stage)}


def text_digest(text: str) -> str:
    """A short fingerprint of an item's text: enough to notice a rewording, and no text kept."""
    return hashlib.sha256(text.encode()).hexdigest()[:10]


def fingerprints(items: Mapping[str, Item]) -> dict[str, str]:
    return {item_id: text_digest(item.text) for item_id, item in items.items()}


@dataclass(frozen=True)
class TickedBoxes:
    done: frozenset[str]  # the valid item ids that were sent
    ignored: int  # values that were not items of this plan

    @property
    def message(self) -> str:
        if not self.ignored:
            return ""
        if self.ignored == 1:
            return "One ticked box was not an item of this plan, so it was ignored."
        return f"{self.ignored} ticked boxes were not items of this plan, so they were ignored."


def read_ticked(values: Sequence[str], *, item_ids: Collection[str]) -> TickedBoxes:
    """The `done` values of a progress form: each should be the id of an item on the page."""
    done: set[str] = set()
    ignored = 0
    for value in values:
        if len(value) <= MAX_ID_LENGTH and value in item_ids:
            done.add(value)
        else:
            ignored += 1
    return TickedBoxes(frozenset(done), ignored)


def merge_done(
    stored: Iterable[str], ticked: Collection[str], *, shown: Collection[str]
) -> list[str]:
    """The form is the whole truth about the items it showed (last write wins); ids it did not
    show (a stage left out of the plan, an item since removed from the route) are kept."""
    kept = {item_id for item_id in stored if item_id not in shown}
    return sorted(kept | set(ticked))


def apply_changes(
    stored: Iterable[str],
    ticked: Collection[str],
    *,
    was: Collection[str],
    shown: Collection[str],
) -> list[str]:
    """What a page without JavaScript changed, applied to what is stored now: `was` is what the
    page showed as done when it was drawn, `ticked` what it sends. Only the boxes the person
    changed on that page change, so a page left open in another tab, sent later, does not undo
    ticks made since; every other id is kept."""
    showed = set(was) & set(shown)
    sent = set(ticked) & set(shown)
    return sorted((set(stored) - (showed - sent)) | (sent - showed))


@dataclass(frozen=True)
class ContentChanges:
    changed: tuple[str, ...]  # ids whose text differs from the last visit
    removed: tuple[str, ...]  # done ids that were on the route at the last visit, and are gone

    def __bool__(self) -> bool:
        return bool(self.changed or self.removed)


def content_changes(
    *, seen: Mapping[str, str], done: Collection[str], items: Mapping[str, Item]
) -> ContentChanges:
    """What changed between the texts fingerprinted at the last visit and today's items."""
    changed = tuple(
        sorted(
            item_id
            for item_id, item in items.items()
            if item_id in seen and seen[item_id] != text_digest(item.text)
        )
    )
    removed = tuple(sorted(i for i in done if i in seen and i not in items))
    return ContentChanges(changed, removed)
