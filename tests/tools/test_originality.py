"""Our own words: no content sentence reads like a sentence of the five source articles.

The source articles live beside the repository, in ../shared/seeds/ (their README says what
each contributes), or wherever `SOURCE_ARTICLES_DIR` points. Where they are absent, as in a
clone on its own, the tests that need them skip and say why; in CI (`CI` set) they fail
instead, so a CI run cannot pass without checking. The scoring tests need no articles.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings

from tools import originality
from tools.originality import (
    Sentence,
    SourceIndex,
    content_sentences,
    source_articles_dir,
    source_sentences,
)

SHIPPED = Path(settings.BASE_DIR) / "content"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def articles_or_skip() -> list[Sentence]:
    """The source articles' sentences; where there are none, a skip (a failure in CI)."""
    folder = source_articles_dir()
    found = source_sentences(folder)
    if not found:
        reason = (
            f"the source articles are not at {folder}: the originality check needs them in "
            f"../shared/seeds/ beside the repository, or {originality.SOURCES_VARIABLE} "
            "pointing at them"
        )
        if in_ci():
            pytest.fail(f"CI is set and {reason}", pytrace=False)
        pytest.skip(reason)
    return found


@pytest.fixture(scope="module")
def sources() -> SourceIndex:
    return SourceIndex(articles_or_skip())


def test_missing_articles_fail_in_ci_and_skip_elsewhere(tmp_path, monkeypatch):
    monkeypatch.setenv(originality.SOURCES_VARIABLE, str(tmp_path / "nowhere"))
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI is set and the source articles"):
        articles_or_skip()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="SOURCE_ARTICLES_DIR"):
        articles_or_skip()


def test_the_articles_folder_can_be_moved(tmp_path, monkeypatch):
    monkeypatch.delenv(originality.SOURCES_VARIABLE, raising=False)
    beside = Path(settings.BASE_DIR).resolve().parent / "shared" / "seeds"
    assert source_articles_dir().resolve() == beside
    (tmp_path / "a.txt").write_text("One line here.\nAnother line there.\n", encoding="utf-8")
    monkeypatch.setenv(originality.SOURCES_VARIABLE, str(tmp_path))
    assert [s.text for s in source_sentences(source_articles_dir())] == [
        "One line here.",
        "Another line there.",
    ]


def test_no_content_sentence_reads_like_a_source_sentence(sources: SourceIndex):
    matches = sources.matches(content_sentences(SHIPPED))
    if matches:
        report = "\n\n".join(str(match) for match in matches)
        pytest.fail(f"{len(matches)} sentences read like the source articles:\n\n{report}")


# A sentence of 000_514c5df5c43f68fd.txt (line 9), pasted whole into a content file.
PASTED = (
    "A working AI feature is a service that takes a request, fetches the right context, "
    "calls a model, checks the output, handles failure, and ships behind a deploy pipeline."
)
PASTED_FROM = "000_514c5df5c43f68fd.txt"


def _paste_into_first_block(path: Path, sentence: str) -> int:
    """Put `sentence` at the top of the file's first multi-line text field; its line."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for number, line in enumerate(lines):
        if line.rstrip().endswith((": |", ": >-", ": >", ": |-")):
            indent = len(lines[number + 1]) - len(lines[number + 1].lstrip())
            lines.insert(number + 1, " " * indent + sentence)
            path.write_text("\n".join(lines), encoding="utf-8")
            return number + 2
    raise AssertionError(f"{path} has no multi-line text field to paste into")


def test_a_pasted_source_sentence_is_named_with_its_file_line_and_article(
    sources: SourceIndex, content_copy: Path
):
    line = _paste_into_first_block(content_copy / "faq.yaml", PASTED)

    found = [
        m for m in sources.matches(content_sentences(content_copy)) if PASTED in m.content.text
    ]

    assert len(found) == 1
    match = found[0]
    assert (match.content.path, match.content.line) == ("content/faq.yaml", line)
    assert match.source.path == PASTED_FROM
    assert match.source.text == PASTED
    message = str(match)
    assert f"content/faq.yaml:{line}" in message
    assert f"ours:   {PASTED}" in message
    assert PASTED_FROM in message


def test_a_pasted_sentence_in_a_markdown_guide_is_found_on_its_line(
    sources: SourceIndex, content_copy: Path
):
    guides = content_copy / "guides"
    guides.mkdir(exist_ok=True)
    (guides / "pasted.md").write_text(
        f'---\nid: pasted\ntitle: A guide\nsummary: "{PASTED}"\n---\n\n'
        "## A section\n\nOur own opening line here.\n\n"
        f"Then a paragraph that starts well. {PASTED}\n",
        encoding="utf-8",
    )

    found = [
        m for m in sources.matches(content_sentences(content_copy)) if m.content.text == PASTED
    ]

    assert [m.content.where for m in found] == [
        "content/guides/pasted.md:4 (summary)",
        "content/guides/pasted.md:11",
    ]


def test_the_title_of_a_cited_work_is_a_quotation_and_passes(sources: SourceIndex, tmp_path: Path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "skills.yaml").write_text(
        f'skills:\n  - id: x\n    summary: "{PASTED}"\n'
        f'    resources:\n      - title: "{PASTED}"\n        publisher: InfoWok\n',
        encoding="utf-8",
    )

    found = sources.matches(content_sentences(content))

    assert [m.content.field for m in found] == ["skills[0].summary"]


def test_the_command_lists_the_closest_and_fails_on_a_pasted_sentence(
    sources: SourceIndex, content_copy: Path, capsys
):
    assert originality.main(["--content", str(content_copy), "--top", "2"]) == 0
    shown = capsys.readouterr().out
    assert "The 2 content sentences closest to the source articles" in shown
    assert shown.count("    ours:   ") == 2 and "is too close." in shown

    line = _paste_into_first_block(content_copy / "faq.yaml", PASTED)
    assert originality.main(["--content", str(content_copy), "--top", "1"]) == 1
    shown = capsys.readouterr().out
    assert f"content/faq.yaml:{line}" in shown and "1 sentences read like" in shown


def test_the_command_says_where_it_looked_for_missing_articles(tmp_path, capsys):
    assert originality.main(["--sources", str(tmp_path)]) == 2
    assert f"No source articles (*.txt) at {tmp_path}" in capsys.readouterr().err


def _closeness(ours: str, theirs: str) -> bool:
    index = SourceIndex([Sentence(theirs, "source.txt", 1)])
    return index.closest(Sentence(ours, "content/test.yaml", 1)) is not None


# Passages as first drafted, beside the source sentence each was too close to:
# light rewordings that keep a source sentence's shape. Each must fail.
FIRST_DRAFTS = [
    (
        "The new craft is building dependable systems out of parts that are not dependable on "
        "their own, and being able to show, with numbers, that they work.",
        "The new craft is building reliable systems out of unreliable parts, and proving they "
        "work.",
    ),
    (
        "You already reason about latency budgets, p95s, throughput and what a design costs at "
        "ten times the load.",
        "You already think about latency, throughput, and what things cost at scale.",
    ),
    (
        "Chunking, embedding and indexing documents for retrieval, with metadata filters for "
        "tenant, permissions and freshness.",
        "Chunking, embedding, and indexing data for retrieval",
    ),
    (
        "Tracing why a chain or agent gave a wrong answer: which chunks were retrieved, what the "
        "full prompt looked like, which tool was called with which arguments.",
        "Tracing why a chain or agent returned a wrong answer",
    ),
    (
        "AI systems take untrusted text as input and, through tools, act on the world.",
        "Prompt injection, data exfiltration, and unsafe tool use — the threat model for "
        "systems that take untrusted text as input and can act on the world.",
    ),
    (
        "If you are early in your career and haven't run production services yet, expect every "
        "stage to take longer, because you are learning the engineering and the AI layer at the "
        "same time.",
        "If you’re early-career and haven’t run real services yet, you have two things to learn "
        "instead of one, and the timeline stretches.",
    ),
    (
        "The other half arrives the day your feature reaches production: eight other groups start "
        "depending on choices you made, and each one reads your work through its own concerns.",
        "The day your models reach production, every function around you reads your work through "
        "its own eyes, and its own work starts to ride on your decisions.",
    ),
    (
        'Work at frontier labs, on new architectures, or in any post that says "train from '
        'scratch" needs the deep track: linear algebra, probability, optimisation, PyTorch.',
        "Roles at frontier labs, computer-vision teams, or anything that says “train a model from "
        "scratch” need the deep ML track, not this one.",
    ),
    (
        "What is the difference between an AI engineer and an ML engineer?",
        "What is the difference between an AI engineer and a data scientist?",
    ),
    (
        "**DevOps, SRE and platform**: reliability, observability and cost control are exactly "
        "what many AI prototypes lack.",
        "DevOps and platform engineers have an especially clean on-ramp because the operations "
        "moat — reliability, observability, cost control — is exactly what production AI "
        "systems lack.",
    ),
    (
        "Two of our source articles make the same argument: one finished, well-explained system "
        "beats a stack of courses or half-built demos.",
        "One well-shipped, well-explained system beats five half-finished demos.",
    ),
]


@pytest.mark.parametrize(("draft", "source"), FIRST_DRAFTS)
def test_a_light_rewording_of_a_source_sentence_fails(draft: str, source: str):
    assert _closeness(draft, source)


# The same facts in our own words pass.
REWRITES = [
    (
        "The skill to learn is getting dependable behaviour out of a component that is not "
        "dependable, and proving it with measurements rather than a demo.",
        "The new craft is building reliable systems out of unreliable parts, and proving they "
        "work.",
    ),
    (
        "Chunks, embeddings and a vector index, filtered by tenant, permissions and date: the "
        "schema work of retrieval.",
        "Chunking, embedding, and indexing data for retrieval",
    ),
    (
        "Any page, email or tool result the model reads can carry instructions, and an agent "
        "with tools can carry them out.",
        "Prompt injection, data exfiltration, and unsafe tool use — the threat model for "
        "systems that take untrusted text as input and can act on the world.",
    ),
]


@pytest.mark.parametrize(("rewrite", "source"), REWRITES)
def test_the_same_facts_in_our_own_words_pass(rewrite: str, source: str):
    assert not _closeness(rewrite, source)
