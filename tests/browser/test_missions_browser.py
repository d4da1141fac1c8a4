"""Part II's mission explorer (chapters/eu/operational-partner), in headless Chromium without a kernel and
with every non-local request blocked: the year slider (by keyboard), the kind checkboxes (by mouse) and the
region menu change the listed missions and Japan's deployments as the embedded data say they should, "Reset"
restores the first view, and the page makes no external request and logs no console error."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from book import open_built

pytestmark = pytest.mark.browser

OPERATIONAL = "chapters/eu/operational-partner.html"
ROOT = "#jesc-missions"


def _active(rec, year):
    return rec["from"] <= year and (rec["to"] is None or rec["to"] >= year)


def _expected(data, year, kinds=None, region=""):
    kinds = kinds or data["kinds"]
    return sorted(m["id"] for m in data["missions"] if _active(m, year) and m["kind"] in kinds
                  and (not region or m["region"] == region))


def _visible(page, cls):
    return sorted(page.locator(f"{ROOT} li.{cls}:visible").evaluate_all("els => els.map(e => e.dataset.id)"))


def test_mission_explorer_by_keyboard_and_mouse(page, built_book):
    open_built(page, OPERATIONAL)
    page.wait_for_selector(f"{ROOT}[data-jesc-ready]")
    data = json.loads(page.locator(f"{ROOT} script.jesc-missions-data").text_content())
    year = data["year"]
    assert year == 2010
    assert _visible(page, "jesc-ms-item") == _expected(data, year)
    count = page.locator(f"{ROOT}-count")
    expect(count).to_contain_text(f"missions active in {year}")
    expect(count).to_contain_text(f"showing {len(_expected(data, year))} of {data['total']} missions")

    # Year slider by keyboard: Home goes to the first year, End to the last, arrows step by one.
    slider = page.locator(f"{ROOT}-year")
    slider.focus()
    page.keyboard.press("Home")
    expect(page.locator(f"{ROOT}-year-out")).to_have_text(str(data["first"]))
    assert _visible(page, "jesc-ms-item") == _expected(data, data["first"])
    page.keyboard.press("End")
    page.keyboard.press("ArrowLeft")
    y = data["last"] - 1
    expect(page.locator(f"{ROOT}-year-out")).to_have_text(str(y))
    assert _visible(page, "jesc-ms-item") == _expected(data, y)
    deps = sorted(d["id"] for d in data["deployments"] if _active(d, y))
    assert _visible(page, "jesc-ms-dep") == deps
    expect(page.locator(f"{ROOT}-dcount")).to_have_text(f"{len(deps)} active in {y}.")

    # Kind checkbox by mouse: untick military; only civilian (and mixed) missions remain.
    page.locator(f"label[for='{ROOT[1:]}-kind-military']").click()
    expect(page.locator(f"{ROOT}-kind-military")).not_to_be_checked()
    kinds = [k for k in data["kinds"] if k != "military"]
    assert _visible(page, "jesc-ms-item") == _expected(data, y, kinds)
    shown = page.locator(f"{ROOT} li.jesc-ms-item:visible").evaluate_all("els => els.map(e => e.dataset.kind)")
    assert shown and "military" not in shown

    # Region menu: Africa only.
    page.select_option(f"{ROOT}-region", "Africa")
    want = _expected(data, y, kinds, "Africa")
    assert _visible(page, "jesc-ms-item") == want
    expect(count).to_contain_text(f"showing {len(want)} of {data['total']} missions")

    # A mission opens to show its task and source; Reset restores the first view.
    first = page.locator(f"{ROOT} li.jesc-ms-item:visible").first
    first.locator("summary").click()
    expect(first).to_contain_text("Source:")
    page.locator(f"{ROOT} button[type=reset]").click()
    expect(page.locator(f"{ROOT}-year-out")).to_have_text(str(year))
    expect(page.locator(f"{ROOT}-kind-military")).to_be_checked()
    assert _visible(page, "jesc-ms-item") == _expected(data, year)
    assert page.external_requests == [] and page.console_errors == []
