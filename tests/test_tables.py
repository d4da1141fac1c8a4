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
