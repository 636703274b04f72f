"""A plan made again from its plan.json export: its choices and ticks, checked against today's
content. Ids the content no longer has are reported, never a reason to refuse the rest. Pure:
no Django."""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, timedelta

from .choices import Choices, ParsedChoices, parse_choices

MAX_BYTES = 60_000  # an export of the whole route is about 11 KB
RESTORED_START_WINDOW = timedelta(days=10 * 366)  # plans are kept while opened: years, maybe


@dataclass(frozen=True)
class Restored:
    choices: Choices | None
    done: tuple[str, ...] = ()
    unknown_items: tuple[str, ...] = ()  # ticked ids that are no longer on the route
    problems: tuple[str, ...] = field(default=())  # why nothing could be made, for the person
    unknown_role: str = ""  # a role the content no longer has: the plan is made without one

    @property
    def note(self) -> str:
        """What the person should know about a restore that worked."""
        notes = []
        if self.unknown_role:
            notes.append(
                f"The role “{self.unknown_role}” is no longer on the site, so the plan has no "
                "target role: choose one under “Change your choices”."
            )
        if self.unknown_items:
            notes.append(self._items_note())
        return " ".join(notes)

    def _items_note(self) -> str:
        n = len(self.unknown_items)
        names = ", ".join(f"“{i}”" for i in self.unknown_items[:5])
        more = f" and {n - 5} more" if n > 5 else ""
        are = "is" if n == 1 else "are"
        return (
            f"{n} ticked item{'s' if n != 1 else ''} ({names}{more}) {are} no longer on the "
            "route, so not restored. Everything else is."
        )


def read_export(
    text: str,
    *,
    background_ids: Collection[str],
    role_ids: Collection[str],
    optional_stage_ids: Collection[str],
    item_ids: Collection[str],
    today: date,
) -> Restored:
    """`text` should be a plan.json this site exported (docs/plan.md)."""
    if not text.strip():
        return _refused("Paste the contents of a plan.json file, or choose the file.")
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        return _refused(
            f"That is over {MAX_BYTES // 1000} KB: a plan.json from this site is about 11 KB."
        )
    text = text.removeprefix("\ufeff")  # a byte-order mark, as some editors save files
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return _refused("That is not JSON: paste the whole plan.json, from { to }.")
    if not isinstance(data, dict) or "background" not in data:
        return _refused("That JSON is not a plan.json from this site: it has no background.")
    listed = data.get("stages")
    stages: list[object] = listed if isinstance(listed, list) else []
    shown = {s.get("id") for s in stages if isinstance(s, dict)}
    role = _text(data.get("role"))
    unknown_role = role if role and role not in role_ids else ""
    form = {
        "background": [_text(data.get("background"))],
        "role": [] if unknown_role else [role],
        "hours": [_text(data.get("hours_per_week"))],
        "start": [_text(data.get("start"))],
        "include": [i for i in optional_stage_ids if i in shown],
    }
    parsed: ParsedChoices = parse_choices(
        form,
        background_ids=background_ids,
        role_ids=role_ids,
        optional_stage_ids=optional_stage_ids,
        today=today,
        start_window=RESTORED_START_WINDOW,
    )
    if parsed.choices is None:
        return Restored(None, problems=tuple(f"In the file: {m}." for m in parsed.errors.values()))
    ticked = data.get("done")
    ids = [i for i in ticked if isinstance(i, str)] if isinstance(ticked, list) else []
    for stage in stages:
        items = stage.get("items") if isinstance(stage, dict) else None
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and item.get("done") is True:
                ids += [item["id"]] if isinstance(item.get("id"), str) else []
    ids = list(dict.fromkeys(i[:80] for i in ids))
    known = tuple(sorted(i for i in ids if i in item_ids))
    unknown = tuple(i for i in ids if i not in item_ids)
    return Restored(parsed.choices, known, unknown, unknown_role=unknown_role)


def _refused(problem: str) -> Restored:
    return Restored(None, problems=(problem,))


def _text(value: object) -> str:
    if value is None:
        return ""
    return str(value)[:100]
