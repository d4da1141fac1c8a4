"""Part IV in headless Chromium without a kernel, every non-local request blocked: the domain picker switches
panels by mouse and by keyboard, and the proposals exercise (built on jesc.decision) re-ranks by keyboard.
Neither page makes an external request or logs a console error."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from book import open_built

pytestmark = pytest.mark.browser

PARTNERSHIP = "chapters/new-domains/partnership.html"
PROPOSALS = "chapters/new-domains/proposals.html"


def visible_panels(page):
    return page.locator("#jesc-domains .jesc-dm-panel:visible").evaluate_all(
        "els => els.map(e => e.dataset.domain)")


def test_domain_picker_by_mouse_and_keyboard(page, built_book):
    open_built(page, PARTNERSHIP)
    page.wait_for_selector("#jesc-domains[data-jesc-ready]")
    data = json.loads(page.locator("#jesc-domains script.jesc-domains-data").text_content())
    assert data["domains"] == ["maritime", "space", "cyber", "hybrid"]
    # On load: the first domain only, and a status line with its count of events.
    assert visible_panels(page) == ["maritime"]
    n = data["events"]["maritime"]
    expect(page.locator("#jesc-domains-status")).to_have_text(
        f"Showing Maritime security: {n} events in the timeline.")

    # By mouse: click the label of the space domain.
    page.locator("label[for='jesc-domains-pick-space']").click()
    expect(page.locator("#jesc-domains-pick-space")).to_be_checked()
    assert visible_panels(page) == ["space"]
    expect(page.locator("#jesc-domains-panel-space")).to_contain_text("10 March 2023")

    # By keyboard: the arrow key moves to the next radio button (cyber) and shows its panel.
    page.locator("#jesc-domains-pick-space").focus()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#jesc-domains-pick-cyber")).to_be_checked()
    assert visible_panels(page) == ["cyber"]
    n = data["events"]["cyber"]
    expect(page.locator("#jesc-domains-status")).to_contain_text(f"{n} event")
    page.keyboard.press("ArrowRight")
    assert visible_panels(page) == ["hybrid"]
    expect(page.locator("#jesc-domains-panel-hybrid")).to_contain_text("No event of this domain")
    assert page.external_requests == [] and page.console_errors == []


def test_proposals_exercise_by_keyboard(page, built_book):
    open_built(page, PROPOSALS)
    page.wait_for_selector("#jesc-decision[data-jesc-ready]")
    first = page.locator("#jesc-decision-ranking tbody tr").first
    # Feasibility decisive, fit 1, the rest ignored: the cyber manual comes first.
    for crit, keys in [("evidence", ["Home"]), ("feasibility", ["End"]), ("fit", ["Home", "ArrowRight"]),
                       ("added", ["Home"])]:
        page.locator(f"#jesc-decision-w-{crit}").focus()
        for key in keys:
            page.keyboard.press(key)
    expect(page.locator("#jesc-decision-w-fit-out")).to_have_text("1")
    expect(first.locator("th")).to_have_text("A shared cyber manual")
    expect(first.locator("td").last).to_have_text("4.00")
    # Added value decisive instead: the space grouping comes first.
    page.locator("#jesc-decision-w-feasibility").focus()
    page.keyboard.press("Home")
    page.locator("#jesc-decision-w-added").focus()
    page.keyboard.press("End")
    expect(first.locator("th")).to_have_text("A space-security grouping")
    assert page.external_requests == [] and page.console_errors == []
