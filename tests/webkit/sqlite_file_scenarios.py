"""Scenarios that need a SQLite database in a file, as the site runs on (the test database is in
memory, where WAL and busy timeouts do not apply). Each runs in a child process started by a
test, with DATABASE_URL naming a file in a fresh directory, and prints one JSON object as its
last line for the test to check:

    python -m tests.webkit.sqlite_file_scenarios backup-while-ticking DIR
    python -m tests.webkit.sqlite_file_scenarios open-while-locked DIR
    python -m tests.webkit.sqlite_file_scenarios ready-while-locked DIR

A test calls `run_in_child(name, DIR)`, which does that and returns the printed object.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

PLANS = 20  # plans ticked in turn: tick n goes to plan n % PLANS
PADDING_RESULTS = 4000  # stored quiz results, so the copy takes long enough to overlap ticks


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "roadmap_site.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def backup_while_ticking(workdir: Path) -> dict[str, Any]:
    """Tick plans from a thread, one save after another, and back the database up meanwhile.

    Tick n ticks the first n // PLANS + 1 items of plan n % PLANS, so each plan's done items
    and revision say exactly how many of its saves the database holds. Returned: how many
    saves had returned before the backup began, how many had begun before it ended, and how
    many returned while it ran."""
    _setup()
    from django.core.management import call_command
    from django.db import connections
    from django.utils import timezone

    from content_engine import store
    from plan.choices import Choices
    from plan.overview import all_items
    from plan.services import create_plan, save_progress
    from quiz.models import QuizSubmission
    from quiz.services import submit_quiz
    from webkit.tokens import new_token

    content = store.get()
    answers = {q.id: q.options[0].id for q in content.quiz.questions}
    first = submit_quiz(content=content, answers=answers, background="backend")
    QuizSubmission.objects.bulk_create(
        QuizSubmission(
            token=new_token(), answers=first.answers, background=first.background,
            best_role=first.best_role, result=first.result,
            content_version=first.content_version,
        )
        for _ in range(PADDING_RESULTS)
    )  # fmt: skip
    items = sorted(all_items(content))
    choices = Choices("backend", "", 12, date(2026, 3, 2))
    tokens = [
        create_plan(content=content, choices=choices, now=timezone.now()).token
        for _ in range(PLANS)
    ]
    capacity = PLANS * len(items)
    begun: list[int] = []  # n, appended before save n starts
    acked: list[int] = []  # n, appended once save n has returned
    stop = threading.Event()
    failures: list[str] = []

    def tick() -> None:
        try:
            for n in range(capacity):
                if stop.is_set():
                    return
                begun.append(n)
                ticked = items[: n // PLANS + 1]
                token = tokens[n % PLANS]
                if not save_progress(token=token, ticked=ticked, shown=items, now=timezone.now()):
                    failures.append(f"save {n} found no plan")
                    return
                acked.append(n)
            failures.append("ran out of items to tick")
        except Exception as error:  # reported to the test, which fails on it
            failures.append(repr(error))
        finally:
            connections.close_all()

    ticker = threading.Thread(target=tick)
    ticker.start()
    while len(acked) < 100 and ticker.is_alive():
        time.sleep(0.001)
    acked_before = len(acked)  # saves 0 .. acked_before - 1 had returned
    started = time.monotonic()
    call_command("backup_database", "--output", str(workdir / "backup.sqlite3"), verbosity=0)
    seconds = time.monotonic() - started
    begun_before_end = len(begun)  # saves 0 .. begun_before_end - 1 had started
    acked_at_end = len(acked)
    while len(acked) < acked_at_end + 50 and ticker.is_alive():
        time.sleep(0.001)
    stop.set()
    ticker.join()
    return {
        "tokens": tokens,
        "items": items,
        "acked_before": acked_before,
        "begun_before_end": begun_before_end,
        "acked_during": acked_at_end - acked_before,
        "acked_after": len(acked) - acked_at_end,
        "backup_seconds": seconds,
        "failures": failures,
    }


def open_while_locked(workdir: Path) -> dict[str, Any]:
    """Open a quiz result, its JSON and a plan's read-only page while another connection holds
    the database's write lock, then again once it is released."""
    _setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from content_engine import store
    from plan.choices import Choices
    from plan.models import Plan
    from plan.services import create_plan
    from quiz.models import QuizSubmission
    from quiz.services import submit_quiz

    content = store.get()
    answers = {q.id: q.options[1].id for q in content.quiz.questions}
    choices = Choices("backend", "", 12, date(2026, 3, 2))
    client = Client()

    def addresses(result: QuizSubmission, plan: Plan) -> list[str]:
        return [
            f"/quiz/result/{result.token}/",
            f"/quiz/result/{result.token}.json",
            f"/plan/view/{plan.view_token}/",
        ]

    # Each page once beforehand, so the timings below are not a first render's.
    warm = submit_quiz(content=content, answers=answers, background="")
    for address in addresses(
        warm, create_plan(content=content, choices=choices, now=warm.opened_at)
    ):
        client.get(address)
    long_ago = timezone.now() - timedelta(days=30)
    submission = submit_quiz(content=content, answers=answers, background="")
    QuizSubmission.objects.filter(pk=submission.pk).update(opened_at=long_ago)
    plan = create_plan(content=content, choices=choices, now=long_ago)

    def opened() -> list[str]:
        quiz_opened = QuizSubmission.objects.get(pk=submission.pk).opened_at
        plan_opened = Plan.objects.get(pk=plan.pk).opened_at
        return [quiz_opened.isoformat(), plan_opened.isoformat()]

    def busy_timeout() -> int:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout")
            return int(cursor.fetchone()[0])

    timeout_before = busy_timeout()
    writer = sqlite3.connect(settings.DATABASES["default"]["NAME"], isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # holds the write lock until the rollback below
    locked = []
    for address in addresses(submission, plan):
        started = time.monotonic()
        response = client.get(address)
        locked.append([address, response.status_code, time.monotonic() - started])
    opened_while_locked = opened()
    timeout_after = busy_timeout()
    writer.execute("ROLLBACK")
    writer.close()
    unlocked = [
        [address, client.get(address).status_code] for address in addresses(submission, plan)
    ]
    return {
        "long_ago": long_ago.isoformat(),
        "locked": locked,
        "opened_while_locked": opened_while_locked,
        "busy_timeout_before": timeout_before,
        "busy_timeout_after": timeout_after,
        "unlocked": unlocked,
        "opened_after": opened(),
    }


def ready_while_locked(workdir: Path) -> dict[str, Any]:
    """/healthz/ready while another connection holds the write lock, then once it is released:
    its status, its `writes` field and how long it took."""
    _setup()
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.get("/healthz/ready")  # warm

    def ask() -> list[Any]:
        started = time.perf_counter()
        response = client.get("/healthz/ready")
        return [response.status_code, response.json()["writes"], time.perf_counter() - started]

    writer = sqlite3.connect(settings.DATABASES["default"]["NAME"], isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        locked = ask()
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    return {"locked": locked, "unlocked": ask()}


def run_in_child(name: str, workdir: Path, *, timeout: float = 300) -> dict[str, Any]:
    """Run scenario `name` in a child process on a SQLite file in `workdir`; its JSON outcome,
    or a failed assertion carrying the child's error output."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}"}
    env.pop("DJANGO_DEBUG", None)
    child = subprocess.run(
        [sys.executable, "-m", "tests.webkit.sqlite_file_scenarios", name, str(workdir)],
        cwd=Path(__file__).resolve().parents[2], env=env, capture_output=True, text=True,
        timeout=timeout,
    )  # fmt: skip
    assert child.returncode == 0, child.stderr[-3000:]
    outcome: dict[str, Any] = json.loads(child.stdout.splitlines()[-1])
    outcome["stdout"] = child.stdout
    return outcome


SCENARIOS = {
    "backup-while-ticking": backup_while_ticking,
    "open-while-locked": open_while_locked,
    "ready-while-locked": ready_while_locked,
}

if __name__ == "__main__":
    outcome = SCENARIOS[sys.argv[1]](Path(sys.argv[2]))
    print(json.dumps(outcome))
