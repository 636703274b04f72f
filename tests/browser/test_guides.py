"""A guide in a browser: its footnote numbers take the reader to the source at the foot of the
page, and its table of contents to its sections, on a phone as on a laptop."""

from __future__ import annotations

import re

from playwright.sync_api import expect

PHONE = {"width": 375, "height": 812}


def test_a_footnote_and_a_contents_link_land_on_what_they_name(live_server, page_factory, content):
    page = page_factory(**PHONE)
    guide = next(g for g in content.guides if g.body.cites)
    page.goto(f"{live_server.url}/guides/{guide.id}/")
    source = content.source_by_id[guide.body.cites[0]]
    page.locator(f'sup.cite a[href="#source-{source.id}"]').first.click()
    expect(page).to_have_url(re.compile(rf"#source-{source.id}$"))
    item = page.locator(f"#source-{source.id}")
    expect(item).to_be_in_viewport()
    expect(item).to_contain_text(source.title)
    contents = page.get_by_role("navigation", name="In this guide").get_by_role("link").first
    target = contents.get_attribute("href")
    contents.click()
    expect(page.locator(str(target))).to_be_in_viewport()


def test_no_guide_scrolls_sideways_on_a_phone(live_server, page_factory, content):
    page = page_factory(**PHONE)
    wide = {}
    for path in ["/guides/", *(f"/guides/{g.id}/" for g in content.guides)]:
        page.goto(live_server.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide[path] = width
    assert not wide
