"""Find content sentences that sit too close to a sentence of the source articles.

Facts, structure and figures may come from the source articles; sentences may not. A shared
run of words alone misses a paraphrase that keeps a sentence's shape and swaps a few words, so
each sentence (and each clause of it, split at ; : and dashes) is compared with the source
sentences and clauses that share word pairs with it, in two ways, on normalised words
(lower case, plural s dropped):

- the word-sequence ratio of the two whole pieces (difflib's SequenceMatcher on word lists:
  1.0 for the same words in the same order), when both have at least `MIN_RATIO_WORDS` words;
- the closest stretch: the part of both where their shared words sit densest, counted once it
  holds at least `MIN_STRETCH_WORDS` shared words. "Chunking, embedding and indexing documents
  for retrieval" against "Chunking, embedding, and indexing data for retrieval" is a stretch
  of six shared words out of seven on each side.

A piece fails at `MAX_RATIO` or `MAX_STRETCH` or above. Both limits were calibrated on the
passages the originality review flagged (tests/tools/test_originality.py lists them):
each of those fails at these limits, while a stretch limit of 0.70 already catches unrelated
sentences that merely share a phrase. Editors see file, line, field, both sentences and scores.
Some rewordings keep a source's meaning and rhythm with different words ("the same reasoning
with a different meter"); no word measure sees those, so they stay a reviewer's job.

Run it as `python -m tools.originality` (`make originality`): it prints the content sentences
closest to the source articles, and the ones too close, and exits 1 when there are any. The
articles are read from ../shared/seeds/ beside the repository, or from `SOURCE_ARTICLES_DIR`.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from difflib import Match as Block
from difflib import SequenceMatcher
from pathlib import Path

import yaml

from content_engine.problems import Loc, format_loc
from content_engine.yaml_source import read_yaml

ROOT = Path(__file__).resolve().parent.parent
SOURCES_VARIABLE = "SOURCE_ARTICLES_DIR"

MAX_RATIO = 0.55
MIN_RATIO_WORDS = 8  # shorter pieces are headings and labels; the stretch still covers them
MAX_STRETCH = 0.75
MIN_STRETCH_WORDS = 6
MIN_PIECE_WORDS = 5
MIN_SHARED_PAIRS = 2  # word pairs in common before two pieces are compared at all

WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
BARE_URL = re.compile(r"https?://\S+")
# A sentence ends at . ! or ? before a space and a capital, digit, quote or bracket. Blocks end
# at a blank line, a line that starts a list item or a heading, and a table cell's edge; in the
# source articles, whose paragraphs are lines, at every line end.
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[A-Z0-9\"“‘(*])")
BLOCK_END = re.compile(r"\n\s*\n|\n\s*(?:[-*+•]|\d+[.)]|#+)\s|\s*\|\s*")
LINE_END = re.compile(r"\n|\s*\|\s*")
CLAUSE_END = re.compile(r"\s*[;:—–]\s+|\s+-\s+")


@dataclass(frozen=True)
class Sentence:
    """A sentence as written and where: file, line and, in YAML, the field."""

    text: str
    path: str
    line: int
    field: str = ""

    @property
    def where(self) -> str:
        place = f"{self.path}:{self.line}"
        return f"{place} ({self.field})" if self.field else place


@dataclass(frozen=True)
class Score:
    """How close two pieces of text are (see the module docstring)."""

    ratio: float
    stretch: float
    stretch_words: int

    @property
    def too_close(self) -> bool:
        return self.ratio >= MAX_RATIO or self.stretch >= MAX_STRETCH


@dataclass(frozen=True)
class Match:
    """A content sentence too close to a source sentence, and how close."""

    content: Sentence
    source: Sentence
    score: Score

    def __str__(self) -> str:
        found = self.score
        return (
            f"{self.content.where}: too close to a sentence of {self.source.path}; say it in "
            f"our own words (word-sequence ratio {found.ratio:.2f}, limit {MAX_RATIO}; closest "
            f"stretch {found.stretch:.2f} over {found.stretch_words} shared words, limit "
            f"{MAX_STRETCH})\n"
            f"    ours:   {self.content.text}\n"
            f"    source: {self.source.text} ({self.source.where})"
        )


def words(text: str) -> tuple[str, ...]:
    """Lower-case words without Markdown links, URLs, punctuation or a plural s."""
    text = MARKDOWN_LINK.sub(r"\1", text)
    text = BARE_URL.sub(" ", text)
    text = text.replace("’", "'").replace("‘", "'").lower()
    return tuple(_singular(word) for word in WORD.findall(text))


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def split_sentences(text: str, *, lines_are_paragraphs: bool = False) -> list[tuple[int, str]]:
    """The sentences of a block of text, each with its offset in the text."""
    found: list[tuple[int, str]] = []
    blocks = LINE_END if lines_are_paragraphs else BLOCK_END
    for block_start, block in _pieces(text, blocks, 0):
        for start, sentence in _pieces(block, SENTENCE_END, block_start):
            cleaned = " ".join(sentence.split())
            if cleaned:
                found.append((start, cleaned))
    return found


def _pieces(text: str, boundary: re.Pattern[str], offset: int) -> Iterator[tuple[int, str]]:
    start = 0
    for cut in boundary.finditer(text):
        yield offset + start, text[start : cut.start()]
        start = cut.end()
    yield offset + start, text[start:]


def _units(sentence: str) -> list[tuple[str, ...]]:
    """The sentence's words, and each clause's words when it has more than one clause."""
    clauses = CLAUSE_END.split(sentence)
    texts = [sentence, *clauses] if len(clauses) > 1 else [sentence]
    return [found for text in texts if len(found := words(text)) >= MIN_PIECE_WORDS]


# --- reading the two sides ------------------------------------------------------------------


def source_sentences(seeds_dir: Path) -> list[Sentence]:
    """Every sentence of the source articles (`*.txt`; the README only describes them)."""
    found: list[Sentence] = []
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for start, sentence in split_sentences(text, lines_are_paragraphs=True):
            found.append(Sentence(sentence, path.name, 1 + text.count("\n", 0, start)))
    return found


def content_sentences(content_dir: Path) -> list[Sentence]:
    """Every sentence of every text field in `content_dir`: YAML files and Markdown guides."""
    found: list[Sentence] = []
    for path in sorted(content_dir.glob("*.yaml")):
        found.extend(_yaml_sentences(path, f"{content_dir.name}/{path.name}", content_dir))
    for path in sorted(content_dir.glob("guides/*.md")):
        found.extend(_markdown_sentences(path, f"{content_dir.name}/guides/{path.name}"))
    return found


def _yaml_sentences(path: Path, display: str, root: Path) -> list[Sentence]:
    source, problems = read_yaml(path, display, root=root)
    if problems:
        return []  # check_content reports a file that cannot be read
    tokens = _tokens_with_lines(source.raw.decode("utf-8"))
    found: list[Sentence] = []
    for loc, value in _strings(source.data, ()):
        line = source.line_of(loc)
        cursor = _first_token_at(tokens, line)
        for _, sentence in split_sentences(value):
            where, cursor = _locate(tokens, words(sentence), cursor, line)
            found.append(Sentence(sentence, display, where, format_loc(loc)))
    return found


def _markdown_sentences(path: Path, display: str) -> list[Sentence]:
    """A guide's front-matter strings and body. Broken front matter is check_content's to
    report; here it is skipped and the body still checked."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    found: list[Sentence] = []
    body_from = 0
    closing = [i for i, line in enumerate(lines[1:], start=1) if line.strip() == "---"]
    if lines[0].strip() == "---" and closing:
        try:
            front = yaml.safe_load("\n".join(lines[1 : closing[0]]))
        except yaml.YAMLError:
            front = None
        keys = {line.split(":", 1)[0]: i + 1 for i, line in enumerate(lines[: closing[0]])}
        for loc, value in _strings(front, ()):
            line = keys.get(str(loc[0]), 1)
            for _, sentence in split_sentences(value):
                found.append(Sentence(sentence, display, line, format_loc(loc)))
        body_from = closing[0] + 1
    body = "\n".join(lines[body_from:])
    for start, sentence in split_sentences(body):
        found.append(Sentence(sentence, display, body_from + 1 + body.count("\n", 0, start)))
    return found


# A cited work's title, publisher and author are quoted on purpose, as their publisher gives them.
CITATION_LISTS = frozenset({"sources", "resources"})
CITATION_FIELDS = frozenset({"title", "publisher", "author"})


def _is_citation(loc: Loc) -> bool:
    return bool(loc) and loc[-1] in CITATION_FIELDS and not CITATION_LISTS.isdisjoint(loc)


def _strings(data: object, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(data, str):
        if not _is_citation(loc):
            yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*loc, str(key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*loc, index))


# A sentence's line: where its opening words first appear in the file's stream of words, at or
# after its field's line. Folded YAML wraps sentences across lines, so the words are matched
# as one stream, not line by line.
OPENING_WORDS = 3
SEARCH_TOKENS = 2000  # a field's sentences lie within this many words of the field's line


def _tokens_with_lines(text: str) -> list[tuple[str, int]]:
    return [
        (word, number)
        for number, line in enumerate(text.split("\n"), start=1)
        for word in words(line)
    ]


def _first_token_at(tokens: list[tuple[str, int]], line: int) -> int:
    return bisect_left(tokens, line, key=lambda token: token[1])


def _locate(
    tokens: list[tuple[str, int]], sentence: tuple[str, ...], cursor: int, fallback: int
) -> tuple[int, int]:
    """The line where `sentence` starts, searching from token `cursor`, and the next cursor."""
    opening = sentence[:OPENING_WORDS]
    if not opening:
        return fallback, cursor
    for i in range(cursor, min(cursor + SEARCH_TOKENS, len(tokens) - len(opening) + 1)):
        if all(tokens[i + k][0] == word for k, word in enumerate(opening)):
            return tokens[i][1], i + len(opening)
    return fallback, cursor


# --- comparing ------------------------------------------------------------------------------


def score(ours: tuple[str, ...], theirs: tuple[str, ...]) -> Score:
    """How close two word lists are: the whole-piece ratio and the closest stretch."""
    matcher = SequenceMatcher(None, ours, theirs, autojunk=False)
    long_enough = min(len(ours), len(theirs)) >= MIN_RATIO_WORDS
    ratio = matcher.ratio() if long_enough else 0.0
    blocks = [block for block in matcher.get_matching_blocks() if block.size]
    stretch, stretch_words = _closest_stretch(blocks)
    return Score(ratio, stretch, stretch_words)


def _closest_stretch(blocks: list[Block]) -> tuple[float, int]:
    """The densest run of consecutive shared blocks holding `MIN_STRETCH_WORDS` or more words:
    shared words over the stretch's length on both sides (1.0 when copied word for word)."""
    best = (0.0, 0)
    for first, start in enumerate(blocks):
        shared = 0
        for end in blocks[first:]:
            shared += end.size
            if shared < MIN_STRETCH_WORDS:
                continue
            span = (end.a + end.size - start.a) + (end.b + end.size - start.b)
            best = max(best, (2 * shared / span, shared))
    return best


@dataclass(frozen=True)
class _Piece:
    words: tuple[str, ...]
    sentence: Sentence


class SourceIndex:
    """The source sentences and clauses, findable by the word pairs they contain."""

    def __init__(self, sentences: Iterable[Sentence]):
        self._pieces = [
            _Piece(unit, sentence) for sentence in sentences for unit in _units(sentence.text)
        ]
        self._by_pair: dict[tuple[str, str], list[int]] = {}
        for index, piece in enumerate(self._pieces):
            for pair in _pairs(piece.words):
                self._by_pair.setdefault(pair, []).append(index)

    def nearest(self, sentence: Sentence) -> Match | None:
        """The source sentence `sentence` is closest to, however close: one that is too close
        first, then the highest ratio or stretch. None when no source piece shares
        `MIN_SHARED_PAIRS` word pairs with it."""
        best: Match | None = None
        for ours in _units(sentence.text):
            shared = Counter(i for pair in _pairs(ours) for i in self._by_pair.get(pair, ()))
            for index, count in shared.items():
                if count < MIN_SHARED_PAIRS:
                    continue
                found = score(ours, self._pieces[index].words)
                if best is None or _rank(found) > _rank(best.score):
                    best = Match(sentence, self._pieces[index].sentence, found)
        return best

    def closest(self, sentence: Sentence) -> Match | None:
        """The source sentence `sentence` is closest to, when it is too close; else None."""
        found = self.nearest(sentence)
        return found if found is not None and found.score.too_close else None

    def matches(self, sentences: Iterable[Sentence]) -> list[Match]:
        """Every sentence of `sentences` that reads like a source sentence."""
        return [match for sentence in sentences if (match := self.closest(sentence)) is not None]


def _pairs(piece: tuple[str, ...]) -> set[tuple[str, str]]:
    return set(zip(piece, piece[1:], strict=False))


def _rank(found: Score) -> tuple[bool, float]:
    return found.too_close, max(found.ratio, found.stretch)


# --- the command ----------------------------------------------------------------------------


def source_articles_dir() -> Path:
    """Where the source articles are: `SOURCE_ARTICLES_DIR`, else ../shared/seeds/ beside the
    repository."""
    configured = os.environ.get(SOURCES_VARIABLE, "").strip()
    return Path(configured) if configured else ROOT.parent / "shared" / "seeds"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.originality",
        description="Content sentences too close to a sentence of the source articles.",
    )
    parser.add_argument(
        "--sources",
        type=Path,
        default=None,
        help=f"the source articles (*.txt); default ${SOURCES_VARIABLE} or ../shared/seeds/",
    )
    parser.add_argument("--content", type=Path, default=ROOT / "content", help="content folder")
    parser.add_argument(
        "--top", type=int, default=10, help="how many of the closest sentences to list"
    )
    args = parser.parse_args(argv)
    sources_dir: Path = args.sources or source_articles_dir()
    articles = source_sentences(sources_dir)
    if not articles:
        print(
            f"No source articles (*.txt) at {sources_dir}: put them there, or point "
            f"{SOURCES_VARIABLE} or --sources at them.",
            file=sys.stderr,
        )
        return 2
    index = SourceIndex(articles)
    nearest = [m for s in content_sentences(args.content) if (m := index.nearest(s)) is not None]
    nearest.sort(key=lambda match: _rank(match.score), reverse=True)
    print(
        f"The {min(args.top, len(nearest))} content sentences closest to the source articles "
        f"(limits: ratio {MAX_RATIO}, stretch {MAX_STRETCH}):\n"
    )
    for match in nearest[: args.top]:
        found = match.score
        print(
            f"ratio {found.ratio:.2f}, stretch {found.stretch:.2f} over {found.stretch_words} "
            f"words  {match.content.where}\n"
            f"    ours:   {match.content.text}\n"
            f"    source: {match.source.text} ({match.source.where})"
        )
    too_close = [match for match in nearest if match.score.too_close]
    if not too_close:
        print(f"\nNone of the {len(nearest)} sentences sharing words with them is too close.")
        return 0
    print(f"\n{len(too_close)} sentences read like the source articles:\n")
    print("\n\n".join(str(match) for match in too_close))
    return 1


if __name__ == "__main__":
    sys.exit(main())
