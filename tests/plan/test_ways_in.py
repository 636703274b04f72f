"""A plan nobody loses: every page's header reaches it, a role page plans that role, a second
plan never replaces the first (both are listed under Your plans), and a plan.json export
restores a plan with its choices and ticks."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from plan.device import MAX_PLANS
from plan.models import Plan

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.mark.parametrize("url", ["/", "/route/", "/roles/", "/quiz/", "/search/?q=rag", "/faq/"])
def test_every_header_links_to_my_plan(client: Client, make_plan, url):
    header = re.search(r"<header.*?</header>", client.get(url).content.decode(), re.S)
    assert header and '<a href="/plan/continue/">My plan</a>' in header.group(0)
    assert client.get("/plan/continue/")["Location"] == "/plan/"  # no plan yet: the start page
    token = make_plan()
    assert client.get("/plan/continue/")["Location"] == f"/plan/{token}/"


def test_every_role_page_plans_that_role(client: Client, content):
    for role in content.roles:
        page = text_of(client.get(f"/roles/{role.id}/"))
        assert f'href="/plan/?role={role.id}">Plan this role' in page
        start = text_of(client.get(f"/plan/?role={role.id}"))
        assert f'<option value="{role.id}" selected>' in start


def test_a_second_plan_offers_both_choices_and_never_hides_the_first(
    client: Client, make_plan, content
):
    first = make_plan(background="backend")
    tick = content.stages[0].deliverable.id
    client.post(f"/plan/{first}/items/{tick}/", {"done": "1"}, HTTP_X_PLAN_TICK="1")
    # From the quiz or a role page with a plan already here: two ways on, said plainly.
    start = text_of(client.get("/plan/?background=backend&role=agent-engineer"))
    assert "You already have a plan on this browser" in start
    assert "Aim that plan at Agent engineer, ticks kept" in start
    assert f'action="/plan/{first}/choices/"' in start and "start a separate plan below" in start
    second = make_plan(background="backend", role="agent-engineer")
    assert second != first
    mine = text_of(client.get("/plan/mine/"))
    assert mine.index(f'href="/plan/{second}/"') < mine.index(f'href="/plan/{first}/"')
    assert "Backend engineer → AI engineering" in mine and "1 of " in mine
    assert Plan.objects.get(token=first).done == [tick]  # untouched


def test_aiming_the_plan_at_a_new_role_keeps_its_ticks(client: Client, make_plan, content):
    token = make_plan(background="backend")
    tick = content.stages[0].deliverable.id
    client.post(f"/plan/{token}/items/{tick}/", {"done": "1"}, HTTP_X_PLAN_TICK="1")
    start = client.get("/plan/?role=agent-engineer").content.decode()
    form = re.search(r'<form method="post" action="/plan/[^"]+/choices/">(.*?)</form>', start, re.S)
    assert form
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', form.group(1)))
    response = client.post(f"/plan/{token}/choices/", fields)
    assert response.status_code == 303
    plan = Plan.objects.get(token=token)
    assert (plan.role, plan.background, plan.done) == ("agent-engineer", "backend", [tick])
    assert Plan.objects.count() == 1


def test_the_list_is_signed_capped_and_forgets_deleted_plans(client: Client, make_plan):
    tokens = [make_plan() for _ in range(MAX_PLANS + 2)]
    listed = re.findall(
        r'<h2><a href="/plan/([^/]+)/">', client.get("/plan/mine/").content.decode()
    )
    assert listed == tokens[::-1][:MAX_PLANS]
    Plan.objects.filter(token=tokens[-1]).delete()
    response = client.get("/plan/mine/")
    assert tokens[-1] not in response.content.decode()
    forged = Client()
    forged.cookies["plans"] = ",".join(tokens)  # not signed by the site: ignored whole
    assert 'class="plan-list"' not in forged.get("/plan/mine/").content.decode()


def _export(client: Client, token: str) -> str:
    return client.get(f"/plan/{token}/plan.json").content.decode()


def test_an_export_restores_choices_and_ticks(client: Client, make_plan, content):
    deep = next(s for s in content.stages if s.optional)
    token = make_plan(background="security", hours="20", role="agent-engineer")
    client.post(
        f"/plan/{token}/choices/",
        {"background": "security", "hours": "20", "role": "agent-engineer", "include": deep.id,
         "start": "2026-02-02"},
    )  # fmt: skip
    ticks = [content.stages[0].deliverable.id, deep.deliverable.id]
    for tick in ticks:
        client.post(f"/plan/{token}/items/{tick}/", {"done": "1"}, HTTP_X_PLAN_TICK="1")
    exported = _export(client, token)
    other = Client()  # another browser, the file in hand
    for send in ({"plan_json": exported}, {"plan_json": io.BytesIO(exported.encode())}):
        response = other.post("/plan/import/", send)
        assert response.status_code == 303, response.content.decode()[:500]
        new = re.match(r"^/plan/([^/]+)/$", response["Location"])
        assert new and new.group(1) != token
        restored = Plan.objects.get(token=new.group(1))
        original = Plan.objects.get(token=token)
        for field in ("background", "role", "hours_per_week", "start", "added_stages"):
            assert getattr(restored, field) == getattr(original, field), field
        assert sorted(restored.done) == sorted(ticks)
        page = text_of(other.get(response["Location"]))
        assert "Your plan is restored, with 2 ticks." in page
        assert json.loads(_export(other, new.group(1)))["done"] == json.loads(exported)["done"]


def test_a_restore_reports_ids_the_route_no_longer_has(client: Client, make_plan, content):
    data = json.loads(_export(client, make_plan()))
    data["done"] = [content.stages[0].deliverable.id, "a-retired-notebook"]
    data["role"] = "prompt-whisperer"
    response = client.post("/plan/import/", {"plan_json": json.dumps(data)})
    assert response.status_code == 303
    page = text_of(client.get(response["Location"]))
    assert (
        "with 1 tick" in page
        and "“a-retired-notebook”" in page
        and "is no longer on the route" in page
    )
    assert "“prompt-whisperer” is no longer on the site" in page


@pytest.mark.parametrize(
    ("sent", "message"),
    [
        ("", "Paste the contents of a plan.json file"),
        ("{not json", "That is not JSON"),
        ('{"role": "ai-engineer"}', "it has no background"),
        ('{"background": "astronaut", "hours_per_week": 12}', "Choose a background from the list"),
        ('{"background": "backend", "hours_per_week": 500}', "60 or fewer"),
        ("[" * 5000 + "]" * 5000, "it has no background"),
        ("[" * 50_000 + "]" * 10, "That is not JSON"),
        ("x" * 62_000, "over 60 KB"),
    ],
)
def test_a_bad_export_gets_a_specific_message_and_keeps_what_was_pasted(
    client: Client, sent, message
):
    response = client.post("/plan/import/", {"plan_json": sent})
    assert response.status_code == 400
    page = text_of(response)
    assert message in page and 'href="#plan-json"' in page and "<title>Error: " in page
    if 0 < len(sent) < 1000:
        assert re.sub(r"\s+", " ", sent).replace('"', "&quot;") in page
    assert Plan.objects.count() == 0


@override_settings(
    RATE_LIMITS_ENABLED=True, RATE_LIMITS={"plan-create": (50, 600), "plan-import": (2, 600)}
)
def test_restoring_is_rate_limited_with_the_input_kept(client: Client, make_plan):
    cache.clear()
    exported = _export(client, make_plan())
    for _ in range(2):
        assert client.post("/plan/import/", {"plan_json": exported}).status_code == 303
    limited = client.post("/plan/import/", {"plan_json": exported})
    assert limited.status_code == 429 and int(limited["Retry-After"]) > 0
    page = limited.content.decode()
    assert "Nothing you entered is lost" in page and "&quot;background&quot;" in page
    assert Plan.objects.count() == 3
