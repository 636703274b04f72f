"""Full-text search over every content collection: an index built once per content version, a
BM25F ranker (a match in a title counts for more than one in a summary, and that for more than
one in the body) over Snowball's English stems, and snippets with the matched words marked.

Pure Python with no Django import. A hit names its document by `kind` and `id`; the pages app
turns that into a link. Snippets are fragments of plain text, each marked or not, so a template
escapes every character the visitor typed or the content holds.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import math
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from html import unescape

import snowballstemmer  # type: ignore[import-untyped]  # ships no type information

from .content import Content
from .per_version import per_version
from .richtext import CITE_MARK, RichText

MAX_QUERY_LENGTH = 200  # characters; the page says when it cuts a query
MAX_QUERY_WORDS = 16  # words past this are ignored: they never change the ranking, only its cost
MAX_SUGGESTED_WORDS = 3  # unknown words looked up for "did you mean"; later ones stay as typed
SUGGESTION_CUTOFF = 0.75  # difflib's ratio a known word needs to be suggested

FIELDS = ("title", "summary", "body")
FIELD_WEIGHTS = {"title": 5.0, "summary": 2.0, "body": 1.0}
FIELD_B = {"title": 0.3, "summary": 0.6, "body": 0.75}  # how much a long field is discounted
K1 = 1.2  # how quickly repeats of a word stop adding to a document's score
PREFIX_WEIGHT = 0.6  # a word that is only the start of a known word ("kube") counts for less
MAX_PREFIX_TERMS = 8
PHRASE_BONUS = {"title": 0.8, "summary": 0.4, "body": 0.25}  # times the query words' idf sum
SNIPPET_WORDS = 28
SNIPPET_LEAD = 5  # words of context before the first match in a snippet
LINE = re.compile(r"\s+")

STOPWORDS = frozenset([
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "but", "by", "can", "could", "do", "does", "for", "from", "had", "has", "have", "how", "i",
    "if", "in", "into", "is", "it", "its", "just", "me", "more", "most", "my", "no", "not", "of",
    "on", "or", "our", "out", "over", "so", "some", "than", "that", "the", "their", "them",
    "then", "there", "these", "they", "this", "those", "to", "too", "up", "us", "very", "was",
    "we", "were", "what", "when", "where", "which", "while", "who", "why", "will", "with",
    "would", "you", "your",
])  # fmt: skip
# After stemming: words the content and its readers spell differently for one idea.
SAME_TERM = {"eval": "evalu"}
# British -ise, -yse as -ize, -yze (Snowball keeps them apart), after at least three letters.
BRITISH_ISE = re.compile(r"(?<=\w{3}[iy])s(?=(?:e|ed|er|ers|es|ing|ation|ations)$)")

# A word: letters and digits, joined by hyphens or apostrophes ("fine-tuning", "model's").
WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
PART = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
VOWELS = frozenset("aeiouy")


# --- words -----------------------------------------------------------------------------------
_ENGLISH = snowballstemmer.stemmer("english")  # Snowball's English (Porter2) stemmer
_stemming = threading.Lock()  # a Snowball stemmer holds the word it works on: one at a time


@functools.lru_cache(maxsize=20_000)  # the content has about 6,000 distinct words
def stem(word: str) -> str:
    """Snowball's English stem of a word, so "tuning", "tuned" and "tunes" meet at "tune".
    Before it: case and accents folded, a possessive 's and apostrophes dropped, British -ise
    spelt -ize; words of three letters or fewer and words with digits are kept as they are,
    and an acronym's plural loses its s ("LLMs" -> "llm"). Whatever it makes of a word, it
    makes the same of that word in a query."""
    w = unicodedata.normalize("NFKD", word.casefold())
    w = "".join(c for c in w if not unicodedata.combining(c))
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    w = w.replace("'", "").replace("’", "")
    if len(w) <= 3 or not w.isalpha():
        return SAME_TERM.get(w, w)
    if w.endswith("s") and not VOWELS & set(w):  # Snowball leaves a word without vowels be
        return w[:-1]
    with _stemming:
        w = str(_ENGLISH.stemWord(BRITISH_ISE.sub("z", w)))
    return SAME_TERM.get(w, w)


STOP_TERMS = frozenset(stem(word) for word in STOPWORDS)


@dataclass(frozen=True, slots=True)
class Token:
    term: str  # the stem
    start: int  # where the word is in the text it came from
    end: int
    position: int  # its place in the text, counted in words (a hyphenated word's parts count)
    joined: bool = False  # the parts of a hyphenated word run together, as well as the parts


def tokenize(text: str) -> list[Token]:
    """Every word of `text` as a stem with its place. A hyphenated word also gives its parts
    joined ("fine-tuning" -> fine, tun and finetun), so "finetuning" and "fine tuning" find it."""
    found: list[Token] = []
    position = 0
    for match in WORD.finditer(text):
        word = match.group()
        if "-" not in word:  # most words: one part, no joined form
            found.append(Token(stem(word), match.start(), match.end(), position))
            position += 1
            continue
        first = position
        for part in PART.finditer(word):
            start = match.start() + part.start()
            found.append(Token(stem(part.group()), start, start + len(part.group()), position))
            position += 1
        if position - first > 1:
            joined = re.sub(r"[-'’]", "", word)
            found.append(Token(stem(joined), match.start(), match.end(), first, joined=True))
    return found


# --- documents -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Document:
    """One thing a search can find, with its words in plain text. `body` is a list of passages
    (a snippet is cut from one of them)."""

    kind: str
    id: str
    title: str
    summary: str
    body: tuple[str, ...] = ()


def _flat(text: str) -> str:
    return LINE.sub(" ", text).strip()


def _passages(text: RichText) -> tuple[str, ...]:
    """Rendered Markdown as plain passages: a paragraph, list item or heading each."""
    html = CITE_MARK.sub("", text.html)
    paragraphs = [p for p in re.split(r"</p>|</li>|</h\d>", html) if p.strip()]
    return tuple(_flat(unescape(re.sub(r"<[^>]*>", " ", p))) for p in paragraphs)


def _guides(content: Content) -> Iterator[Document]:
    for g in content.guides:
        yield Document("guide", g.id, g.title, g.summary, _passages(g.body))


def _skills(content: Content) -> Iterator[Document]:
    for s in content.skills:
        body = (s.why_it_matters.plain, s.good_looks_like.plain, s.common_failure.plain)
        yield Document("skill", s.id, s.name, s.summary.plain, body)


def _stages(content: Content) -> Iterator[Document]:
    for s in content.stages:
        skills = ", ".join(
            content.skill_by_id[i].name for i in s.skills if i in content.skill_by_id
        )
        deliverable = f"{s.deliverable.title}: {s.deliverable.description.plain}"
        body = (
            s.why.plain,
            deliverable,
            *(c.text for c in s.done_when),
            *s.mistakes,
            f"Skills: {skills}.",
        )
        yield Document("stage", s.id, s.title, s.goal, body)


def _roles(content: Content) -> Iterator[Document]:
    for r in content.roles:
        skills = ", ".join(
            content.skill_by_id[i].name for i in r.key_skills if i in content.skill_by_id
        )
        body = (
            f"The AI counterpart of the {r.counterpart}.",
            r.owns.plain,
            r.day_in_the_work.plain,
            r.seniority.how_it_changes.plain,
            r.nearest_neighbour.difference.plain,
            f"Key skills: {skills}.",
        )
        yield Document("role", r.id, r.name, r.summary, body)


def _backgrounds(content: Content) -> Iterator[Document]:
    for b in content.backgrounds:
        body = tuple(f"{t.already}: {t.becomes} {t.gap}" for t in b.transfers)
        yield Document("background", b.id, b.name, b.summary.plain, body)


def _lenses(content: Content) -> Iterator[Document]:
    for lens in content.lenses:
        body = (
            lens.expects,
            lens.leans_on_you_for,
            lens.earns_trust,
            lens.loses_it_when,
            *(f"{point.level.capitalize()}: {point.text}" for point in lens.with_seniority),
        )
        yield Document("lens", lens.id, lens.function, lens.focus, body)


def _faq(content: Content) -> Iterator[Document]:
    for q in content.faq.questions:
        passages = _passages(q.answer)
        yield Document("question", q.id, q.question, passages[0], passages[1:])
    for m in content.faq.mistakes:
        yield Document("mistake", m.id, m.mistake, m.why_it_hurts, (m.instead,))


def _comparisons(content: Content) -> Iterator[Document]:
    for c in content.comparisons:
        body = tuple(f"{d.name}: {d.left} {d.right}" for d in c.dimensions)
        yield Document("comparison", c.id, c.title, c.summary.plain, body)


# Each content collection, in the order a tie is broken.
COLLECTIONS: tuple[Callable[[Content], Iterator[Document]], ...] = (
    _guides, _skills, _stages, _roles, _backgrounds, _lenses, _faq, _comparisons,
)  # fmt: skip


def documents(content: Content) -> list[Document]:
    """Every searchable thing in the content."""
    return [document for collection in COLLECTIONS for document in collection(content)]


# --- the index -------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Passage:
    text: str
    tokens: tuple[Token, ...]
    positions: dict[str, frozenset[int]]  # stem -> where it occurs

    @classmethod
    def of(cls, text: str) -> _Passage:
        tokens = tuple(tokenize(text))
        where: dict[str, set[int]] = {}
        for token in tokens:
            where.setdefault(token.term, set()).add(token.position)
        return cls(text, tokens, {term: frozenset(p) for term, p in where.items()})

    def phrase_starts(self, terms: tuple[str, ...]) -> list[int]:
        """Where `terms` occur one after another, as word positions."""
        if not terms or not all(t in self.positions for t in terms):
            return []  # most passages lack one of a long query's words: no walk needed
        return sorted(
            start
            for start in self.positions.get(terms[0], frozenset())
            if all(start + i in self.positions.get(t, frozenset()) for i, t in enumerate(terms))
        )


@dataclass(frozen=True)
class _Entry:
    document: Document
    fields: dict[str, tuple[_Passage, ...]]
    counts: dict[str, Counter[str]]  # field -> stem -> occurrences
    lengths: dict[str, int]


@dataclass(frozen=True)
class SearchIndex:
    entries: tuple[_Entry, ...]
    postings: dict[str, frozenset[int]]  # stem -> the entries holding it
    average_length: dict[str, float]
    spellings: tuple[str, ...]  # every word as written (lower case), for "did you mean"
    pairs: dict[str, tuple[int, ...]]  # letter pair -> the spellings (by place) holding it
    sorted_terms: tuple[str, ...]  # the stems in postings, sorted: prefixes by bisection
    term_rank: dict[str, int]  # a stem -> its place in postings (the order prefixes keep)

    def starting_with(self, prefix: str) -> list[str]:
        """The stems that start with `prefix` (longer ones only), in postings' order."""
        low = bisect.bisect_left(self.sorted_terms, prefix)
        high = bisect.bisect_left(self.sorted_terms, prefix + "\U0010ffff")
        return sorted(self.sorted_terms[low:high], key=self.term_rank.__getitem__)

    def idf(self, term: str) -> float:
        n, df = len(self.entries), len(self.postings.get(term, ()))
        return math.log(1 + (n - df + 0.5) / (df + 0.5))


def build_index(docs: Iterable[Document]) -> SearchIndex:
    entries: list[_Entry] = []
    postings: dict[str, set[int]] = {}
    spellings: set[str] = set()
    for number, document in enumerate(docs):
        fields = {
            "title": (_Passage.of(document.title),),
            "summary": (_Passage.of(document.summary),),
            "body": tuple(_Passage.of(text) for text in document.body),
        }
        counts = {
            name: Counter(t.term for p in ps for t in p.tokens) for name, ps in fields.items()
        }
        lengths = {name: sum(len(p.tokens) for p in ps) for name, ps in fields.items()}
        entries.append(_Entry(document, fields, counts, lengths))
        for counter in counts.values():
            for term in counter:
                postings.setdefault(term, set()).add(number)
        for passages in fields.values():
            for passage in passages:
                text = passage.text
                spellings.update(text[t.start : t.end].lower() for t in passage.tokens)
    average = {
        name: max(1.0, sum(e.lengths[name] for e in entries) / max(1, len(entries)))
        for name in FIELDS
    }
    spelled = tuple(sorted(w for w in spellings if len(w) > 2 and w.isalpha()))
    pairs: dict[str, list[int]] = {}
    for place, word in enumerate(spelled):
        for pair in _letter_pairs(word):
            pairs.setdefault(pair, []).append(place)
    return SearchIndex(
        tuple(entries),
        {term: frozenset(found) for term, found in postings.items()},
        average,
        spelled,
        {pair: tuple(places) for pair, places in pairs.items()},
        tuple(sorted(postings)),
        {term: rank for rank, term in enumerate(postings)},
    )


@per_version
def index_for(content: Content) -> SearchIndex:
    """The index of this content, built on first use and kept until the content changes."""
    return build_index(documents(content))


# --- a query ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Fragment:
    """A piece of a title or snippet, and whether it is a word the visitor searched for."""

    text: str
    marked: bool = False


@dataclass(frozen=True)
class Hit:
    document: Document
    score: float
    title: tuple[Fragment, ...]
    snippet: tuple[Fragment, ...]


@dataclass(frozen=True)
class Results:
    query: str  # as searched: whitespace collapsed, cut to MAX_QUERY_LENGTH
    hits: tuple[Hit, ...]
    total: int = 0  # every document that matched, of which `hits` are the best
    cut: bool = False  # the query was longer than MAX_QUERY_LENGTH
    suggestion: str = ""  # the query with unknown words replaced by the nearest known ones
    too_common: bool = False  # every word was one like "the", which finds everything


def normalise_query(raw: str) -> tuple[str, bool]:
    """The query with whitespace collapsed, cut to MAX_QUERY_LENGTH; and whether it was cut."""
    text = _flat(raw.replace("\x00", " "))
    if len(text) <= MAX_QUERY_LENGTH:
        return text, False
    return text[:MAX_QUERY_LENGTH].rstrip(), True


def search(index: SearchIndex, raw_query: str, *, limit: int = 30) -> Results:
    """The documents that match `raw_query`, best first, at most `limit` of them."""
    query, cut = normalise_query(raw_query)
    words = tokenize(query)[: MAX_QUERY_WORDS * 2]
    terms = list(dict.fromkeys(t.term for t in words if t.term not in STOP_TERMS))
    terms = terms[:MAX_QUERY_WORDS]
    if not terms:  # nothing, or only words like "the" that every page has
        return Results(query, (), 0, cut, too_common=bool(words))

    # Each query word -> the indexed stems it stands for, with a weight.
    expanded: dict[str, dict[str, float]] = {}
    for term in terms:
        if term in index.postings:
            expanded[term] = {term: 1.0}
        elif len(term) >= 3:
            longer = index.starting_with(term)[:MAX_PREFIX_TERMS]
            expanded[term] = dict.fromkeys(longer, PREFIX_WEIGHT)
        else:
            expanded[term] = {}
    unknown = [term for term, found in expanded.items() if not found]
    parts = [t.term for t in words if not t.joined]
    phrase = tuple(parts) if len(parts) > 1 else ()

    idf_sum = sum(index.idf(t) for found in expanded.values() for t in found)
    scored: list[tuple[float, int]] = []
    candidates = {n for found in expanded.values() for t in found for n in index.postings[t]}
    for number in sorted(candidates):
        entry = index.entries[number]
        score, matched = 0.0, 0
        for found in expanded.values():
            best = max((_term_score(index, entry, t) * w for t, w in found.items()), default=0.0)
            score += best
            matched += best > 0
        score *= 0.5 + 0.5 * matched / len(terms)  # every word found beats a few found often
        for name in FIELDS if phrase else ():
            if any(p.phrase_starts(phrase) for p in entry.fields[name]):
                score += PHRASE_BONUS[name] * idf_sum
                break
        scored.append((score, number))
    scored.sort(key=lambda pair: (-pair[0], pair[1]))

    query_terms = Query(frozenset(t for found in expanded.values() for t in found), phrase)
    hits = tuple(
        Hit(
            index.entries[n].document,
            round(score, 4),
            _fragments(index.entries[n].fields["title"][0], query_terms),
            _snippet(index, index.entries[n], query_terms),
        )
        for score, n in scored[:limit]
    )
    suggestion = _suggestion(index, query, unknown) if unknown else ""
    return Results(query, hits, len(scored), cut, suggestion)


@dataclass(frozen=True)
class Query:
    """What to mark in a text: these stems wherever they occur, and the whole phrase."""

    terms: frozenset[str]
    phrase: tuple[str, ...] = ()

    def spans(self, passage: _Passage) -> list[tuple[int, int]]:
        """The stretches of the passage's text to mark, in order, none overlapping."""
        found = [(t.start, t.end) for t in passage.tokens if t.term in self.terms]
        if self.phrase:
            at = {t.position: t for t in passage.tokens if not t.joined}
            for start in passage.phrase_starts(self.phrase):
                found.append((at[start].start, at[start + len(self.phrase) - 1].end))
        merged: list[tuple[int, int]] = []
        for start, end in sorted(found):
            if merged and start <= merged[-1][1]:  # a hyphenated word and its parts
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged


def _term_score(index: SearchIndex, entry: _Entry, term: str) -> float:
    weighted = 0.0
    for name in FIELDS:
        tf = entry.counts[name].get(term, 0)
        if tf:
            length = entry.lengths[name] / index.average_length[name]
            weighted += FIELD_WEIGHTS[name] * tf / (1 - FIELD_B[name] + FIELD_B[name] * length)
    return index.idf(term) * weighted / (K1 + weighted) if weighted else 0.0


def _snippet(index: SearchIndex, entry: _Entry, query: Query) -> tuple[Fragment, ...]:
    """The passage (summary or body) holding the most of the query, cut to a window of words
    around its densest stretch of matches."""
    passages = (*entry.fields["summary"], *entry.fields["body"])

    def weight(passage: _Passage) -> float:
        found = sum(index.idf(t) for t in query.terms if t in passage.positions)
        return found * (1.5 if passage.phrase_starts(query.phrase) else 1.0)

    best = max(passages, key=weight)  # max keeps the first of equals: the summary
    spans = query.spans(best)
    if len(best.tokens) <= SNIPPET_WORDS:
        return _marked(best.text, spans, 0, len(best.text))
    words = [t for t in best.tokens if not t.joined]
    if len(words) <= SNIPPET_WORDS:
        return _marked(best.text, spans, 0, len(best.text))
    # The words that start inside a marked span (both in text order: one walk, not a search
    # per word, since a query of common words marks hundreds).
    hits: list[int] = []
    at = 0
    for i, w in enumerate(words):
        while at < len(spans) and spans[at][1] <= w.start:
            at += 1
        if at < len(spans) and spans[at][0] <= w.start:
            hits.append(i)
    # Of the windows that start a few words before a match, the one taking in the most matches
    # (the earliest of equals); matches in a window counted by bisection.
    starts = [max(0, h - SNIPPET_LEAD) for h in hits] or [0]

    def taken_in(s: int) -> tuple[int, int]:
        return bisect.bisect_left(hits, s + SNIPPET_WORDS) - bisect.bisect_left(hits, s), -s

    first = max(starts, key=taken_in)
    first = min(first, len(words) - SNIPPET_WORDS)
    last = first + SNIPPET_WORDS - 1
    start = 0 if first == 0 else words[first].start
    end = len(best.text) if last == len(words) - 1 else words[last].end
    return _marked(best.text, spans, start, end)


def _fragments(passage: _Passage, query: Query) -> tuple[Fragment, ...]:
    return _marked(passage.text, query.spans(passage), 0, len(passage.text))


def _marked(text: str, spans: list[tuple[int, int]], start: int, end: int) -> tuple[Fragment, ...]:
    """text[start:end] as fragments, the spans inside it marked; an ellipsis where it is cut."""
    pieces: list[Fragment] = [Fragment("… ")] if start > 0 else []
    cursor = start
    for span_start, span_end in spans:
        if span_start < cursor or span_end > end:
            continue
        if span_start > cursor:
            pieces.append(Fragment(text[cursor:span_start]))
        pieces.append(Fragment(text[span_start:span_end], marked=True))
        cursor = span_end
    if cursor < end:
        pieces.append(Fragment(text[cursor:end]))
    if end < len(text):
        pieces.append(Fragment(" …"))
    return tuple(pieces)


def _letter_pairs(word: str) -> set[str]:
    """Each two letters side by side in `word`, and its first and last letter against a space."""
    padded = f" {word} "
    return {padded[i : i + 2] for i in range(len(padded) - 1)}


def _nearest(index: SearchIndex, word: str) -> str:
    """The known spelling nearest `word` (lower case) by difflib's ratio, or "" when none is
    near enough. Only spellings sharing two or more letter pairs with it are compared: a few
    dozen of the few thousand. A spelling near enough to suggest shares far more (the cut-off
    asks three letters in four to match); of 6,500 generated misspellings and random words,
    none got another answer than from comparing every spelling sharing a pair."""
    shared: Counter[int] = Counter()
    for pair in _letter_pairs(word):
        shared.update(index.pairs.get(pair, ()))
    candidates = [index.spellings[place] for place, count in shared.items() if count >= 2]
    near = difflib.get_close_matches(word, candidates, n=1, cutoff=SUGGESTION_CUTOFF)
    return near[0] if near else ""


def _suggestion(index: SearchIndex, query: str, unknown: list[str]) -> str:
    """The query with each word the content never uses replaced by the nearest word it does, or
    left out when none is near; empty when no word could be replaced. At most
    `MAX_SUGGESTED_WORDS` different words are looked up; unknown words after them stay as typed."""
    kept: list[str] = []
    looked_up: dict[str, str] = {}
    for chunk in query.split(" "):
        parts = PART.findall(chunk)
        if len(parts) != 1 or stem(parts[0]) not in unknown:
            kept.append(chunk)
            continue
        word = parts[0]
        if len(word) < 3:
            continue  # too short to guess at
        key = word.lower()
        if key not in looked_up:
            if len(looked_up) == MAX_SUGGESTED_WORDS:
                kept.append(chunk)
                continue
            looked_up[key] = _nearest(index, key)
        if looked_up[key]:
            kept.append(chunk.replace(word, looked_up[key], 1))
    return " ".join(kept) if any(looked_up.values()) else ""
