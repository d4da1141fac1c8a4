"""Printable: a chapter printed from the browser is readable (``_static/jesc-print.css``).

* ``test_print_media_hides_chrome_and_keeps_blocks_whole``: in print media, on a chapter page (the first
  page in reading order with code cells or figures, else the Introduction), the header, both
  sidebars, the article header with the launch buttons, the previous/next links and the footers are
  ``display: none``; code cells, outputs, figures and tables have ``break-inside: avoid``; the article is
  still shown, at (nearly) the full width of the paper.
* ``test_chapter_prints_to_pdf``: headless Chromium prints that page to an A4 PDF of at least one page.
"""

from __future__ import annotations

import re

import pytest

from book import open_built
from site_pages import toc_order

pytestmark = pytest.mark.browser

CHROME = [".bd-header", ".bd-sidebar-primary", ".bd-sidebar-secondary", ".bd-header-article",
          ".prev-next-area", ".bd-footer", ".bd-footer-article", ".search-button__wrapper"]
WHOLE = ["div.cell", "div.cell_input", "div.cell_output", "div.highlight", "figure", "img", "table",
         ".jesc-q"]


@pytest.fixture(scope="module")
def chapter(built_book) -> str:
    """A chapter page to print: the first in reading order with code cells or figures."""
    for relative in toc_order(built_book):
        if relative.startswith("chapters/") and (built_book / relative).is_file():
            text = (built_book / relative).read_text(encoding="utf-8")
            if re.search(r'class="cell[ "]|<figure|<img ', text):
                return relative
    return "chapters/introduction/index.html"


def test_print_media_hides_chrome_and_keeps_blocks_whole(page, chapter):
    open_built(page, chapter)
    page.emulate_media(media="print")
    shown = page.evaluate("""([chrome, whole]) => {
        const out = {hidden: {}, whole: {}, article: null};
        for (const sel of chrome) {
            const els = [...document.querySelectorAll(sel)];
            out.hidden[sel] = els.length ? els.every(e => getComputedStyle(e).display === 'none') : null;
        }
        for (const sel of whole) {
            const els = [...document.querySelectorAll('.bd-article ' + sel)];
            out.whole[sel] = els.length ? els.every(e => getComputedStyle(e).breakInside === 'avoid') : null;
        }
        const a = document.querySelector('.bd-article');
        out.article = a && {display: getComputedStyle(a).display, width: a.getBoundingClientRect().width,
                            viewport: document.documentElement.clientWidth, text: a.innerText.length};
        return out;
    }""", [CHROME, WHOLE])
    present = {sel: v for sel, v in shown["hidden"].items() if v is not None}
    assert {".bd-header", ".bd-sidebar-primary", ".bd-header-article"} <= set(present), shown["hidden"]
    assert all(present.values()), f"{chapter}: chrome shown in print: " + str(
        [sel for sel, v in present.items() if not v])
    not_whole = [sel for sel, v in shown["whole"].items() if v is False]
    assert not not_whole, f"{chapter}: may break across sheets in print: {not_whole}"
    art = shown["article"]
    assert art and art["display"] != "none" and art["text"] > 100, art
    assert art["width"] >= 0.85 * art["viewport"], f"the article does not fill the printed page: {art}"
    assert page.external_requests == [], page.external_requests


def test_chapter_prints_to_pdf(page, chapter, tmp_path):
    open_built(page, chapter)
    pdf = page.pdf(format="A4", print_background=False, path=str(tmp_path / "chapter.pdf"))
    assert pdf.startswith(b"%PDF-"), pdf[:20]
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
    print(f"\nprinted {chapter}: {pages} A4 page(s), {len(pdf)} bytes")
    assert pages >= 1
    assert page.external_requests == [], page.external_requests
