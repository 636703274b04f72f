"""Sources: a claim is credited by `[^id]`, which becomes a numbered link to the page's list of
sources. A marker naming no source, a marker in a field shown as typed, and a source listed
twice are errors at their line; a source nobody cites is a warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from content_engine.citations import CitationError, link_citations
from content_engine.loader import load_content
from content_engine.problems import ContentError, Problem
from content_engine.richtext import render

NUMBERS = {"first-source": 1, "second-source": 2}


def test_a_marker_becomes_a_numbered_link_and_code_stays_code():
    text = render(
        "A claim.[^second-source] Another.[^first-source] Again.[^second-source] `[^x]`",
        sources=NUMBERS,
    )
    assert (
        '<a href="#source-second-source"><span class="visually-hidden">source </span>2</a>' in text
    )
    assert text.count('<sup class="cite">') == 3
    assert "<code>[^x]</code>" in text
    assert text.cites == ("second-source", "first-source")  # first citation first, once each
    assert text.plain == "A claim. Another. Again. [^x]"  # descriptions carry no numbers


def test_without_numbered_sources_a_marker_is_left_as_written():
    assert render("A claim.[^first-source]").cites == ()
    assert "[^first-source]" in render("A claim.[^first-source]")


@pytest.mark.parametrize(
    ("marker", "message"),
    [
        ("[^first-sorce]", "cites unknown source 'first-sorce'; did you mean 'first-source'?"),
        ("[^1]", "cites unknown source '1' (sources.yaml has no such id)"),
        ("[^First Source]", "has a source marker '[^First Source]' whose id is not an id"),
    ],
)
def test_a_marker_that_names_no_source_is_refused(marker, message):
    with pytest.raises(CitationError) as refused:
        link_citations(f"<p>A claim.{marker}</p>", NUMBERS)
    assert str(refused.value).startswith(message)


def load_problems(directory: Path) -> list[Problem]:
    with pytest.raises(ContentError) as raised:
        load_content(directory)
    return [p for p in raised.value.problems if p.severity == "error"]


def edit(path: Path, old: str, new: str) -> int:
    """Replace the first line holding `old`; return its line number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if old in line)
    lines[index] = lines[index].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    return index + 1


def append_to_line(path: Path, line: int, text: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[line - 1] += text
    path.write_text("\n".join(lines), encoding="utf-8")


def test_a_field_citing_an_unknown_source_is_an_error_at_its_line(content_copy, content):
    _, line = content.locate("faq.yaml", ("questions", 0, "answer"))
    append_to_line(content_copy / "faq.yaml", line + 1, "[^no-such-source]")
    (problem,) = load_problems(content_copy)
    assert (Path(problem.path).name, problem.field) == ("faq.yaml", "questions[0].answer")
    assert problem.line == line
    assert "cites unknown source 'no-such-source'" in problem.message


def test_a_marker_in_a_plain_text_field_is_an_error_at_its_line(content_copy, content):
    source = content.sources[0].id
    _, line = content.locate("faq.yaml", ("mistakes", 0, "why_it_hurts"))
    append_to_line(content_copy / "faq.yaml", line + 1, f"[^{source}]")
    (problem,) = load_problems(content_copy)
    assert (Path(problem.path).name, problem.field) == ("faq.yaml", "mistakes[0].why_it_hurts")
    assert problem.line == line
    assert f"has a source marker '[^{source}]', which works only in a Markdown field" in (
        problem.message
    )


def test_a_source_listed_twice_is_an_error(content_copy, content):
    path = content_copy / "sources.yaml"
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    first = content.sources[0].id
    lines += [f"  - id: {first}", "    title: The same again", "    publisher: Nobody"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = load_problems(content_copy)
    duplicate = [p for p in problems if "duplicate source id" in p.message]
    assert len(duplicate) == 1 and duplicate[0].line == len(lines) - 2


def test_a_source_nobody_cites_is_a_warning_not_an_error(content_copy):
    with (content_copy / "sources.yaml").open("a", encoding="utf-8") as file:
        file.write("  - id: an-unread-book\n    title: An unread book\n    publisher: Nobody\n")
    content = load_content(content_copy)
    (warning,) = [w for w in content.warnings if "an-unread-book" in w.message]
    assert Path(warning.path).name == "sources.yaml" and warning.severity == "warning"
    assert "is cited nowhere" in warning.message


def test_sources_are_numbered_in_file_order(content):
    assert list(content.source_number.values()) == list(range(1, len(content.sources) + 1))
    assert list(content.source_number) == [s.id for s in content.sources]
