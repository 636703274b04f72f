"""Every problem names a rule, and every rule is a section of docs/content-guide.md that exists:
an editor following the link lands on the explanation, never on the top of a long page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

from content_engine import analyses
from content_engine.problems import Problem
from content_engine.rules import GUIDE, RULES, rule_for

GUIDE_PATH = Path(settings.BASE_DIR) / GUIDE


def github_anchors(markdown: str) -> set[str]:
    """The anchors GitHub gives a Markdown file's headings: lower case, punctuation dropped,
    spaces as hyphens, a repeated heading numbered (-1, -2, ...). Code blocks hold none."""
    anchors: set[str] = set()
    fenced = False
    for line in markdown.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        heading = re.match(r"^#{1,6}\s+(.+?)\s*#*\s*$", line)
        if fenced or not heading:
            continue
        text = re.sub(r"[`*_]|\[([^\]]*)\]\([^)]*\)", r"\1", heading.group(1))
        slug = re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")
        candidate, n = slug, 0
        while candidate in anchors:
            n += 1
            candidate = f"{slug}-{n}"
        anchors.add(candidate)
    return anchors


def test_the_anchor_rules_follow_github():
    text = (
        "# Guide\n## Ids and cross-references\n### roles.yaml\n"
        "```\n# not a heading\n```\n## Ids and cross-references\n"
    )
    assert github_anchors(text) == {
        "guide",
        "ids-and-cross-references",
        "rolesyaml",
        "ids-and-cross-references-1",
    }


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_links_to_a_heading_of_the_content_guide(code):
    anchors = github_anchors(GUIDE_PATH.read_text(encoding="utf-8"))
    rule = RULES[code]
    assert rule.anchor in anchors, f"{GUIDE} has no heading with the anchor #{rule.anchor}"
    assert rule.link == f"docs/content-guide.md#{rule.anchor}"
    assert rule.title and "," not in rule.title and ":" not in rule.title


def test_every_registered_analysis_names_a_known_rule():
    rules = analyses.rules()
    assert rules["quiz balance"] == "quiz-balance"
    assert rules["plan estimates"] == "plan-estimates"
    assert all(code in RULES for code in rules.values()), rules


def test_an_analysis_problem_keeps_a_rule_it_names_itself(monkeypatch, content):
    monkeypatch.setattr(analyses, "_registered", {})
    named = Problem("quiz.yaml", 1, "traits", "lopsided", rule="references")
    analyses.register(
        "test", lambda c: [named, Problem("quiz.yaml", 2, "x", "y")], rule="quiz-balance"
    )
    found = analyses.run_all(content)
    assert [rule_for(p).code for p in found] == ["references", "quiz-balance"]


# Every wording the loader uses (references.py, schema.py, yaml_source.py, loader.py), with the
# rule it belongs to; a new wording that matches none falls to the general section.
WORDINGS = {
    "references": [
        "duplicate skill id 'rag'",
        "duplicate item id 'ship-it' (already used in stage 'evals')",
        "unknown role 'quantum'",
        "lists the same skill twice",
        "lists the same id twice",
        "a role cannot be its own nearest neighbour",
        "lowest is above highest",
        "missing trait(s) build, ship",
        "every trait is 0; the quiz needs a shape",
        "skill 'rag' is in this background's new_skills, so it cannot also carry over strongly",
        "skill 'rag' is not taught in any stage",
        "role 'ai-engineer' does not list 'backend' in its backgrounds",
        "role 'ai-engineer' is in no background's suited_roles",
        "'senior' comes after 'staff'; list each level once, junior first",
        "trait 'build' is weighted by no option",
        "unknown question 'q11'",
        "'opt-z' is not an option of question 'q1'",
        "no answer for question(s) q1, q2",
        "role 'ai-engineer' has no archetype answer set",
        "string should match pattern '^[a-z0-9]+(?:-[a-z0-9]+)*$'",
    ],
    "fields": [
        "is required",
        "is not a known field; did you mean 'counterpart'?",
        "input should be a valid boolean, unable to interpret input",
        "string should have at most 160 characters",
        "list should have at least 6 items after validation, not 2",
        "string should match pattern '^https://[^\\s<>\\\"']+$'",
        "is 3200 characters long; the limit is 3000",
        "expected a non-empty Markdown string",
        "needs an id: write it as `- id: a-short-slug` with the sentence under `text:`",
    ],
    "markdown": [
        "contains a <script> tag; markup that can run code is not allowed",
        "contains a <span> tag, which the page would remove; write Markdown instead",
    ],
    "sources": [
        "cites unknown source 'infowok'; did you mean 'infowok-80-percent'?",
        "has a source marker '[^Bad Id]' whose id is not an id; write [^source-id]",
        "has a source marker '[^infowok]', which works only in a Markdown field (this one is "
        "shown as typed); name the source in words here, or move the claim to a Markdown field",
        "source 'scio' is cited nowhere; cite it as [^scio] after the claim it supports",
    ],
    "guides": [
        "is 'portfolio' but the file is folio.md; name the file portfolio.md",
        "is empty; write the guide in Markdown under the front matter",
    ],
}


@pytest.mark.parametrize(
    ("code", "message"), [(code, m) for code, ms in WORDINGS.items() for m in ms]
)
def test_the_loaders_wordings_map_to_their_rules(code, message):
    assert rule_for(Problem("content/x.yaml", 3, "roles[0].name", message)).code == code


@pytest.mark.parametrize(
    ("field", "message", "code"),
    [
        ("(yaml)", "YAML syntax error: expected ',' or ']'", "yaml"),
        ("(yaml)", "anchors and aliases are not allowed", "yaml"),
        ("(file)", "is a symbolic link to /etc/passwd, outside the content directory", "yaml"),
        ("(file)", "is 600000 bytes; the limit is 524288", "yaml"),
        ("(file)", "is missing", "files"),
        ("(file)", "is not a content file this site reads (expected one of: ...)", "files"),
        ("(directory)", "does not exist", "files"),
        ("name", "appears twice in the same mapping", "yaml"),
        ("roles[0].id", "is a number 120 characters long; quote it if it is text", "yaml"),
        ("reviewed", "cannot be read as timestamp: day is out of range", "yaml"),
        ("reviewed", "last reviewed 400 days ago; please re-read it", "freshness"),
        ("roles[0]", "something no rule describes yet", "checking"),
    ],
)
def test_where_a_problem_sits_decides_its_rule(field, message, code):
    assert rule_for(Problem("content/x.yaml", 1, field, message)).code == code


@pytest.mark.parametrize(
    ("field", "message", "code"),
    [
        ("(file)", "does not start with front matter: write a line `---`, ...", "guides"),
        ("(front matter)", "has no closing `---` line; the body cannot start", "guides"),
        (
            "(file)",
            "is not a guide this site reads (a guide is a .md file); it is ignored",
            "guides",
        ),
        ("(front matter)", "YAML syntax error: mapping values are not allowed here", "yaml"),
        ("title", "is required", "fields"),
        (
            "body",
            "contains an image, which the page would remove; images are not shown",
            "markdown",
        ),
        (
            "reviewed",
            "last reviewed 200 days ago; please re-read it and update `reviewed`",
            "freshness",
        ),
    ],
)
def test_a_guides_problems_lead_to_the_guides_section_unless_a_rule_explains_them(
    field, message, code
):
    problem = Problem("content/guides/what-a-portfolio-should-show.md", 2, field, message)
    assert rule_for(problem).code == code


def test_a_problem_that_names_its_rule_keeps_it():
    named = Problem("content/quiz.yaml", 9, "roles[0].traits", "wins 0%", rule="quiz-balance")
    assert rule_for(named).title == "Quiz balance"
    unknown = Problem("content/quiz.yaml", 9, "(file)", "is missing", rule="no-such-rule")
    assert rule_for(unknown).code == "files"
