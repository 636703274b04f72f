"""Exports: plan.ics parses with the icalendar library (one event per stage, stable UIDs),
plan.md is a checklist with [x] for done items, plan.json has exactly the contract's keys."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.test import Client
from icalendar import Calendar

from plan.models import Plan

pytestmark = pytest.mark.django_db

JSON_KEYS = {
    "background", "role", "hours_per_week", "start", "total_hours", "full_route_hours",
    "stages", "done", "carried_over_hours", "optional_hours_left_out",
}  # fmt: skip
STAGE_KEYS = {"id", "title", "hours", "start", "end", "status", "items"}
ITEM_KEYS = {"id", "text", "done"}


@pytest.fixture
def ticked_plan(client: Client, make_plan, content):
    token = make_plan(role="agent-engineer")
    first = content.stages[0]
    done = [first.deliverable.id, *(c.id for c in first.done_when)]
    client.post(f"/plan/{token}/", {"done": done})
    return token, done


def test_plan_json_has_exactly_the_contract_keys(client, ticked_plan, content):
    token, done = ticked_plan
    response = client.get(f"/plan/{token}/plan.json")
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert set(data) == JSON_KEYS
    assert data["background"] == "backend" and data["role"] == "agent-engineer"
    assert data["hours_per_week"] == 12 and isinstance(date.fromisoformat(data["start"]), date)
    assert data["full_route_hours"] == sum(s.hours for s in content.stages)
    assert data["total_hours"] == sum(s["hours"] for s in data["stages"])
    assert sorted(data["done"]) == sorted(done)
    for stage in data["stages"]:
        assert set(stage) == STAGE_KEYS
        assert stage["status"] in {"done", "in-progress", "not-started"}
        assert date.fromisoformat(stage["start"]) <= date.fromisoformat(stage["end"])
        for item in stage["items"]:
            assert set(item) == ITEM_KEYS
    first = data["stages"][0]
    assert first["status"] == "done" and all(item["done"] for item in first["items"])
    assert first["items"][0]["id"] == content.stages[0].deliverable.id


def test_plan_json_role_is_null_without_a_role(client, make_plan):
    data = json.loads(client.get(f"/plan/{make_plan()}/plan.json").content)
    assert data["role"] is None and data["done"] == []


def test_plan_ics_parses_with_one_event_per_stage_and_stable_uids(client, ticked_plan, content):
    token, _ = ticked_plan
    response = client.get(f"/plan/{token}/plan.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    stages = json.loads(client.get(f"/plan/{token}/plan.json").content)["stages"]
    assert len(events) == len(stages)
    for event, stage in zip(events, stages, strict=True):
        assert str(event["SUMMARY"]).startswith("Stage ")
        assert stage["title"] in str(event["SUMMARY"])
        assert event.decoded("DTSTART") == date.fromisoformat(stage["start"])
        assert event.decoded("DTEND") == date.fromisoformat(stage["end"]) + timedelta(days=1)
        description = str(event["DESCRIPTION"])
        assert "Done when:" in description
        assert all(item["text"] in description for item in stage["items"])
    assert "[x]" in str(events[0]["DESCRIPTION"])
    again = Calendar.from_ical(client.get(f"/plan/{token}/plan.ics").content)
    assert [str(e["UID"]) for e in again.walk("VEVENT")] == [str(e["UID"]) for e in events]
    assert len({str(e["UID"]) for e in events}) == len(events)
    plan = Plan.objects.get(token=token)
    assert token not in response.content.decode() and plan.view_token in response.content.decode()


def test_plan_md_is_a_checklist_with_done_items_ticked(client, ticked_plan, content):
    token, done = ticked_plan
    response = client.get(f"/plan/{token}/plan.md")
    assert response["Content-Type"].startswith("text/markdown")
    text = response.content.decode()
    assert text.startswith("# My plan: Backend engineer → Agent engineer")
    stage = content.stages[0]
    assert f"- [x] Deliverable: {stage.deliverable.title}" in text
    assert all(f"- [x] {c.text}" in text for c in stage.done_when)
    assert f"- [ ] Deliverable: {content.stages[1].deliverable.title}" in text
    assert token not in text
