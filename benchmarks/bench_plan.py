"""Benchmark a plan page and saving progress against /healthz/live, on the same server, in the
same run, with the same load generator.

Runs gunicorn as `make serve` does (2 workers) against DATABASE_URL (default: a fresh SQLite
file) and makes --plans plans through the public form, as many people would. Then, in
interleaved rounds, drives with wrk (Debian package `wrk`, as benchmarks/bench_pages.py does):
GET /healthz/live, GET /plan/<token>/, POST /plan/<token>/ (every ticked item as a `done`
field, a different set each time, answered 303) and POST /plan/<token>/items/<id>/ (one tick,
as the page's script sends it, answered 200 with the changed counts), each request to the next
plan with that plan's cookies. Prints throughput and latency with each ratio to /healthz/live,
and checks that every answer was a success and that no save was lost (each save bumps a revision).
Targets on SQLite: the plan page at >= 0.4x, saving progress and a tick at >= 0.2x
/healthz/live.
Traffic goes to 127.0.0.1 only, for --seconds per URL and round, --rounds times.
Usage: python -m benchmarks.bench_plan [--seconds 5] [--connections 16] [--rounds 3] [--plans 16]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from .bench_pages import latency_ms
from .bench_quiz import Client, django_setup
from .report import medians, print_conditions
from .server import running_server

PAGE_TARGET = 0.4
SAVE_TARGET = 0.2
# wrk scripts: each request goes to the next plan, with that plan's cookies, as many people
# would send them; a save ticks a different number of items each time.
PAGE_SCRIPT = """
local tokens = %(tokens)s
local i = 0
request = function()
  i = i + 1
  local token = tokens[(i %% #tokens) + 1]
  local headers = {["Cookie"] = %(cookie)s .. "; plan_hint=1; plan=" .. token}
  return wrk.format("GET", "/plan/" .. token .. "/", headers)
end
"""
POST_SCRIPT = """
local tokens = %(tokens)s
local bodies = %(bodies)s
local headers = {
  ["Content-Type"] = "application/x-www-form-urlencoded",
  ["Cookie"] = %(cookie)s,
}
local i = 0
request = function()
  i = i + 1
  local token = tokens[(i %% #tokens) + 1]
  return wrk.format("POST", "/plan/" .. token .. "/", headers, bodies[(i %% #bodies) + 1])
end
"""
# One item's tick, as plan.js sends it: the next plan, the next item, ticked or unticked.
TICK_SCRIPT = """
local tokens = %(tokens)s
local items = %(items)s
local headers = {
  ["Content-Type"] = "application/x-www-form-urlencoded",
  ["Cookie"] = %(cookie)s,
  ["X-Plan-Tick"] = "1",
  ["X-CSRFToken"] = %(csrf)s,
}
local i = 0
request = function()
  i = i + 1
  local token = tokens[(i %% #tokens) + 1]
  local item = items[(i %% #items) + 1]
  local done = (math.floor(i / #items) %% 2 == 0) and "1" or "0"
  return wrk.format("POST", "/plan/" .. token .. "/items/" .. item .. "/", headers, "done=" .. done)
end
"""


@dataclass(frozen=True)
class Target:
    url: str
    script: Path | None = None
    cookie: str = ""


def wrk(
    url: str, seconds: int, connections: int, *, script: Path | None = None, cookie: str = ""
) -> dict[str, float]:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script is not None:
        command += ["-s", str(script)]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    total = re.search(r"(\d+) requests in", out)
    if rps is None or total is None:
        raise SystemExit(f"wrk printed no throughput:\n{out}")
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": float(rps.group(1)),
        "requests": int(total.group(1)),
        "p50": latency_ms(out, "50"),
        "p99": latency_ms(out, "99"),
        "errors": (int(errors.group(1)) if errors else 0) + (1 if socket_errors else 0),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3, help="median of this many rounds")
    parser.add_argument("--plans", type=int, default=16, help="plans the requests go round")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    seconds, connections = max(1, args.seconds), max(1, args.connections)
    plans = min(max(1, args.plans), 200)

    scratch = Path(tempfile.mkdtemp(prefix="bench-plan-"))
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{scratch / 'bench.sqlite3'}"
    engine = database_url.split(":", 1)[0]
    django_setup(database_url)
    from content_engine import store
    from plan.models import Plan

    content = store.get()
    items = [i for s in content.stages for i in (s.deliverable.id, *(c.id for c in s.done_when))]

    with running_server(workers=2, DATABASE_URL=database_url) as base:
        browser = Client(base)
        browser.start_quiz()  # a CSRF cookie and token, as a browser holds them
        tokens = []
        for n in range(plans):
            status, location = browser.post(
                "/plan/", {"background": content.backgrounds[n % 10].id, "hours": "12"}
            )
            match = re.fullmatch(r"/plan/([A-Za-z0-9_-]{22})/", location)
            if status != 303 or match is None:
                sys.exit(f"FAIL: making a plan answered {status} {location!r}")
            tokens.append(match.group(1))
        bodies = [  # 0 to every item ticked
            urllib.parse.urlencode(
                [*(("done", item) for item in items[:n]), ("csrfmiddlewaretoken", browser.token)]
            )
            for n in range(len(items) + 1)
        ]
        values = {
            "tokens": "{" + ", ".join(json.dumps(t) for t in tokens) + "}",
            "bodies": "{" + ", ".join(json.dumps(b) for b in bodies) + "}",
            "cookie": json.dumps(browser.cookie),
            "items": "{" + ", ".join(json.dumps(i) for i in items[:20]) + "}",
            "csrf": json.dumps(browser.token),
        }
        page_script, post_script = scratch / "page.lua", scratch / "post.lua"
        tick_script = scratch / "tick.lua"
        page_script.write_text(PAGE_SCRIPT % values, encoding="utf-8")
        post_script.write_text(POST_SCRIPT % values, encoding="utf-8")
        tick_script.write_text(TICK_SCRIPT % values, encoding="utf-8")
        targets = {
            "live": Target(base + "/healthz/live"),
            "page": Target(base + "/plan/", script=page_script),
            "save": Target(base + "/plan/", script=post_script),
            "tick": Target(base + "/plan/", script=tick_script),
        }
        mine = Plan.objects.filter(token__in=tokens)
        revisions_before = sum(mine.values_list("revision", flat=True))
        rounds = []
        for _ in range(max(1, args.rounds)):  # interleaved: a noisy moment hits all alike
            measured = {}
            for name, t in targets.items():
                if name == "page":  # as bench_pages.py does: each worker's stored pages warm
                    for token in tokens:
                        cookie = f"{browser.cookie}; plan_hint=1; plan={token}"
                        request = urllib.request.Request(
                            f"{base}/plan/{token}/", headers={"Cookie": cookie}
                        )
                        for _ in range(4):
                            with urllib.request.urlopen(request) as response:
                                response.read()
                measured[name] = wrk(t.url, seconds, connections, script=t.script, cookie=t.cookie)
            rounds.append(measured)
        saves = sum(r["save"]["requests"] + r["tick"]["requests"] for r in rounds)
        # wrk counts the answers it read before time ran out; a few more may have been saved.
        stored_saves = sum(mine.values_list("revision", flat=True)) - revisions_before
        lost = max(0, saves - stored_saves)
        stored = {item for done in mine.values_list("done", flat=True) for item in done}
        mine.delete()  # leave the database as found

    results = medians(rounds)
    live = results["live"]
    lead = f"database: {engine}; wrk, "
    print_conditions(connections, seconds, args.rounds, lead=lead, details=[f"{plans} plans"])
    print("| request | req/s | p50 ms | p99 ms | req/s ÷ live |")
    print("|---|---:|---:|---:|---:|")
    labels = {
        "live": "GET /healthz/live",
        "page": "GET /plan/<token>/",
        "save": "POST /plan/<token>/ (303)",
        "tick": "POST /plan/<token>/items/<id>/ (200)",
    }
    for name, r in results.items():
        print(
            f"| {labels[name]} | {r['rps']:.0f} | {r['p50']:.2f} | {r['p99']:.2f} "
            f"| {r['rps'] / live['rps']:.2f} |"
        )
    page_ratio = results["page"]["rps"] / live["rps"]
    save_ratio = results["save"]["rps"] / live["rps"]
    tick_ratio = results["tick"]["rps"] / live["rps"]
    print(f"\nTargets: page ≥ {PAGE_TARGET}×, saving and a tick ≥ {SAVE_TARGET}× /healthz/live.")
    print(f"Saves answered {saves}, stored {stored_saves} (each bumps the plan's revision).")
    failing = [f"{n}: {r['errors']:.0f} failed answers" for n, r in results.items() if r["errors"]]
    if lost:
        failing.append(f"{lost} saves were lost")
    if not stored <= set(items):
        failing.append("stored progress holds ids that are not items")
    if page_ratio < PAGE_TARGET:
        failing.append(f"the plan page is at {page_ratio:.2f}× live")
    if save_ratio < SAVE_TARGET:
        failing.append(f"saving progress is at {save_ratio:.2f}× live")
    if tick_ratio < SAVE_TARGET:
        failing.append(f"a tick is at {tick_ratio:.2f}× live")
    if failing:
        sys.exit("FAIL: " + "; ".join(failing))
    print("PASS")


if __name__ == "__main__":
    main()
