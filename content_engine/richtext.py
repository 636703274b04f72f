"""Markdown in content files, rendered once at load time, checked, and sanitised with nh3.

The check reads the HTML that Markdown produces, not the Markdown source, so it sees what a
browser would: a code span is text, `javascript&#58;` is `javascript:`. Anything nh3 would
drop is refused with a message, so nothing on a page disappears without the editor hearing of
it. nh3 still cleans the result afterwards, in case the two parsers ever disagree.

A source marker, `[^id]` (content_engine/citations.py), becomes a numbered link to the page's
footnotes after sanitising: the markup is ours, never the editor's.

A text that asks for heading ids (a guide) is rendered with Markdown's own `toc` extension: it
gives each Markdown heading an id and lists the headings for a table of contents. Those ids are
ours too; an id an editor writes on a heading, or a heading written as HTML, is refused.
"""

from __future__ import annotations

import functools
import html as entities
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import markdown
import nh3
from markdown.extensions.toc import TocExtension

from .citations import link_citations

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a",
    "h3", "h4", "table", "thead", "tbody", "tr", "th", "td", "hr", "abbr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
LINK_SCHEMES = {"http", "https", "mailto"}
MARKDOWN_EXTENSIONS = ["tables", "sane_lists", "fenced_code"]
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# A heading's id from its text and a separator: the `slugify` of Markdown's toc extension.
Slugify = Callable[[str, str], str]
# The headings a table of contents lists: (id, text as shown).
Contents = tuple[tuple[str, str], ...]

# Markup that can run code or take over the page: refused as such, whatever nh3 would do.
SCRIPT_SCHEMES = {"javascript", "vbscript", "data"}
EMBEDDING_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "portal"}
CODE_TAGS = {
    "script", "style", "link", "meta", "base", "svg", "math", "template", "noscript",
    "form", "input", "button", "textarea", "select", "xmp", "plaintext", "noembed", "noframes",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "cite", "background"}

# `class="language-python"` on a fenced code block: Markdown's own, and dropping it loses
# nothing a reader sees (the site does no syntax highlighting).
CODE_LANGUAGE = re.compile(r"language-[\w#+.-]+")
TABLE_ALIGNMENT = re.compile(r"text-align: (left|right|center);")
# Browsers ignore these anywhere in a URL (tab, newline) or around it (other C0 controls,
# space); stripping all of them can only make a hidden scheme visible.
URL_IGNORED = re.compile(r"[\x00-\x20\x7f-\x9f]+")
URL_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")


CITE_MARK = re.compile(r'<sup class="cite">.*?</sup>', re.S)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"(])")  # "e.g. the" is not a break

REMOVED = ", which the page would remove"
RUNS_CODE = "; markup that can run code is not allowed"
NO_ID = ", which gets no id of its own and no place in the contents; write it as ## text"


@dataclass(frozen=True)
class Finding:
    """One thing in rendered Markdown that the page would not show as written: `what` it is
    ("a <span> tag") and `why` that matters. Findings with the same `why` share a sentence."""

    what: str
    why: str

    @property
    def runs_code(self) -> bool:
        return self.why == RUNS_CODE


class UnsafeMarkup(ValueError):
    """Rendered Markdown holds something the sanitiser would drop or a link it must refuse."""


def _shown(url: str) -> str:
    return url if len(url) <= 60 else url[:57] + "..."


def _url_finding(tag: str, attribute: str, url: str) -> Finding | None:
    """What is wrong with the address in `attribute`, or None when nothing is."""
    seen = URL_IGNORED.sub("", url).replace("\\", "/").lower()  # browsers read \ as /
    scheme = URL_SCHEME.match(seen)
    if scheme is not None and scheme.group(1) in SCRIPT_SCHEMES:
        kind = "link" if attribute == "href" else f"{attribute}= address"
        return Finding(f"a {scheme.group(1)}: {kind}", RUNS_CODE)
    if (tag, attribute) != ("a", "href"):
        return None  # the attribute itself is judged by _attribute_finding
    if scheme is None and seen.startswith("//"):
        why = ", which leads to another site without saying https:; write the https:// address"
        return Finding(f"a link to '{_shown(url)}'", why)
    if scheme is None or scheme.group(1) in LINK_SCHEMES:
        return None  # https:, http:, mailto:, or /path, #anchor, ?query, a relative path
    why = "; a link may use https:, http: or mailto:, or be a path on this site"
    return Finding(f"a link to '{_shown(url)}'", why)


def _tag_finding(tag: str, top_heading: int = 3) -> Finding | None:
    if tag in ALLOWED_TAGS or (tag == "h2" and top_heading == 2):
        return None
    if tag == "script":
        return Finding("a <script> tag", RUNS_CODE)
    if tag in EMBEDDING_TAGS:
        return Finding(f"an embedded element (<{tag}>)", RUNS_CODE)
    if tag in CODE_TAGS:
        return Finding(f"a <{tag}> tag", RUNS_CODE)
    if tag in {"h1", "h2"}:
        level = int(tag[1])
        allowed = " or ".join("#" * n for n in range(top_heading, 5))
        why = f", which the page would show as plain text; use {allowed}"
        return Finding(f"a level-{level} heading ({'#' * level} or <{tag}>)", why)
    if tag == "img":
        return Finding("an image", f"{REMOVED}; images are not shown")
    return Finding(f"a <{tag}> tag", f"{REMOVED}; write Markdown instead")


def _attribute_finding(tag: str, name: str, value: str) -> Finding | None:
    if name.startswith("on"):
        return Finding(f"an inline event handler ({name}=)", RUNS_CODE)
    if name == "srcdoc":
        return Finding("an srcdoc= attribute", RUNS_CODE)
    if name in URL_ATTRIBUTES and (bad_url := _url_finding(tag, name, value)) is not None:
        return bad_url
    if name in ALLOWED_ATTRIBUTES.get(tag, set()) or tag not in ALLOWED_TAGS:
        return None  # allowed, or on an element that is reported as a whole
    if tag == "code" and name == "class" and CODE_LANGUAGE.fullmatch(value):
        return None
    if tag in {"th", "td"} and name == "style" and TABLE_ALIGNMENT.fullmatch(value):
        return Finding(
            "a table column alignment (:--- or ---:)", ", which the page would ignore; use ---"
        )
    return Finding(f"a {name}= attribute on <{tag}>", REMOVED)


class _Inspector(HTMLParser):
    """Collects a finding for every element, attribute and link nh3 would not keep."""

    def __init__(self, top_heading: int = 3, heading_ids: Counter[str] | None = None) -> None:
        super().__init__(convert_charrefs=True)  # attribute values arrive entity-decoded
        self.findings: list[Finding] = []
        self.top_heading = top_heading
        self.heading_ids = heading_ids  # the ids Markdown gave headings, each allowed once

    def _add(self, finding: Finding | None) -> None:
        if finding is not None and finding not in self.findings:
            self.findings.append(finding)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._add(_tag_finding(tag, self.top_heading))
        if self.heading_ids is not None and tag in HEADINGS:
            ident = dict(attrs).get("id")
            if ident is not None and self.heading_ids[ident] > 0:
                self.heading_ids[ident] -= 1  # Markdown's own id
            elif _tag_finding(tag, self.top_heading) is None:
                self._add(Finding(f"a heading written as HTML (<{tag}>)", NO_ID))
            attrs = [(name, value) for name, value in attrs if name != "id"]
        for name, value in attrs:
            self._add(_attribute_finding(tag, name, value or ""))

    def handle_endtag(self, tag: str) -> None:
        self._add(_tag_finding(tag, self.top_heading))  # a stray </div> is dropped too

    def handle_comment(self, data: str) -> None:
        self._add(Finding("an HTML comment", REMOVED))

    def handle_decl(self, decl: str) -> None:
        self._add(Finding(f"<!{decl}>", REMOVED))

    def handle_pi(self, data: str) -> None:
        self._add(Finding(f"<?{data}>", REMOVED))

    def unknown_decl(self, data: str) -> None:
        self._add(Finding(f"<![{data}]>", REMOVED))


class RichText(str):
    """Sanitised HTML (the string value) that remembers its Markdown source and the sources it
    cites, in order.

    A `str` subclass with `__html__`, so Django templates print it without escaping it again."""

    source: str
    cites: tuple[str, ...]
    contents: Contents  # with heading ids: the top-level headings, for a table of contents

    def __new__(
        cls, source: str, html: str, cites: tuple[str, ...] = (), contents: Contents = ()
    ) -> RichText:
        text = super().__new__(cls, html)
        text.source = source
        text.cites = cites
        text.contents = contents
        return text

    def __html__(self) -> str:  # read by django.utils.html.conditional_escape
        return str.__str__(self)

    @property
    def html(self) -> str:
        return str.__str__(self)

    @property
    def plain(self) -> str:
        """The text without markup or footnote numbers, for meta descriptions and titles."""
        html = CITE_MARK.sub("", self.html)
        return re.sub(r"\s+", " ", nh3.clean(html, tags=set())).strip()

    @property
    def lead(self) -> RichText:
        """The first sentence without markup, for a list long enough that whole summaries would
        bury it. Safe to print: `plain` is escaped text with no tags left in it."""
        return RichText(self.source, SENTENCE_END.split(self.plain, maxsplit=1)[0])


_renderers = threading.local()  # a Markdown renderer holds state while it converts: one a thread


def markdown_to_html(source: str) -> str:
    """Markdown as the Markdown library renders it: unchecked, unsanitised. One renderer per
    thread, reset between texts: building one costs more than most fields' conversion."""
    md: markdown.Markdown | None = getattr(_renderers, "md", None)
    if md is None:
        md = _renderers.md = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS, output_format="html")
    try:
        return md.reset().convert(source)
    except Exception:
        _renderers.md = None  # a renderer that failed mid-text is not trusted again
        raise


def markdown_with_ids(source: str, heading_ids: Slugify) -> tuple[str, list[tuple[int, str, str]]]:
    """Markdown rendered with an id on every Markdown heading, by the toc extension with
    `heading_ids` as its slugify; and each heading as (level, id, text), in order."""
    toc = TocExtension(marker="", slugify=heading_ids)  # no marker: "[TOC]" stays text
    md = markdown.Markdown(extensions=[*MARKDOWN_EXTENSIONS, toc], output_format="html")
    html = md.convert(source)
    tokens: list[dict[str, Any]] = md.toc_tokens  # type: ignore[attr-defined]  # toc sets it

    def flat(nested: list[dict[str, Any]]) -> Iterator[tuple[int, str, str]]:
        for token in nested:  # nested: an h3's token is among its h2's children
            yield token["level"], token["id"], entities.unescape(token["name"])
            yield from flat(token["children"])

    return html, list(flat(tokens))


def inspect_html(
    html: str, top_heading: int = 3, heading_ids: Counter[str] | None = None
) -> tuple[Finding, ...]:
    """Everything in `html` that the page would not show as written, in order of appearance.
    With `heading_ids`, a heading must carry one of those ids (Markdown's, each once)."""
    inspector = _Inspector(top_heading, heading_ids)
    inspector.feed(html)
    inspector.close()
    return tuple(inspector.findings)


def sanitise(html: str, top_heading: int = 3, *, keep_heading_ids: bool = False) -> str:
    attributes = ALLOWED_ATTRIBUTES
    if keep_heading_ids:
        attributes = attributes | {tag: {"id"} for tag in ("h2", "h3", "h4")}
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS | ({"h2"} if top_heading == 2 else set()),
        attributes=attributes,
        url_schemes=LINK_SCHEMES,
        link_rel="noopener noreferrer",
    )


# Room for every Markdown field the content holds (about 200) several times over: a reload after
# an edit (the dev server, check_content, a test's copy of the content) renders only what changed.
@functools.lru_cache(maxsize=512)
def _checked(
    source: str, top_heading: int = 3, heading_ids: Slugify | None = None
) -> tuple[str, tuple[Finding, ...], Contents]:
    """The HTML, findings and contents of stripped `source`. Cached because the schema asks
    `unsafe_markup` and then `render` about the same field: one Markdown pass serves both."""
    if heading_ids is None:
        html = markdown_to_html(source)
        return html, inspect_html(html, top_heading), ()
    html, headings = markdown_with_ids(source, heading_ids)
    given = Counter(ident for _, ident, _ in headings)
    contents = tuple((ident, text) for level, ident, text in headings if level == top_heading)
    return html, inspect_html(html, top_heading, given), contents


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def unsafe_markup(
    source: str, *, top_heading: int = 3, heading_ids: Slugify | None = None
) -> str | None:
    """Name the markup in `source` that could run code, or None when there is none."""
    _, findings, _ = _checked(source.strip(), top_heading, heading_ids)
    found = [f.what for f in findings if f.runs_code]
    return _join(found) if found else None


def render(
    source: str,
    *,
    sources: Mapping[str, int] | None = None,
    top_heading: int = 3,
    heading_ids: Slugify | None = None,
) -> RichText:
    """Markdown -> sanitised HTML. Raises `UnsafeMarkup` naming everything the sanitiser
    would drop or must refuse, rather than let it vanish from the page.

    `sources` numbers the sources a `[^id]` marker may cite; a marker naming another id raises
    `CitationError`. Without it, markers are left as written. `top_heading` is the largest
    heading the text may use: 3 in a field of a page, 2 in a guide, whose title is the page's.
    `heading_ids` gives every Markdown heading an id (see `markdown_with_ids`) and the result
    its `contents`: the headings at `top_heading`, as (id, text)."""
    html, findings, contents = _checked(source.strip(), top_heading, heading_ids)
    if findings:
        # Code first: the schema asks `unsafe_markup` before `render`, and says it that way.
        whys = sorted(dict.fromkeys(f.why for f in findings), key=lambda why: why != RUNS_CODE)
        sentences = [
            f"contains {_join([f.what for f in findings if f.why == why])}{why}" for why in whys
        ]
        raise UnsafeMarkup("; ".join(sentences))
    clean = sanitise(html, top_heading, keep_heading_ids=heading_ids is not None)
    if sources is None:
        return RichText(source=source, html=clean, contents=contents)
    linked, cites = link_citations(clean, sources)
    return RichText(source=source, html=linked, cites=cites, contents=contents)
