"""Broken content stops the site from starting, with one line per problem and no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings


def run(args: list[str], content_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "CONTENT_DIR": str(content_dir),
        "DJANGO_SETTINGS_MODULE": "roadmap_site.settings",
    }
    return subprocess.run(
        [sys.executable, *args], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip


def break_two_things(content_dir) -> None:  # noqa: ANN001
    roles = content_dir / "roles.yaml"
    roles.write_text(roles.read_text().replace("counterpart:", "counterprat:", 1))
    (content_dir / "lenses.yaml").write_text("")


def test_gunicorn_entry_point_refuses_broken_content(content_copy):
    break_two_things(content_copy)
    result = run(["-c", "import roadmap_site.wsgi"], content_copy)
    assert result.returncode == 4
    lines = result.stderr.strip().splitlines()
    assert any(
        "roles.yaml:" in line and "roles[0].counterprat: is not a known field" in line
        for line in lines
    )
    assert any("lenses.yaml:1: (file): is empty" in line for line in lines)
    assert "Traceback" not in result.stderr


def test_manage_py_check_refuses_broken_content(content_copy):
    break_two_things(content_copy)
    result = run(["manage.py", "check"], content_copy)
    assert result.returncode == 1
    assert "lenses.yaml:1: (file): is empty" in result.stderr
    assert "Traceback" not in result.stderr
