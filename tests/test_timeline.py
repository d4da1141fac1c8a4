"""Unit tests of jesc.timeline: filters, per-decade counts, commitment-to-implementation durations,
the static HTML (escaped, deterministic, self-contained) and clear errors for bad input."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

import jesc
from jesc import timeline as tl
from jesc.errors import CourseError


@pytest.fixture(scope="module")
def events():
    return jesc.load("events")


def tiny() -> pd.DataFrame:
    rows = [
        ("a", "1983-05", "G7", "political", "A <b>bold</b> & title"),
        ("b", "2001-12-08", "EU", "political", "B"),
        ("c", "2009", "other", "maritime", "C"),
        ("d", "2018-07-17", "EU", "political", "D"),
        ("e", "2019-02-01", "EU", "political", "E"),
        ("f", "2025-01-01", "EU", "political", "F"),
    ]
    out = []
    for i, date, fw, dom, title in rows:
        ts, prec = jesc.data.parse_partial_date(date)
        out.append({"id": i, "date": ts, "date_precision": prec,
                    "date_label": jesc.data.date_label(ts, prec), "title": title,
                    "description": "</script><script>alert(1)</script>", "actors": "Japan;EU",
                    "framework": fw, "domain": dom, "source": "tsuruoka2010"})
    return pd.DataFrame(out)


def test_filter_by_framework_domain_and_decade():
    ev = tiny()
    assert list(tl.filter_events(ev, frameworks="EU")["id"]) == ["b", "d", "e", "f"]
    assert list(tl.filter_events(ev, frameworks=["EU", "G7"], decades=[1980, 2000])["id"]) == ["a", "b"]
    assert list(tl.filter_events(ev, domains="maritime")["id"]) == ["c"]
    assert list(tl.filter_events(ev, frameworks=[])["id"]) == []
    assert len(tl.filter_events(ev)) == len(ev)


def test_filter_is_sorted_by_date(events):
    out = tl.filter_events(events)
    assert out["date"].is_monotonic_increasing
    assert len(out) == len(events)


def test_per_decade_counts_keep_empty_decades_and_categories():
    t = tl.per_decade(tiny())
    assert list(t.index) == [1980, 1990, 2000, 2010, 2020]
    assert list(t.columns) == [*tl.FRAMEWORKS, "total"]
    assert t.loc[1990, "total"] == 0
    assert t.loc[2010, "EU"] == 2 and t.loc[2000, "other"] == 1
    assert t["total"].sum() == 6


def test_per_decade_on_course_data_adds_up(events):
    t = tl.per_decade(events)
    assert t["total"].sum() == len(events)
    assert (t[list(tl.FRAMEWORKS)].sum(axis=1) == t["total"]).all()


def test_durations_spa_chain(events):
    d = tl.durations(events, tl.SPA_STEPS)
    assert list(d["days"]) == [199, 2161]  # 17 July 2018 -> 1 February 2019 -> 1 January 2025
    assert d["exact"].all()
    assert list(d["from_date"]) == ["17 July 2018", "1 February 2019"]


def test_durations_marks_approximate_dates():
    d = tl.durations(tiny(), ["c", "d"])
    assert not d.loc[0, "exact"]


@pytest.mark.parametrize("call, message", [
    (lambda ev: tl.filter_events(ev, frameworks=["ASEAN"]), "unknown framework"),
    (lambda ev: tl.filter_events(ev, domains="land"), "unknown domain"),
    (lambda ev: tl.filter_events(ev, decades=[1985]), "year ending in 0"),
    (lambda ev: tl.durations(ev, ["a"]), "at least two event ids"),
    (lambda ev: tl.durations(ev, ["a", "zz"]), "no event with id ['zz']"),
    (lambda ev: tl.durations(ev, ["d", "b"]), "chronological order"),
    (lambda ev: tl.per_decade(ev, by="actors"), "by must be"),
    (lambda ev: tl.filter_events(ev.drop(columns="framework")), "lacks the column"),
    (lambda ev: tl.filter_events([1, 2]), "pandas DataFrame"),
])
def test_bad_input_raises_course_error(call, message):
    with pytest.raises(tl.TimelineError) as err:
        call(tiny())
    assert isinstance(err.value, CourseError)
    assert message in str(err.value)


def test_html_is_escaped_deterministic_and_offline():
    ev = tiny()
    html = tl.render_html(ev, "jesc-timeline")
    assert html == tl.render_html(ev, "jesc-timeline")
    assert "<b>bold</b>" not in html and "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "<script>alert" not in html
    assert "http://" not in html and "https://" not in html
    blob = re.search(r'<script type="application/json" class="jesc-timeline-data">(.*?)</script>', html, re.S)
    data = json.loads(blob.group(1))
    assert data["total"] == 6 and [e["id"] for e in data["events"]] == list("abcdef")
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "duplicate element ids"
    # every control has a label
    for cid in re.findall(r'<(?:input|select)[^>]* id="([^"]+)"', html):
        assert f'for="{cid}"' in html


def test_explorer_bundle_has_widget_html_and_text(events):
    bundle = tl.explorer(events)._repr_mimebundle_()
    assert "text/html" in bundle
    assert bundle["text/plain"].startswith(f"Timeline explorer: {len(events)} events")
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_live_widget_filters():
    box = tl.make_widget(tiny())
    checks, (dom, dec), out = box.children[0].children, box.children[1].children, box.children[2]
    assert "Showing 6 of 6" in out.value
    dec.value = 2010
    assert "Showing 2 of 6" in out.value
    for c in checks:
        c.value = c.description == "G7"
    assert "Showing 0 of 6" in out.value


def chart_rows(html: str) -> list[str]:
    """The frameworks the SVG chart draws a row for, top to bottom."""
    chart = re.search(r'<svg class="jesc-tl-chart".*?</svg>', html, re.S).group(0)
    # A row is its label at the left (end-anchored; the year labels below are centred).
    return re.findall(r'<text class="jesc-tl-axis"[^>]*text-anchor="end">([^<]+)</text>', chart)


@pytest.mark.parametrize("table", ["course", "tiny"])
def test_chart_rows_are_the_frameworks_with_events_and_checkboxes(table, events):
    """No row for a framework without events: rows drawn == frameworks with events == filter
    checkboxes, in the data package's order. The course table is used without its G7 events, so
    that one framework has none."""
    ev = events[events["framework"].astype(str) != "G7"] if table == "course" else tiny()
    html = tl.render_html(ev, "jesc-timeline")
    with_events = [f for f in tl.FRAMEWORKS if (ev["framework"].astype(str) == f).any()]
    boxes = re.findall(r'<input type="checkbox" id="[^"]+" name="framework" value="([^"]+)"', html)
    assert chart_rows(html) == with_events == boxes
    assert len(with_events) < len(tl.FRAMEWORKS), "the test needs a framework without events"
    # Every mark sits on its own framework's row line.
    chart = re.search(r'<svg class="jesc-tl-chart".*?</svg>', html, re.S).group(0)
    row_y = dict(re.findall(r'data-fw="([^"]+)"><text[^>]*y="\d+"[^>]*>[^<]*</text>'
                            r'<line class="jesc-tl-grid"[^>]* y1="(\d+)"', chart))
    assert set(row_y) == set(with_events)
    marks = re.findall(r'data-fw="([^"]+)"><title>[^<]*</title><(?:rect|circle|path) [^>]*?'
                       r'(?:y="([\d.-]+)"|cy="([\d.-]+)"|d="M[\d.-]+ ([\d.-]+))', chart)
    assert len(marks) == len(ev)
    # events of one framework in one year stack in the row, one 24 px target each
    stack = ev.groupby([ev["framework"].astype(str), ev["date"].dt.year]).size().groupby(level=0).max()
    for fw, *ys in marks:
        y = float(next(v for v in ys if v))
        allowed = 6 + 12 * (int(stack[fw]) - 1)
        assert abs(y - int(row_y[fw])) <= allowed, f"a {fw} mark at y={y} is off its row (y={row_y[fw]})"


def test_every_mark_has_its_own_24_px_target(events):
    """WCAG 2.2, 2.5.8: each mark's target is a 24 x 24 px square, and no two targets overlap."""
    html = tl.render_html(events, "jesc-timeline")
    hits = [tuple(float(v) for v in m) for m in re.findall(
        r'<rect class="jesc-tl-hit" x="([\d.-]+)" y="([\d.-]+)" width="(\d+)" height="(\d+)"/>', html)]
    assert len(hits) == len(events)
    assert all(w >= 24 and h >= 24 for _, _, w, h in hits)
    boxes = sorted(hits)
    for i, (x1, y1, w1, h1) in enumerate(boxes):
        for x2, y2, w2, h2 in boxes[i + 1:]:
            if x2 >= x1 + w1:
                break
            assert y2 >= y1 + h1 or y1 >= y2 + h2, f"targets at ({x1}, {y1}) and ({x2}, {y2}) overlap"
