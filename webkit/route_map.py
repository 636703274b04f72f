"""The route drawn as a map: where every stage sits in the inline SVG that the route page, a
background's skills map and My plan show. Pure geometry and words: no Django, no requests.

The map runs top to bottom, one row per stage: a numbered node on a line, the stage's short
title and its hours beside it. It is 340 units wide, so on a phone it is drawn at about its own
size (text never below 13 px), and on a wide screen it sits beside the text it summarises.
Optional stages leave the main line as a dashed branch and rejoin it at the next stage, so the
main line alone is the route without them. Each stop's marks are placed relative to its node,
which keeps the markup small and alike from stop to stop.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from content_engine.schema import Stage

WIDTH = 340
LINE_X = 24  # the main line
RADIUS = 14
BRANCH_SHIFT = 36  # how far an optional stage's node sits off the main line
TEXT_DX = RADIUS + 14  # label lines start this far right of their node
LINE = 18  # line height of a label
ROW_GAP = 16
TITLE_CHARS = 30  # about 7.5 units a character at 15 px
FAMILIAR_NOTE = "✓ familiar"


@dataclass(frozen=True)
class TextLine:
    dy: int  # baseline, relative to the stop's node
    text: str


@dataclass(frozen=True)
class Stop:
    """One stage on the map: its node, the lines of its label, and its link's name."""

    stage: Stage
    number: int
    x: int
    y: int
    title: tuple[TextLine, ...]
    meta: TextLine  # "28 hours", "64 hours · optional"
    note: TextLine | None  # "✓ familiar" for a stage the background mostly knows
    optional: bool
    familiar: bool
    label: str  # the accessible name of the stop's link

    @property
    def bottom(self) -> int:
        """The lowest point of the stop's marks (its last baseline, or its node)."""
        return self.y + max((self.note or self.meta).dy, RADIUS)


@dataclass(frozen=True)
class RouteMap:
    width: int
    height: int
    radius: int
    text_dx: int
    stops: tuple[Stop, ...]
    trunk: str  # SVG path data for the main line
    branches: tuple[str, ...]  # SVG path data for each optional stage's detour
    summary: str  # what the map shows, in words (the SVG's <desc>)

    @property
    def familiar(self) -> tuple[Stop, ...]:
        return tuple(stop for stop in self.stops if stop.familiar)


def map_title(stage: Stage) -> str:
    """The stage's title as short as a map label needs: the words before any colon, without an
    "(optional)" the map already shows ("Orientation: from ..." -> "Orientation")."""
    short = stage.title.split(":", 1)[0]
    return re.sub(r"\s*\(optional\)", "", short, flags=re.IGNORECASE).strip() or stage.title


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap at `width` characters; a word longer than that gets a line of its own."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [text]


def _label(stage: Stage, number: int, shown: Sequence[str], familiar: bool) -> str:
    """The stop's link name: the words it shows, in order (so a person who says what they see,
    to speech input, reaches it: WCAG 2.5.3), then the stage's whole title."""
    name = " ".join(shown) + f": stage {number}"
    if map_title(stage) != stage.title:
        name += f", {stage.title}"
    return name + (", mostly familiar to you" if familiar else "")


def _curve(a: Stop, b: Stop) -> str:
    """An S-bend from stop a's node down to stop b's, leaving and arriving vertically."""
    bend = (b.y - a.y) // 2
    return f"C{a.x} {a.y + bend} {b.x} {b.y - bend} {b.x} {b.y}"


def _branches(stops: Sequence[Stop]) -> tuple[str, ...]:
    """For each optional stop, a detour from the nearest main-line stop before it to the
    nearest one after it (either end may be missing: a route can start or end optionally)."""
    paths = []
    for index, stop in enumerate(stops):
        if not stop.optional:
            continue
        before = next((s for s in reversed(stops[:index]) if not s.optional), None)
        after = next((s for s in stops[index + 1 :] if not s.optional), None)
        parts = []
        if before:
            parts.append(f"M{before.x} {before.y} {_curve(before, stop)}")
        if after:
            parts.append(f"M{stop.x} {stop.y} {_curve(stop, after)}")
        if parts:
            paths.append(" ".join(parts))
    return tuple(paths)


def _summary(stages: Sequence[Stage], stops: Sequence[Stop]) -> str:
    hours = sum(stage.hours for stage in stages if not stage.optional)
    sentences = [
        f"The route's {len(stages)} stages in order, from {map_title(stages[0])} to "
        f"{map_title(stages[-1])}: {hours} hours without the optional stages."
    ]
    for stop in stops:
        if stop.optional:
            sentences.append(
                f"Stage {stop.number}, {map_title(stop.stage)} ({stop.stage.hours} hours), is "
                "optional: a branch off the main line."
            )
    known = [stop for stop in stops if stop.familiar]
    if known:
        names = ", ".join(f"{stop.number} ({map_title(stop.stage)})" for stop in known)
        sentences.append(f"Marked familiar: stage{'s' if len(known) > 1 else ''} {names}.")
    return " ".join(sentences)


def route_map(stages: Sequence[Stage], *, familiar: Collection[str] = ()) -> RouteMap:
    """The map of `stages`; `familiar` names the stages to mark as ones the reader mostly
    knows already (content_engine.queries.familiar_stages)."""
    stops: list[Stop] = []
    y = RADIUS + 10
    for index, stage in enumerate(stages):
        shift = BRANCH_SHIFT if stage.optional else 0
        lines = wrap(map_title(stage), TITLE_CHARS - shift // 8)
        title = tuple(TextLine(5 + LINE * n, text) for n, text in enumerate(lines))
        meta = TextLine(
            title[-1].dy + LINE, f"{stage.hours} hours" + (" · optional" if stage.optional else "")
        )
        known = stage.id in familiar
        note = TextLine(meta.dy + LINE, FAMILIAR_NOTE) if known else None
        shown = [str(index + 1), *lines, meta.text, *([note.text] if note else [])]
        stop = Stop(stage, index + 1, LINE_X + shift, y, title, meta, note, stage.optional, known,
                    _label(stage, index + 1, shown, known))  # fmt: skip
        stops.append(stop)
        y = max(y + 2 * RADIUS + ROW_GAP, stop.bottom + ROW_GAP + RADIUS + 4)
    main = [stop for stop in stops if not stop.optional]
    trunk = f"M{main[0].x} {main[0].y} V{main[-1].y}" if len(main) > 1 else ""
    return RouteMap(
        width=WIDTH,
        height=max(stop.bottom for stop in stops) + 12,
        radius=RADIUS,
        text_dx=TEXT_DX,
        stops=tuple(stops),
        trunk=trunk,
        branches=_branches(stops),
        summary=_summary(stages, stops),
    )
