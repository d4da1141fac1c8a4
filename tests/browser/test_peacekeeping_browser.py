"""Part III's missions explorer (jesc.peacekeeping) in headless Chromium without a kernel and with every
non-local request blocked: the kind checkboxes (keyboard), the region and year menus, an item's details
(mouse) and "Show all" change the visible missions, and the page makes no external request and logs no
console error."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from book import open_built

pytestmark = pytest.mark.browser

PAGE = "chapters/peacekeeping/two-traditions.html"
ROOT = "#jesc-pk-explorer"


def visible(page):
    return page.locator(f"{ROOT} li.jesc-pk-item:visible")


def expected(data, kinds, region="", lo=None, hi=None):
    lo = data["first"] if lo is None else lo
    hi = data["last"] if hi is None else hi
    return [i for i in data["items"] if i["kind"] in kinds and (not region or i["region"] == region)
            and i["from"] <= hi and i["to"] >= lo]


def test_missions_explorer_filters(page, built_book):
    open_built(page, PAGE)
    page.wait_for_selector(f"{ROOT}[data-jesc-ready]")
    data = json.loads(page.locator(f"{ROOT} script.jesc-pk-data").text_content())
    total = data["total"]
    count = page.locator(f"{ROOT}-count")
    expect(count).to_have_text(f"Showing {total} of {total} missions and deployments.")
    assert visible(page).count() == total
    assert page.locator(f"{ROOT} .jesc-pk-bar:not(.jesc-pk-off)").count() == total

    # Keep only civilian missions: untick the other kinds by keyboard (focus and Space).
    for kind in ("military", "civilian-military"):
        box = page.locator(f"{ROOT}-kind-{kind}")
        box.focus()
        page.keyboard.press("Space")
        expect(box).not_to_be_checked()
    civ = expected(data, ["civilian"])
    expect(count).to_have_text(f"Showing {len(civ)} of {total} missions and deployments.")
    kinds = visible(page).evaluate_all("els => els.map(e => e.dataset.kind)")
    assert set(kinds) == {"civilian"} and len(kinds) == len(civ)
    assert page.locator(f"{ROOT} .jesc-pk-bar:not(.jesc-pk-off)").count() == len(civ)

    # One region, then a window of years, with the menus.
    page.select_option(f"{ROOT}-region", "Africa")
    africa = expected(data, ["civilian"], "Africa")
    expect(count).to_have_text(f"Showing {len(africa)} of {total} missions and deployments.")
    page.select_option(f"{ROOT}-from", "2015")
    page.select_option(f"{ROOT}-to", "2016")
    window = expected(data, ["civilian"], "Africa", 2015, 2016)
    expect(count).to_have_text(f"Showing {len(window)} of {total} missions and deployments.")
    assert 0 < len(window) < len(africa)
    regions = set(visible(page).evaluate_all("els => els.map(e => e.dataset.region)"))
    assert regions == {"Africa"}

    # An item opens with the mouse to show its name and source; "Show all" restores everything.
    first = visible(page).first
    first.locator("summary").click()
    expect(first.locator("details p")).to_contain_text("Source:")
    page.locator(f"{ROOT} button[type=reset]").click()
    expect(count).to_have_text(f"Showing {total} of {total} missions and deployments.")
    assert visible(page).count() == total
    assert page.external_requests == [] and page.console_errors == []
