"""The loaded content, held for the process: valid content is served, broken content is kept
as the problems that stop it, never half-loaded."""

from __future__ import annotations

import pytest

from content_engine import store


@pytest.fixture
def restore_store(swap_content):
    """Put the site's own content back after a test loads something else."""
    return swap_content


def test_loading_a_valid_directory_serves_it(restore_store, content_copy, content):
    store.load(content_copy)
    assert store.problems() == []
    assert store.get().version == content.version


def test_loading_broken_content_keeps_the_problems_and_serves_nothing(restore_store, content_copy):
    (content_copy / "lenses.yaml").write_text("")
    store.load(content_copy)
    problems = store.problems()
    assert [p.path.endswith("lenses.yaml") for p in problems] == [True]
    with pytest.raises(RuntimeError) as raised:
        store.get()
    assert "lenses.yaml:1: (file): is empty" in str(raised.value)


def test_only_errors_stop_the_site_not_warnings(restore_store, content_copy):
    (content_copy / "lenses.yaml").write_text("")
    (content_copy / "extra.yaml").write_text("a: 1\n")  # a warning: not a content file
    store.load(content_copy)
    assert all(p.severity == "error" for p in store.problems())


def test_a_missing_directory_is_one_problem(restore_store, tmp_path):
    store.load(tmp_path / "nowhere")
    (problem,) = store.problems()
    assert "does not exist" in problem.message


def test_replace_swaps_in_other_content_and_clears_old_problems(
    restore_store, content_copy, content
):
    (content_copy / "lenses.yaml").write_text("")
    store.load(content_copy)
    store.replace(content)
    assert store.problems() == [] and store.get() is content


def test_problems_is_a_copy_callers_cannot_change(restore_store, content_copy):
    (content_copy / "lenses.yaml").write_text("")
    store.load(content_copy)
    store.problems().clear()
    assert store.problems()
