"""`make serve` keeps an operator's settings and start-ups may overlap.

The attack: `make serve` overrode an operator's DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS; two
`make serve` at once crashed in collectstatic, and two `migrate` at once failed on a table that
already existed. Every setting the site reads from the environment is in the README's table.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from benchmarks.server import ROOT, free_port, prepare, production_env

OPERATOR_DEFAULTED = [
    "DJANGO_DEBUG",
    "DJANGO_SECRET_KEY",
    "DJANGO_ALLOWED_HOSTS",
    "DJANGO_SSL_REDIRECT",
]


def serve_lines(env: dict[str, str]) -> list[str]:
    """The shell lines `make serve` would run, as make prints them."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    dry_run = subprocess.run(
        ["make", "-n", "serve"], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return [
        line
        for line in dry_run.stdout.splitlines()
        if "manage.py prepare_serve" in line or "gunicorn -c" in line
    ]


@pytest.mark.parametrize("name", OPERATOR_DEFAULTED)
def test_make_serve_only_fills_gaps(name):
    lines = serve_lines(dict(os.environ))
    assert len(lines) == 2
    for line in lines:
        assert f'{name}="${{{name}:-' in line, line  # shell default: the environment wins


@pytest.mark.slow
def test_make_serve_keeps_the_operators_allowed_hosts(tmp_path):
    port = free_port()
    env = production_env(
        tmp_path, PORT=str(port), DJANGO_ALLOWED_HOSTS="operator.example,127.0.0.1",
        DJANGO_SECRET_KEY="operator-secret-" + "x" * 40,
    )  # fmt: skip
    env.pop("DJANGO_DEBUG")  # left to make serve's default
    prepare(env)
    gunicorn_line = serve_lines(env)[-1]
    server = subprocess.Popen(
        ["bash", "-c", gunicorn_line], cwd=ROOT, env=env, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/healthz/live", timeout=1).close()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "no server"
                time.sleep(0.05)
        wanted = urllib.request.Request(base + "/", headers={"Host": "operator.example"})
        with urllib.request.urlopen(wanted, timeout=5) as page:
            assert page.status == 200  # make serve's own default would answer 400 here
        default = urllib.request.Request(base + "/", headers={"Host": "localhost"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(default, timeout=5)
        assert refused.value.code == 400
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # the shell make would run, and gunicorn
        server.wait(timeout=30)


@pytest.mark.slow
def test_start_ups_at_once_take_turns(tmp_path):
    """Three `make serve` start-ups on one fresh database at the same time: before, the second
    migrate failed with `table ... already exists` about every other time."""
    env = production_env(tmp_path)
    command = [sys.executable, "manage.py", "prepare_serve"]

    def start_up(_: int) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
        )

    with ThreadPoolExecutor(3) as pool:
        results = list(pool.map(start_up, range(3)))
    assert [r.returncode for r in results] == [0, 0, 0], [r.stderr[-2000:] for r in results]
    assert (Path(tmp_path) / "db.sqlite3").exists()


def test_every_setting_read_from_the_environment_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    table = readme[readme.index("## Configuration") :]
    read = set()
    for source in ["roadmap_site/settings.py", "gunicorn.conf.py"]:
        read |= set(re.findall(r'environ\.get\(\s*"([A-Z_]+)"', (ROOT / source).read_text()))
        read |= set(re.findall(r'env_flag\(\s*"([A-Z_]+)"', (ROOT / source).read_text()))
    assert read, "no settings found: the pattern is out of date"
    missing = sorted(name for name in read if f"`{name}`" not in table)
    assert not missing, f"not in the README's configuration table: {missing}"
