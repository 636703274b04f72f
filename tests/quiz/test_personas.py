"""Kinds of engineer, each described in a sentence, answering the quiz as that description
suggests. The answers were chosen from the description alone, before the scorer was run on
them, so they guard the quiz against content edits that would send these people to the wrong
role. If one fails after an edit, the edit changed what the quiz means: look at the weights or
profiles, not at these answers."""

from __future__ import annotations

import pytest

from quiz.scoring import score

PERSONAS = [
    pytest.param(
        "ai-engineer",
        {
            "first-build": "user-feature",
            "debug-style": "check-inputs",
            "own-in-production": "assistant",
            "measure": "eval-set",
            "protect": "silent-drift",
            "explain": "architecture",
            "proud-of": "daily-use",
            "friday-afternoon": "prototype",
            "learning": "search",
            "incident": "replay-test",
        },
        id=(
            "A backend engineer of six years who wants to ship LLM features in the product "
            "they already own."
        ),
    ),
    pytest.param(
        "mlops-platform-engineer",
        {
            "first-build": "plumbing",
            "debug-style": "traces",
            "own-in-production": "platform",
            "measure": "rollout",
            "protect": "silent-drift",
            "explain": "architecture",
            "proud-of": "half-cost",
            "friday-afternoon": "slow-job",
            "learning": "serving",
            "incident": "stop-it",
        },
        id=(
            "An SRE who runs the company's Kubernetes platform and is happiest when on-call "
            "is quiet."
        ),
    ),
    pytest.param(
        "data-engineer-ai",
        {
            "first-build": "plumbing",
            "debug-style": "check-inputs",
            "own-in-production": "ingestion",
            "measure": "eval-set",
            "protect": "stale-data",
            "explain": "architecture",
            "proud-of": "trusted-dataset",
            "friday-afternoon": "slow-job",
            "learning": "search",
            "incident": "stop-it",
        },
        id=(
            "A data engineer who builds and babysits the warehouse pipelines everyone else "
            "reads from."
        ),
    ),
    pytest.param(
        "research-engineer",
        {
            "first-build": "fine-tune",
            "debug-style": "sample",
            "own-in-production": "release-gate",
            "measure": "ablation",
            "protect": "silent-drift",
            "explain": "findings",
            "proud-of": "changed-minds",
            "friday-afternoon": "paper",
            "learning": "training",
            "incident": "replay-test",
        },
        id=(
            "A research-minded engineer with a maths degree who reads papers for fun and "
            "distrusts any claim without an experiment."
        ),
    ),
    pytest.param(
        "evaluation-engineer",
        {
            "first-build": "grader",
            "debug-style": "sample",
            "own-in-production": "release-gate",
            "measure": "eval-set",
            "protect": "silent-drift",
            "explain": "findings",
            "proud-of": "trusted-dataset",
            "friday-afternoon": "hard-cases",
            "learning": "judges",
            "incident": "replay-test",
        },
        id=(
            "An SDET lead who owns the test framework and the release gate for a large web product."
        ),
    ),
    pytest.param(
        "ai-security-engineer",
        {
            "first-build": "red-team",
            "debug-style": "abuse",
            "own-in-production": "guardrails",
            "measure": "attack-suite",
            "protect": "hidden-instructions",
            "explain": "threat-model",
            "proud-of": "clean-audit",
            "friday-afternoon": "probe",
            "learning": "agent-tools",
            "incident": "permissions",
        },
        id=("An application-security engineer who runs threat models and the bug-bounty triage."),
    ),
    pytest.param(
        "ai-product-manager",
        {
            "first-build": "user-feature",
            "debug-style": "ask-users",
            "own-in-production": "assistant",
            "measure": "rollout",
            "protect": "confused-users",
            "explain": "roadmap",
            "proud-of": "daily-use",
            "friday-afternoon": "prototype",
            "learning": "product-sense",
            "incident": "product-promise",
        },
        id=(
            "An engineering manager who now spends more time deciding what to build than "
            "building it, and loves user research."
        ),
    ),
    pytest.param(
        "retrieval-search-engineer",
        {
            "first-build": "grader",
            "debug-style": "check-inputs",
            "own-in-production": "ingestion",
            "measure": "eval-set",
            "protect": "stale-data",
            "explain": "findings",
            "proud-of": "trusted-dataset",
            "friday-afternoon": "hard-cases",
            "learning": "search",
            "incident": "replay-test",
        },
        id=(
            "A search engineer who tunes Elasticsearch relevance and keeps offline judgement lists."
        ),
    ),
    pytest.param(
        "inference-engineer",
        {
            "first-build": "plumbing",
            "debug-style": "traces",
            "own-in-production": "serving",
            "measure": "load-test",
            "protect": "cost-latency",
            "explain": "architecture",
            "proud-of": "half-cost",
            "friday-afternoon": "slow-job",
            "learning": "serving",
            "incident": "stop-it",
        },
        id=(
            "A performance engineer who profiles services and lives in flame graphs and p99 "
            "dashboards."
        ),
    ),
    pytest.param(
        "agent-engineer",
        {
            "first-build": "agent",
            "debug-style": "check-inputs",
            "own-in-production": "assistant",
            "measure": "eval-set",
            "protect": "unapproved-action",
            "explain": "agent-design",
            "proud-of": "daily-use",
            "friday-afternoon": "agent-tool",
            "learning": "agent-tools",
            "incident": "agent-loop",
        },
        id=(
            "An integration engineer who wires SaaS systems together and automates chores "
            "with scripts and webhooks."
        ),
    ),
    pytest.param(
        "forward-deployed-engineer",
        {
            "first-build": "agent",
            "debug-style": "ask-users",
            "own-in-production": "assistant",
            "measure": "pilot",
            "protect": "unapproved-action",
            "explain": "customer-story",
            "proud-of": "customer-live",
            "friday-afternoon": "prototype",
            "learning": "product-sense",
            "incident": "customers",
        },
        id=(
            "A consultant engineer who works on site with clients and builds whatever their "
            "team needs that month."
        ),
    ),
    pytest.param(
        "ai-solutions-architect",
        {
            "first-build": "plumbing",
            "debug-style": "ask-users",
            "own-in-production": "platform",
            "measure": "pilot",
            "protect": "hidden-instructions",
            "explain": "architecture",
            "proud-of": "customer-live",
            "friday-afternoon": "prototype",
            "learning": "product-sense",
            "incident": "customers",
        },
        id=(
            "A cloud architect in a pre-sales team who designs systems for enterprise "
            "customers and answers their security questions."
        ),
    ),
    pytest.param(
        "ml-engineer",
        {
            "first-build": "fine-tune",
            "debug-style": "check-inputs",
            "own-in-production": "platform",
            "measure": "ablation",
            "protect": "stale-data",
            "explain": "findings",
            "proud-of": "trusted-dataset",
            "friday-afternoon": "paper",
            "learning": "training",
            "incident": "replay-test",
        },
        id=(
            "A data scientist who trains gradient-boosted and neural models for production "
            "and wants to go deeper on model training."
        ),
    ),
    pytest.param(
        "conversation-designer",
        {
            "first-build": "user-feature",
            "debug-style": "sample",
            "own-in-production": "assistant",
            "measure": "rollout",
            "protect": "confused-users",
            "explain": "agent-design",
            "proud-of": "daily-use",
            "friday-afternoon": "prototype",
            "learning": "judges",
            "incident": "agent-loop",
        },
        id=(
            "A content designer who moved into front-end work, writes the words every screen "
            "says and reads support transcripts to see where people get stuck."
        ),
    ),
]


@pytest.mark.parametrize(("expected", "answers"), PERSONAS)
def test_persona_gets_the_role_their_description_suggests(content, expected, answers):
    result = score(content.quiz, content.roles, answers)
    assert result.best.role_id == expected, [(f.role_id, round(f.fit, 1)) for f in result.fits[:3]]


def test_every_role_is_some_persona_s_best_fit(content):
    assert {p.values[0] for p in PERSONAS} == {role.id for role in content.roles}
