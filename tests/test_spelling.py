"""One spelling convention, British English, across the content and the templates' own words.

Only prose is read: content fields that hold words (not ids, URLs, types or the titles of
outside resources, which keep their publishers' spelling), and template text and the attributes
a person hears or sees (aria-label, title, alt, placeholder), with template tags, comments,
code spans and other attributes taken out first. Each American spelling found is reported as
`path:line: word (write: british)`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

from content_engine.problems import Loc
from content_engine.yaml_source import read_yaml

ROOT = Path(settings.BASE_DIR)
CONTENT = ROOT / "content"
TEMPLATES = ROOT / "templates"

# Whole words, American -> British. -ize/-yze forms are caught by the patterns below.
AMERICAN = {
    "behavior": "behaviour", "behaviors": "behaviours", "behavioral": "behavioural",
    "color": "colour", "colors": "colours", "colored": "coloured",
    "favor": "favour", "favors": "favours", "favored": "favoured", "favorite": "favourite",
    "honor": "honour", "labor": "labour", "humor": "humour", "flavor": "flavour",
    "neighbor": "neighbour", "neighbors": "neighbours", "neighboring": "neighbouring",
    "endeavor": "endeavour", "rumor": "rumour",
    "center": "centre", "centers": "centres", "centered": "centred", "theater": "theatre",
    "fiber": "fibre", "liter": "litre",  # a meter (that measures) is a meter in both
    "labeled": "labelled", "labeling": "labelling", "modeled": "modelled",
    "modeling": "modelling", "modeler": "modeller", "canceled": "cancelled",
    "canceling": "cancelling", "traveled": "travelled", "traveling": "travelling",
    "leveled": "levelled", "signaled": "signalled", "signaling": "signalling",
    "fueled": "fuelled", "counseling": "counselling", "tunneling": "tunnelling",
    "defense": "defence", "defenses": "defences", "offense": "offence",
    "catalog": "catalogue", "catalogs": "catalogues", "gray": "grey",
    "fulfill": "fulfil", "enroll": "enrol", "skillful": "skilful", "mold": "mould",
    "toward": "towards", "percent": "per cent",
}  # fmt: skip
IZE = re.compile(r"^([a-z]+?)(iz)(e|es|ed|ing|er|ers|ation|ations|able)$")
YZE = re.compile(r"^([a-z]+?)(yz)(e|es|ed|ing|er|ers)$")
NOT_IZE = {"size", "sizes", "sized", "sizing", "seize", "seizes", "seized", "prize", "prizes"}
NOT_IZE_ENDINGS = ("size", "sizes", "sized", "sizing")  # resize, downsize: the same in both
PROPER_NAMES = {"Arize"}  # products and publishers keep their own spelling

WORD = re.compile(r"[A-Za-z]+")
CODE_SPAN = re.compile(r"`[^`]*`")
URL = re.compile(r"https?://\S+|\]\([^)]*\)")
SOURCE_MARKER = re.compile(r"\[\^[^\]]*\]")  # [^source-id]: an id, not a word

# Content fields that are not prose: identifiers, addresses, kinds, and outside titles.
NOT_PROSE_KEYS = {"id", "url", "type", "role", "skill", "background", "stage"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def british(word: str) -> str | None:
    """The British spelling when `word` is an American one, else None."""
    lower = word.lower()
    if word in PROPER_NAMES:
        return None
    if lower in AMERICAN:
        return AMERICAN[lower]
    if lower in NOT_IZE or lower.endswith(NOT_IZE_ENDINGS):
        return None
    if match := IZE.match(lower):
        return f"{match[1]}is{match[3]}"
    if match := YZE.match(lower):
        return f"{match[1]}ys{match[3]}"
    return None


def american_words(text: str) -> Iterator[tuple[str, str]]:
    text = URL.sub(" ", SOURCE_MARKER.sub(" ", CODE_SPAN.sub(" ", text)))
    for word in WORD.findall(text):
        if (fix := british(word)) is not None:
            yield word, fix


# Content: every prose field, found on its own lines of the file.
def _prose_locs(data: object, loc: Loc = ()) -> Iterator[Loc]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key in NOT_PROSE_KEYS:
                continue
            if key == "title" and "resources" in loc:
                continue  # an outside resource's title, spelt as its publisher spells it
            yield from _prose_locs(value, (*loc, key))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from _prose_locs(item, (*loc, i))
    elif isinstance(data, str) and not SLUG.match(data):
        yield loc


def content_findings(path: Path) -> list[str]:
    source, problems = read_yaml(path, path.name)
    assert not problems, problems
    lines = path.read_text(encoding="utf-8").splitlines()
    starts = sorted(set(source.lines.values()))
    findings = []
    for loc in _prose_locs(source.data):
        first = source.line_of(loc)
        later = [n for n in starts if n > first]
        last = later[0] - 1 if later else len(lines)
        for number in range(first, last + 1):
            for word, fix in american_words(lines[number - 1]):
                findings.append(f"content/{path.name}:{number}: {word} (write: {fix})")
    return sorted(set(findings))


# Templates: the words between the tags, and the attributes people read or hear.
TEMPLATE_CODE = re.compile(
    r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}|{#.*?#}|{%.*?%}|{{.*?}}|<!--.*?-->"
    r"|<(script|style)\b.*?</\1>",
    re.S,
)
TAG = re.compile(r"<[^>]*>", re.S)
PROSE_ATTRIBUTE = re.compile(r'\b(?:aria-label|title|alt|placeholder)="([^"]*)"')


def _blank(match: re.Match[str]) -> str:
    """The same number of lines, so line numbers still point at the file."""
    return "\n" * match.group(0).count("\n")


def _tag_words(match: re.Match[str]) -> str:
    kept = " ".join(PROSE_ATTRIBUTE.findall(match.group(0)))
    return f" {kept} " + "\n" * match.group(0).count("\n")  # a tag still ends a word


def template_findings(path: Path, root: Path = ROOT) -> list[str]:
    text = TEMPLATE_CODE.sub(_blank, path.read_text(encoding="utf-8"))
    text = TAG.sub(_tag_words, text)
    name = path.relative_to(root)
    return [
        f"{name}:{number}: {word} (write: {fix})"
        for number, line in enumerate(text.splitlines(), start=1)
        for word, fix in american_words(line)
    ]


def test_content_is_in_british_english():
    findings = [f for path in sorted(CONTENT.glob("*.yaml")) for f in content_findings(path)]
    assert not findings, "American spellings in content:\n" + "\n".join(findings)


def guide_findings(path: Path) -> list[str]:
    """A guide's prose: its title and summary, and every body line outside code blocks."""
    findings, in_code = [], False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.lstrip().startswith("```"):
            in_code = not in_code
        key = line.split(":", 1)[0]
        if in_code or key in {"id", "roles", "stages", "skills", "reviewed"}:
            continue
        for word, fix in american_words(line):
            findings.append(f"content/guides/{path.name}:{number}: {word} (write: {fix})")
    return findings


def test_guides_are_in_british_english():
    paths = sorted((CONTENT / "guides").glob("*.md"))
    findings = [f for path in paths for f in guide_findings(path)]
    assert not findings, "American spellings in guides:\n" + "\n".join(findings)


def test_a_guide_is_read_as_prose_but_its_ids_markers_and_code_are_not(tmp_path: Path):
    (tmp_path / "g.md").write_text(
        "---\nid: optimize-me\ntitle: Color\n---\nWe organize.[^organize-2026]\n"
        "```\nnormalize()\n```\nA `tokenize()` call.\n",
        encoding="utf-8",
    )
    assert guide_findings(tmp_path / "g.md") == [
        "content/guides/g.md:3: Color (write: colour)",
        "content/guides/g.md:5: organize (write: organise)",
    ]


def test_templates_are_in_british_english():
    paths = sorted(TEMPLATES.rglob("*.html"))
    findings = [f for path in paths for f in template_findings(path)]
    assert not findings, "American spellings in templates:\n" + "\n".join(findings)


@pytest.mark.parametrize(
    ("word", "fix"),
    [
        ("organize", "organise"), ("Optimizing", "optimising"), ("prioritized", "prioritised"),
        ("analyze", "analyse"), ("behavior", "behaviour"), ("color", "colour"),
        ("quantization", "quantisation"), ("labeled", "labelled"), ("toward", "towards"),
    ],
)  # fmt: skip
def test_american_spellings_are_named_with_their_british_form(word, fix):
    assert british(word) == fix


@pytest.mark.parametrize(
    "word", ["size", "resize", "prize", "seize", "organise", "analyse", "behaviour", "realise"]
)
def test_british_and_shared_words_pass(word):
    assert british(word) is None


def test_code_urls_and_outside_titles_are_not_prose(tmp_path: Path):
    (tmp_path / "x.yaml").write_text(
        "id: optimize-me\n"
        "summary: >-\n"
        "  Call `tokenizer.normalize()` and read https://example.org/optimize.\n"
        "  Then we organize it.\n"
        "resources:\n"
        "  - title: Optimizing LLM accuracy\n"
        "    url: https://example.org/optimizing\n",
        encoding="utf-8",
    )
    assert content_findings(tmp_path / "x.yaml") == ["content/x.yaml:4: organize (write: organise)"]


def test_template_code_and_attributes_are_not_prose(tmp_path: Path):
    page = tmp_path / "page.html"
    page.write_text(
        '{% load x %}<p class="color-scheme">{{ n|pluralize }}</p>\n'
        "{% comment %}\nWe optimize.\n{% endcomment %}\n"
        '<a href="/?sort=color" aria-label="Pick a color">Behavior</a>\n',
        encoding="utf-8",
    )
    assert template_findings(page, tmp_path) == [
        "page.html:5: color (write: colour)",
        "page.html:5: Behavior (write: behaviour)",
    ]
