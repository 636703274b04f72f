"""Shared fixtures: a writable copy of the shipped content, and a way to load it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from hypothesis import settings as hypothesis_settings

from content_engine import store
from content_engine.content import Content

SHIPPED = Path(settings.BASE_DIR) / "content"

# Hypothesis profiles, chosen by HYPOTHESIS_PROFILE (not by the CI variable): `default` keeps
# `make test` quick (50 examples per property test); `thorough` (make test-all) tries 300;
# `ci` (make ci, .ci/run) tries 10,000 (10,000 random quiz forms). Each builds on Hypothesis's
# own profile of that name (`ci`: derandomised, no example database). A test's @settings leaves
# max_examples to the profile.
hypothesis_settings.register_profile(
    "ci", hypothesis_settings.get_profile("ci"), max_examples=10_000
)
hypothesis_settings.register_profile(
    "thorough", hypothesis_settings.get_profile("default"), max_examples=300
)
hypothesis_settings.register_profile(
    "default", hypothesis_settings.get_profile("default"), max_examples=50
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session")
def content() -> Content:
    """The shipped content as the site loaded it at start-up; a test that changes content
    loads its own copy (content_copy) instead."""
    return store.get()


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A throwaway copy of content/ that a test may break."""
    target = tmp_path / "content"
    shutil.copytree(SHIPPED, target)
    return target


@pytest.fixture
def swap_content():
    """Point the running site at other content for one test, then put the shipped one back."""
    original = store.get()

    def swap(new: Content) -> None:
        store.replace(new)

    yield swap
    store.replace(original)


@pytest.fixture(autouse=True)
def _clear_page_cache():
    from django.core.cache import caches

    for cache in caches.all(initialized_only=False):
        cache.clear()
    yield


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    """Tests send many forms from one address; tests/webkit/test_ratelimit.py switches the
    limits back on."""
    settings.RATE_LIMITS_ENABLED = False


def pytest_collection_modifyitems(config, items):
    """Tests on the shared production server run in one xdist worker (`--dist loadgroup` in the
    Makefile), so a parallel run starts that server once instead of once per worker."""
    for item in items:
        if "production_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("production-server"))
