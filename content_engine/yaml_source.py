"""Read a YAML file into plain Python data plus the line number of every field in it.

PyYAML forgets where values came from once it builds Python objects, so we walk the node
tree ourselves and remember each path's line. That is what lets an error say `roles.yaml:42`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Loc, Problem, nearest_line

MAX_FILE_BYTES = 512 * 1024


@dataclass
class SourceFile:
    path: str
    data: object = None
    lines: dict[Loc, int] = field(default_factory=dict)
    raw: bytes = b""

    def line_of(self, loc: Loc) -> int:
        return nearest_line(self.lines, loc)


class _Duplicate(Exception):
    def __init__(self, key: str, line: int):
        self.key, self.line = key, line


def _walk(loader: yaml.SafeLoader, node: yaml.Node, loc: Loc, lines: dict[Loc, int]) -> object:
    lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)  # resolves YAML merge keys (<<)
        result: dict[object, object] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str | int):
                key = str(key)
            if key in result:
                raise _Duplicate(str(key), key_node.start_mark.line + 1)
            lines[(*loc, key)] = key_node.start_mark.line + 1
            result[key] = _walk(loader, value_node, (*loc, key), lines)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_walk(loader, item, (*loc, i), lines) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def read_yaml(path: Path, display: str) -> tuple[SourceFile, list[Problem]]:
    """Parse one file. Never raises for bad input: problems come back as a list."""
    source = SourceFile(path=display)

    def fail(line: int, field: str, message: str) -> tuple[SourceFile, list[Problem]]:
        return source, [Problem(display, line, field, message)]

    try:
        raw = path.read_bytes()
    except OSError as exc:
        return fail(1, "(file)", f"cannot be read: {exc.strerror}")
    source.raw = raw
    if len(raw) > MAX_FILE_BYTES:
        return fail(1, "(file)", f"is {len(raw)} bytes; the limit is {MAX_FILE_BYTES}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return fail(line, "(file)", f"is not UTF-8 text (byte 0x{raw[exc.start]:02x})")
    if not text.strip():
        return fail(1, "(file)", "is empty; expected a mapping of fields")
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return fail(1, "(file)", "is empty; expected a mapping of fields")
        source.data = _walk(loader, node, (), source.lines)
    except _Duplicate as dup:
        return fail(dup.line, dup.key, "appears twice in the same mapping")
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        return fail(line, "(yaml)", f"YAML syntax error: {exc.problem or exc.context}")
    except yaml.YAMLError as exc:
        return fail(1, "(yaml)", f"YAML error: {exc}")
    finally:
        loader.dispose()
    if not isinstance(source.data, dict):
        kind = "a list" if isinstance(source.data, list) else type(source.data).__name__
        return fail(1, "(file)", f"is {kind}; expected a mapping of fields")
    return source, []
