"""The explorers' scripts compose their sentences from the templates in the explorers' data (issue 26):
in headless Chromium, without a book build, each explorer's HTML with its script from ``_static/``, in
English and with a pseudo-translation (every message "《message》"). After a filter changes, every
sentence a script wrote is English in English, and translated (inside 《…》) in the other language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import jesc
from jesc import decision, domains, i18n, missions, nato, peacekeeping, timeline

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ("timeline", "missions", "peacekeeping", "decision", "domains", "troops", "table")


class _Pseudo(dict):
    def get(self, key, default=None):
        return f"\u300a{key}\u300b"


def _page(path: Path) -> Path:
    ev, eu, dep = jesc.load("events"), jesc.load("csdp_missions"), jesc.load("japan_deployments")
    parts = [timeline.render_html(ev), missions.render_html(eu, dep, year=2010),
             peacekeeping.render_html(peacekeeping.combined(dep, eu)), decision.render_html(decision.exercise()),
             domains.render_html(ev), nato.render_troops_html(jesc.load("us_troops_abroad"))]
    scripts = "".join(f"<script>{(ROOT / '_static' / f'jesc-{name}.js').read_text(encoding='utf-8')}</script>"
                      for name in SCRIPTS)
    path.write_text("<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Explorers</title></head>"
                    "<body><article class='bd-article'>" + "".join(parts) + "</article>" + scripts
                    + "</body></html>", encoding="utf-8")
    return path


def _composed(browser, page_path: Path) -> dict[str, str]:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(page_path.as_uri())
    text = lambda selector: " ".join(page.locator(selector).first.text_content().split())  # noqa: E731
    page.select_option("#jesc-timeline-domain", "maritime")
    page.fill("#jesc-missions-year", "2005")
    page.dispatch_event("#jesc-missions-year", "input")
    page.uncheck("#jesc-pk-explorer-kind-military")
    for slider in page.locator(".jesc-decision input[type=range]").all():
        slider.fill("0")
        slider.dispatch_event("input")
    page.check("#jesc-domains-pick-space")
    page.fill("#jesc-troops-year", "1990")
    page.dispatch_event("#jesc-troops-year", "input")
    out = {"timeline": text(".jesc-tl-count"),
           "chart": page.locator(".jesc-tl-chart-scroll").first.get_attribute("aria-label"),
           "chart cue": text(".jesc-tl-chart-scroll + p, p.jesc-table-cue"),
           "missions": text(".jesc-ms-count"), "deployments": text(".jesc-ms-dcount"),
           "peacekeeping": text(".jesc-pk-count"), "decision": text("table.jesc-dc-ranking tbody"),
           "domains": text(".jesc-dm-status"), "troops caption": text(".jesc-tr-table caption"),
           "troops": text(".jesc-tr-status")}
    page.close()
    assert not errors, errors
    return out


ENGLISH = {
    "timeline": r"Showing \d+ of \d+ events\.", "chart": r"Timeline chart",
    "chart cue": r"Scroll sideways to see the whole chart \u2192",
    "missions": r"\d+ missions active in 2005 \(\d+ civilian, \d+ military, \d+ civilian and military\); "
                r"showing \d+ of \d+ missions\.",
    "deployments": r"\d+ active in 2005\.", "peacekeeping": r"Showing \d+ of \d+ missions and deployments\.",
    "decision": r"Give at least one criterion a weight above 0\.",
    "domains": r"Showing Space security: \d+ events? in the timeline\.",
    "troops caption": r"US active-duty troops in 1990, by host country \(bar length relative to the largest "
                      r"count in the table, [\d,]+\)",
    "troops": r"1990\. US troops in the hosts of the table, Europe: [\d,]+; Asia: [\d,]+\.",
}


def test_english_sentences_are_as_before(browser, tmp_path, monkeypatch):
    monkeypatch.delenv("JESC_LANGUAGE", raising=False)
    found = _composed(browser, _page(tmp_path / "en.html"))
    wrong = {k: v for k, v in found.items() if not re.fullmatch(ENGLISH[k], v or "")}
    assert not wrong, wrong


def test_translated_sentences_come_from_the_data(browser, tmp_path, monkeypatch):
    monkeypatch.setenv("JESC_LANGUAGE", "ja")
    monkeypatch.setattr(i18n, "_catalog", lambda lang: _Pseudo())
    found = _composed(browser, _page(tmp_path / "ja.html"))
    # every sentence is one translated template, its labels (kinds, regions, titles) translated inside it
    wrong = {k: v for k, v in found.items() if not (v.startswith("\u300a") and v.endswith("\u300b"))}
    assert not wrong, wrong
    assert re.match("\u300a\u300a\\d+ missions active in 2005 \\(\u300a\\d+ civilian\u300b", found["missions"])
    assert "\u300aEurope\u300b" in found["troops"] and "\u300aSpace security\u300b" in found["domains"]
