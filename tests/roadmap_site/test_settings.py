"""DJANGO_DEBUG=0 switches on the production hardening operators expect."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
response = Client().get("/healthz/live", secure=True)
plain = Client().get("/", secure=False)
print(json.dumps({
    "hsts": response.get("Strict-Transport-Security", ""),
    "redirect": plain.status_code, "location": plain.get("Location", ""),
    "secure_cookies": settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE,
    "storage": settings.STORAGES["staticfiles"]["BACKEND"],
    "proxy": settings.SECURE_PROXY_SSL_HEADER,
}))
"""


def run_probe(**env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "roadmap_site.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_mode_turns_on_hsts_ssl_redirect_and_secure_cookies():
    result = run_probe(
        DJANGO_DEBUG="0", DJANGO_SECRET_KEY="x" * 60, DJANGO_ALLOWED_HOSTS="testserver"
    )
    facts = json.loads(result.stdout.strip().splitlines()[-1])
    max_age = int(facts["hsts"].split("max-age=")[1].split(";")[0])
    assert max_age >= 180 * 24 * 3600
    assert facts["redirect"] == 301 and facts["location"].startswith("https://")
    assert facts["secure_cookies"] is True
    assert facts["storage"].endswith("CompressedManifestStaticFilesStorage")
    assert facts["proxy"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_production_mode_refuses_to_start_without_a_secret_key():
    result = run_probe(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_make_serve_runs_the_dockerfile_command_line():
    from pathlib import Path

    root = Path(settings.BASE_DIR)
    dockerfile = (root / "Dockerfile").read_text()
    makefile = (root / "Makefile").read_text()
    assert 'CMD ["gunicorn", "-c", "gunicorn.conf.py", "roadmap_site.wsgi"]' in dockerfile
    assert "gunicorn -c gunicorn.conf.py roadmap_site.wsgi" in makefile
    assert "HEALTHCHECK" in dockerfile and "roadmap_site.healthcheck" in dockerfile
    assert "/healthz/live" in (root / "roadmap_site" / "healthcheck.py").read_text()


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("TRUSTED_PROXIES", "abc", "TRUSTED_PROXIES must be a whole number, 0 or more: 'abc'"),
        ("DATABASE_WRITERS", "0", "DATABASE_WRITERS must be a whole number, 1 or more: '0'"),
        ("GUNICORN_THREADS", "x", "GUNICORN_THREADS must be a whole number, 1 or more: 'x'"),
        ("RATE_LIMITS", "maybe", "RATE_LIMITS must be on or off: 'maybe'"),
    ],
)
def test_a_malformed_setting_stops_start_up_with_one_line(name, value, message):
    result = run_probe(**{name: value})
    assert result.returncode != 0
    assert result.stderr.strip() == message
