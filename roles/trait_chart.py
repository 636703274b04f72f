"""A role's trait profile drawn as a small chart: the geometry of the inline SVG on its page.
Pure: no Django.

Each trait gets its name on one line and a row of five cells under it, one filled per point of
weight, so "4 of 5" reads at a glance and the chart needs no axis. The chart stacks its rows, so
it keeps its size on a phone (360 units wide: text is never scaled below about 13 px).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from content_engine.schema import Trait

SCALE = 5  # the highest weight a role may give a trait (roles.yaml)
CELL_WIDTH, CELL_HEIGHT, CELL_GAP = 48, 14, 4
ROW_PITCH, WIDTH = 46, 320


@dataclass(frozen=True)
class Cell:
    x: int
    filled: bool


@dataclass(frozen=True)
class TraitRow:
    trait: Trait
    weight: int
    label_y: int  # baseline of the trait's name
    cell_y: int  # top of its row of cells
    cells: tuple[Cell, ...]
    value_x: int
    value_y: int  # baseline of "4 of 5"


@dataclass(frozen=True)
class TraitChart:
    width: int
    height: int
    cell_width: int
    cell_height: int
    rows: tuple[TraitRow, ...]


def trait_chart(traits: Sequence[Trait], weights: Mapping[str, int]) -> TraitChart:
    """Every trait in quiz order, with the weight `weights` gives it (0 when it gives none)."""
    rows = []
    for index, trait in enumerate(traits):
        top = index * ROW_PITCH
        weight = max(0, min(SCALE, weights.get(trait.id, 0)))
        cells = tuple(Cell(n * (CELL_WIDTH + CELL_GAP), n < weight) for n in range(SCALE))
        rows.append(
            TraitRow(
                trait=trait,
                weight=weight,
                label_y=top + 15,
                cell_y=top + 22,
                cells=cells,
                value_x=SCALE * (CELL_WIDTH + CELL_GAP) + 6,
                value_y=top + 34,
            )
        )
    return TraitChart(
        width=WIDTH,
        height=len(rows) * ROW_PITCH,
        cell_width=CELL_WIDTH,
        cell_height=CELL_HEIGHT,
        rows=tuple(rows),
    )
