"""Sources cited from content: the `[^id]` marker and what becomes of it.

An editor credits a claim by writing `[^id]` straight after it, in any Markdown field or guide,
where `id` names a source in sources.yaml. Sources are numbered once for the whole site, in the
order sources.yaml lists them, so a number means the same source on every page. On a page the
marker becomes a superscript number linking to the list of sources at the foot of that page
(webkit/footnotes.py). Plain-text fields cannot carry a marker: they are shown as typed.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping

from pydantic import BaseModel

from .problems import Loc

# Anything an editor may have meant as a marker; the id inside is checked separately.
MARKER = re.compile(r"\[\^([^\]\n]*)\]")
SOURCE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Code is only text: a marker inside a code span or block is shown as written.
CODE = re.compile(r"(<pre\b.*?</pre>|<code\b.*?</code>)", re.S)


class CitationError(ValueError):
    """Markers that name no source in sources.yaml; `ids` are what they name."""

    def __init__(self, message: str, ids: tuple[str, ...]) -> None:
        super().__init__(message)
        self.ids = ids


def unknown_source(wanted: str, numbers: Mapping[str, int]) -> str:
    """What is wrong with a marker's id, or "" when it names a numbered source."""
    if wanted in numbers:
        return ""
    if not SOURCE_ID.fullmatch(wanted):
        return f"has a source marker '[^{wanted}]' whose id is not an id; write [^source-id]"
    close = difflib.get_close_matches(wanted, list(numbers), n=1)
    hint = f"; did you mean '{close[0]}'?" if close else " (sources.yaml has no such id)"
    return f"cites unknown source '{wanted}'{hint}"


def footnote_mark(ident: str, number: int) -> str:
    """The superscript link a marker becomes; the number is read as "source N"."""
    return (
        f'<sup class="cite"><a href="#source-{ident}">'
        f'<span class="visually-hidden">source </span>{number}</a></sup>'
    )


def link_citations(html: str, numbers: Mapping[str, int]) -> tuple[str, tuple[str, ...]]:
    """`html` with every marker outside code turned into a footnote link, and the ids cited,
    in order of first citation. Raises `CitationError` naming every marker that cites nothing."""
    cited: list[str] = []
    problems: dict[str, str] = {}

    def link(match: re.Match[str]) -> str:
        ident = match.group(1)
        if problem := unknown_source(ident, numbers):
            problems[ident] = problem
            return match.group(0)
        cited.append(ident)
        return footnote_mark(ident, numbers[ident])

    parts = CODE.split(html)  # with a group in the pattern, every odd part is code
    linked = "".join(part if i % 2 else MARKER.sub(link, part) for i, part in enumerate(parts))
    if problems:
        raise CitationError("; ".join(problems.values()), tuple(problems))
    return linked, tuple(dict.fromkeys(cited))


def markers_in(text: str) -> list[tuple[str, int]]:
    """Each marker's id in plain `text` and the 0-based line it is on, to point at it."""
    return [(m.group(1), text.count("\n", 0, m.start())) for m in MARKER.finditer(text)]


def strings(value: object, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every string in validated content, with where it sits (Markdown fields included: they
    are `str` subclasses that carry the sources they cite)."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from strings(getattr(value, name), (*loc, name))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from strings(item, (*loc, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, (*loc, key))
    elif isinstance(value, str):
        yield loc, value
