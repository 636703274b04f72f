"""The layers point one way: the content engine imports no app, apps import the engine and the
web kit but never the project package that routes to them, and nothing the site runs imports
the developer tooling (tools, benchmarks, tests)."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APPS = {"pages", "roles", "quiz", "plan"}
RUNTIME = sorted(APPS | {"content_engine", "webkit", "roadmap_site"})
TOOLING = {"tools", "benchmarks", "tests"}
# Libraries only the tooling needs (the `tools` and `test` extras), absent from the runtime lock.
TOOL_LIBRARIES = {"PIL", "numpy", "playwright"}


def imports_of(path: Path) -> set[str]:
    """The top-level packages a module imports, anywhere in it (a function's imports too)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def imported_packages(package: str, root: Path = ROOT) -> dict[str, set[str]]:
    """Each module of `package` -> the top-level packages it imports."""
    return {
        str(path.relative_to(root)): imports_of(path)
        for path in sorted((root / package).rglob("*.py"))
    }


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


@pytest.mark.parametrize("package", RUNTIME)
def test_nothing_the_site_runs_imports_the_tooling(package):
    for module, names in imported_packages(package).items():
        assert not names & TOOLING, f"{module} imports {sorted(names & TOOLING)}"


@pytest.mark.parametrize("name", ["manage.py", "gunicorn.conf.py"])
def test_the_start_up_files_import_no_tooling(name):
    assert not imports_of(ROOT / name) & TOOLING


def test_the_import_check_sees_a_tooling_import(tmp_path):
    """The check reads every import statement, one inside a function included."""
    (tmp_path / "fake").mkdir()
    (tmp_path / "fake" / "mod.py").write_text(
        "def f():\n    from tools.originality import main\n    import benchmarks.server\n"
    )
    assert imported_packages("fake", tmp_path) == {"fake/mod.py": {"tools", "benchmarks"}}


def test_the_web_process_loads_no_tooling_and_no_tool_library():
    """What a gunicorn worker loads, the WSGI application and every view through the URL map
    (gunicorn.conf.py), under production settings: no tooling, and none of the libraries only
    the tooling needs. Management commands that draw images import theirs when they run."""
    code = (
        "import json, sys\n"
        "from roadmap_site.wsgi import application\n"
        "from django.urls import get_resolver\n"
        "get_resolver().url_patterns\n"
        "print(json.dumps(sorted({name.split('.')[0] for name in sys.modules})))\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "roadmap_site.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "test-only-not-a-secret",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    }
    loaded = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120, check=True,
    ).stdout  # fmt: skip
    found = set(json.loads(loaded.splitlines()[-1]))
    assert "quiz" in found and "pages" in found  # the views were imported
    assert not found & (TOOLING | TOOL_LIBRARIES)
