"""Template source stays readable: no line of a template is 160 characters or longer, in the
project's templates/ folder or in any of its apps' templates/ folders (not Django's own, nor an
installed package's)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

MAX_LINE = 160  # a line must be shorter than this


def template_dirs() -> list[Path]:
    base = Path(settings.BASE_DIR).resolve()
    found: list[Path] = []
    for engine in settings.TEMPLATES:
        dirs = engine.get("DIRS", [])
        assert isinstance(dirs, list)
        found += [Path(str(d)).resolve() for d in dirs]
    for app in apps.get_app_configs():
        folder = Path(app.path).resolve() / "templates"
        if folder.is_relative_to(base) and "site-packages" not in folder.parts:
            found.append(folder)
    return sorted({d for d in found if d.is_dir()})


def template_files() -> list[Path]:
    return sorted(p for folder in template_dirs() for p in folder.rglob("*") if p.is_file())


def test_the_check_reads_the_sites_templates():
    names = {path.relative_to(settings.BASE_DIR).as_posix() for path in template_files()}
    for name in ("templates/base.html", "templates/plan/plan.html", "templates/quiz/result.html"):
        assert name in names


def test_no_template_line_is_160_characters_or_longer():
    long_lines = [
        f"{path.relative_to(settings.BASE_DIR)}:{number}: {len(line)} characters"
        for path in template_files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if len(line) >= MAX_LINE
    ]
    assert not long_lines, (
        f"template lines must be shorter than {MAX_LINE} characters; break them between "
        "attributes or template tags, where whitespace is not significant:\n"
        + "\n".join(long_lines)
    )


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/quiz/?step=1", "/plan/", "/roles/", "/skills/"])
def test_htmx_pages_behave_the_same_with_debug_on(client, settings, url):  # noqa: F811
    """django-htmx's script tag adds, with DEBUG on, a handler that replaces the whole page
    with any 4xx answer, so `make run` would lose the page on a quiz step left unanswered;
    htmx is loaded by a plain script tag instead."""
    settings.DEBUG = True
    html = client.get(url, follow=True).content.decode()
    assert "htmx-2.min" in html and "django-htmx.js" not in html
