"""Part I's US-troops explorer in headless Chromium, without a kernel and with every non-local request
blocked: the slider changes the year by keyboard (arrows, Home, End) and by mouse (a click on the track),
the table and the status line show that year's numbers from the page's data, and the page makes no
external request and logs no console error."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from book import open_built

pytestmark = pytest.mark.browser

US_VENUE = "chapters/nato/us-venue.html"


def shown(page, data, year):
    """Assert that the table and status show ``year`` as the page's JSON gives it."""
    i = data["years"].index(year)
    expect(page.locator("#jesc-troops-out")).to_have_text(str(year))
    for host in data["hosts"]:
        cell = page.locator(f'#jesc-troops tr[data-code="{host["code"]}"] .jesc-tr-num')
        expect(cell).to_have_text(f"{host['troops'][i]:,}")
    expect(page.locator("#jesc-troops-status")).to_contain_text(f"{year}.")


def test_troops_slider_by_keyboard_and_mouse(page, built_book):
    open_built(page, US_VENUE)
    page.wait_for_selector("#jesc-troops[data-jesc-ready]")
    data = json.loads(page.locator("#jesc-troops script.jesc-troops-data").text_content())
    first, last = data["years"][0], data["years"][-1]
    expect(page.locator("#jesc-troops .jesc-tr-nojs")).to_be_hidden()
    shown(page, data, last)

    slider = page.locator("#jesc-troops-year")
    slider.focus()
    page.keyboard.press("Home")
    shown(page, data, first)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    shown(page, data, first + 2)
    page.keyboard.press("End")
    shown(page, data, last)
    page.keyboard.press("ArrowLeft")
    shown(page, data, last - 1)

    # Mouse: a click near the left end of the track moves to an early year.
    box = slider.bounding_box()
    page.mouse.click(box["x"] + 3, box["y"] + box["height"] / 2)
    year = int(page.locator("#jesc-troops-out").text_content())
    assert first <= year < first + 10
    shown(page, data, year)
    assert slider.get_attribute("aria-valuetext") == str(year)
    assert page.external_requests == [] and page.console_errors == []
