"""Pages as a reader needs them (issue 25): the Bibliography and the language switch.

* ``test_bibliography_labels_are_author_year_in_three_groups``: every entry's label is the "Author,
  year" the text's ``{cite:p}`` shows (``jesc.citations.label``), and the entries are grouped into the
  source documents (``keywords = {source}``), primary records and scholarship (``keywords =
  {scholarship}``).
* ``test_bibliography_does_not_scroll_sideways_on_a_phone``: at 390 px the page is no wider than the
  window (long addresses wrap).
* ``test_the_language_switch_leads_nowhere_only_when_hidden``: in a book built without the Japanese
  edition beside it, every page's switch is hidden and has no address (the link crawl,
  ``test_links.py``, checks every switch that has one).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from book import open_built
from jesc import citations
from site_pages import built_pages

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
PAGE = "appendices/bibliography.html"


def _keywords() -> dict[str, str]:
    from pybtex.database import parse_file

    data = parse_file(str(REPO / "references.bib"), bib_format="bibtex")
    return {k: e.fields.get("keywords", "").strip() for k, e in data.entries.items()}


def test_bibliography_labels_are_author_year_in_three_groups(built_book):
    soup = BeautifulSoup((built_book / PAGE).read_text(encoding="utf-8"), "html.parser")
    keywords = _keywords()
    labels = citations.labels(REPO / "references.bib")
    by_anchor = {citations.anchor(k): k for k in labels}
    # the group headings (h2.jesc-bib-group) and the entries after each, in page order
    groups: dict[str, list[str]] = {}
    current = None
    for el in soup.select("h2.jesc-bib-group, div.citation"):
        if el.name == "h2":
            current = el.get_text(" ", strip=True).rstrip("#").strip()
            groups[current] = []
        elif current is not None:
            groups[current].append(by_anchor.get(el.get("id")))
    assert set(groups) >= {"Source documents", "Primary records", "Scholarship"}, sorted(groups)
    expected = {"Source documents": "source", "Scholarship": "scholarship"}
    problems = []
    for title, keys in groups.items():
        for key in keys:
            kind = keywords.get(key, "")
            want = expected.get(title)
            if (want and kind != want) or (title == "Primary records" and kind in ("source", "scholarship")):
                problems.append(f"{key}: keywords {kind!r}, listed under {title!r}")
    assert len(groups["Source documents"]) == 3, groups["Source documents"]
    for div in soup.select("div.citation"):
        key = by_anchor.get(div.get("id"))
        label = div.select_one("span.label")
        text = re.sub(r"^\[|\]$", "", label.get_text("", strip=True)) if label else ""
        if key and text != labels[key]:
            problems.append(f"{key}: label {text!r}, the text cites it as {labels[key]!r}")
    assert not problems, "\n".join(problems[:40])


def test_bibliography_does_not_scroll_sideways_on_a_phone(page, built_book):
    page.set_viewport_size({"width": 390, "height": 844})
    open_built(page, PAGE)
    widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1] + 1, f"the Bibliography is {widths[0]} px wide in a {widths[1]} px window"


def test_the_language_switch_leads_nowhere_only_when_hidden(built_book):
    japanese = built_book.parent / "ja" / "_build" / "html"
    shown = []
    for relative in built_pages(built_book):
        for a in BeautifulSoup((built_book / relative).read_text(encoding="utf-8"), "html.parser").select(
                "a.jesc-language-switch"):
            if a.get("href") and not (japanese / relative).is_file():
                shown.append(f"{relative}: switch to {a['href']} but no Japanese page beside it")
            if not a.get("href") and not a.has_attr("hidden"):
                shown.append(f"{relative}: a switch without an address is not hidden")
    assert not shown, "\n".join(shown[:30])
