"""No references.bib key is shown as text to a reader (issue 25): every source a reader sees is a
linked "Author, year" (``jesc.citations``), in the text, the tables, the quizzes and the explorers.

Read from the HTML of the scratch builds of both editions (student and instructor; no browser
needed): the visible text of every page, leaving out code (``code``, ``pre``, ``kbd``, ``samp``),
scripts and styles and the page's ``<head>``, is searched for every key of ``references.bib`` as a
whole word. The test names the page, the key and the words around it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from jesc import citations
from site_pages import built_pages

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
SKIPPED = {"code", "pre", "kbd", "samp", "script", "style", "head", "template", "textarea"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class VisibleText(HTMLParser):
    """The text of a page a reader can read, outside code, scripts and styles."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if not SKIPPED.intersection(self.stack):
            self.parts.append(data)


def visible_text(path: Path) -> str:
    parser = VisibleText()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(" ".join(parser.parts).split())


def shown_keys(html_root: Path, keys: list[str]) -> list[str]:
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
                         + r")(?![\w-])")
    found = []
    for page in built_pages(html_root):
        text = visible_text(html_root / page)
        for m in pattern.finditer(text):
            found.append(f"{page}: key {m.group(1)!r} in \"…{text[max(0, m.start() - 50):m.end() + 30]}…\"")
    return found


def test_the_check_finds_a_raw_key_and_passes_code_and_links(tmp_path):
    (tmp_path / "a.html").write_text(
        "<html><head><title>tsuruoka2010</title></head><body><p>Source: tsuruoka2010.</p>"
        "<p><code>tsuruoka2010</code> <a href='x#bib-tsuruoka2010' data-key='tsuruoka2010'>Tsuruoka, 2010</a></p>"
        "<script>var k = 'tsuruoka2010';</script></body></html>", encoding="utf-8")
    found = shown_keys(tmp_path, ["tsuruoka2010"])
    assert len(found) == 1 and "Source: tsuruoka2010" in found[0], found


@pytest.mark.parametrize("edition", ["student", "instructor"])
def test_no_bib_key_is_shown_as_text(edition, request):
    html_root = request.getfixturevalue("built_book" if edition == "student" else "instructor_book")
    keys = list(citations.labels(REPO / "references.bib"))
    found = shown_keys(html_root, keys)
    assert not found, (f"{edition} edition: {len(found)} references.bib key(s) shown as text (cite them with "
                       "jesc.citations / {cite:p}, or put code in backticks):\n" + "\n".join(found[:80]))
