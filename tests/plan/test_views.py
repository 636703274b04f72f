"""My plan as a user meets it: the contract of PRODUCT.md, progress, the read-only view, the
brief, the continue link, and bad input answered with a message, never a server error."""

from __future__ import annotations

import gzip
import html
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.test import Client, override_settings
from django.utils import timezone

from plan.device import HINT_COOKIE, PLAN_COOKIE
from plan.models import Plan
from plan.plan_page import CSRF_PLACEHOLDER
from quiz.models import QuizSubmission

pytestmark = pytest.mark.django_db


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return html.unescape(response.content.decode())


def checked_ids(text: str) -> set[str]:
    return set(re.findall(r'name="done" value="([^"]+)" checked', text))


def test_contract_post_answers_303_to_an_unguessable_plan_with_the_choices(client, content):
    start = (timezone.localdate() + timedelta(days=7)).isoformat()
    response = client.post(
        "/plan/", {"background": "backend", "hours": "12", "role": "ai-engineer", "start": start}
    )
    assert response.status_code == 303
    match = re.fullmatch(r"/plan/([A-Za-z0-9_-]{22})/", response["Location"])
    assert match, response["Location"]
    token = match.group(1)
    plan = Plan.objects.get(token=token)
    assert (plan.background, plan.role, plan.hours_per_week, plan.start.isoformat()) == (
        "backend", "ai-engineer", 12, start,
    )  # fmt: skip
    assert plan.view_token != plan.token and plan.done == []
    text = page(client, response["Location"])
    assert "Backend engineer → AI engineer" in text
    assert response.cookies[PLAN_COOKIE].value == token
    assert (
        response.cookies[PLAN_COOKIE]["httponly"]
        and response.cookies[PLAN_COOKIE]["samesite"] == "Lax"
    )
    assert (
        response.cookies[HINT_COOKIE].value == "1" and not response.cookies[HINT_COOKIE]["httponly"]
    )


def test_the_plan_page_explains_every_stage_and_the_saving(client, make_plan, content):
    text = page(client, f"/plan/{make_plan('backend')}/")
    qa_text = page(client, f"/plan/{make_plan('qa-test-automation')}/")
    total = re.search(r"(\d+) focused hours(?:</strong>)?\.\s+The whole route is (\d+)", text)
    qa_total = re.search(r"(\d+) focused hours(?:</strong>)?\.\s+The whole route is (\d+)", qa_text)
    assert total and qa_total and total.group(1) != qa_total.group(1)
    assert total.group(2) == str(sum(s.hours for s in content.stages))
    for stage in content.stages:
        if stage.optional:
            assert "Left out of your plan" in text and stage.title in text
            continue
        assert f"Stage {content.stage_number[stage.id]}: " in text
    # Each stage says why: compressed, shortened or kept; the page of its own that the plan
    # links to gives the rule and, stage by stage, which skills carry over and from what.
    assert text.count("Compressed") + text.count("Shortened") + text.count("Kept") >= 7
    hours_url = re.search(r'<a href="(/plan/[^"]+/hours/)">How the hours are worked out</a>', text)
    assert hours_url
    hours = page(client, hours_url.group(1))
    assert "you already do “" in hours and "new for you" in hours
    assert "a stage never drops below half its hours" in hours.lower()
    for stage in content.stages:
        if not stage.optional:
            assert f'id="stage-{stage.id}"' in hours


def test_progress_post_answers_303_and_is_shown_everywhere(client, make_plan, content):
    token = make_plan()
    stage = content.stages[0]
    ids = [stage.deliverable.id, stage.done_when[0].id]
    response = client.post(f"/plan/{token}/", {"done": ids})
    assert response.status_code == 303
    assert response["Location"] == f"/plan/{token}/?saved=plan#plan-saved"
    assert checked_ids(page(client, f"/plan/{token}/")) == set(ids)
    fresh = Client()  # another browser: the link is the plan
    assert checked_ids(page(fresh, f"/plan/{token}/")) == set(ids)
    view_token = Plan.objects.get(token=token).view_token
    read_only = page(fresh, f"/plan/view/{view_token}/")
    assert 'name="done"' not in read_only and "<form" not in read_only.split("<main")[1]
    assert read_only.count('class="is-done"') == 2


def test_unticking_everything_is_a_post_with_no_done_field(client, make_plan, content):
    token = make_plan()
    client.post(f"/plan/{token}/", {"done": [content.stages[0].deliverable.id]})
    client.post(f"/plan/{token}/", {})
    assert Plan.objects.get(token=token).done == []


def test_a_stage_with_every_item_ticked_shows_as_done(client, make_plan, content):
    token = make_plan()
    stage = content.stages[0]
    client.post(
        f"/plan/{token}/", {"done": [stage.deliverable.id, *(c.id for c in stage.done_when)]}
    )
    text = page(client, f"/plan/{token}/")
    assert re.search(r'status-done">Done</span> · (\d+) of \1 done', text)
    assert "1 of 7 stages done" in text


def test_a_stage_save_without_javascript_lands_at_that_stage(client, make_plan, content):
    token = make_plan()
    stage = content.stages[1]
    response = client.post(f"/plan/{token}/", {"done": [stage.deliverable.id], "stage": stage.id})
    assert response["Location"] == f"/plan/{token}/?saved={stage.id}#saved-{stage.id}"
    text = page(client, response["Location"].split("#")[0])
    saved = re.search(
        rf'<p class="notice" id="saved-{stage.id}" tabindex="-1" role="status">(.*?)</p>',
        text,
        re.S,
    )
    assert saved and f"1 of {1 + len(stage.done_when)} done in {stage.title}" in " ".join(
        saved.group(1).split()
    )
    # The status sits inside that stage's section, after its heading.
    section = text.split(f'id="stage-{stage.id}-title"', 1)[1].split('<li id="stage-', 1)[0]
    assert f'id="saved-{stage.id}"' in section


def test_one_item_endpoint_ticks_only_that_item(client, make_plan, content):
    token = make_plan()
    first, second = content.stages[0].deliverable.id, content.stages[0].done_when[0].id
    response = client.post(f"/plan/{token}/items/{first}/", {"done": "1"}, HTTP_X_PLAN_TICK="1")
    assert response.status_code == 200
    fragment = response.content.decode()
    stage = content.stages[0]
    assert "<html" not in fragment
    assert f"Saved: 1 of {1 + len(stage.done_when)} done in {stage.title}." in fragment
    items = sum(1 + len(s.done_when) for s in content.stages if not s.optional)
    assert f"1 of {items} items done" in fragment and f'id="stage-{stage.id}-progress"' in fragment
    client.post(f"/plan/{token}/items/{second}/", {"done": "1"}, HTTP_X_PLAN_TICK="1")
    client.post(f"/plan/{token}/items/{first}/", {"done": "0"}, HTTP_X_PLAN_TICK="1")
    assert Plan.objects.get(token=token).done == [second]
    # Without the script's header, a plain form post: back to the stage.
    plain = client.post(f"/plan/{token}/items/{first}/", {"done": "1"})
    assert plain.status_code == 303 and plain["Location"].endswith(f"#saved-{stage.id}")


@pytest.mark.parametrize(
    ("item", "done", "status"),
    [("no-such-item", "1", 400), ("DELIVERABLE", "1", 400), ("ok", "yes", 400), ("ok", "", 400)],
)
def test_the_item_endpoint_refuses_what_is_not_an_item_or_a_state(
    client, make_plan, content, item, done, status
):
    token = make_plan()
    item_id = content.stages[0].deliverable.id if item == "ok" else item
    response = client.post(f"/plan/{token}/items/{item_id}/", {"done": done}, HTTP_X_PLAN_TICK="1")
    assert response.status_code == status
    assert Plan.objects.get(token=token).done == []


def test_two_clients_ticking_in_turn_keep_every_tick(make_plan, content):
    token = make_plan()
    items = [
        i
        for s in content.stages
        if not s.optional
        for i in [s.deliverable.id, *(c.id for c in s.done_when)]
    ][:20]
    tabs = [Client(), Client()]
    for n, item_id in enumerate(items):
        tab = tabs[n % 2]
        assert (
            tab.post(
                f"/plan/{token}/items/{item_id}/", {"done": "1"}, HTTP_X_PLAN_TICK="1"
            ).status_code
            == 200
        )
    assert sorted(Plan.objects.get(token=token).done) == sorted(items)


def test_ticks_of_a_left_out_stage_survive_a_whole_form_save(client, make_plan, content):
    token = make_plan()
    deep = next(s for s in content.stages if s.optional)
    deep_items = [deep.deliverable.id, *(c.id for c in deep.done_when)]
    base = {"background": "backend", "hours": "12"}
    client.post(f"/plan/{token}/choices/", {**base, "include": deep.id})
    client.post(f"/plan/{token}/", {"done": deep_items})
    client.post(f"/plan/{token}/choices/", base)  # the optional stage left out again
    other = content.stages[0].deliverable.id
    client.post(f"/plan/{token}/", {"done": [other]})  # one other tick, by the whole form
    assert set(Plan.objects.get(token=token).done) == {*deep_items, other}
    client.post(f"/plan/{token}/choices/", {**base, "include": deep.id})
    assert set(deep_items) <= checked_ids(page(client, f"/plan/{token}/"))


def test_done_values_that_are_not_items_are_ignored_with_a_message(client, make_plan, content):
    token = make_plan()
    response = client.post(
        f"/plan/{token}/", {"done": ["not-an-item", content.stages[0].deliverable.id]}, follow=True
    )
    assert (
        "One ticked box was not an item of this plan, so it was ignored."
        in response.content.decode()
    )
    assert Plan.objects.get(token=token).done == [content.stages[0].deliverable.id]


def test_ten_thousand_done_values_get_a_clear_400_and_change_nothing(client, make_plan, content):
    token = make_plan()
    client.post(f"/plan/{token}/", {"done": [content.stages[0].deliverable.id]})
    response = client.post(f"/plan/{token}/", {"done": [f"item-{i}" for i in range(10_000)]})
    assert response.status_code == 400  # the site-wide limit on form fields: never a 500
    assert Plan.objects.get(token=token).done == [content.stages[0].deliverable.id]


def test_two_tabs_saving_different_states_last_write_wins(client, make_plan, content):
    token = make_plan()
    a, b = content.stages[0].deliverable.id, content.stages[1].deliverable.id
    tab_one, tab_two = Client(), Client()
    assert tab_one.post(f"/plan/{token}/", {"done": [a]}).status_code == 303
    assert tab_two.post(f"/plan/{token}/", {"done": [b]}).status_code == 303
    assert Plan.objects.get(token=token).done == [b]


@pytest.mark.parametrize(
    "url",
    [
        "/plan/AAAAAAAAAAAAAAAAAAAAAA/", "/plan/short/", "/plan/view/AAAAAAAAAAAAAAAAAAAAAA/",
        "/plan/AAAAAAAAAAAAAAAAAAAAAA/brief/", "/plan/AAAAAAAAAAAAAAAAAAAAAA/plan.json",
        "/plan/AAAAAAAAAAAAAAAAAAAAAA/hours/",
        "/plan/AAAAAAAAAAAAAAAAAAAAAA/plan.ics", "/plan/AAAAAAAAAAAAAAAAAAAAAA/plan.md",
    ],
)  # fmt: skip
def test_unknown_or_tampered_tokens_are_404(client, make_plan, url):
    make_plan()
    assert client.get(url).status_code == 404


def test_a_tampered_token_cannot_save_and_a_view_token_cannot_edit(client, make_plan):
    token = make_plan()
    plan = Plan.objects.get(token=token)
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert client.post(f"/plan/{tampered}/", {"done": []}).status_code == 404
    assert client.post(f"/plan/{plan.view_token}/", {"done": []}).status_code == 404
    assert client.post(f"/plan/view/{plan.view_token}/", {"done": []}).status_code == 405


@pytest.mark.parametrize(
    ("form", "message", "anchor"),
    [
        ({"hours": "12"}, "Choose what you do today", "#background"),
        (
            {"background": "pilot", "hours": "12"},
            "Choose a background from the list",
            "#background",
        ),
        ({"background": "backend", "hours": "12", "role": "pilot"}, "Choose a role", "#role"),
        ({"background": "backend", "hours": "0"}, "at least 1", "#hours"),
        ({"background": "backend", "hours": "61"}, "60 or fewer", "#hours"),
        (
            {"background": "backend", "hours": "12", "start": "2099-01-01"},
            "within a year",
            "#start",
        ),
    ],
)
def test_bad_start_forms_get_a_specific_message_in_the_error_summary(client, form, message, anchor):
    response = client.post("/plan/", form)
    assert response.status_code == 400
    text = html.unescape(response.content.decode())
    summary = text.split('class="error-summary"')[1].split("</div>")[0]
    assert message in summary and f'href="{anchor}"' in summary
    assert "<title>Error: " in text
    assert not Plan.objects.exists()


def test_the_start_form_is_prefilled_from_the_query_and_ignores_unknown_values(client):
    text = page(client, "/plan/?background=qa-test-automation&role=evaluation-engineer")
    assert re.search(r'<option value="qa-test-automation"\s+selected>', text)
    assert re.search(r'<option value="evaluation-engineer"\s+selected>', text)
    text = page(client, "/plan/?background=pilot&role=<script>")
    assert " selected>" not in text and "<script>" not in text.split("<main")[1]


def test_every_get_answers_head_too(client, make_plan):
    token = make_plan()
    view_token = Plan.objects.get(token=token).view_token
    for url in [
        "/plan/", f"/plan/{token}/", f"/plan/view/{view_token}/", f"/plan/{token}/brief/",
        f"/plan/{token}/choices/", f"/plan/{token}/hours/",
        f"/plan/{token}/plan.ics", f"/plan/{token}/plan.md", f"/plan/{token}/plan.json",
    ]:  # fmt: skip
        response = client.head(url)
        assert response.status_code == 200, url
        assert response.content == b""


def test_plans_are_private_never_cached_and_not_indexed(client, make_plan):
    token = make_plan()
    for url in [
        f"/plan/{token}/", f"/plan/{token}/brief/", f"/plan/{token}/plan.json",
        f"/plan/{token}/hours/",
    ]:  # fmt: skip
        response = client.get(url)
        assert "no-store" in response["Cache-Control"] and response["X-Robots-Tag"] == "noindex"


def test_continue_goes_to_the_cookies_plan_or_the_start_form(client, make_plan):
    response = Client().get("/plan/continue/")
    assert response.status_code == 303 and response["Location"] == "/plan/"
    token = make_plan()  # `client` now holds the cookie
    response = client.get("/plan/continue/")
    assert response.status_code == 303 and response["Location"] == f"/plan/{token}/"
    start = page(client, "/plan/")
    assert "You already have a plan on this browser" in start and f'href="/plan/{token}/"' in start
    Plan.objects.all().delete()
    response = client.get("/plan/continue/")
    assert response["Location"] == "/plan/" and response.cookies[PLAN_COOKIE].value == ""


@pytest.mark.parametrize("path", ["/", "/route/", "/skills/?background=backend"])
def test_cached_pages_offer_continue_without_naming_anyones_plan(client, make_plan, path):
    token = make_plan()
    with_cookie = client.get(path).content.decode()
    without = Client().get(path).content.decode()
    assert "data-continue-plan hidden" in with_cookie and "/plan/continue/" in with_cookie
    assert token not in with_cookie
    assert with_cookie == without  # the same bytes for every visitor: safe to cache and share


def test_entry_points_link_to_the_start_form_with_prefills(client, content):
    assert 'href="/plan/?background=backend"' in page(client, "/skills/?background=backend")
    assert "Make it a plan" in page(client, "/route/")
    answers = {q.id: q.options[0].id for q in content.quiz.questions}
    result = client.post("/quiz/", {**answers, "background": "backend"})
    text = page(client, result["Location"])  # unescaped: &amp; reads as &
    best = QuizSubmission.objects.get().best_role
    assert f'href="/plan/?background=backend&role={best}">Make this your plan' in text


def test_changing_choices_keeps_progress(client, make_plan, content):
    token = make_plan()
    first = content.stages[0].deliverable.id
    client.post(f"/plan/{token}/", {"done": [first]})
    deep = next(s for s in content.stages if s.optional)
    response = client.post(
        f"/plan/{token}/choices/",
        {"background": "security", "hours": "20", "role": "", "include": deep.id},
    )
    assert response.status_code == 303
    plan = Plan.objects.get(token=token)
    assert (plan.background, plan.hours_per_week, plan.added_stages) == ("security", 20, [deep.id])
    assert plan.done == [first]
    text = page(client, f"/plan/{token}/")
    assert "Optional, added by you" in text and first in checked_ids(text)
    bad = client.post(f"/plan/{token}/choices/", {"background": "security", "hours": "500"})
    assert bad.status_code == 400 and "60 or fewer" in bad.content.decode()


def test_the_brief_names_role_hours_calendar_and_how_each_deliverable_is_judged(
    client, make_plan, content
):
    token = make_plan(role="ai-engineer")
    text = page(client, f"/plan/{token}/brief/")
    role = content.role_by_id["ai-engineer"]
    assert role.summary in text and "12 hours a week" in text
    for stage in content.stages:
        if not stage.optional:
            assert stage.deliverable.title in text
            assert all(c.text in text for c in stage.done_when)


def test_the_stored_plan_page_carries_each_visitors_own_csrf_token(make_plan, content):
    url = f"/plan/{make_plan()}/"
    first = content.stages[0].deliverable.id
    for _ in range(2):  # the second browser gets the page rendered for the first
        browser = Client(enforce_csrf_checks=True)
        text = browser.get(url).content.decode()
        assert CSRF_PLACEHOLDER not in text
        tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', text))
        assert len(tokens) == 1
        response = browser.post(url, {"done": [first], "csrfmiddlewaretoken": tokens.pop()})
        assert response.status_code == 303


def test_a_saved_tick_is_on_the_page_at_once_even_though_the_page_is_stored(
    client, make_plan, content
):
    token = make_plan()
    first = content.stages[0].deliverable.id
    assert first not in checked_ids(page(client, f"/plan/{token}/"))
    client.post(f"/plan/{token}/", {"done": [first]}, headers={"HX-Request": "true"})
    assert first in checked_ids(page(client, f"/plan/{token}/"))


def test_with_htmx_the_start_form_answers_in_place(client):
    bad = client.post("/plan/", {"hours": "12"}, headers={"HX-Request": "true"})
    assert bad.status_code == 400
    fragment = bad.content.decode()
    assert "<html" not in fragment and "There is a problem" in fragment
    assert "<title>Error: " in fragment  # htmx takes the new title from the fragment
    good = client.post(
        "/plan/", {"background": "backend", "hours": "12"}, headers={"HX-Request": "true"}
    )
    assert good.status_code == 200
    assert re.fullmatch(r"/plan/[A-Za-z0-9_-]{22}/", good["HX-Redirect"])
    assert good.cookies[PLAN_COOKIE].value == good["HX-Redirect"].split("/")[2]


def test_plan_pages_first_load_is_under_30kb_compressed(client, make_plan):
    """The site's page budget (tests/pages/test_views.py) for the largest plan: every stage."""
    token = make_plan(role="ml-engineer")  # leans on the optional stage: all stages included
    view_token = Plan.objects.get(token=token).view_token
    for url in [
        "/plan/", f"/plan/{token}/", f"/plan/view/{view_token}/", f"/plan/{token}/brief/",
        f"/plan/{token}/hours/",
    ]:  # fmt: skip
        html = client.get(url).content
        total = len(gzip.compress(html))
        for asset in set(re.findall(rb'(?:href|src)="/static/([^"]+)"', html)):
            if asset.endswith(b".png"):  # icon alternates: not part of a first load
                continue
            path = finders.find(asset.decode())
            assert path, asset
            total += len(gzip.compress(Path(path).read_bytes()))
        assert total < 30 * 1024, f"{url} weighs {total} bytes compressed"


def _was(text: str) -> str:
    found = re.search(r'name="was" value="([^"]*)"', text)
    assert found
    return found.group(1)


def test_two_stale_tabs_without_javascript_keep_each_others_ticks(make_plan, content):
    token = make_plan()
    a, b = Client(), Client()
    page_a, page_b = page(a, f"/plan/{token}/"), page(b, f"/plan/{token}/")  # both drawn now
    first, fourth = content.stages[0], content.stages[3]
    a.post(
        f"/plan/{token}/",
        {"done": [first.deliverable.id], "was": _was(page_a), "stage": first.id},
    )
    # Tab B still shows the page from before A's save, and saves its own tick.
    b.post(
        f"/plan/{token}/",
        {"done": [fourth.deliverable.id], "was": _was(page_b), "stage": fourth.id},
    )
    assert set(Plan.objects.get(token=token).done) == {first.deliverable.id, fourth.deliverable.id}
    # An untick on a fresh page removes only that tick.
    fresh = page(a, f"/plan/{token}/")
    a.post(f"/plan/{token}/", {"done": [fourth.deliverable.id], "was": _was(fresh)})
    assert Plan.objects.get(token=token).done == [fourth.deliverable.id]


def test_one_hour_a_week_is_said_in_the_singular(client, make_plan):
    text = page(client, f"/plan/{make_plan(hours='1')}/")
    assert "1 hour a week" in text and "1 hours" not in text


@override_settings(
    RATE_LIMITS_ENABLED=True, RATE_LIMITS={"plan-create": (50, 600), "plan-save": (1, 600)}
)
def test_changing_choices_is_rate_limited_with_the_input_kept(client, make_plan):
    cache.clear()
    token = make_plan()
    form = {"background": "backend", "hours": "12"}
    assert client.post(f"/plan/{token}/choices/", form).status_code == 303
    limited = client.post(f"/plan/{token}/choices/", {**form, "hours": "20"})
    assert limited.status_code == 429 and int(limited["Retry-After"]) > 0
    assert 'value="20"' in limited.content.decode()
    assert Plan.objects.get(token=token).hours_per_week == 12
