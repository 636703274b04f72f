"""Every page answers with complete HTML, unique titles, and a helpful page for bad input."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client

from content_engine.content import Content
from content_engine.pacing import pace_route

pytestmark = pytest.mark.django_db


def all_pages(content: Content) -> list[str]:
    return [
        "/", "/route/", *(f"/route/{s.id}/" for s in content.stages), "/skills/",
        *(f"/skills/?background={b.id}" for b in content.backgrounds),
        *(f"/skills/?skill={s.id}" for s in content.skills), "/roles/",
        *(f"/roles/{r.id}/" for r in content.roles),
        "/roles/compare/?a=ai-engineer&b=ml-engineer", "/lenses/", "/compare/", "/faq/", "/quiz/",
        "/quiz/?step=1&draft=Pages-run_0123456789ab", "/quiz/?all=1", "/guides/",
        *(f"/guides/{g.id}/" for g in content.guides),
    ]  # fmt: skip


def found(pattern: str, text: str) -> re.Match[str]:
    """The first match of `pattern` (`.` matches newlines too); the test fails without one."""
    match = re.search(pattern, text, re.S)
    assert match is not None, f"nothing matches {pattern!r}"
    return match


def title_of(html: str) -> str:
    return found(r"<title>(.*?)</title>", html).group(1).strip()


def test_every_page_is_complete_html_with_unique_title_and_meta(client: Client, content):
    titles: dict[str, list[str]] = {}
    for url in all_pages(content):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert html.count("<h1") == 1, url
        assert '<meta name="description" content="' in html, url
        assert '<meta property="og:title"' in html and '<link rel="canonical"' in html, url
        assert '<main id="main"' in html and 'href="#main"' in html, url
        titles.setdefault(title_of(html), []).append(url)
    duplicated = {t: urls for t, urls in titles.items() if len(urls) > 1}
    assert not duplicated


def test_breadcrumbs_lead_back_home(client: Client):
    html = client.get("/roles/agent-engineer/").content.decode()
    crumbs = found(r'<nav class="wrap breadcrumbs".*?</nav>', html).group(0)
    assert 'href="/"' in crumbs and 'href="/roles/"' in crumbs and 'aria-current="page"' in crumbs


@pytest.mark.parametrize(
    ("url", "suggested"),
    [
        ("/route/orientaton/", "/route/orientation/"),
        ("/roles/agent-enginer/", "/roles/agent-engineer/"),
        ("/skills/?background=bakend", "/skills/?background=backend"),
        ("/skills/?skill=ragg", "/skills/?skill=rag"),
    ],
)
def test_unknown_slug_404_suggests_the_nearest(client: Client, url, suggested):
    response = client.get(url)
    assert response.status_code == 404
    assert f'href="{suggested}"' in response.content.decode()


def test_unknown_path_gets_the_styled_404(client: Client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert 'class="site-header"' in response.content.decode()


@pytest.mark.parametrize("url", ["/", "/route/", "/roles/", "/faq/", "/healthz/live"])
def test_methods_a_view_does_not_take_get_405(client: Client, url):
    assert client.post(url).status_code == 405
    assert client.delete(url).status_code == 405


@pytest.mark.parametrize(
    ("hours", "shown", "message"),
    [
        ("0", 1, "at least 1"),
        ("-40", 1, "at least 1"),
        ("1000000000", 60, "more than 60"),
        ("lots", 12, "not a number"),
        ("nan", 12, "not a number"),
        ("inf", 60, "more than 60"),
        ("7.6", 8, "Rounded to 8"),
    ],
)
def test_absurd_hours_fall_back_with_a_message(client: Client, content, hours, shown, message):
    response = client.get("/route/", {"hours": hours})
    assert response.status_code == 200
    html = response.content.decode()
    assert f"At {shown} hour{'s' if shown != 1 else ''} a week" in html
    assert message in html


def test_pacing_changes_the_calendar(client: Client, content):
    total = sum(s.hours for s in content.stages)
    slow = client.get("/route/?hours=4").content.decode()
    fast = client.get("/route/?hours=40").content.decode()

    def weeks(html: str) -> int:
        return int(found(r"takes about (\d+) week", html).group(1))

    assert weeks(slow) > weeks(fast) >= total // 40


def test_oversized_and_repeated_query_parameters_never_500(client: Client):
    assert client.get("/skills/", {"background": "x" * 5000}).status_code == 404
    assert client.get("/roles/", {"background": ["backend", "frontend"]}).status_code == 200
    assert client.get("/route/", {"hours": "9" * 5000}).status_code == 200
    assert client.get("/roles/", {"deep_ml": "maybe"}).status_code == 200


def test_htmx_requests_get_only_the_fragment(client: Client):
    for url, marker in [
        ("/skills/?background=backend", "You already do this"),
        ("/roles/?deep_ml=yes", "roles</strong>"),
    ]:
        full = client.get(url)
        fragment = client.get(url, headers={"HX-Request": "true"})
        assert "<html" in full.content.decode()
        body = fragment.content.decode()
        assert "<html" not in body and marker in body, url
        assert "HX-Request" in fragment["Vary"]


def test_the_route_answers_every_request_with_the_whole_page(client: Client, content):
    """A pace is a plain link or GET form: no fragment, even if something sends HX-Request."""
    weeks = pace_route(content, hours_per_week=20).total_weeks
    for headers in [{}, {"HX-Request": "true"}]:
        html = client.get("/route/?hours=20", headers=headers).content.decode()
        assert "<html" in html and html.count("<h1") == 1
        assert f"At 20 hours a week, the whole route takes about {weeks} weeks" in html
        assert re.search(r'id="hours" name="hours" min="1" max="60" step="1"\s+value="20"', html)
        assert "/static/django_htmx/" not in html and "data-hx-" not in html


def test_repeat_visit_gets_304(client: Client):
    first = client.get("/roles/")
    assert first.has_header("ETag") and first.has_header("Last-Modified")
    again = client.get("/roles/", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    other_query = client.get("/roles/?deep_ml=yes", headers={"If-None-Match": first["ETag"]})
    assert other_query.status_code == 200


def test_security_headers(client: Client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    script_src = found(r"script-src ([^;]*)", csp).group(1)
    assert "unsafe-inline" not in script_src and "'self'" in script_src
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_no_inline_scripts_or_styles_anywhere(client: Client, content):
    for url in all_pages(content):
        html = client.get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), url
        assert " style=" not in html and "<style" not in html, url


def test_sitemap_and_robots(client: Client, content):
    sitemap = client.get("/sitemap.xml").content.decode()
    for role in content.roles:
        assert f"/roles/{role.id}/</loc>" in sitemap
    assert "/skills/?background=backend</loc>" in sitemap.replace("&amp;", "&")
    robots = client.get("/robots.txt").content.decode()
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in robots  # SITE_URL, not the Host


PAGE_BUDGET = 30 * 1024
# A browser fetches one favicon (the SVG); the PNG fallback and the touch icon are for the
# devices that ask for them, so they are checked to exist but not counted in a first load.
ICON_ALTERNATES = re.compile(rb'<link rel="(?:icon|apple-touch-icon)" href="/static/([^"]+\.png)"')


def first_load_bytes(client: Client, url: str) -> int:
    """The page's HTML and every same-origin static file it links, each gzipped, in bytes."""
    html = client.get(url).content
    total = len(gzip.compress(html))
    alternates = set(ICON_ALTERNATES.findall(html))
    for asset in re.findall(rb'(?:href|src)="/static/([^"]+)"', html):
        if asset in alternates:
            assert finders.find(asset.decode()), f"{url} links a missing {asset.decode()}"
            continue
        path = finders.find(asset.decode())
        assert path, f"{url} links a static file that does not exist: {asset.decode()}"
        total += len(gzip.compress(Path(path).read_bytes()))
    return total


def test_every_page_first_load_is_under_30kb_compressed(client: Client, content):
    for url in all_pages(content):
        total = first_load_bytes(client, url)
        assert total < PAGE_BUDGET, f"{url} weighs {total} bytes compressed"


@pytest.mark.parametrize("background", ["backend", "devops-sre-platform", "data-engineering"])
def test_a_newcomer_reaches_transfers_roles_and_a_first_stage_in_two_clicks(
    client: Client, content, background
):
    home = client.get("/").content.decode()
    link = f'href="/skills/?background={background}"'
    assert link in home  # click one
    page = client.get(f"/skills/?background={background}").content.decode()
    found = content.background_by_id[background]
    assert found.transfers[0].already in page.replace("&#x27;", "'")
    for role in found.suited_roles:
        assert f'href="/roles/{role}/"' in page  # click two: a role
    assert f'href="/route/{content.stages[0].id}/"' in page  # or click two: the first stage
