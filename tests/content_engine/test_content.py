"""The loaded `Content`: lookups, where each field sits in its file, and the versions that tell
caches and quiz forms when something changed."""

from __future__ import annotations

import json

from content_engine.content import Content
from content_engine.loader import load_content


def line_of(path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def test_lookups_by_id_and_route_numbers(content: Content):
    assert [content.role_by_id[r.id] for r in content.roles] == content.roles
    assert [content.stage_number[s.id] for s in content.stages] == list(
        range(1, len(content.stages) + 1)
    )
    assert all(content.skill_by_id[s.id] is s for s in content.skills)
    assert all(content.background_by_id[b.id] is b for b in content.backgrounds)


def test_a_field_is_located_at_its_line_in_its_file(content: Content, content_copy):
    loaded = load_content(content_copy)
    second = loaded.roles[1]
    path, line = loaded.locate("roles.yaml", ("roles", 1, "id"))
    assert path.endswith("roles.yaml")
    assert line == line_of(content_copy / "roles.yaml", f"- id: {second.id}")
    # A field that is not there points at the nearest thing that is: its role.
    assert loaded.locate("roles.yaml", ("roles", 1, "nothing-here"))[1] == line


def test_last_reviewed_is_the_newest_review_date(content: Content):
    assert content.last_reviewed == max(f.reviewed for f in content.files)


def test_the_quiz_version_changes_with_the_quiz_and_only_the_quiz(content: Content, content_copy):
    faq = content_copy / "faq.yaml"
    faq.write_text(faq.read_text() + "\n# an editor's note\n")
    edited_faq = load_content(content_copy)
    assert edited_faq.version != content.version
    assert edited_faq.quiz_version == content.quiz_version  # quiz forms in flight stay valid

    quiz = content_copy / "quiz.yaml"
    first = content.quiz.questions[0]
    quiz.write_text(quiz.read_text().replace(first.prompt, first.prompt + " Really?", 1))
    assert load_content(content_copy).quiz_version != content.quiz_version


def test_the_api_document_is_json_with_every_collection(content: Content):
    document = json.loads(json.dumps(content.as_json()))
    assert document["version"] == content.version
    assert [r["id"] for r in document["roles"]] == [r.id for r in content.roles]
    assert [s["id"] for s in document["stages"]] == [s.id for s in content.stages]
    assert len(document["faq"]) == len(content.faq.questions)
    assert document["quiz"]["questions"][0]["id"] == content.quiz.questions[0].id
