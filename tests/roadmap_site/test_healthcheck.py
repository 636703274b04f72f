"""The image's HEALTHCHECK asks /healthz/live with a Host the site accepts, so a container whose
DJANGO_ALLOWED_HOSTS names only its public host is still reported healthy."""

from __future__ import annotations

import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from benchmarks.server import gunicorn, prepare, production_env
from roadmap_site.healthcheck import host_header


@pytest.mark.parametrize(
    ("allowed", "host"),
    [
        ("roadmap.example,127.0.0.1", "roadmap.example"),
        (" .example.org , localhost", "example.org"),
        ("*", "localhost"),
        ("", "localhost"),
    ],
)
def test_the_host_header_is_the_first_allowed_host(allowed, host):
    assert host_header(allowed) == host


def test_the_dockerfile_runs_it():
    dockerfile = (Path(settings.BASE_DIR) / "Dockerfile").read_text(encoding="utf-8")
    assert 'CMD ["python", "-m", "roadmap_site.healthcheck"]' in dockerfile


@pytest.mark.slow
def test_healthy_when_the_first_allowed_host_is_a_public_name(tmp_path: Path):
    env = production_env(tmp_path, DJANGO_ALLOWED_HOSTS="roadmap.example,127.0.0.1")
    prepare(env)
    with gunicorn(env, tmp_path / "server.log") as server:
        check = [sys.executable, "-m", "roadmap_site.healthcheck"]
        run_env = {**env, "PORT": str(server.port)}
        healthy = subprocess.run(check, cwd=settings.BASE_DIR, env=run_env, timeout=30)
        assert healthy.returncode == 0
        # A Host the site does not allow is refused, which is why the check names an allowed one.
        refused = urllib.request.Request(
            server.base + "/healthz/live", headers={"Host": "not-allowed.example"}
        )
        with pytest.raises(urllib.error.HTTPError) as error:
            urllib.request.urlopen(refused, timeout=5)
        assert error.value.code == 400
