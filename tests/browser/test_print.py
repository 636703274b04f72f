"""Route, stage and role pages print cleanly: none of the site's chrome, each stage whole, the
route with what each stage ships and its "done when" list (the deliverable in full is on the
stage's own page, which prints too), and every outside link's address shown."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

PRINTED = ["/route/", "/route/evals-and-observability/", "/roles/ai-engineer/"]


def expect_no_chrome(page: Page) -> None:
    expect(page.locator("header.site-header")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.locator("nav.breadcrumbs")).to_be_hidden()
    expect(page.locator("footer.site-footer")).to_be_hidden()
    for form in page.locator("main form").all():
        expect(form).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


@pytest.mark.parametrize("path", PRINTED)
def test_printing_hides_the_site_chrome(live_server, page_factory, path):
    page = page_factory()
    response = page.goto(live_server.url + path)
    assert response is not None and response.status == 200
    expect(page.locator("header.site-header")).to_be_visible()  # on screen it is there
    page.emulate_media(media="print")
    expect_no_chrome(page)


def test_the_printed_route_keeps_stages_whole_with_what_each_ships(
    live_server, page_factory, content
):
    page = page_factory()
    page.goto(live_server.url + "/route/")
    stages = page.locator("ol.route > li")
    expect(stages).to_have_count(len(content.stages))
    first = stages.first.locator(".print-only")
    expect(first).to_be_hidden()  # the screen shows the short version
    page.emulate_media(media="print")
    for i, stage in enumerate(content.stages):
        item = stages.nth(i)
        assert item.evaluate("e => getComputedStyle(e).breakInside") == "avoid"
        printed = item.locator(".print-only")
        expect(printed).to_be_visible()
        expect(printed).to_contain_text(stage.done_when[0].text)
        expect(printed.locator("ul.done-when > li")).to_have_count(len(stage.done_when))
        expect(item).to_contain_text(f"You ship: {stage.deliverable.title}")


def test_printed_links_show_where_they_go(live_server, page_factory, content):
    stage = next(s for s in content.stages if s.resources)
    page = page_factory()
    page.goto(live_server.url + f"/route/{stage.id}/")
    link = page.locator("main a[href^='http']").first
    href = link.get_attribute("href")
    assert href
    assert "(" not in link.evaluate("e => getComputedStyle(e, '::after').content")
    page.emulate_media(media="print")
    assert href in link.evaluate("e => getComputedStyle(e, '::after').content")


def test_the_printed_route_is_a_pdf_with_every_done_when_list(live_server, page_factory, content):
    page = page_factory()
    page.goto(live_server.url + "/route/")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    text = page.evaluate("document.body.innerText")  # what the print layout shows
    assert text.lstrip().startswith(page.locator("h1").inner_text())  # nothing above the title
    for stage in content.stages:
        assert stage.done_when[-1].text in text
