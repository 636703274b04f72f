"""Canonical links come from SITE_URL, never from the request's Host header.

The first visitor's Host used to be baked into the cached page's canonical and og:url for
everyone. Now every absolute link (canonical, og:url, the quiz share link, robots.txt's Sitemap
line, the sitemap's <loc>s) is SITE_URL + path."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client, override_settings

from quiz.models import QuizSubmission

pytestmark = pytest.mark.django_db

HOSTS = ["127.0.0.1", "localhost:8000"]  # both allowed; the second with a port
PAGES = ["/", "/route/", "/roles/", "/faq/"]


def canonical_and_og(html: str) -> tuple[str, str]:
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html)
    og = re.search(r'<meta property="og:url" content="([^"]+)"', html)
    assert canonical and og
    return canonical.group(1), og.group(1)


@pytest.mark.parametrize("hosts", [HOSTS, HOSTS[::-1]])
def test_visitors_with_different_hosts_get_the_same_canonical(client: Client, hosts):
    for path in PAGES:
        seen = {canonical_and_og(client.get(path, HTTP_HOST=h).content.decode()) for h in hosts}
        assert seen == {(settings.SITE_URL + path, settings.SITE_URL + path)}, path


def test_the_canonical_follows_site_url_whatever_the_host(client: Client):
    with override_settings(SITE_URL="https://roadmap.example"):
        for host in HOSTS:
            html = client.get("/route/", HTTP_HOST=host).content.decode()
            assert canonical_and_og(html) == (
                "https://roadmap.example/route/",
                "https://roadmap.example/route/",
            )
            assert host not in html


def test_robots_and_sitemap_use_site_url(client: Client):
    with override_settings(SITE_URL="https://roadmap.example"):
        for host in HOSTS:
            robots = client.get("/robots.txt", HTTP_HOST=host).content.decode()
            assert "Sitemap: https://roadmap.example/sitemap.xml" in robots
            sitemap = client.get("/sitemap.xml", HTTP_HOST=host).content.decode()
            locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
            assert locations
            assert all(loc.startswith("https://roadmap.example/") for loc in locations)


def test_the_quiz_share_link_uses_site_url(client: Client, content):
    answers = {q.id: q.options[0].id for q in content.quiz.questions}
    location = client.post("/quiz/", answers)["Location"]
    token = QuizSubmission.objects.get().token
    with override_settings(SITE_URL="https://roadmap.example"):
        for host in HOSTS:
            html = client.get(location, HTTP_HOST=host).content.decode()
            assert f'value="https://roadmap.example/quiz/result/{token}/"' in html


def site_url_with(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    code = (
        "import django; django.setup(); from django.conf import settings; print(settings.SITE_URL)"
    )
    clean = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "DJANGO_ALLOWED_HOSTS"}}
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SETTINGS_MODULE": "roadmap_site.settings", **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"DJANGO_DEBUG": "1", "PORT": "8000"}, "http://127.0.0.1:8000"),
        ({"SITE_URL": "https://roadmap.example/"}, "https://roadmap.example"),
        (
            {
                "DJANGO_DEBUG": "0",
                "DJANGO_SECRET_KEY": "test-only",
                "DJANGO_ALLOWED_HOSTS": "roadmap.example,www.roadmap.example",
            },
            "https://roadmap.example",
        ),
        (
            {
                "DJANGO_DEBUG": "0",
                "DJANGO_SECRET_KEY": "test-only",
                "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
                "PORT": "9000",
            },
            "http://127.0.0.1:9000",
        ),
    ],
)
def test_site_url_setting_and_its_defaults(env, expected):
    result = site_url_with(env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


@pytest.mark.parametrize(
    "bad", ["roadmap.example", "ftp://roadmap.example", "https://roadmap.example/sub", "https://"]
)
def test_a_site_url_that_is_not_an_origin_stops_start_up_with_one_line(bad):
    result = site_url_with({"SITE_URL": bad})
    assert result.returncode != 0
    assert "SITE_URL must be a scheme and host" in result.stderr
    assert "Traceback" not in result.stderr
