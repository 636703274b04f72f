"""Benchmark every page type against /healthz/live on the same server in the same run.

Runs gunicorn exactly as `make serve` does, then drives each URL with wrk (Debian package
`wrk`) and prints throughput and p50/p99 latency, with each page's ratio to /healthz/live.
Searches of random made-up words (a new query every request, so never cached, and every word
unknown, so each asks for a did-you-mean) are the worst a client can send the search page:
they are held to 0.3× /healthz/live.
Usage: python -m benchmarks.bench_pages [--seconds 5] [--connections 16]
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request

from .report import medians, print_conditions
from .server import running_server

# Every kind of content page, once.
CONTENT_PAGES = [
    "/",
    "/route/",
    "/route/?hours=20",
    "/route/orientation/",
    "/skills/",
    "/skills/?background=backend",
    "/skills/?skill=rag",
    "/roles/",
    "/roles/agent-engineer/",
    "/roles/compare/?a=ai-engineer&b=ml-engineer",
    "/lenses/",
    "/compare/",
    "/faq/",
    "/api/v1/content.json",
]
# wrk scripts: each request a search of `words` random lower-case words of 4 to 9 letters.
RANDOM_SEARCHES = {"/search/?q=<1 random word>": 1, "/search/?q=<16 random words>": 16}
RANDOM_SEARCH_FLOOR = 0.3
LUA = """
math.randomseed(os.time())
local function word()
  local letters = {}
  for i = 1, math.random(4, 9) do letters[i] = string.char(math.random(97, 122)) end
  return table.concat(letters)
end
request = function()
  local words = {}
  for i = 1, %d do words[i] = word() end
  return wrk.format("GET", "/search/?q=" .. table.concat(words, "+"))
end
"""
URLS = ["/healthz/live", *CONTENT_PAGES, *RANDOM_SEARCHES]
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}


def _search(pattern: str, text: str) -> re.Match[str]:
    match = re.search(pattern, text, re.M)
    if match is None:
        raise SystemExit(f"wrk printed no line matching {pattern!r}:\n{text}")
    return match


def latency_ms(text: str, percentile: str) -> float:
    value, unit = _search(rf"^\s*{percentile}%\s+([\d.]+)(us|ms|s)", text).groups()
    return float(value) * UNITS[unit]


def run_wrk(base: str, url: str, seconds: int, connections: int) -> dict[str, float]:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        if url in RANDOM_SEARCHES:
            script.write(LUA % RANDOM_SEARCHES[url])
            script.flush()
            command += ["-s", script.name, base + "/search/"]
        else:
            command.append(base + url)
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(_search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": latency_ms(out, "50"),
        "p99": latency_ms(out, "99"),
        "errors": int(errors.group(1)) if errors else 0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3, help="median of this many rounds")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    with running_server() as base:
        for url in CONTENT_PAGES:  # warm every worker's page cache before measuring
            for _ in range(6):
                urllib.request.urlopen(base + url).read()
        # Rounds interleave the URLs so a noisy moment hits every URL alike; report the median.
        rounds = [
            {url: run_wrk(base, url, args.seconds, args.connections) for url in URLS}
            for _ in range(args.rounds)
        ]
    results = medians(rounds)
    floor = results["/healthz/live"]
    print_conditions(args.connections, args.seconds, args.rounds)
    print(
        f"| {'URL':<44} | {'req/s':>8} | {'p50 ms':>7} | {'p99 ms':>7} | {'req/s ÷ live':>12} "
        f"| {'p99 ÷ live':>10} |"
    )
    print(f"|{'-' * 46}|{'-' * 10}|{'-' * 9}|{'-' * 9}|{'-' * 14}|{'-' * 12}|")
    failing = []
    for url, r in results.items():
        ratio, p99_ratio = r["rps"] / floor["rps"], r["p99"] / floor["p99"]
        print(
            f"| {url:<44} | {r['rps']:>8.0f} | {r['p50']:>7.2f} | {r['p99']:>7.2f} "
            f"| {ratio:>12.2f} | {p99_ratio:>10.2f} |"
        )
        if r["errors"]:
            failing.append(f"{url}: {r['errors']} non-2xx responses")
        if url.startswith("/api/"):
            continue  # the API document is ~200 KB; reported, not held to the page target
        if url in RANDOM_SEARCHES:
            if ratio < RANDOM_SEARCH_FLOOR:
                failing.append(f"{url}: {ratio:.2f}× throughput (floor {RANDOM_SEARCH_FLOOR}×)")
            continue
        if ratio < 0.8 or p99_ratio > 2.0:
            failing.append(f"{url}: {ratio:.2f}× throughput, {p99_ratio:.2f}× p99")
    print(
        "\nTarget: every content page ≥ 0.8× /healthz/live throughput and p99 ≤ 2×; searches "
        f"of random words ≥ {RANDOM_SEARCH_FLOOR}× throughput."
    )
    print("Missed: " + "; ".join(failing) if failing else "All pages meet the target.")


if __name__ == "__main__":
    main()
