"""per_version: one build per content version, shared by every caller and thread."""

from __future__ import annotations

import dataclasses
import threading
import time

from content_engine.content import Content
from content_engine.per_version import per_version


def test_a_value_is_built_once_per_version_and_again_when_it_changes(content: Content):
    built: list[str] = []

    @per_version
    def label(c: Content) -> str:
        """The version, worked out slowly."""
        built.append(c.version)
        return f"label {c.version}"

    assert label(content) == label(content) == f"label {content.version}"
    changed = dataclasses.replace(content, version=content.version + "-changed")
    assert label(changed) == f"label {changed.version}"
    assert built == [content.version, changed.version]
    assert label.__doc__ == "The version, worked out slowly."


def test_threads_asking_at_once_wait_for_one_build(content: Content):
    calls = 0

    @per_version
    def slow(c: Content) -> object:
        nonlocal calls
        calls += 1
        time.sleep(0.05)
        return object()

    results: list[object] = []
    threads = [threading.Thread(target=lambda: results.append(slow(content))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls == 1 and len({id(r) for r in results}) == 1
