"""Every page type is valid HTML: the W3C Nu HTML Checker (vnu.jar) reports zero errors.

The checker comes from the npm package `vnu-jar` (package.json; `make test` runs `npm ci`) and
needs Java 17 or newer. All pages are written to one folder and checked in a single run, so the
JVM starts once. htmx fragments are not whole documents and are not checked here.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client

from content_engine.content import Content

pytestmark = pytest.mark.django_db

RUN = "Valid-html_0123456789a"  # a quiz run's draft key, as an address carries one
VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHECKER_TIMEOUT_SECONDS = 120


def vnu_command(files: list[Path]) -> list[str]:
    """One checker run over every file. --no-langdetect: guessing the language only ever gives
    warnings, which --errors-only drops anyway; --stdout: the JSON report on stdout."""
    java = shutil.which("java")
    if java is None:
        pytest.skip("no `java` on PATH: the Nu HTML Checker needs Java 17 or newer")
    if not VNU_JAR.is_file():
        pytest.skip(f"no {VNU_JAR.relative_to(settings.BASE_DIR)}: run `npm ci` (make test does)")
    options = ["--format", "json", "--errors-only", "--no-langdetect", "--stdout"]
    return [java, "-jar", str(VNU_JAR), *options, *map(str, files)]


def full_answers(content: Content) -> dict[str, str]:
    return {q.id: q.options[0].id for q in content.quiz.questions}


def fetch_pages(client: Client, content: Content) -> dict[str, tuple[str, str]]:
    """name -> (what was asked for, the HTML served); each response's status is checked too."""
    stage = content.stages[0].id
    role_a, role_b = content.roles[0].id, content.roles[1].id
    background = next(
        (b.id for b in content.backgrounds if b.id == "backend"), content.backgrounds[0].id
    )
    answers = full_answers(content)
    gets = {
        "home": ("/", 200),
        "route": ("/route/", 200),
        "route-hours": ("/route/?hours=20", 200),
        "stage": (f"/route/{stage}/", 200),
        "skills": ("/skills/", 200),
        "skills-background": (f"/skills/?background={background}", 200),
        "skills-skill": (f"/skills/?skill={content.skills[0].id}", 200),
        "roles": ("/roles/", 200),
        "role": (f"/roles/{role_a}/", 200),
        "roles-compare": (f"/roles/compare/?a={role_a}&b={role_b}", 200),
        "roles-compare-error": (f"/roles/compare/?a={role_a}&b={role_a}", 200),
        "lenses": ("/lenses/", 200),
        "compare": ("/compare/", 200),
        "faq": ("/faq/", 200),
        "guides": ("/guides/", 200),
        **{f"guide-{g.id}": (f"/guides/{g.id}/", 200) for g in content.guides},
        "search": ("/search/?q=prompt+injection", 200),
        "search-empty": ("/search/", 200),
        "search-nothing": ("/search/?q=promt+zzqxv", 200),
        "quiz-start": ("/quiz/", 200),
        "quiz-step": (f"/quiz/?step=1&draft={RUN}", 200),
        "quiz-step-error": (f"/quiz/?step=1&draft={RUN}&action=next", 400),
        "quiz-review": (f"/quiz/?review=1&draft={RUN}&{urlencode(answers)}", 200),
        "quiz-all": ("/quiz/?all=1", 200),
        "quiz-result-missing": ("/quiz/result/no-such-result-token-0/", 404),
        "not-found": ("/no/such/page/", 404),
    }
    pages: dict[str, tuple[str, str]] = {}
    for name, (url, status) in gets.items():
        response = client.get(url)
        assert response.status_code == status, f"{url}: {response.status_code}"
        pages[name] = (f"GET {url}", response.content.decode())

    # Check your answers as a submission with a gap leaves it: a POST answered in place.
    response = client.post("/quiz/", {**answers, "action": "submit"} | {next(iter(answers)): ""})
    assert response.status_code == 400, f"POST /quiz/ with a gap: {response.status_code}"
    pages["quiz-review-error"] = ("POST /quiz/ (a gap)", response.content.decode())

    submitted = client.post("/quiz/", answers)
    assert submitted.status_code == 303, submitted.status_code
    result = client.get(submitted["Location"])
    assert result.status_code == 200, result.status_code
    pages["quiz-result"] = (f"GET {submitted['Location']}", result.content.decode())
    pages.update(fetch_plan_pages(client, content, background))
    return pages


def fetch_plan_pages(
    client: Client, content: Content, background: str
) -> dict[str, tuple[str, str]]:
    """The plan's start form (blank, prefilled and with errors), a plan with progress, its
    read-only view and its brief."""
    pages: dict[str, tuple[str, str]] = {}
    for name, url in {
        "plan-start": "/plan/",
        "plan-start-prefilled": f"/plan/?background={background}&role={content.roles[0].id}",
    }.items():
        response = client.get(url)
        assert response.status_code == 200, url
        pages[name] = (f"GET {url}", response.content.decode())
    error = client.post("/plan/", {"background": "", "hours": "0", "start": "tomorrow"})
    assert error.status_code == 400, error.status_code
    pages["plan-start-error"] = ("POST /plan/ (errors)", error.content.decode())
    made = client.post("/plan/", {"background": background, "hours": "12", "role": ""})
    assert made.status_code == 303, made.status_code
    plan_url = made["Location"]
    first = content.stages[0]
    client.post(plan_url, {"done": [first.deliverable.id, first.done_when[0].id]})
    plan_page = client.get(plan_url)
    assert plan_page.status_code == 200
    pages["plan"] = (f"GET {plan_url}", plan_page.content.decode())
    view_url = re.search(r'href="(/plan/view/[^"]+/)"', plan_page.content.decode())
    assert view_url, "the plan links to its read-only view"
    for name, url in {
        "plan-view": view_url.group(1),
        "plan-brief": f"{plan_url}brief/",
        "plan-choices": f"{plan_url}choices/",
    }.items():
        response = client.get(url)
        assert response.status_code == 200, url
        pages[name] = (f"GET {url}", response.content.decode())
    return pages


def test_every_page_type_passes_the_nu_html_checker(
    client: Client, content: Content, tmp_path: Path
):
    pages = fetch_pages(client, content)
    files = []
    for name, (_, html) in pages.items():
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        files.append(path)

    run = subprocess.run(
        vnu_command(files),
        capture_output=True,
        text=True,
        timeout=CHECKER_TIMEOUT_SECONDS,
        check=False,
    )
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        pytest.fail(
            f"the checker gave no JSON (exit {run.returncode}):\n{run.stdout}\n{run.stderr}"
        )

    errors: Counter[str] = Counter()
    for message in report["messages"]:
        if message.get("type") == "info":  # --errors-only leaves none; kept in case that changes
            continue
        name = Path(message.get("url", "?").removeprefix("file:")).name
        line = message.get("lastLine", message.get("firstLine", "?"))
        errors[f"{name}: {line}: {message['message']}"] += 1
    if errors:
        listed = "\n".join(f"{e}  (x{n})" if n > 1 else e for e, n in errors.items())
        asked = "\n".join(f"  {name}.html = {what}" for name, (what, _) in pages.items())
        total = sum(errors.values())
        pytest.fail(f"{total} HTML errors:\n{listed}\n\npages:\n{asked}")
    assert run.returncode == 0, run.stderr
