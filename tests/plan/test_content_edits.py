"""Content edits never reset progress: a plan stores item ids, so rewording a criterion in a copy
of the content keeps it ticked (and marks it changed), and a removed item is shown once."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client

from content_engine.loader import load_content
from plan.models import Plan
from plan.services import NOTICE_FOR

pytestmark = pytest.mark.django_db


def checked(text: str) -> set[str]:
    return set(re.findall(r'name="done" value="([^"]+)" checked', text))


def test_rewording_a_criterion_keeps_it_ticked_and_marks_it_changed(
    client: Client, make_plan, content, content_copy, swap_content
):
    token = make_plan()
    criterion = content.stages[0].done_when[0]
    other = content.stages[0].done_when[1]
    client.post(f"/plan/{token}/", {"done": [criterion.id, other.id]})

    route = content_copy / "route.yaml"
    text = route.read_text(encoding="utf-8")
    reworded = "You can make one prompt give three different answers, and say why."
    route.write_text(text.replace(criterion.text, reworded, 1), encoding="utf-8")
    swap_content(load_content(content_copy))

    page = html.unescape(client.get(f"/plan/{token}/").content.decode())
    assert {criterion.id, other.id} <= checked(page)
    assert reworded in page and criterion.text not in page
    label = page.split(f'value="{criterion.id}"')[1].split("</label>")[0]
    assert "Changed" in label
    assert "Changed" not in page.split(f'value="{other.id}"')[1].split("</label>")[0]
    assert "1 item reworded since your last visit" in page


def test_a_removed_item_is_shown_once_as_no_longer_part_of_the_route(
    client: Client, make_plan, content, content_copy, swap_content
):
    token = make_plan()
    stage = content.stages[0]
    removed = stage.done_when[-1]
    client.post(f"/plan/{token}/", {"done": [stage.deliverable.id, removed.id]})

    route = content_copy / "route.yaml"
    lines = route.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if f"- id: {removed.id}" in line)
    end = start + 1
    while (
        end < len(lines)
        and lines[end].startswith("          ")
        or lines[end].startswith("        text")
    ):
        end += 1
    route.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
    swap_content(load_content(content_copy))

    page = html.unescape(client.get(f"/plan/{token}/").content.decode())
    assert "No longer part of the route" in page and f"“{removed.id}”" in page
    assert checked(page) == {stage.deliverable.id}
    total = sum(len(s.done_when) + 1 for s in content.stages if not s.optional) - 1
    assert f"1 of {total} items done" in page  # the removed item stops counting

    plan = Plan.objects.get(token=token)  # the next visit, a day later
    assert plan.noticed_at is not None
    plan.noticed_at -= NOTICE_FOR * 2
    plan.save()
    again = html.unescape(client.get(f"/plan/{token}/").content.decode())
    assert "No longer part of the route" not in again
