"""The Introduction's timeline explorer and the Conclusion's decision exercise and sortable table, in headless
Chromium without a kernel and with every non-local request blocked: filters change the visible events, the
decision widget works by keyboard alone, and the pages make no external request and log no console error."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from book import open_built

pytestmark = pytest.mark.browser

TIMELINE = "chapters/introduction/timeline.html"
DECISION = "chapters/conclusion/decision-exercise.html"
SEVEN_USES = "chapters/conclusion/seven-uses.html"


def visible_events(page):
    return page.locator("#jesc-timeline li.jesc-tl-item:visible")


def test_timeline_filters_change_visible_events(page, built_book):
    open_built(page, TIMELINE)
    page.wait_for_selector("#jesc-timeline[data-jesc-ready]")
    data = json.loads(page.locator("#jesc-timeline script.jesc-timeline-data").text_content())
    total = data["total"]
    expect(page.locator("#jesc-timeline-count")).to_have_text(f"Showing {total} of {total} events.")
    assert visible_events(page).count() == total

    # Keep only the EU: untick every other framework (by keyboard: focus and press Space).
    for fw in data["frameworks"]:
        if fw != "EU":
            box = page.locator(f"#jesc-timeline-fw-{fw}")
            box.focus()
            page.keyboard.press("Space")
            expect(box).not_to_be_checked()
    n_eu = sum(1 for e in data["events"] if e["framework"] == "EU")
    expect(page.locator("#jesc-timeline-count")).to_have_text(f"Showing {n_eu} of {total} events.")
    frameworks = visible_events(page).evaluate_all("els => els.map(e => e.dataset.framework)")
    assert frameworks and set(frameworks) == {"EU"} and len(frameworks) == n_eu

    # Narrow to one decade with the select.
    page.select_option("#jesc-timeline-decade", "2010")
    n = sum(1 for e in data["events"] if e["framework"] == "EU" and e["decade"] == 2010)
    expect(page.locator("#jesc-timeline-count")).to_have_text(f"Showing {n} of {total} events.")
    decades = visible_events(page).evaluate_all("els => els.map(e => e.dataset.decade)")
    assert set(decades) == {"2010"}

    # An event opens to show its description and source; "Show all" restores everything.
    first = visible_events(page).first
    first.locator("summary").click()
    expect(first.locator(".jesc-tl-meta")).to_contain_text("Source:")
    page.locator("#jesc-timeline button[type=reset]").click()
    expect(page.locator("#jesc-timeline-count")).to_have_text(f"Showing {total} of {total} events.")
    assert page.external_requests == [] and page.console_errors == []


def test_timeline_chart_rows_match_the_checkboxes(page, built_book):
    """The chart draws one row per framework that has events, and each has a filter checkbox: no row
    for a framework without events (the course data have no UN event)."""
    open_built(page, TIMELINE)
    page.wait_for_selector("#jesc-timeline[data-jesc-ready]")
    data = json.loads(page.locator("#jesc-timeline script.jesc-timeline-data").text_content())
    with_events = [fw for fw in data["frameworks"] if any(e["framework"] == fw for e in data["events"])]
    rows = page.locator("#jesc-timeline svg.jesc-tl-chart text[text-anchor=end]").all_text_contents()
    boxes = page.locator('#jesc-timeline input[name="framework"]').evaluate_all(
        "els => els.filter(e => e.offsetParent !== null).map(e => e.value)")
    assert rows == with_events == boxes, f"rows {rows}, frameworks with events {with_events}, checkboxes {boxes}"
    # Every row has at least one visible mark.
    for fw in rows:
        assert page.locator(f'#jesc-timeline .jesc-tl-mark[data-fw="{fw}"]').count() > 0, f"row {fw} is empty"


@pytest.mark.parametrize("page_path", [TIMELINE, SEVEN_USES, "chapters/conclusion/beyond-the-debate.html"])
def test_figures_have_a_caption_and_alt_text_on_the_page(page, built_book, page_path):
    """Each figure the notebook declares reaches the page as a numbered figure with its caption and alt."""
    open_built(page, page_path)
    figures = page.locator("article figure")
    assert figures.count() >= 1, f"{page_path}: no figure"
    for i in range(figures.count()):
        fig = figures.nth(i)
        caption = fig.locator("figcaption").inner_text().strip()
        assert caption.startswith("Fig.") and len(caption.split()) > 5, f"{page_path}: caption {caption!r}"
        img = fig.locator("img")
        assert img.count() == 1 and len((img.get_attribute("alt") or "").split()) >= 8, (
            f"{page_path}: figure {i + 1} has no alt text")
        img.scroll_into_view_if_needed()
        page.wait_for_function("e => e.complete && e.naturalWidth > 0", arg=img.element_handle())


def test_decision_widget_by_keyboard(page, built_book):
    open_built(page, DECISION)
    page.wait_for_selector("#jesc-decision[data-jesc-ready]")
    first_row = page.locator("#jesc-decision-ranking tbody tr").first
    before = first_row.locator("th").text_content()
    # Weights by keyboard alone: Home = 0, End = 5, arrows step by 1.
    # Only cost weighs: the ad hoc option, the cheapest (4 of 5), ranks first.
    for crit, key in [("operational", "Home"), ("constitutional", "Home"), ("cost", "End"),
                      ("solidarity", "Home"), ("restraint", "Home")]:
        slider = page.locator(f"#jesc-decision-w-{crit}")
        slider.focus()
        page.keyboard.press(key)
    expect(page.locator("#jesc-decision-w-cost-out")).to_have_text("5")
    expect(first_row.locator("th")).to_have_text("Ad hoc cooperation on the ground")
    assert before != "Ad hoc cooperation on the ground"
    expect(first_row.locator("td").last).to_have_text("4.00")
    # One step down with an arrow key changes the weight shown.
    page.locator("#jesc-decision-w-cost").focus()
    page.keyboard.press("ArrowLeft")
    expect(page.locator("#jesc-decision-w-cost-out")).to_have_text("4")
    # All weights at zero: a message instead of a ranking.
    for crit in ("constitutional", "cost"):
        page.locator(f"#jesc-decision-w-{crit}").focus()
        page.keyboard.press("Home")
    expect(page.locator("#jesc-decision-ranking tbody")).to_contain_text("at least one criterion")
    assert page.external_requests == [] and page.console_errors == []


def test_seven_uses_table_sorts(page, built_book):
    open_built(page, SEVEN_USES)
    table = page.locator("table.jesc-sortable").first
    page.wait_for_selector("table.jesc-sortable[data-jesc-ready]")
    headers = table.locator("thead th")
    col = [headers.nth(i).text_content() for i in range(headers.count())].index("events 2011 on")
    button = headers.nth(col).locator("button")
    button.focus()
    page.keyboard.press("Enter")
    expect(headers.nth(col)).to_have_attribute("aria-sort", "ascending")
    values = table.locator(f"tbody tr td:nth-child({col + 1})").all_text_contents()
    assert [int(v) for v in values] == sorted(int(v) for v in values)
    page.keyboard.press("Enter")
    expect(headers.nth(col)).to_have_attribute("aria-sort", "descending")
    values = table.locator(f"tbody tr td:nth-child({col + 1})").all_text_contents()
    assert [int(v) for v in values] == sorted((int(v) for v in values), reverse=True)
    assert page.external_requests == [] and page.console_errors == []
