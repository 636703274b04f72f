"""Two roles side by side: differences first, skills split three ways, every bad request named."""

from __future__ import annotations

import yaml

from content_engine.content import Content
from content_engine.loader import load_content
from content_engine.queries import key_stages
from roles.comparison import CENTRAL, LEANS_MORE, compare_roles

# Both skip the deep ML track, so that row is the same, while the rows that the comparison
# builds after it (backgrounds, route stages) differ: only sorting puts the differences first.
LEFT, RIGHT = "ai-engineer", "agent-engineer"


def test_the_empty_form_is_not_an_error(content: Content):
    comparison = compare_roles(content, a=[], b=[])
    assert not comparison.ready
    assert comparison.messages == [] and not comparison.unknown
    assert comparison.rows == []


def test_differences_come_before_what_the_roles_share(content: Content):
    comparison = compare_roles(content, a=[LEFT], b=[RIGHT])
    assert comparison.ready
    flags = [row.differs for row in comparison.rows]
    assert True in flags and False in flags, "this pair must have both kinds of row"
    first_same = flags.index(False)
    assert all(not differs for differs in flags[first_same:]), [
        (row.label, row.differs) for row in comparison.rows
    ]
    same = {row.label for row in comparison.rows if not row.differs}
    assert "Needs the deep ML track" in same
    assert {"Suits backgrounds", "Route stages that matter most"} <= {
        row.label for row in comparison.rows if row.differs
    }


def test_rows_say_what_each_role_holds(content: Content):
    left, right = content.role_by_id[LEFT], content.role_by_id[RIGHT]
    rows = {row.label: row for row in compare_roles(content, a=[LEFT], b=[RIGHT]).rows}
    assert (rows["Software counterpart"].left, rows["Software counterpart"].right) == (
        left.counterpart,
        right.counterpart,
    )
    assert rows["Seniority range"].left == left.seniority.span == "Junior to staff"
    assert rows["Needs the deep ML track"].left == ("Yes" if left.needs_deep_ml else "No")
    for background_id in left.backgrounds:
        assert content.background_by_id[background_id].name in rows["Suits backgrounds"].left
    stages = rows["Route stages that matter most"].left
    expected = [f"{content.stage_number[s.id]}. {s.title}" for s in key_stages(content, role=left)]
    assert stages == ", ".join(expected)


def test_a_role_that_needs_deep_ml_says_yes(content: Content):
    deep = next(r for r in content.roles if r.needs_deep_ml)
    shallow = next(r for r in content.roles if not r.needs_deep_ml)
    rows = {row.label: row for row in compare_roles(content, a=[deep.id], b=[shallow.id]).rows}
    row = rows["Needs the deep ML track"]
    assert (row.left, row.right, row.differs) == ("Yes", "No", True)


def test_skills_are_split_into_shared_and_each_roles_own(content: Content):
    left, right = content.role_by_id[LEFT], content.role_by_id[RIGHT]
    comparison = compare_roles(content, a=[LEFT], b=[RIGHT])
    shared, only_left, only_right = (
        comparison.shared_skills,
        comparison.only_left_skills,
        comparison.only_right_skills,
    )
    assert set(shared) == set(left.key_skills) & set(right.key_skills)
    assert sorted(shared + only_left) == sorted(left.key_skills)
    assert sorted(shared + only_right) == sorted(right.key_skills)
    assert not set(only_left) & set(right.key_skills)
    assert not set(only_right) & set(left.key_skills)


def test_a_missing_role_is_asked_for(content: Content):
    for a, b, message in [
        ([LEFT], [], "Choose role B."),
        ([], [RIGHT], "Choose role A."),
        ([LEFT], ["   "], "Choose role B."),
    ]:
        comparison = compare_roles(content, a=a, b=b)
        assert comparison.messages == [message]
        assert not comparison.ready and not comparison.unknown


def test_an_unknown_role_is_named_and_marked_unknown(content: Content):
    comparison = compare_roles(content, a=[LEFT], b=["wizard"])
    assert comparison.messages == ["There is no role called “wizard” (role B)."]
    assert comparison.unknown and not comparison.ready
    assert comparison.selected_a == LEFT and comparison.selected_b == ""


def test_a_huge_unknown_name_is_cut_short_in_the_message(content: Content):
    comparison = compare_roles(content, a=["x" * 5000], b=[RIGHT])
    (message,) = comparison.messages
    assert len(message) < 200 and comparison.unknown


def test_the_same_role_twice_asks_for_two_different_roles(content: Content):
    comparison = compare_roles(content, a=[LEFT], b=[LEFT])
    assert comparison.messages == ["Pick two different roles to compare."]
    assert not comparison.ready and not comparison.unknown
    assert comparison.rows == []
    assert comparison.selected_a == comparison.selected_b == LEFT  # the form keeps the choice


def test_a_repeated_parameter_uses_its_first_value(content: Content):
    comparison = compare_roles(content, a=[LEFT, "ml-engineer"], b=[RIGHT])
    assert comparison.ready and comparison.left and comparison.right
    assert (comparison.left.id, comparison.right.id) == (LEFT, RIGHT)


def test_surrounding_spaces_are_forgiven(content: Content):
    comparison = compare_roles(content, a=[f" {LEFT} "], b=[RIGHT])
    assert comparison.ready and comparison.left and comparison.left.id == LEFT


def test_what_each_emphasises_comes_from_the_trait_profiles(content: Content):
    left, right = content.role_by_id["ai-engineer"], content.role_by_id["ml-engineer"]
    comparison = compare_roles(content, a=[left.id], b=[right.id])
    assert not comparison.close
    names = {t.id: t.name for t in content.quiz.traits}
    assert names["build"] in [w.name for w in comparison.left_leans]
    assert names["research"] in [w.name for w in comparison.right_leans]
    for w in comparison.left_leans:
        assert w.left - w.right >= LEANS_MORE
    for w in comparison.right_leans:
        assert w.right - w.left >= LEANS_MORE
    gaps = [w.left - w.right for w in comparison.left_leans]
    assert gaps == sorted(gaps, reverse=True), "the biggest difference comes first"


def test_what_both_lean_on_is_central_to_each_and_weighed_alike(content: Content):
    comparison = compare_roles(content, a=["data-engineer-ai"], b=["mlops-platform-engineer"])
    names = {t.id: t.name for t in content.quiz.traits}
    assert [w.name for w in comparison.both_lean] == [names["infra"], names["quality"]]
    for a, b in [(x.id, y.id) for x in content.roles for y in content.roles if x.id != y.id]:
        for w in compare_roles(content, a=[a], b=[b]).both_lean:
            assert min(w.left, w.right) >= CENTRAL and abs(w.left - w.right) < LEANS_MORE


def test_close_profiles_name_their_one_point_differences(content_copy):
    # Make the right-hand role a near twin: one point apart on two traits, nowhere more.
    roles_file = content_copy / "roles.yaml"
    data = yaml.safe_load(roles_file.read_text())
    by_id = {role["id"]: role for role in data["roles"]}
    twin = dict(by_id[LEFT]["traits"])
    twin["build"] -= 1
    twin["agents"] += 1
    by_id[RIGHT]["traits"] = twin
    roles_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    comparison = compare_roles(load_content(content_copy), a=[LEFT], b=[RIGHT])
    assert comparison.close
    assert comparison.left_leans and comparison.right_leans
    assert all(w.left - w.right == 1 for w in comparison.left_leans)
    assert all(w.right - w.left == 1 for w in comparison.right_leans)


def test_swapping_the_roles_swaps_what_each_emphasises(content: Content):
    ab = compare_roles(content, a=["evaluation-engineer"], b=["ai-security-engineer"])
    ba = compare_roles(content, a=["ai-security-engineer"], b=["evaluation-engineer"])
    assert [w.name for w in ab.left_leans] == [w.name for w in ba.right_leans]
    assert [w.name for w in ab.right_leans] == [w.name for w in ba.left_leans]
