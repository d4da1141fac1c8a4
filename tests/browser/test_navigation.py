"""Finding one's way in the built book (issue 18).

* ``test_no_two_pages_share_a_title``: every built page's ``<title>`` is its own.
* ``test_no_sidebar_entry_repeats_its_caption``: no entry of the sidebar has its part's caption as its
  title, and no part's first entry begins with it.
* ``test_every_page_links_a_local_favicon`` / ``test_pages_load_without_a_failed_request``: every page
  names an icon that is a file of the build, and loading pages in Chromium (icon included) meets no
  HTTP error.
* ``test_an_in_page_heading_link_lands_on_its_heading``: a ``[text](#heading-slug)`` link
  (``myst_heading_anchors``) scrolls to the heading it names.
* ``test_datasets_index_lists_every_table``: the Datasets appendix's opening page links every table's page,
  with its row count.
* ``test_the_jupyterlab_note_stays_out_of_the_book``: the notebooks' hidden note (for JupyterLab) is
  on no page.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from book import open_built
from site_pages import built_pages, resolve

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parents[2]


def soup(html: Path, relative: str) -> BeautifulSoup:
    return BeautifulSoup((html / relative).read_text(encoding="utf-8"), "html.parser")


def test_no_two_pages_share_a_title(built_book):
    titles = defaultdict(list)
    for relative in built_pages(built_book, service=False):
        titles[soup(built_book, relative).title.get_text(" ", strip=True)].append(relative)
    shared = {t: p for t, p in titles.items() if len(p) > 1}
    assert len(titles) > 20
    assert not shared, "pages that share a title:\n" + "\n".join(f"  {t!r}: {p}" for t, p in shared.items())


def test_no_sidebar_entry_repeats_its_caption(built_book):
    nav = soup(built_book, "index.html").select_one("nav.bd-docs-nav")
    captions = nav.select("p.caption")
    assert len(captions) >= 8, "the sidebar lists the book's parts under captions"
    repeats = []
    for caption in captions:
        name = caption.get_text(" ", strip=True)
        entries = caption.find_next_sibling("ul")
        assert entries is not None, f"caption {name!r} has no entries"
        titles = [a.get_text(" ", strip=True) for a in entries.select("a.reference")]
        assert titles, f"caption {name!r} has no entries"
        # No entry is titled as the part; nor does the first (the part's opening page) begin with the
        # caption's words ("III. Peacekeeping" -> "III. Peacekeeping and crisis management").
        repeats += [f"{name!r} -> entry {t!r}" for t in titles if t.casefold() == name.casefold()]
        if titles[0].casefold().startswith(name.casefold() + " "):
            repeats.append(f"{name!r} -> first entry {titles[0]!r}")
    assert not repeats, "sidebar entries that repeat their caption:\n" + "\n".join(repeats)


def icon_of(html: Path, relative: str) -> str | None:
    link = soup(html, relative).find("link", rel=lambda r: r and "icon" in r)
    return link["href"] if link else None


def test_every_page_links_a_local_favicon(built_book):
    missing = []
    for relative in built_pages(built_book):
        href = icon_of(built_book, relative)
        if href is None or not (built_book / resolve(relative, href)[0]).is_file():
            missing.append(f"{relative}: {href}")
    assert not missing, "pages without a favicon that is a file of the build:\n" + "\n".join(missing)


PAGES = ["index.html", "chapters/introduction/index.html", "chapters/nato/quiz.html",
         "appendices/datasets/index.html", "appendices/glossary.html", "search.html"]


def test_pages_load_without_a_failed_request(page):
    failed = []
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
    for relative in PAGES:
        open_built(page, relative)
        icon = page.evaluate("() => document.querySelector('link[rel~=icon]')?.href")
        assert icon, f"{relative}: no <link rel=icon>"
        # Headless Chromium does not fetch icons itself; fetch it as a browser tab would.
        response = page.request.get(icon)
        assert response.ok and "svg" in response.headers.get("content-type", ""), f"{icon}: {response.status}"
    assert not failed, "requests that failed:\n" + "\n".join(failed)
    assert not page.external_requests, page.external_requests


def test_an_in_page_heading_link_lands_on_its_heading(page):
    open_built(page, "index.html")
    link = page.locator("article a.reference.internal[href='#how-this-book-is-organised']")
    assert link.count() == 1, "the home page's link to its heading 'How this book is organised' is missing"
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    link.click()
    page.wait_for_function("location.hash === '#how-this-book-is-organised'")
    heading = page.locator("#how-this-book-is-organised h2")
    assert heading.inner_text().startswith("How this book is organised")
    top = heading.evaluate("h => h.getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"] / 2, f"the heading is not in view after the link (top={top})"


def test_datasets_index_lists_every_table(built_book):
    index = soup(built_book, "appendices/datasets/index.html")
    rows = {}
    for tr in index.select("article table tbody tr"):
        cells = tr.find_all("td")
        rows[cells[0].get_text(strip=True)] = (cells[0].find("a")["href"], cells[2].get_text(strip=True))
    package = json.loads((REPO / "data" / "datapackage.json").read_text(encoding="utf-8"))["resources"]
    assert sorted(rows) == sorted(r["name"] for r in package)
    for res in package:
        href, count = rows[res["name"]]
        assert href.split("#")[0] == f"{res['name']}.html"
        assert (built_book / "appendices" / "datasets" / href.split("#")[0]).is_file()
        with (REPO / "data" / res["path"]).open(encoding="utf-8", newline="") as f:
            assert count == str(sum(1 for _ in csv.DictReader(f))), f"{res['name']}: rows"


def test_the_jupyterlab_note_stays_out_of_the_book(built_book):
    shown = [p for p in built_pages(built_book)
             if "Trust Notebook" in (built_book / p).read_text(encoding="utf-8")]
    assert not shown, f"the notebooks' JupyterLab note shows on {shown}"
