"""jesc.tables.show: what a reader sees of a table (issue 17)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pandas as pd
import pytest

from jesc import tables
from jesc.errors import CourseError


class Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self.links, self.headers, self.in_th = [], [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a":
            self.links.append(attrs.get("href", ""))
        self.in_th = tag == "th"

    def handle_endtag(self, tag):
        self.in_th = False if tag == "th" else self.in_th

    def handle_data(self, data):
        self.parts.append(data)
        if self.in_th:
            self.headers.append(data)


def visible(html: str) -> Text:
    parser = Text()
    parser.feed(html)
    return parser


@pytest.fixture
def raw():
    return pd.DataFrame({
        "id": ["williamsburg-summit", "hague-declaration"],
        "date": pd.to_datetime(["1983-05-01", "1991-07-18"]),
        "date_label": ["May 1983", "18 July 1991"],
        "count": pd.array([pd.NA, 3], dtype="Int64"),
        "source": ["tsuruoka2010", "hague1991declaration"],
    }, index=pd.RangeIndex(10, 12))


def test_rendered_table_shows_none_of_the_raw_forms(raw):
    html = tables.show(raw, "Two events")._repr_html_()
    page = visible(html)
    text = " ".join(page.parts)
    for raw_form in ("<NA>", "NaN", "1983-05-01", "tsuruoka2010", "hague1991declaration",
                     "williamsburg-summit", "date_label"):
        assert raw_form not in text, f"{raw_form!r} is shown"
    assert not re.search(r"\b1[01]\b", text), "the meaningless index 10, 11 is shown"
    assert "May 1983" in text and "18 July 1991" in text
    assert "Tsuruoka (2010)" in text
    assert page.headers == ["date", "count", "source"]
    # each source links its own entry on the Bibliography page (anchors as jesc.citations makes them)
    assert page.links == ["appendices/bibliography.html#bib-tsuruoka2010",
                          "appendices/bibliography.html#bib-hague1991declaration"], page.links
    assert tables.NA_TEXT in text
    assert 'class="jesc-table-scroll"' in html and 'tabindex="0"' in html and "jesc-table-cue" in html


def test_plain_text_fallback_is_clean_too(raw):
    text = repr(tables.show(raw))
    for raw_form in ("<NA>", "1983-05-01", "tsuruoka2010", "williamsburg-summit"):
        assert raw_form not in text


def test_a_named_index_is_kept_as_a_column():
    frame = pd.DataFrame({"events": [3, 4]}, index=pd.Index(["EU", "NATO"], name="framework"))
    page = visible(tables.show(frame)._repr_html_())
    assert page.headers == ["framework", "events"]


def test_an_unknown_source_key_is_named():
    frame = pd.DataFrame({"source": ["no-such-key-2099"]})
    with pytest.raises(CourseError, match="no-such-key-2099"):
        tables.show(frame)._repr_html_()


def test_dropping_a_missing_column_is_named(raw):
    with pytest.raises(CourseError, match="nothing"):
        tables.show(raw, drop=["nothing"])


# ------------------------------------------------------------------ every table a reader sees (issue 25)
from pathlib import Path  # noqa: E402

import nbformat  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
CHAPTER_NOTEBOOKS = sorted(p for p in (REPO / "chapters").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
# What pandas writes for a frame (DataFrame.to_html, the notebook repr) and for a Styler.
RAW_TABLE = re.compile(r'<table[^>]*class="[^"]*\bdataframe\b|<style type="text/css">\s*#T_|<table id="T_')


def raw_tables(path: Path) -> list[str]:
    """Where a stored output of ``path`` shows a pandas HTML table that did not come through
    jesc.tables.show: "cell N (first line of its code)"."""
    found = []
    for number, cell in enumerate(nbformat.read(path, as_version=4).cells, start=1):
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            html = (output.get("data") or {}).get("text/html", "")
            html = "".join(html) if isinstance(html, list) else html
            if RAW_TABLE.search(html):
                first = next((line for line in cell.source.splitlines()
                              if line.strip() and not line.startswith("#")), "")
                found.append(f"cell {number} ({first.strip()[:70]})")
                break
    return found


def test_the_raw_table_check_finds_a_pandas_table_and_passes_a_shown_one(tmp_path):
    frame = pd.DataFrame({"a": [1, 2]})
    nb = nbformat.v4.new_notebook()
    raw = nbformat.v4.new_code_cell("frame")
    raw.outputs = [nbformat.v4.new_output("execute_result", {"text/html": frame.to_html(), "text/plain": ""},
                                          execution_count=1)]
    shown = nbformat.v4.new_code_cell("tables.show(frame, 'A')")
    shown.outputs = [nbformat.v4.new_output("execute_result", {"text/html": tables.show(frame, "A")._repr_html_(),
                                                               "text/plain": ""}, execution_count=2)]
    nb.cells = [shown, raw]
    path = tmp_path / "x.ipynb"
    nbformat.write(nb, path)
    assert raw_tables(path) == ["cell 2 (frame)"]


@pytest.mark.parametrize("path", CHAPTER_NOTEBOOKS, ids=lambda p: str(p.relative_to(REPO)))
def test_every_table_a_reader_sees_goes_through_tables_show(path):
    """No stored output of a chapter notebook is a raw pandas HTML table (0-based index, NaN, snake_case
    headers, raw source keys): end the cell with jesc.tables.show(frame, "caption") instead."""
    found = raw_tables(path)
    assert not found, (f"{path.relative_to(REPO)}: raw pandas table(s) in the stored output of "
                       + "; ".join(found) + ". Show them with jesc.tables.show(frame, 'caption').")
