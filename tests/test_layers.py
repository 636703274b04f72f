"""The layers point one way: the content engine imports no app, apps import the engine and the
web kit but never the project package that routes to them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APPS = {"pages", "roles", "quiz", "plan"}


def imported_packages(package: str) -> dict[str, set[str]]:
    """Each module of `package` -> the top-level packages it imports."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(ROOT))] = names
    return found


def test_the_content_engine_imports_no_app_and_no_web_kit():
    for module, names in imported_packages("content_engine").items():
        assert not names & (APPS | {"webkit", "roadmap_site"}), module


@pytest.mark.parametrize("package", sorted(APPS | {"webkit"}))
def test_no_app_imports_the_project_package(package):
    for module, names in imported_packages(package).items():
        assert "roadmap_site" not in names, module


def test_the_web_kit_imports_no_app():
    for module, names in imported_packages("webkit").items():
        assert not names & APPS, module
