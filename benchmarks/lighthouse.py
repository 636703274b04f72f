"""Lighthouse (mobile) on the pages a newcomer meets first (home, the route, a role, the quiz,
search), against the production-like server.

Runs gunicorn exactly as `make serve` does (benchmarks/server.py), then Lighthouse from npm with
Debian's Chromium, once per page, and prints a Markdown table of the four category scores and,
under it, every audit that kept a score below 100. Needs `npx` (npm) and /usr/bin/chromium.

    .venv/bin/python -m benchmarks.lighthouse [--runs 3] [--keep-reports DIR]

Each page is fetched twice before it is measured, so the first render after start-up is not
what is scored. With several runs the table shows each category's median, as Lighthouse's own
guidance on variability advises, and the lowest and highest performance score beside it:
simulated mobile throttling multiplies whatever else the machine is doing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from .server import running_server

LIGHTHOUSE = "lighthouse@12.8.2"  # pinned: scores move between Lighthouse versions
CHROME_PATH = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = {
    "home": "/",
    "route": "/route/",
    "role": "/roles/ai-engineer/",
    "quiz": "/quiz/",
    "search": "/search/?q=evals",
}
UNSCORED = {"manual", "notApplicable", "informative", "error"}
ATTEMPTS = 3  # Lighthouse sometimes fails to record a trace (NO_NAVSTART); that run is retried


def command(url: str, output: Path) -> list[str]:
    return [
        "npx", "--yes", LIGHTHOUSE, url,
        '--chrome-flags=--headless --no-sandbox --disable-gpu',
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json", f"--output-path={output}", "--quiet",
    ]  # fmt: skip


def run_once(url: str, output: Path) -> dict[str, object]:
    env = {**os.environ, "CHROME_PATH": CHROME_PATH}
    error = ""
    for _ in range(ATTEMPTS):
        output.unlink(missing_ok=True)
        done = subprocess.run(command(url, output), env=env, capture_output=True, text=True)
        if done.returncode == 0 and output.exists():
            report: dict[str, object] = json.loads(output.read_text(encoding="utf-8"))
            if not report.get("runtimeError"):
                return report
        error = done.stderr[-2000:]
    raise SystemExit(f"lighthouse failed {ATTEMPTS} times on {url}:\n{error}")


def warm(url: str) -> None:
    for _ in range(2):
        with urllib.request.urlopen(url, timeout=10) as response:
            response.read()


def scores(report: dict[str, object]) -> dict[str, int]:
    categories = report["categories"]
    assert isinstance(categories, dict)
    return {name: round(float(categories[name]["score"] or 0) * 100) for name in CATEGORIES}


def shortfalls(report: dict[str, object]) -> list[str]:
    """Every audit that counts towards a category's score and scored below 1, with what it
    measured (insights and opportunities weigh nothing in the score and are left out)."""
    audits = report["audits"]
    categories = report["categories"]
    assert isinstance(audits, dict) and isinstance(categories, dict)
    found = []
    for name in CATEGORIES:
        for ref in categories[name]["auditRefs"]:
            if not ref.get("weight"):
                continue
            audit = audits[ref["id"]]
            if audit["scoreDisplayMode"] in UNSCORED or audit["score"] is None:
                continue
            if audit["score"] < 1:
                shown = audit.get("displayValue") or ""
                found.append(f"{name}: {audit['id']} {audit['score']:.2f} {shown}".rstrip())
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median counts")
    parser.add_argument("--keep-reports", type=Path, help="write each JSON report here")
    args = parser.parse_args()

    folder = args.keep_reports or Path(tempfile.mkdtemp(prefix="lighthouse-"))
    folder.mkdir(parents=True, exist_ok=True)
    runs: dict[str, list[dict[str, int]]] = {}
    notes: dict[str, set[str]] = {}
    with running_server(workers=2) as base:
        for name, path in PAGES.items():
            warm(base + path)
            for run in range(1, args.runs + 1):
                report = run_once(base + path, folder / f"{name}-{run}.json")
                runs.setdefault(name, []).append(scores(report))
                notes.setdefault(name, set()).update(shortfalls(report))
                print(f"{name} run {run}: {runs[name][-1]}", file=sys.stderr)

    print("| page | URL | " + " | ".join(CATEGORIES) + " | performance, lowest–highest |")
    print("|---|---|" + "---:|" * (len(CATEGORIES) + 1))
    for name, path in PAGES.items():
        medians = [round(statistics.median(r[c] for r in runs[name])) for c in CATEGORIES]
        performance = [r["performance"] for r in runs[name]]
        spread = f"{min(performance)}–{max(performance)}"
        print(f"| {name} | `{path}` | {' | '.join(map(str, medians))} | {spread} |")
    for name in PAGES:
        for note in sorted(notes[name]):
            print(f"- {name}: {note}")
    print(f"\nreports in {folder}", file=sys.stderr)


if __name__ == "__main__":
    main()
