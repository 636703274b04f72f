"""How check_content prints problems: lines for a terminal, or GitHub Actions annotations.

`text` (the default): `path:line: field: message`, one line a problem (`str(problem)`).
`github`: one workflow command a problem, which GitHub shows on that line of a pull request's
changed files, with a link to the rule's section of the content guide:
`::error file=content/roles.yaml,line=12,title=Fields and types::field: message (see ...)`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from .problems import Problem
from .rules import rule_for

FORMATS = ("text", "github")


def escape_data(text: str) -> str:
    """A workflow command's message: `%`, carriage returns and newlines are percent-encoded."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: as a message, and `:` and `,` too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def guide_link(problem: Problem, environ: Mapping[str, str] | None = None) -> str:
    """Where the broken rule is explained. Inside a GitHub Actions run, the guide's page at the
    commit being checked (a link an editor can click); elsewhere its path in the repository."""
    rule = rule_for(problem)
    env = os.environ if environ is None else environ
    server, repository, sha = (
        env.get(k) for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA")
    )
    if server and repository and sha:
        return f"{server}/{repository}/blob/{sha}/{rule.link}"
    return rule.link


def repository_path(path: str, root: Path) -> str:
    """`path` relative to the repository root, as GitHub expects; absolute when outside it."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        return absolute.as_posix()


def github_line(problem: Problem, root: Path, environ: Mapping[str, str] | None = None) -> str:
    properties = {
        "file": repository_path(problem.path, root),
        "line": str(problem.line),
        "title": rule_for(problem).title,
    }
    written = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    message = f"{problem.field}: {problem.message} (see {guide_link(problem, environ)})"
    return f"::{problem.severity} {written}::{escape_data(message)}"
