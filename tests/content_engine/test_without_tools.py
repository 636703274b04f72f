"""In an install without the `tools` extra (the Docker image, `make run`'s venv), the commands
that need numpy say so in one line and exit 3, never with a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

# A `numpy` that cannot be imported, first on the path: what an install without it meets.
NO_NUMPY = 'raise ModuleNotFoundError("No module named \'numpy\'", name="numpy")\n'


@pytest.mark.parametrize("command", ["check_content", "quiz_report"])
def test_a_command_that_needs_numpy_says_so_in_one_line(command, tmp_path: Path):
    (tmp_path / "numpy.py").write_text(NO_NUMPY, encoding="utf-8")
    env = {
        **os.environ,
        "PYTHONPATH": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "roadmap_site.settings",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", command], cwd=settings.BASE_DIR, env=env,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 3, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if not line.startswith("{")]
    assert lines == [
        f"{command}: the quiz balance analysis needs numpy, which this install does not have; "
        "install the project's tools extra (pip install -e '.[tools]'), or run "
        "`make check-content`, whose virtual environment has it."
    ]
