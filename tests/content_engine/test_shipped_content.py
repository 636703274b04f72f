"""The shipped content: it loads, it is complete, and its cross-references hold."""

from __future__ import annotations

from django.core.management import call_command

from content_engine.content import Content


def test_shipped_content_check_passes(capsys):
    call_command("check_content")
    out = capsys.readouterr().out
    assert "is valid" in out


def test_counts_meet_the_content_brief(content: Content):
    assert len(content.skills) >= 12
    assert len(content.backgrounds) >= 9
    assert len(content.roles) >= 12
    assert len(content.stages) >= 6
    assert len(content.route.pacing) >= 3
    assert len(content.lenses) == 8
    assert len(content.faq.questions) >= 12
    assert len(content.faq.mistakes) >= 6
    assert len(content.site.carries_over) >= 5
    assert len(content.site.you_add) >= 8
    assert len(content.guides) >= 4
    assert len(content.sources) >= 5
    assert len(content.quiz.questions) == 10
    dims = {c.id: len(c.dimensions) for c in content.comparisons}
    assert dims["software-vs-ai-engineer"] >= 6
    assert dims["ai-vs-ml-engineer"] >= 6


def test_every_background_has_six_transfers_with_a_strength(content: Content):
    for background in content.backgrounds:
        assert len(background.transfers) >= 6, background.id
        assert {t.strength for t in background.transfers} <= {"strong", "partial", "new"}


def test_required_backgrounds_and_roles_exist(content: Content):
    assert {
        "backend",
        "frontend",
        "full-stack",
        "mobile",
        "devops-sre-platform",
        "data-engineering",
        "cloud-infrastructure",
        "qa-test-automation",
        "security",
    } <= set(content.background_by_id)
    assert {
        "ai-engineer", "agent-engineer", "ml-engineer", "mlops-platform-engineer",
        "data-engineer-ai", "retrieval-search-engineer", "evaluation-engineer",
        "ai-security-engineer", "ai-product-manager", "ai-solutions-architect",
        "research-engineer", "inference-engineer",
    } <= set(content.role_by_id)  # fmt: skip


def test_cross_references_are_complete(content: Content):
    skills = set(content.skill_by_id)
    taught = {s for stage in content.stages for s in stage.skills}
    assert taught == skills, "every skill is taught in at least one stage"
    for role in content.roles:
        assert len(role.key_skills) == 5 and set(role.key_skills) <= skills
        assert set(role.key_stages) <= set(content.stage_by_id)
        assert role.nearest_neighbour.role in content.role_by_id
    reachable = {r for b in content.backgrounds for r in b.suited_roles}
    assert reachable == set(content.role_by_id), "every role is reachable from a background"


def test_no_file_claims_a_review_in_the_future(content: Content):
    from datetime import date

    from content_engine.schema import FILES

    assert len(content.files) == len(FILES)  # every content file is checked
    assert all(f.reviewed <= date.today() for f in content.files)


def test_version_is_stable_and_changes_with_content(content_copy, content: Content):
    from content_engine.loader import load_content

    assert load_content(content_copy).version == content.version
    faq = content_copy / "faq.yaml"
    faq.write_text(faq.read_text() + "\n# an editor's comment\n")
    assert load_content(content_copy).version != content.version
