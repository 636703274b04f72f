"""Hostile content files are refused quickly and cheaply, with one `path:line` line each.

Each attack is one a pull request could carry: YAML that expands a few hundred bytes into
gigabytes, nesting that blows PyYAML's recursion, a file too big to read, a symbolic link
out of the content directory. Each must give exactly one problem line, within a second and
200 MB, from `check_content` and at start-up, never a traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from content_engine.loader import load_content
from content_engine.yaml_source import MAX_DEPTH

SECOND = 1.0  # what an attack may add to loading the rest of the content
MEGABYTE = 1024 * 1024
MEMORY_LIMIT = 200 * MEGABYTE
ANCHORS = "(yaml): YAML anchors and aliases (&name, *name) are not allowed in content"
TOO_DEEP = f"(yaml): nests deeper than {MAX_DEPTH} levels"
SHIPPED = Path(settings.BASE_DIR) / "content"

Attack = Callable[[Path], tuple[str, int, str]]  # -> (file, line, "field: message" start)


def append(path: Path, text: str) -> int:
    """Add `text` at the end of a content file; return the line it starts on."""
    existing = path.read_text(encoding="utf-8")
    path.write_text(existing + text, encoding="utf-8")
    return existing.count("\n") + 1


def alias_bomb(d: Path):
    """~300 bytes that expand to a million strings (13.9 s and 1.4 GB before the fix)."""
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for name, previous in zip("bcdef", "abcde", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    text = "\n".join(lines) + "\n"
    assert 250 < len(text) < 350
    return "site.yaml", append(d / "site.yaml", text), ANCHORS


def billion_laughs(d: Path):
    """The classic: nine levels of ten, 10^9 strings from ~1 KB."""
    lines = ['lol0: &lol0 "lol"']
    for level in range(1, 10):
        lines.append(f"lol{level}: &lol{level} [" + ", ".join([f"*lol{level - 1}"] * 10) + "]")
    lines.append("laughs: *lol9")
    text = "\n".join(lines) + "\n"
    assert 700 < len(text) < 1100
    return "site.yaml", append(d / "site.yaml", text), ANCHORS


def recursive_alias(d: Path):
    """A list that contains itself: RecursionError before the fix."""
    return "site.yaml", append(d / "site.yaml", "x: &r [*r]\n"), ANCHORS


def deep_lists(d: Path):
    depth = 5000
    line = append(d / "site.yaml", "deep: " + "[" * depth + "]" * depth + "\n")
    return "site.yaml", line, TOO_DEEP


def deep_mappings(d: Path):
    depth = 5000
    line = append(d / "site.yaml", "deep: " + "{a: " * depth + "1" + "}" * depth + "\n")
    return "site.yaml", line, TOO_DEEP


def sparse_3_gb_file(d: Path):
    """3 GB that take no disk: read whole, it took 3.2 GB of memory before the fix."""
    with (d / "roles.yaml").open("r+b") as f:
        f.truncate(3 * 1024**3)
    return "roles.yaml", 1, f"(file): is {3 * 1024**3} bytes; the limit is 524288"


def symlink_out_of_the_directory(d: Path):
    """A valid file, but one nobody reviewed: it lives outside the content directory."""
    outside = d.parent / "elsewhere"
    outside.mkdir()
    (d / "faq.yaml").rename(outside / "faq.yaml")
    (d / "faq.yaml").symlink_to(outside / "faq.yaml")
    message = f"(file): is a symbolic link to {(outside / 'faq.yaml').resolve()}, outside"
    return "faq.yaml", 1, message


ATTACKS: list[Attack] = [
    alias_bomb, billion_laughs, recursive_alias, deep_lists, deep_mappings, sparse_3_gb_file,
    symlink_out_of_the_directory,
]  # fmt: skip


@dataclass
class Timing:
    wall: float = 0.0  # time.perf_counter
    cpu: float = 0.0  # time.process_time: this process's own work only


@contextmanager
def stopwatch() -> Iterator[Timing]:
    timing = Timing()
    wall, cpu = time.perf_counter(), time.process_time()
    yield timing
    timing.wall, timing.cpu = time.perf_counter() - wall, time.process_time() - cpu


@pytest.fixture(scope="session")
def normal() -> Timing:
    """Loading the shipped content in this test process, once: what an attack is measured
    against."""
    load_content(SHIPPED)  # warm: imports and compiled patterns are not the attack's cost
    with stopwatch() as timing:
        load_content(SHIPPED)
    return timing


def assert_within_a_second_of(normal: Timing, timing: Timing) -> None:
    """CPU time is what the attack costs and is not inflated by other work on a busy machine,
    so it takes the strict bound; wall-clock time gets a generous one that still catches the
    13.9 s the alias bomb took."""
    report = f"{timing.cpu:.2f} s CPU, {timing.wall:.2f} s wall; clean content {normal.cpu:.2f} s"
    assert timing.cpu < normal.cpu + SECOND, report
    assert timing.wall < normal.wall + 5 * SECOND, report


def expected_start(directory: Path, attack: Attack) -> str:
    file, line, message = attack(directory)
    return f"{directory / file}:{line}: {message}"


# Each attack runs once, in a child process that starts the site on the attacked copy
# (CONTENT_DIR: apps.ready loads it, as at start-up), reads the system check `runserver` and
# `check` run, then runs `manage.py check_content`, timing it and reporting its own peak memory.
# Address-space and CPU limits well above the bound stop a regression from eating the machine.
CHILD = """
import json, os, resource, time
resource.setrlimit(resource.RLIMIT_AS, (1024**3, 1024**3))
resource.setrlimit(resource.RLIMIT_CPU, (30, 30))
import django
django.setup()
from django.core.management import call_command
from content_engine import checks
start_up = [(m.id, m.msg) for m in checks.content_is_valid(None)]
wall, cpu = time.perf_counter(), time.process_time()
code = 0
try:
    call_command("check_content")
except SystemExit as exit_:
    code = exit_.code
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
# VmHWM is this program's own high-water mark: ru_maxrss would also count the memory of the
# (large) test process this child was forked from, which Linux carries across exec.
with open("/proc/self/status") as status:
    hwm = next((line.split()[1] for line in status if line.startswith("VmHWM:")), None)
peak = int(hwm or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
print(json.dumps({"start_up": start_up, "code": code, "wall": wall, "cpu": cpu, "peak": peak}))
"""


def peak_bytes(ru_maxrss: int) -> int:
    return ru_maxrss if sys.platform == "darwin" else ru_maxrss * 1024  # Linux counts in KiB


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda a: a.__name__)
def test_an_attack_is_one_line_within_a_second_and_200_mb(attack, content_copy, normal):
    """At start-up (the system check) and from check_content: exactly one problem line naming
    the file and line, no traceback, within a second of a normal load and under 200 MB."""
    start = expected_start(content_copy, attack)
    env = {
        **os.environ,
        "CONTENT_DIR": str(content_copy),
        "DJANGO_SETTINGS_MODULE": "roadmap_site.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", CHILD], cwd=settings.BASE_DIR, env=env, capture_output=True,
        text=True, timeout=60,
    )  # fmt: skip
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout.splitlines()[-1])
    assert [i for i, _ in report["start_up"]] == ["content.E001"]
    assert report["start_up"][0][1].startswith(start)
    assert report["code"] == 1
    # The start-up log line is JSON ("content is invalid: 1 problem(s)"); the rest are problems.
    problems = [line for line in result.stderr.splitlines() if not line.startswith("{")]
    assert len(problems) == 1, problems
    assert problems[0].startswith(start)
    assert_within_a_second_of(normal, Timing(wall=report["wall"], cpu=report["cpu"]))
    peak = peak_bytes(report["peak"])
    assert peak < MEMORY_LIMIT, f"peak {peak / MEGABYTE:.0f} MB"


def test_a_symlink_that_stays_in_the_directory_is_followed(content_copy):
    (content_copy / "drafts").mkdir()
    (content_copy / "faq.yaml").rename(content_copy / "drafts" / "faq.yaml")
    (content_copy / "faq.yaml").symlink_to(Path("drafts") / "faq.yaml")
    assert load_content(content_copy).faq.questions


def test_a_file_that_is_not_a_regular_file_is_refused_unread(content_copy, capsys):
    (content_copy / "faq.yaml").unlink()
    os.mkfifo(content_copy / "faq.yaml")  # opening it for reading would wait for a writer
    with pytest.raises(SystemExit):
        call_command("check_content", content_dir=content_copy)
    errors = capsys.readouterr().err.splitlines()
    assert errors == [f"{content_copy / 'faq.yaml'}:1: (file): is not a regular file"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1" + ":59" * 150_000, "is a number 450001 characters long; quote it if it is text"),
        ("2026-02-30", "cannot be read as timestamp: day is out of range for month"),
        ("!!int twelve", "cannot be read as int"),
    ],
    ids=["sexagesimal-number", "impossible-date", "tagged-int"],
)
def test_valid_yaml_that_has_no_value_is_one_line(value, message, content_copy, capsys, normal):
    """PyYAML turns `1:59:59:…` into an int in quadratic time and raises ValueError for dates
    that don't exist; both are one problem on the value's line."""
    line = append(content_copy / "site.yaml", f"odd: {value}\n")
    with stopwatch() as timing, pytest.raises(SystemExit):
        call_command("check_content", content_dir=content_copy)
    assert_within_a_second_of(normal, timing)
    errors = capsys.readouterr().err.splitlines()
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"{content_copy / 'site.yaml'}:{line}: odd: {message}")


def test_an_anchor_alone_is_refused_too(content_copy, capsys):
    """Even a harmless-looking anchor: content never needs one, so none is allowed."""
    line = append(content_copy / "site.yaml", "shared: &note just text\n")
    with pytest.raises(SystemExit):
        call_command("check_content", content_dir=content_copy)
    errors = capsys.readouterr().err.splitlines()
    assert errors[0].startswith(f"{content_copy / 'site.yaml'}:{line}: {ANCHORS}")


def test_nesting_at_the_limit_is_read(content_copy, capsys):
    """The limit leaves room: 32 levels is reported as a schema problem, not as too deep."""
    depth = MAX_DEPTH - 1  # the file's own mapping is the first level
    append(content_copy / "site.yaml", "deep: " + "[" * depth + "]" * depth + "\n")
    with pytest.raises(SystemExit):
        call_command("check_content", content_dir=content_copy)
    errors = capsys.readouterr().err
    assert "deep: is not a known field" in errors
    assert "nests deeper" not in errors
