"""A plan as every screen and export shows it: the re-estimated route for the person's choices,
their progress and the calendar, assembled from the content and what was stored. Pure."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date

from content_engine.content import Content
from content_engine.schema import Background, Role, Stage

from .choices import Choices
from .estimate import RouteEstimate, StageEstimate, estimate_route
from .progress import Item, route_items, stage_items
from .schedule import Calendar, Slot, Work, lay_out


@dataclass(frozen=True)
class StoredPlan:
    """What the database holds for a plan, as plain values."""

    choices: Choices
    done: frozenset[str]
    changed: frozenset[str] = frozenset()  # items reworded since the last visit (shown a while)
    removed: tuple[str, ...] = ()  # done ids that left the route since the last visit


@dataclass(frozen=True)
class ItemRow:
    item: Item
    done: bool
    changed: bool

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def text(self) -> str:
        return self.item.text


@dataclass(frozen=True)
class StageRow:
    estimate: StageEstimate
    slot: Slot
    items: tuple[ItemRow, ...]

    @property
    def stage(self) -> Stage:
        return self.estimate.stage

    @property
    def done_count(self) -> int:
        return sum(1 for row in self.items if row.done)

    @property
    def percent(self) -> int:
        return round(100 * self.done_count / len(self.items)) if self.items else 0

    @property
    def status(self) -> str:
        return self.slot.status


@dataclass(frozen=True)
class PlanOverview:
    choices: Choices
    estimate: RouteEstimate
    stages: tuple[StageRow, ...]
    skipped: tuple[StageEstimate, ...]  # optional stages left out
    calendar: Calendar
    removed: tuple[str, ...] = ()
    done_ids: tuple[str, ...] = field(default=())  # done ids that count: items in this plan

    @property
    def background(self) -> Background:
        return self.estimate.background

    @property
    def role(self) -> Role | None:
        return self.estimate.role

    @property
    def total_items(self) -> int:
        return sum(len(row.items) for row in self.stages)

    @property
    def done_items(self) -> int:
        return len(self.done_ids)

    @property
    def percent(self) -> int:
        return round(100 * self.done_items / self.total_items) if self.total_items else 0

    @property
    def stages_done(self) -> int:
        return sum(1 for row in self.stages if row.status == "done")

    @property
    def changed_count(self) -> int:
        return sum(1 for row in self.stages for item in row.items if item.changed)

    @property
    def item_ids(self) -> frozenset[str]:
        return frozenset(item.id for row in self.stages for item in row.items)


def optional_stages(content: Content) -> list[Stage]:
    return [stage for stage in content.stages if stage.optional]


def build_overview(content: Content, *, stored: StoredPlan, today: date) -> PlanOverview:
    choices = stored.choices
    background = content.background_by_id[choices.background]
    role = content.role_by_id.get(choices.role) if choices.role else None
    estimate = estimate_route(content, background=background, role=role, added=choices.added)
    included = estimate.included
    items = {e.stage.id: stage_items(e.stage) for e in included}
    work = [
        Work(e.stage.id, e.hours, len(items[e.stage.id]), _count(items[e.stage.id], stored.done))
        for e in included
    ]
    calendar = lay_out(
        work, start=choices.start, today=today, hours_per_week=choices.hours_per_week
    )
    rows = tuple(
        StageRow(
            e,
            slot,
            tuple(
                ItemRow(item, item.id in stored.done, item.id in stored.changed)
                for item in items[e.stage.id]
            ),
        )
        for e, slot in zip(included, calendar.slots, strict=True)
    )
    shown = {item.id for row in rows for item in row.items}
    counted = tuple(sorted(stored.done & shown))
    skipped = tuple(e for e in estimate.stages if not e.included)
    return PlanOverview(choices, estimate, rows, skipped, calendar, stored.removed, counted)


def _count(items: Collection[Item], done: Collection[str]) -> int:
    return sum(1 for item in items if item.id in done)


def all_items(content: Content) -> dict[str, Item]:
    """Every item on the route, included in a given plan or not."""
    return route_items(content.stages)
