"""Guides: long-form Markdown files with YAML front matter, `content/guides/<id>.md`.

A guide opens with its fields between two `---` lines, then the body:

    ---
    id: ai-engineer-vs-ml-engineer
    title: AI engineer or ML engineer?
    ...
    ---
    The body, in Markdown, with `##` headings.

The front matter is read by the same YAML reader as every content file (line numbers, no
anchors, no deep nesting, a size limit), with its lines counted from the top of the .md file.
The body is rendered and sanitised like any Markdown field; it may use `##` headings, because
the guide's title is the page's only level-1 heading. Markdown's toc extension gives each
heading an id (`section_id`) and lists the `##` ones for the table of contents (`sections`).
This module only splits and renders; the loader validates.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from markdown.extensions.toc import slugify

from .citations import CitationError, markers_in, unknown_source
from .problems import Problem
from .richtext import RichText, UnsafeMarkup, render, unsafe_markup
from .schema import GUIDE_MAX
from .yaml_source import SourceFile, parse_yaml, read_text

DIRECTORY = "guides"
FENCE = "---"
FRONT_MATTER = "(front matter)"
SHAPE = (
    "does not start with front matter: write a line `---`, the guide's fields "
    "(id, title, summary, reviewed), another `---`, then the Markdown"
)
# Ids the page itself uses: a section of a guide never takes one of them.
PAGE_IDS = frozenset({"main", "site-search", "sources", "related"})
MAX_ID_LENGTH = 60


@dataclass
class GuideFile:
    """One guide file read and split: its front matter parsed, its body as written."""

    source: SourceFile  # the front matter, with lines counted from the top of the file
    body: str
    body_line: int  # the line of the file the body starts on


def read_guide(path: Path, display: str, *, root: Path) -> tuple[GuideFile | None, list[Problem]]:
    """Read and split one guide. Never raises for bad input: problems come back as a list."""
    raw, text = read_text(path, display, root=root)
    if isinstance(text, Problem):
        return None, [text]
    lines = text.removeprefix("\ufeff").split("\n")
    if lines[0].rstrip() != FENCE:
        return None, [Problem(display, 1, "(file)", SHAPE)]
    close = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() == FENCE), None)
    if close is None:
        message = "has no closing `---` line; the body cannot start"
        return None, [Problem(display, 1, FRONT_MATTER, message)]
    front = "\n".join(lines[1:close])
    source, problems = parse_yaml(front, display, first_line=2, what=FRONT_MATTER)
    source.raw = raw
    return GuideFile(source, "\n".join(lines[close + 1 :]), close + 2), problems


def render_body(guide: GuideFile, sources: Mapping[str, int] | None) -> RichText | list[Problem]:
    """The body as sanitised HTML with an id on every heading, or what is wrong with it,
    each problem on the line it is on where that can be told."""
    display, text = guide.source.path, guide.body.strip()

    def problem(message: str, line: int = guide.body_line) -> list[Problem]:
        return [Problem(display, line, "body", message)]

    if not text:
        return problem("is empty; write the guide in Markdown under the front matter")
    if len(text) > GUIDE_MAX:
        return problem(f"is {len(text)} characters long; the limit is {GUIDE_MAX}")
    first = guide.body_line + guide.body[: guide.body.find(text)].count("\n")
    unsafe = unsafe_markup(text, top_heading=2, heading_ids=section_id)
    if unsafe:
        return problem(f"contains {unsafe}; markup that can run code is not allowed")
    try:
        return render(text, sources=sources, top_heading=2, heading_ids=section_id)
    except UnsafeMarkup as refused:
        return problem(str(refused))
    except CitationError as error:  # point at each bad marker's own line
        found = [
            Problem(display, first + offset, "body", unknown_source(ident, sources or {}))
            for ident, offset in markers_in(text)
            if ident in error.ids
        ]
        return found or problem(str(error))


def section_id(text: str, separator: str) -> str:
    """A heading's id: Markdown's own slug of its text, at most 60 characters, never an id the
    page itself uses. (Markdown adds _1, _2 to a second heading with the same id.)"""
    ident = slugify(text, separator)[:MAX_ID_LENGTH].strip(separator) or "section"
    return f"{ident}{separator}2" if ident in PAGE_IDS else ident


def sections(body: RichText) -> list[tuple[str, str]]:
    """Each `##` heading of a rendered guide as (id, text): the guide's table of contents."""
    return list(body.contents)
