"""`manage.py backup_database`: a consistent copy of the SQLite database while the site
writes, restorable by putting the file in place; PostgreSQL is refused with one line."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from plan.choices import Choices
from plan.services import create_plan
from quiz.services import submit_quiz
from tests.webkit.sqlite_file_scenarios import run_in_child
from webkit.management.commands import backup_database
from webkit.management.commands.backup_database import POSTGRES_LINE

ROOT = Path(settings.BASE_DIR)
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="backs up SQLite only")


def manage(*args: str, database: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=180,
    )  # fmt: skip


@pytest.mark.slow
def test_a_backup_while_plans_are_ticked_holds_every_save_acknowledged_before_it(tmp_path):
    """A thread saves progress on 20 plans, one save after another, through plan.services on a
    SQLite file in WAL mode, as the site does; the backup runs in the middle. Restored into a
    fresh file, the copy holds every save that had returned before the backup began, and is
    one moment of the database: exactly the first S saves, for one S between those
    acknowledged before it and those begun before it ended."""
    source = tmp_path / "site"
    source.mkdir()
    run = run_in_child("backup-while-ticking", source)
    assert run["failures"] == []
    assert run["acked_during"] > 0  # the site's writes went on while the copy was taken
    assert run["acked_after"] > 0

    # Restore: the copy put in place of the database file of a fresh directory.
    restored = tmp_path / "restored" / "db.sqlite3"
    restored.parent.mkdir()
    shutil.copyfile(source / "backup.sqlite3", restored)
    check = manage("migrate", "--check", database=restored)
    assert check.returncode == 0, check.stdout + check.stderr

    items, tokens = run["items"], run["tokens"]
    with sqlite3.connect(restored) as db:
        rows = dict(
            (token, (json.loads(done), revision))
            for token, done, revision in db.execute("SELECT token, done, revision FROM plan_plan")
        )
    saves = []
    for token in tokens:
        done, revision = rows[token]
        count = revision - 1  # each save adds one to the revision
        assert sorted(done) == sorted(items[:count]), token  # the state that save left
        saves.append(count)
    total = sum(saves)
    assert run["acked_before"] <= total <= run["begun_before_end"]
    plans = len(tokens)
    assert saves == [len(range(i, total, plans)) for i in range(plans)]  # the first `total`


@on_sqlite
@pytest.mark.django_db(transaction=True)
def test_the_copy_is_one_private_checked_file_that_is_never_overwritten(tmp_path, content):
    create_plan(content=content, choices=Choices("backend", "", 12, date(2026, 3, 2)),
                now=timezone.now())  # fmt: skip
    answers = {q.id: q.options[0].id for q in content.quiz.questions}
    submit_quiz(content=content, answers=answers, background="")
    target = tmp_path / "backup.sqlite3"
    out = StringIO()
    call_command("backup_database", "--output", str(target), stdout=out)
    assert f"to {target}:" in out.getvalue()
    assert "1 plans, 1 quiz results, quick_check ok" in out.getvalue()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # its tokens open every plan
    with sqlite3.connect(target) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert db.execute("SELECT count(*) FROM plan_plan").fetchone() == (1,)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup.sqlite3"]  # nothing partial

    before = target.read_bytes()
    with pytest.raises(CommandError, match="exists: a backup never overwrites a file"):
        call_command("backup_database", "--output", str(target))
    assert target.read_bytes() == before

    call_command("backup_database", "--output", f"{tmp_path}/", stdout=out)
    named = [p.name for p in tmp_path.iterdir() if p.name != "backup.sqlite3"]
    assert len(named) == 1 and named[0].startswith("db-") and named[0].endswith("Z.sqlite3")


@on_sqlite
@pytest.mark.django_db
def test_a_database_that_stays_locked_is_given_up_on(tmp_path, monkeypatch, content):
    """Here the test's own open transaction keeps the in-memory database locked to the copy."""
    monkeypatch.setattr(backup_database, "LOCKED_LIMIT_SECONDS", 0.3)
    create_plan(content=content, choices=Choices("backend", "", 12, date(2026, 3, 2)),
                now=timezone.now())  # fmt: skip
    with pytest.raises(CommandError, match="stayed locked for 0.3 s: no backup taken"):
        call_command("backup_database", "--output", str(tmp_path / "backup.sqlite3"))
    assert not list(tmp_path.iterdir())


def test_postgresql_is_refused_with_one_line_pointing_at_pg_dump(tmp_path):
    env = {**os.environ, "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test"}
    done = subprocess.run(
        [sys.executable, "manage.py", "backup_database", "--output", str(tmp_path / "b")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.strip() == f"CommandError: {POSTGRES_LINE}"
    assert "pg_dump -Fc" in POSTGRES_LINE
    assert not list(tmp_path.iterdir())
