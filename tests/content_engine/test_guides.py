"""Guides: Markdown files with YAML front matter under content/guides/. A good one loads with
its body rendered and its sections linkable; a broken one is named as `path:line: field:
message`, with the line counted from the top of the .md file; hostile front matter is refused
like any hostile YAML; markup the page would drop or run is refused, never shown."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from content_engine.content import Content
from content_engine.guides import sections
from content_engine.loader import load_content
from content_engine.problems import ContentError, Problem

NAME = "reading-a-job-post"


def guide_text(content: Content, *, front: str = "", body: str = "") -> str:
    """A valid guide citing the first source and linking a real role, stage and skill; `front`
    is added at the end of the front matter, `body` replaces the body."""
    return (
        "---\n"  # line 1
        f"id: {NAME}\n"  # line 2
        "title: Reading a job post\n"  # line 3
        "summary: How to tell from the duties which job a post describes.\n"  # line 4
        f"reviewed: {date.today().isoformat()}\n"  # line 5
        f"roles: [{content.roles[0].id}]\n"  # line 6
        f"stages: [{content.stages[-1].id}]\n"  # line 7
        f"skills: [{content.skills[0].id}]\n"  # line 8
        f"{front}"
        "---\n"
        + (
            body
            or f"Titles mislead; duties do not.[^{content.sources[0].id}]\n\n"
            "## What the duties say\n\nRead the verbs.\n\n## What to ask\n\n"
            "Ask who owns the eval set, and `[^not-a-citation]` stays code.\n"
        )
    )


def write_guide(directory: Path, text: str, name: str = NAME) -> Path:
    folder = directory / "guides"
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.md"
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(directory: Path) -> list[Problem]:
    with pytest.raises(ContentError) as raised:
        load_content(directory)
    return [p for p in raised.value.problems if p.severity == "error"]


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def where(problem: Problem) -> tuple[str, int, str]:
    return Path(problem.path).name, problem.line, problem.field


def test_a_guide_loads_with_its_body_rendered_and_its_sections_linkable(content_copy, content):
    write_guide(content_copy, guide_text(content))
    guide = load_content(content_copy).guide_by_id[NAME]
    assert guide.title == "Reading a job post" and guide.roles == [content.roles[0].id]
    assert '<h2 id="what-the-duties-say">What the duties say</h2>' in guide.body
    assert sections(guide.body) == [
        ("what-the-duties-say", "What the duties say"),
        ("what-to-ask", "What to ask"),
    ]
    source = content.sources[0].id
    assert f'<a href="#source-{source}">' in guide.body and guide.body.cites == (source,)
    assert "<code>[^not-a-citation]</code>" in guide.body
    assert guide.body.source.startswith("Titles mislead")


def test_every_heading_gets_its_own_id_and_the_contents_list_the_top_ones(content_copy, content):
    body = (
        "Intro.\n\n## Sources\n\nA.\n\n### Détails & more\n\nB.\n\n## Sources\n\nC.\n\n"
        f"## {'word ' * 20}\n\nD.\n"
    )
    write_guide(content_copy, guide_text(content, body=body))
    guide = load_content(content_copy).guide_by_id[NAME]
    long_id = "-".join(["word"] * 12)  # cut at 60 characters, then at a whole word
    assert sections(guide.body) == [
        ("sources-2", "Sources"),  # "sources" is the page's own list of sources
        ("sources-2_1", "Sources"),
        (long_id, ("word " * 20).strip()),
    ]
    assert '<h3 id="details-more">Détails &amp; more</h3>' in guide.body


@pytest.mark.parametrize(
    "body",
    ['<h2 id="main">Written as HTML</h2>\n', "<h2>Written as HTML</h2>\n"],
    ids=["with-an-id", "without"],
)
def test_a_heading_written_as_html_is_refused(content_copy, content, body):
    write_guide(content_copy, guide_text(content, body=f"Intro.\n\n{body}"))
    problem = only(problems_of(content_copy))
    assert "contains a heading written as HTML (<h2>), which gets no id" in problem.message


def test_guides_are_listed_by_title_and_change_the_content_version(content_copy, content):
    before = load_content(content_copy)
    path = write_guide(content_copy, guide_text(content))
    text = guide_text(content).replace("title: Reading", "title: Aardvarks and reading")
    write_guide(content_copy, text.replace(f"id: {NAME}", "id: aardvarks"), "aardvarks")
    after = load_content(content_copy)
    titles = [g.title for g in after.guides]
    assert titles == sorted(titles, key=str.casefold)
    assert after.version != before.version
    path.write_text(path.read_text(encoding="utf-8").replace("Read the verbs", "Read the nouns"))
    assert load_content(content_copy).version != after.version


def test_no_guides_folder_means_no_guides(content_copy):
    shutil.rmtree(content_copy / "guides", ignore_errors=True)
    assert load_content(content_copy).guides == ()


@pytest.mark.parametrize(
    ("front", "line", "field", "message"),
    [
        ("tittle: Typo\n", 9, "tittle", "is not a known field; did you mean 'title'?"),
        ("body: not here\n", 9, "body", "is not a known field"),
    ],
    ids=["misspelt-field", "body-in-front-matter"],
)
def test_a_front_matter_error_points_at_its_line_in_the_md_file(
    content_copy, content, front, line, field, message
):
    write_guide(content_copy, guide_text(content, front=front))
    problem = only(problems_of(content_copy))
    assert where(problem) == (f"{NAME}.md", line, field)
    assert message in problem.message


def test_a_wrong_value_and_a_missing_field_are_named(content_copy, content):
    text = guide_text(content).replace("reviewed: ", "reviewed: not-a-date ")
    text = text.replace("title: Reading a job post\n", "")
    write_guide(content_copy, text)
    found = {(p.line, p.field): p.message for p in problems_of(content_copy)}
    assert found[(2, "title")] == "is required"  # a missing field: where the fields start
    assert "date" in found[(4, "reviewed")]


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "message"),
    [
        ("roles: [", "roles: [no-such-role, ", 6, "roles[0]", "unknown role 'no-such-role'"),
        ("stages: [", "stages: [no-such-stage, ", 7, "stages[0]", "unknown stage"),
        ("skills: [", "skills: [retreival, ", 8, "skills[0]", "unknown skill 'retreival'"),
    ],
)
def test_related_ids_must_exist(content_copy, content, old, new, line, field, message):
    write_guide(content_copy, guide_text(content).replace(old, new))
    problem = only(problems_of(content_copy))
    assert where(problem) == (f"{NAME}.md", line, field)
    assert message in problem.message


def test_a_related_id_listed_twice_is_refused(content_copy, content):
    role = content.roles[0].id
    write_guide(
        content_copy, guide_text(content).replace(f"roles: [{role}]", f"roles: [{role}, {role}]")
    )
    problem = only(problems_of(content_copy))
    assert where(problem) == (f"{NAME}.md", 6, "roles")
    assert problem.message == "lists the same id twice"


def test_the_id_must_match_the_file_name(content_copy, content):
    write_guide(content_copy, guide_text(content), name="job-posts")
    problem = only(problems_of(content_copy))
    assert where(problem) == ("job-posts.md", 2, "id")
    assert f"name the file {NAME}.md" in problem.message


@pytest.mark.parametrize(
    ("text", "line", "field", "message"),
    [
        ("Just Markdown, no front matter.\n", 1, "(file)", "does not start with front matter"),
        ("---\nid: x\ntitle: Never closed\n", 1, "(front matter)", "has no closing `---` line"),
        ("---\n---\nA body.\n", 2, "(front matter)", "is empty; expected a mapping"),
        ("---\n- a list\n---\nA body.\n", 2, "(front matter)", "is a list; expected a mapping"),
        ("---\nid: [unclosed\n---\nA body.\n", 2, "(yaml)", "YAML syntax error"),
    ],
    ids=["no-front-matter", "unclosed", "empty", "a-list", "yaml-syntax"],
)
def test_a_guide_that_is_not_shaped_like_one_is_one_problem(
    content_copy, text, line, field, message
):
    write_guide(content_copy, text)
    problem = only(problems_of(content_copy))
    assert where(problem) == (f"{NAME}.md", line, field)
    assert message in problem.message


@pytest.mark.parametrize(
    ("front", "message"),
    [
        ("x: &a [lol, lol]\ny: *a\n", "YAML anchors and aliases (&name, *name) are not allowed"),
        ("deep: " + "[" * 100 + "]" * 100 + "\n", "nests deeper than 32 levels"),
    ],
    ids=["aliases", "deep-nesting"],
)
def test_hostile_front_matter_is_refused_like_any_hostile_yaml(
    content_copy, content, front, message
):
    write_guide(content_copy, guide_text(content, front=front))
    problem = only(problems_of(content_copy))
    assert where(problem) == (f"{NAME}.md", 9, "(yaml)")
    assert message in problem.message


def test_a_guide_that_is_too_big_or_not_text_is_refused_unread(content_copy):
    path = write_guide(content_copy, "---\n" + "x" * (513 * 1024))
    problem = only(problems_of(content_copy))
    assert where(problem) == (f"{NAME}.md", 1, "(file)") and "the limit is" in problem.message
    path.write_bytes(b"---\nid: caf\xe9\n---\n")
    problem = only(problems_of(content_copy))
    assert "is not UTF-8 text (byte 0xe9)" in problem.message


def test_a_symbolic_link_out_of_the_content_folder_is_refused(content_copy, content, tmp_path):
    outside = tmp_path / "elsewhere.md"
    outside.write_text(guide_text(content), encoding="utf-8")
    (content_copy / "guides").mkdir(exist_ok=True)
    os.symlink(outside, content_copy / "guides" / f"{NAME}.md")
    problem = only(problems_of(content_copy))
    assert "outside the content directory" in problem.message


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("Fine.\n\n<script>alert(1)</script>\n", "contains a <script> tag; markup that can run"),
        ("[Click](javascript:alert(1))\n", "contains a javascript: link; markup that can run"),
        ("Hello <span>there</span>.\n", "contains a <span> tag, which the page would remove"),
        ("# A second title\n", "a level-1 heading (# or <h1>), which the page would show as plain"),
        ("![chart](https://example.org/c.png)\n", "contains an image, which the page would remove"),
    ],
    ids=["script", "javascript-link", "span", "h1", "image"],
)
def test_unsafe_or_dropped_markup_in_the_body_is_refused_at_the_body(
    content_copy, content, body, message
):
    path = write_guide(content_copy, guide_text(content, body=body))
    problem = only(problems_of(content_copy))
    body_line = path.read_text(encoding="utf-8").split("\n").index("---", 1) + 2
    assert where(problem) == (f"{NAME}.md", body_line, "body")
    assert message in problem.message


def test_an_empty_or_overlong_body_is_refused(content_copy, content):
    write_guide(content_copy, guide_text(content, body="\n\n"))
    assert "is empty" in only(problems_of(content_copy)).message
    write_guide(content_copy, guide_text(content, body="word " * 5000))
    assert "the limit is 24000" in only(problems_of(content_copy)).message


def test_an_unknown_source_is_named_on_the_line_that_cites_it(content_copy, content):
    real = content.sources[0].id
    claim = f"Two, and a claim.[^{real}s]"
    path = write_guide(content_copy, guide_text(content, body=f"One.\n\n{claim}\n"))
    problem = only(problems_of(content_copy))
    line = path.read_text(encoding="utf-8").split("\n").index(claim) + 1
    assert where(problem) == (f"{NAME}.md", line, "body")
    assert problem.message == f"cites unknown source '{real}s'; did you mean '{real}'?"


def test_a_stray_file_in_the_guides_folder_is_a_warning(content_copy):
    (content_copy / "guides").mkdir(exist_ok=True)
    (content_copy / "guides" / "notes.txt").write_text("draft", encoding="utf-8")
    warnings = [w for w in load_content(content_copy).warnings if "notes.txt" in w.path]
    assert len(warnings) == 1 and "a guide is a .md file" in warnings[0].message
