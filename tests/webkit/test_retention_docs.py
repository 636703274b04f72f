"""docs/operations.md's retention and backup sections name real commands, options and settings:
every `python manage.py ...` in them parses, and the Kubernetes CronJob runs the clean-up as
the image's user."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml
from django.conf import settings
from django.core.management import get_commands, load_command_class

ROOT = Path(settings.BASE_DIR)
OPERATIONS = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
SECTIONS = OPERATIONS[OPERATIONS.index("## Retention: what nobody opens is deleted") :]
COMMAND = re.compile(r"python manage\.py ([a-z_]+)((?: (?:--?[a-z-]+|[\w/.:-]+))*)")


def test_every_manage_py_line_parses():
    found = COMMAND.findall(SECTIONS)
    names = {name for name, _ in found}
    assert {"delete_unopened", "backup_database", "migrate", "check"} <= names
    commands = get_commands()
    for name, args in found:
        command = load_command_class(commands[name], name)
        command.create_parser("manage.py", name).parse_args(shlex.split(args))


def test_the_settings_named_exist_with_their_defaults():
    for name in ["PLAN_RETENTION_MONTHS", "QUIZ_RESULT_RETENTION_MONTHS"]:
        assert f"| 18 months | `{name}` |" in SECTIONS
    assert settings.PLAN_RETENTION_MONTHS == settings.QUIZ_RESULT_RETENTION_MONTHS == 18


def test_the_cron_job_runs_the_clean_up_as_the_images_user():
    [manifest] = re.findall(r"```yaml\n(.*?)```", SECTIONS, re.S)
    job = yaml.safe_load(manifest)
    assert (job["apiVersion"], job["kind"]) == ("batch/v1", "CronJob")
    assert job["spec"]["concurrencyPolicy"] == "Forbid"
    pod = job["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    [container] = pod["containers"]
    assert container["command"] == ["python", "manage.py", "delete_unopened"]
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    uid = re.search(r"useradd .*--uid (\d+)", dockerfile)
    assert uid and pod["securityContext"]["runAsUser"] == int(uid.group(1))
