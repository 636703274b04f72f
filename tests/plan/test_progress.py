"""Progress is ids: ticked boxes are read against the route's items, the form is the whole truth
about what it showed, and reworded or removed items are noticed."""

from __future__ import annotations

from plan.progress import (
    Item,
    content_changes,
    fingerprints,
    merge_done,
    read_ticked,
    route_items,
    stage_items,
)


def test_a_stage_has_its_deliverable_then_each_criterion(content):
    stage = content.stages[0]
    items = stage_items(stage)
    assert items[0].id == stage.deliverable.id and items[0].kind == "deliverable"
    assert [i.id for i in items[1:]] == [c.id for c in stage.done_when]


def test_values_that_are_not_items_are_ignored_and_counted():
    ticked = read_ticked(["a", "b", "nope", "a", "x" * 500], item_ids={"a", "b"})
    assert ticked.done == {"a", "b"} and ticked.ignored == 2
    assert "2 ticked boxes were not items of this plan" in ticked.message
    assert read_ticked(["z"], item_ids={"a"}).message.startswith("One ticked box")
    assert read_ticked(["a"], item_ids={"a"}).message == ""


def test_ten_thousand_values_are_read_quickly_and_safely():
    ticked = read_ticked([f"v{i}" for i in range(10_000)], item_ids={"v1", "v2"})
    assert ticked.done == {"v1", "v2"} and ticked.ignored == 9_998


def test_the_form_replaces_what_it_showed_and_keeps_the_rest():
    merged = merge_done(["a", "b", "gone"], {"c"}, shown={"a", "b", "c"})
    assert merged == ["c", "gone"]


def test_a_reworded_item_is_changed_and_a_removed_done_item_is_noticed(content):
    items = route_items(content.stages)
    seen = fingerprints(items)
    first = next(iter(items))
    reworded = {**items, first: Item(first, "New words", items[first].stage_id, "criterion")}
    reworded.pop(next(reversed(items)))
    removed_id = next(reversed(items))
    changes = content_changes(seen=seen, done={first, removed_id, "never-seen"}, items=reworded)
    assert changes.changed == (first,)
    assert changes.removed == (removed_id,)
    assert not content_changes(seen=seen, done=set(items), items=items)
