"""Search: the right page comes first for what people type, matches are marked, and no query,
however odd, breaks it."""

from __future__ import annotations

import dataclasses
import random
import string
import time
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from content_engine import search as search_module
from content_engine.content import Content
from content_engine.search import (
    MAX_QUERY_LENGTH,
    MAX_QUERY_WORDS,
    MAX_SUGGESTED_WORDS,
    Document,
    Fragment,
    build_index,
    documents,
    index_for,
    normalise_query,
    search,
    stem,
    tokenize,
)

# What someone types -> the page that must be among the first three results.
RELEVANCE = {
    "MCP": ("skill", "tool-use-mcp"),
    "evals": ("stage", "evals-and-observability"),
    "RAG": ("skill", "rag"),
    "vector database": ("skill", "embeddings-vector-search"),
    "on call": ("skill", "deployment-operations"),
    "prompt injection": ("skill", "trust-boundary"),
    "fine-tuning": ("skill", "fine-tuning"),
    "cost": ("skill", "observability-cost"),
    "kubernetes": ("background", "devops-sre-platform"),
    "portfolio": ("guide", "what-a-portfolio-should-show"),
    "ML engineer": ("guide", "ai-engineer-vs-ml-engineer"),
}


def marked_text(fragments: tuple[Fragment, ...]) -> list[str]:
    return [f.text for f in fragments if f.marked]


def whole_text(fragments: tuple[Fragment, ...]) -> str:
    return "".join(f.text for f in fragments)


@pytest.mark.parametrize(("query", "expected"), RELEVANCE.items(), ids=list(RELEVANCE))
def test_the_expected_page_is_in_the_top_three(content: Content, query, expected):
    top = [(h.document.kind, h.document.id) for h in search(index_for(content), query).hits[:3]]
    assert expected in top, f"{query!r}: top three are {top}"


def test_every_content_collection_is_searchable(content: Content):
    found = {(d.kind, d.id) for d in documents(content)}
    expected = {
        *(("skill", s.id) for s in content.skills),
        *(("stage", s.id) for s in content.stages),
        *(("role", r.id) for r in content.roles),
        *(("background", b.id) for b in content.backgrounds),
        *(("lens", lens.id) for lens in content.lenses),
        *(("question", q.id) for q in content.faq.questions),
        *(("mistake", m.id) for m in content.faq.mistakes),
        *(("comparison", c.id) for c in content.comparisons),
        *(("guide", g.id) for g in content.guides),
    }
    assert found == expected


def test_each_document_is_found_by_its_own_title(content: Content):
    index = index_for(content)
    for document in documents(content):
        hits = search(index, document.title).hits
        assert (hits[0].document.kind, hits[0].document.id) in {
            (h.document.kind, h.document.id) for h in hits[:3]
        }
        assert document in [h.document for h in hits[:5]], document.title


@pytest.mark.parametrize(
    ("words", "same"),
    [
        (["tuning", "tuned", "tunes", "tune"], "tune"),
        (["evals", "evaluation", "evaluations", "evaluating", "evaluate"], "evalu"),
        (["optimisation", "optimization", "optimising", "optimize"], "optim"),
        (["modelling", "modeling", "models", "model"], "model"),
        (["databases", "database"], "databas"),
        (["queries", "query"], "queri"),
        (["injection", "injections", "injected"], "inject"),
        (["Café", "cafe"], "cafe"),
        (["analyses", "analyse", "analyze"], "analyz"),
    ],
)
def test_the_stemmer_brings_forms_of_a_word_together(words, same):
    assert {stem(word) for word in words} == {same}


def test_short_words_and_acronyms_are_kept_as_they_are():
    assert [stem(w) for w in ["RAG", "MCP", "LLMs", "gpt-4o"]] == ["rag", "mcp", "llm", "gpt-4o"]


def test_a_hyphenated_word_is_found_whole_in_parts_and_joined():
    terms = [t.term for t in tokenize("fine-tuning works")]
    assert terms == ["fine", "tune", "finetun", "work"]


def test_matches_are_marked_in_title_and_snippet(content: Content):
    hit = search(index_for(content), "prompt injection").hits[0]
    assert [text.lower() for text in marked_text(hit.title)] == ["prompt injection"]
    assert any(text.lower() == "prompt injection" for text in marked_text(hit.snippet))


def test_a_hyphenated_phrase_is_marked_as_one_stretch(content: Content):
    hits = search(index_for(content), "on call").hits
    marks = {text.lower() for hit in hits for text in marked_text(hit.snippet)}
    assert "on-call" in marks or "on call" in marks


def test_a_snippet_is_a_window_of_the_text_around_the_match():
    body = " ".join(f"word{i}" for i in range(200)) + " kubernetes " + "tail " * 50
    index = build_index([Document("skill", "x", "Title", "A summary.", (body,))])
    snippet = search(index, "kubernetes").hits[0].snippet
    text = whole_text(snippet)
    assert text.startswith("… ") and text.endswith(" …")
    assert marked_text(snippet) == ["kubernetes"]
    assert len(text.split()) < 40


def test_a_short_passage_is_shown_whole():
    index = build_index([Document("lens", "x", "Cost", "Spend and unit cost")])
    hit = search(index, "cost").hits[0]
    assert whole_text(hit.snippet) == "Spend and unit cost"
    assert marked_text(hit.snippet) == ["cost"]


def test_a_word_in_the_title_outranks_the_same_word_in_the_body():
    index = build_index(
        [
            Document("skill", "body", "Something else", "A summary.", ("All about tracing.",)),
            Document("skill", "title", "Tracing", "A summary.", ("Something else.",)),
        ]
    )
    assert [h.document.id for h in search(index, "tracing").hits] == ["title", "body"]


def test_a_document_with_every_word_outranks_one_with_a_word_many_times():
    index = build_index(
        [
            Document("skill", "one", "Agents", "agents agents agents agents", ()),
            Document("skill", "both", "Agents", "Agents and budgets.", ()),
        ]
    )
    assert search(index, "agent budget").hits[0].document.id == "both"


def test_a_prefix_finds_the_longer_word(content: Content):
    hits = search(index_for(content), "kuber").hits
    assert hits and ("background", "devops-sre-platform") in [
        (h.document.kind, h.document.id) for h in hits[:3]
    ]


def test_a_misspelt_word_gets_a_suggestion(content: Content):
    results = search(index_for(content), "promt injection")
    assert results.suggestion == "prompt injection"


def test_a_suggestion_leaves_out_words_nothing_is_near(content: Content):
    assert search(index_for(content), "promt zzqxv").suggestion == "prompt"
    assert search(index_for(content), "zzqxv").suggestion == ""


def fastest(run: Callable[[], object], times: int = 5) -> float:
    """The quickest of a few runs, in seconds: the figure least moved by a busy machine."""
    best = float("inf")
    for _ in range(times):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def test_a_query_of_unknown_words_looks_up_three_and_stays_quick(content: Content, monkeypatch):
    index = index_for(content)
    rng = random.Random(16)
    words = ["".join(rng.choices(string.ascii_lowercase, k=8)) for _ in range(MAX_QUERY_WORDS)]
    gibberish = " ".join(words[:3] + ["promt"] + words[3:-1])  # the fourth unknown word is near
    looked_up: list[str] = []
    nearest = search_module._nearest

    def counted(index: search_module.SearchIndex, word: str) -> str:
        looked_up.append(word)
        return nearest(index, word)

    monkeypatch.setattr(search_module, "_nearest", counted)
    assert search(index, gibberish).suggestion == ""  # "promt" was not looked up
    assert looked_up == words[:MAX_SUGGESTED_WORDS]
    assert search(index, f"promt {gibberish}").suggestion.startswith("prompt ")
    # Comparing every unknown word with every known one took some 40 known-word queries.
    known = fastest(lambda: search(index, "prompt injection"))
    assert fastest(lambda: search(index, gibberish)) < 15 * known + 0.005


def test_only_common_words_find_nothing_and_say_why(content: Content):
    results = search(index_for(content), "how do I the")
    assert results.hits == () and results.too_common


def test_an_empty_query_finds_nothing(content: Content):
    results = search(index_for(content), "   ")
    assert results.query == "" and results.hits == () and not results.too_common


def test_a_long_query_is_cut_and_says_so(content: Content):
    results = search(index_for(content), "evals " * 100)
    assert results.cut and len(results.query) <= MAX_QUERY_LENGTH
    assert results.hits


def test_whitespace_is_collapsed_and_nul_dropped():
    assert normalise_query("  a\t\n b\x00c ") == ("a b c", False)


def test_the_index_is_built_once_per_content_version(content: Content):
    assert index_for(content) is index_for(content)
    changed = dataclasses.replace(content, version=content.version + "-changed")
    assert index_for(changed) is not index_for(content)


def test_results_are_limited_and_the_total_counted(content: Content):
    results = search(index_for(content), "model", limit=5)
    assert len(results.hits) == 5 and results.total > 5


QUERIES = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(["rag", "-", "'", "’", "é", "the", "x", " ", "evals", "0"])).map(
        "".join
    ),
)


@settings(deadline=None, database=None)
@given(query=QUERIES)
def test_any_query_gives_results_whose_fragments_rebuild_the_text(content: Content, query):
    results = search(index_for(content), query)
    assert len(results.query) <= MAX_QUERY_LENGTH
    for hit in results.hits:
        assert whole_text(hit.title) == hit.document.title
        passages = (hit.document.summary, *hit.document.body)
        shown = whole_text(hit.snippet).removeprefix("… ").removesuffix(" …")
        assert any(shown in passage for passage in passages)
