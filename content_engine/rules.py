"""Which rule of the content guide a problem breaks, and where that rule is explained.

Every problem check_content reports points the editor at a section of docs/content-guide.md.
A problem may name its rule (`Problem.rule`, as the registered analyses do); the loader's
problems are recognised by where they sit and how their message is worded.
"""

from __future__ import annotations

from dataclasses import dataclass

from .problems import Problem
from .schema import SLUG_PATTERN

GUIDE = "docs/content-guide.md"


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    title: str  # short, for the title of a pull-request annotation
    anchor: str  # the heading's anchor in the content guide, as GitHub renders it

    @property
    def link(self) -> str:
        """The section, relative to the repository root: docs/content-guide.md#freshness."""
        return f"{GUIDE}#{self.anchor}"


RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule("yaml", "YAML", "yaml"),
        Rule("files", "Content files", "the-files"),
        Rule("fields", "Fields and types", "field-types"),
        Rule("references", "Ids and cross-references", "ids-and-cross-references"),
        Rule("markdown", "Markdown", "markdown"),
        Rule("freshness", "Freshness", "freshness"),
        Rule("quiz-balance", "Quiz balance", "how-to-add-or-change-a-quiz-question"),
        Rule("plan-estimates", "Plan estimates", "backgroundsyaml"),
        Rule("sources", "Sources", "sourcesyaml"),
        Rule("guides", "Guides", "guidesmd"),
        Rule("checking", "Checking content", "checking-and-previewing-locally"),
    )
}

_GUIDE_PARTS = ("is not a guide this site reads", "name the file", "write the guide in")
_SOURCE_PARTS = ("source marker", "cites unknown source", "is cited nowhere")
# How the loader words each kind of problem (content_engine/loader.py, yaml_source.py,
# references.py, schema.py); tests/content_engine/test_rules.py holds every form to its rule.
_FILE_MESSAGES = ("is missing", "does not exist", "is not a content file")
_YAML_MESSAGES = (
    "YAML ",  # a syntax error, anchors and aliases
    "nests deeper than",
    "appears twice in the same mapping",
    "cannot be read as",
    "is a number ",
)
_FIELD_MESSAGES = (
    "is required",
    "is not a known field",
    " should ",  # pydantic: "input should be ...", "string should have at most ..."
    "the limit is",
    "expected a non-empty",
    "needs an id",
)
_REFERENCE_STARTS = (
    "unknown ",
    "duplicate ",
    "lists the same ",
    "a role cannot be its own",
    "lowest is above highest",
    "missing trait",
    "every trait is 0",
    "no answer for question",
)
_REFERENCE_PARTS = (
    "is not taught in any stage",
    "in its backgrounds",
    "is in no background's suited_roles",
    "is in this background's new_skills",
    "is weighted by no option",
    "is not an option of question",
    "has no archetype answer set",
    "each answer needs its own",
    "; list each level once",
)


def rule_for(problem: Problem) -> Rule:
    """The rule `problem` breaks; a problem of an unknown kind gets the general section."""
    if problem.rule in RULES:
        return RULES[problem.rule]
    field, message = problem.field, problem.message
    if field == "reviewed" and message.startswith("last reviewed"):
        return RULES["freshness"]
    if any(part in message for part in _SOURCE_PARTS):
        return RULES["sources"]
    if field == "(yaml)" or message.startswith(_YAML_MESSAGES):
        return RULES["yaml"]
    if any(part in message for part in _GUIDE_PARTS) or (
        problem.path.endswith(".md") and field in ("(file)", "(front matter)")
    ):
        return RULES["guides"]
    if field in ("(file)", "(directory)"):
        return RULES["files" if message.startswith(_FILE_MESSAGES) else "yaml"]
    if message.startswith("contains "):
        return RULES["markdown"]
    if f"should match pattern '{SLUG_PATTERN}'" in message:
        return RULES["references"]  # an id that is not a slug
    if any(part in message for part in _FIELD_MESSAGES):
        return RULES["fields"]
    if message.startswith(_REFERENCE_STARTS) or any(p in message for p in _REFERENCE_PARTS):
        return RULES["references"]
    return RULES["checking"]
