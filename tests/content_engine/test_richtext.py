"""Markdown is rendered once and sanitised; the check reads the rendered HTML, so it refuses
what a browser would run or the sanitiser would drop, and nothing else."""

from __future__ import annotations

import pytest
from django.template import Context, Template

from content_engine.richtext import (
    UnsafeMarkup,
    markdown_to_html,
    render,
    sanitise,
    unsafe_markup,
)


def refusal(source: str) -> str:
    with pytest.raises(UnsafeMarkup) as refused:
        render(source)
    return str(refused.value)


def test_markdown_renders_to_html_that_templates_do_not_escape():
    text = render("Use **evals**, not [vibes](https://example.org).")
    html = Template("{{ text }}").render(Context({"text": text}))
    assert "<strong>evals</strong>" in html
    assert 'rel="noopener noreferrer"' in html
    assert text.source.startswith("Use **evals**")


@pytest.mark.parametrize(
    "source",
    ["<script>x()</script>", "[a](javascript:x())", '<img src=x onerror="x()">', "<iframe src=x>"],
)
def test_unsafe_markup_is_named(source):
    assert unsafe_markup(source)


@pytest.mark.parametrize(
    "source",
    [
        "JavaScript: the language, not a link.",
        "Never paste a `<form>` or a `<script>` tag into a prompt.",
        "```html\n<script>alert(1)</script>\n<iframe src=x></iframe>\n```",
        "Prose, then a code block:\n\n    <style>indented four spaces</style>",
        "Keep the model online = cheaper than a retrain, once = enough.",
        "Write `onerror=` or `data:` in code and nobody minds.",
    ],
    ids=["prose-javascript", "code-span", "fenced-code", "indented-code", "equals", "code-attr"],
)
def test_prose_and_code_that_merely_mention_markup_are_allowed(source):
    assert unsafe_markup(source) is None
    assert render(source).html


@pytest.mark.parametrize(
    ("source", "named"),
    [
        ("[x](javascript&#58;alert(1))", "a javascript: link"),
        ("[x](&#x6A;avascript:alert(1))", "a javascript: link"),
        ("[x](JaVa\tScRiPt:alert(1))", "a javascript: link"),
        ("<a href=' javascript:alert(1)'>x</a>", "a javascript: link"),
        ("[x](data:text/html;base64,PHNjcmlwdD4=)", "a data: link"),
        ("[x](data&#58;text/html,x)", "a data: link"),
        ("Hi <script>alert(1)</script>", "a <script> tag"),
        ('<img src="x" onerror="boom()">', "an inline event handler (onerror=)"),
        ("<iframe src=https://example.org></iframe>", "an embedded element (<iframe>)"),
        ("<style>body { display: none }</style>", "a <style> tag"),
        ("<form action=/x><button>Go</button></form>", "a <form> tag and a <button> tag"),
    ],
)
def test_markup_that_can_run_code_is_refused_by_name(source, named):
    assert unsafe_markup(source) == named
    assert refusal(source).startswith(f"contains {named}; markup that can run code")


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            "[x](//evil.example/login)",
            "contains a link to '//evil.example/login', which leads to another site without "
            "saying https:; write the https:// address",
        ),
        ("[x](/\\evil.example)", "contains a link to '/\\evil.example', which leads to another"),
        ("[x](ftp://files.example)", "contains a link to 'ftp://files.example'; a link may use"),
        ("Hi <span>there</span>", "contains a <span> tag, which the page would remove"),
        ("![chart](/static/chart.png)", "contains an image, which the page would remove"),
        ("# Title\n\nText", "contains a level-1 heading (# or <h1>), which the page would"),
        ('<a href="/x" target="_blank">x</a>', "contains a target= attribute on <a>, which"),
        ("<!-- editor note -->Text", "contains an HTML comment, which the page would remove"),
        ("|a|b|\n|:-|-:|\n|1|2|", "contains a table column alignment (:--- or ---:), which"),
    ],
    ids=[
        "protocol-relative", "backslash-relative", "ftp", "span", "image", "h1", "target",
        "comment", "alignment",
    ],
)  # fmt: skip
def test_what_the_sanitiser_would_drop_is_reported_not_dropped(source, message):
    assert unsafe_markup(source) is None  # nothing here runs code ...
    assert refusal(source).startswith(message)  # ... but the reader would not see it as written


def test_every_finding_is_in_one_message():
    message = refusal('<span onclick="x()">a</span> <div>b</div> [c](//evil.example)')
    assert message == (
        "contains an inline event handler (onclick=); markup that can run code is not allowed; "
        "contains a <span> tag and a <div> tag, which the page would remove; write Markdown "
        "instead; contains a link to '//evil.example', which leads to another site without "
        "saying https:; write the https:// address"
    )


@pytest.mark.parametrize(
    "link",
    [
        "[a](https://example.org/x?y=1#z)",
        "[a](http://example.org)",
        "[a](mailto:editor@example.org)",
        "<editor@example.org>",  # Markdown hides the address in character references
        "<https://example.org>",
        "[a](/route/)",
        "[a](#anchor)",
        "[a](../faq/)",
        "[a](?hours=10)",
    ],
)
def test_allowed_links_keep_their_address(link):
    html = render(link).html
    assert 'href="' in html


def test_what_markdown_adds_itself_is_not_reported():
    html = render("```python\nprint('hi')\n```").html
    assert html == "<pre><code>print('hi')\n</code></pre>"


def test_the_sanitiser_still_strips_whatever_reaches_it():
    """Defence in depth: should the check and nh3 ever disagree, nh3 has the last word."""
    html = sanitise(
        markdown_to_html(
            '<span style="color:red">hi</span> <a href="javascript&#58;x">x</a> '
            '<a href="data:text/html,x">y</a> <script>z()</script>'
        )
    )
    assert "style=" not in html and "javascript" not in html and "data:" not in html
    assert "<script" not in html and "z()" not in html


@pytest.mark.parametrize(
    ("source", "lead"),
    [
        ("Evals gate merges. They run in CI.", "Evals gate merges."),
        ("One sentence, no full stop", "One sentence, no full stop"),
        ("Costs add up, e.g. retries. Then more.", "Costs add up, e.g. retries."),
        ("Why **this** matters? Because.", "Why this matters?"),
        ("Tokens cost money. 20 calls cost more.", "Tokens cost money."),
    ],
)
def test_the_lead_is_the_first_sentence_without_markup(source, lead):
    assert render(source).lead == lead


def test_the_lead_prints_once_escaped():
    text = render('Q&A with <3 users, said "hi". More follows.')
    html = Template("<p>{{ text.lead }}</p>").render(Context({"text": text}))
    assert html == '<p>Q&amp;A with &lt;3 users, said "hi".</p>'
