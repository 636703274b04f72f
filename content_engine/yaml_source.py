"""Read a YAML file into plain Python data plus the line number of every field in it.

PyYAML forgets where values came from once it builds Python objects, so we walk the node
tree ourselves and remember each path's line. That is what lets an error say `roles.yaml:42`.

The text is parsed by libyaml (PyYAML's C parser) where PyYAML was built with it, else by
PyYAML's pure-Python parser; either way its events are composed into nodes in Python, by
PyYAML's composer with the guards below, so both read the same data with the same lines.

Content is plain data, so the reader refuses what content never needs and an attacker would:
anchors and aliases (the alias bomb and "billion laughs" expand a few hundred bytes into
gigabytes), nesting deeper than `MAX_DEPTH` (PyYAML composes recursively), files over
`MAX_FILE_BYTES` (checked before a byte is read) and files whose real path leaves the content
directory. Each comes back as one problem, never as an exception.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from .problems import Loc, Problem, format_loc, nearest_line

MAX_FILE_BYTES = 512 * 1024
MAX_DEPTH = 32  # the shipped content nests at most 6 deep
MAX_NUMBER_CHARS = 100  # PyYAML turns `1:59:59:…` into an int in quadratic time

NUMBER_TAGS = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"})
ANCHORS_REFUSED = (
    "YAML anchors and aliases (&name, *name) are not allowed in content; write the value out"
)
DEPTH_REFUSED = f"nests deeper than {MAX_DEPTH} levels; content never needs more than a few"


@dataclass
class SourceFile:
    path: str
    data: object = None
    lines: dict[Loc, int] = field(default_factory=dict)
    raw: bytes = b""

    def line_of(self, loc: Loc) -> int:
        return nearest_line(self.lines, loc)


class _Refused(Exception):
    """One problem that stops the file being read any further."""

    def __init__(self, line: int, field: str, message: str):
        self.line, self.field, self.message = line, field, message


class _Mark(Protocol):
    line: int  # 0-based


def _line(mark: _Mark | None) -> int:
    return mark.line + 1 if mark is not None else 1


class _ContentLoader(Composer, SafeConstructor):
    """PyYAML's composer and safe constructor, refusing anchors, aliases and deep nesting
    while it composes; the parser underneath is either of PyYAML's (the classes below).

    Parsing is iterative; only composing recurses. Checking each event before composing it
    keeps the recursion at most `MAX_DEPTH` deep and never builds a shared node.
    """

    depth = 0

    if TYPE_CHECKING:  # given by the parser

        def peek_event(self) -> yaml.Event | None: ...
        def dispose(self) -> None: ...

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()  # the next event, parsed but not taken
        if isinstance(event, yaml.NodeEvent) and (
            isinstance(event, yaml.AliasEvent) or event.anchor is not None
        ):
            raise _Refused(_line(event.start_mark), "(yaml)", ANCHORS_REFUSED)
        if not isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            return super().compose_node(parent, index)
        if self.depth >= MAX_DEPTH:
            raise _Refused(_line(event.start_mark), "(yaml)", DEPTH_REFUSED)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _PythonLoader(_ContentLoader, yaml.SafeLoader):
    """The guarded composer over PyYAML's pure-Python reader, scanner and parser."""


_Loader: Callable[[str], _ContentLoader] = _PythonLoader
try:
    from yaml._yaml import CParser  # libyaml, as PyYAML's own C loaders (yaml.cyaml) use it
except ImportError:  # PyYAML built without libyaml
    pass
else:

    class _CLoader(_ContentLoader, CParser, Resolver):
        """The guarded composer over libyaml's parser. PyYAML's own C loaders compose in C
        too, where these guards cannot reach; this one takes only the events from C."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)

    _Loader = _CLoader


def _scalar(loader: SafeConstructor, node: yaml.Node, loc: Loc) -> object:
    if node.tag in NUMBER_TAGS and len(str(node.value)) > MAX_NUMBER_CHARS:
        message = f"is a number {len(str(node.value))} characters long; quote it if it is text"
        raise _Refused(_line(node.start_mark), _field(loc), message)
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, OverflowError) as exc:  # 2026-02-30, !!int x: valid YAML, no value
        message = f"cannot be read as {node.tag.rsplit(':', 1)[-1]}: {exc}"
        raise _Refused(_line(node.start_mark), _field(loc), message) from exc


def _field(loc: Loc) -> str:
    return format_loc(loc) if loc else "(yaml)"


def _walk(loader: SafeConstructor, node: yaml.Node, loc: Loc, lines: dict[Loc, int]) -> object:
    lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)  # resolves YAML merge keys (<<)
        result: dict[object, object] = {}
        for key_node, value_node in node.value:
            key = _scalar(loader, key_node, loc)
            if not isinstance(key, str | int):
                key = str(key)
            if key in result:
                line = key_node.start_mark.line + 1
                raise _Refused(line, str(key), "appears twice in the same mapping")
            lines[(*loc, key)] = key_node.start_mark.line + 1
            result[key] = _walk(loader, value_node, (*loc, key), lines)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_walk(loader, item, (*loc, i), lines) for i, item in enumerate(node.value)]
    return _scalar(loader, node, loc)


def _escapes(path: Path, root: Path) -> Path | None:
    """Where `path` really leads, when that is outside `root` (a symbolic link out)."""
    real = path.resolve()
    return None if real.is_relative_to(root.resolve()) else real


def _read_bounded(path: Path) -> bytes | str:
    """The file's bytes, or why not. The size is checked on the open file before reading."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(descriptor, "rb") as file:
            status = os.fstat(file.fileno())
            if not stat.S_ISREG(status.st_mode):
                return "is not a regular file"
            if status.st_size > MAX_FILE_BYTES:
                return f"is {status.st_size} bytes; the limit is {MAX_FILE_BYTES}"
            raw = file.read(MAX_FILE_BYTES + 1)  # +1: a file that grew since fstat still stops
    except OSError as exc:
        return f"cannot be read: {exc.strerror}"
    if len(raw) > MAX_FILE_BYTES:
        return f"is over {MAX_FILE_BYTES} bytes, the limit"
    return raw


def read_text(path: Path, display: str, *, root: Path | None = None) -> tuple[bytes, str | Problem]:
    """The file's bytes and its text, or the bytes read so far and the one problem that stopped
    the reading (too big, not a regular file, not UTF-8, outside `root`)."""
    if root is not None and (target := _escapes(path, root)) is not None:
        message = (
            f"is a symbolic link to {target}, outside the content directory; "
            "content files must live in it"
        )
        return b"", Problem(display, 1, "(file)", message)
    raw = _read_bounded(path)
    if isinstance(raw, str):
        return b"", Problem(display, 1, "(file)", raw)
    try:
        return raw, raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = f"is not UTF-8 text (byte 0x{raw[exc.start]:02x})"
        return raw, Problem(display, line, "(file)", message)


def _not_allowed(text: str, error: yaml.reader.ReaderError) -> tuple[int, str, str]:
    """The first character YAML does not allow (a control character), on its line. Both
    parsers stop at it; they count its place differently (characters, bytes), so it is found
    again here."""
    character = chr(error.character) if isinstance(error.character, int) else "\ufffd"
    line = text.count("\n", 0, max(0, text.find(character))) + 1
    message = f"YAML syntax error: the character U+{ord(character):04X} is not allowed in YAML"
    return line, "(yaml)", message


def parse_yaml(
    text: str, display: str, *, first_line: int = 1, what: str = "(file)"
) -> tuple[SourceFile, list[Problem]]:
    """Parse YAML text that starts on line `first_line` of file `display` (a guide's front
    matter starts on line 2), so every line number points into that file. `what` names the
    text in problems about it as a whole."""
    source = SourceFile(path=display)
    shift = first_line - 1

    def fail(line: int, field: str, message: str) -> tuple[SourceFile, list[Problem]]:
        return source, [Problem(display, line + shift, field, message)]

    if not text.strip():
        return fail(1, what, "is empty; expected a mapping of fields")
    try:
        loader = _Loader(text)  # PyYAML's pure-Python reader checks every character here,
    except yaml.reader.ReaderError as exc:
        return fail(*_not_allowed(text, exc))
    try:
        node = loader.get_single_node()
        if node is None:
            return fail(1, what, "is empty; expected a mapping of fields")
        source.data = _walk(loader, node, (), source.lines)
    except _Refused as refused:
        return fail(refused.line, refused.field, refused.message)
    except yaml.reader.ReaderError as exc:  # ... libyaml's as it parses
        return fail(*_not_allowed(text, exc))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        # At the end of text with no line break after its last line, libyaml counts one line
        # more than PyYAML does; the text's last line is where the problem is.
        last = len((text + ".").splitlines())
        line = min(mark.line + 1, last) if mark else 1
        return fail(line, "(yaml)", f"YAML syntax error: {exc.problem or exc.context}")
    except yaml.YAMLError as exc:
        return fail(1, "(yaml)", f"YAML error: {exc}")
    finally:
        loader.dispose()
    if not isinstance(source.data, dict):
        kind = "a list" if isinstance(source.data, list) else type(source.data).__name__
        return fail(1, what, f"is {kind}; expected a mapping of fields")
    source.lines = {loc: line + shift for loc, line in source.lines.items()}
    return source, []


def read_yaml(
    path: Path, display: str, *, root: Path | None = None
) -> tuple[SourceFile, list[Problem]]:
    """Parse one file. Never raises for bad input: problems come back as a list.

    With `root`, a file whose real path is outside that directory is refused unread."""
    raw, text = read_text(path, display, root=root)
    if isinstance(text, Problem):
        return SourceFile(path=display, raw=raw), [text]
    source, problems = parse_yaml(text, display)
    source.raw = raw
    return source, problems
