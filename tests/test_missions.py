"""Unit tests of jesc.missions: counts on a day (partial end dates, empty ends), per-year tables, durations,
the mission explorer's static HTML (escaped, deterministic, self-contained) and clear errors for bad input.
The last tests pin the numbers that Part II's text states (chapters/eu/*.nb.md)."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

import jesc
from jesc import missions as ms
from jesc.errors import CourseError


@pytest.fixture(scope="module")
def csdp():
    return jesc.load("csdp_missions")


@pytest.fixture(scope="module")
def deployments():
    return jesc.load("japan_deployments")


def _row(i, kind, start, end, region="Africa", acronym=None, status=None, as_of=None):
    ts, prec = jesc.data.parse_partial_date(start)
    if end:
        te, eprec = jesc.data.parse_partial_date(end)
        elabel = jesc.data.date_label(te, eprec)
    else:
        te, eprec, elabel = pd.NaT, None, None
    return {"id": i, "acronym": acronym or i.upper(), "name": f"Mission {i}", "kind": kind,
            "start": ts, "start_precision": prec, "start_label": jesc.data.date_label(ts, prec),
            "end": te, "end_precision": eprec, "end_label": elabel, "region": region,
            "main_task": "police", "source": "tsuruoka2010",
            "end_status": status or ("ended" if end else "unknown"),
            "end_as_of": jesc.data.parse_partial_date(as_of)[0] if as_of else pd.NaT,
            "end_as_of_label": jesc.data.date_label(*jesc.data.parse_partial_date(as_of)) if as_of else None}


def tiny() -> pd.DataFrame:
    return pd.DataFrame([
        _row("a", "civilian", "2003-01", "2005"),            # ends some time in 2005: runs to 31 Dec 2005
        _row("b", "military", "2003-03-31", "2003-12-15"),
        _row("c", "civilian", "2005-07-01", "", region="Asia", status="ongoing",
             as_of="2006-05"),                                # ongoing as of a record of May 2006
        _row("d", "civilian-military", "2005-07-18", "2007-12"),
        _row("e", "military", "2010", "2010-06-30", acronym="<E & F>"),
    ])


def test_running_and_launched_respect_precision_and_empty_ends():
    m = tiny()
    assert list(ms.running_on(m, "2005-12-31")["id"]) == ["a", "c", "d"]
    assert list(ms.running_on(m, "2006-01-01")["id"]) == ["c", "d"]
    assert list(ms.running_on(m, "2007-12-31")["id"]) == ["c", "d"]
    assert list(ms.running_on(m, "2003-12-16")["id"]) == ["a"]
    assert list(ms.launched_by(m, "2005-07-17")["id"]) == ["a", "b", "c"]


def test_counts_on_uses_the_csdp_counts_column_names():
    c = ms.counts_on(tiny(), "2005-08-01")
    assert c == {"launched_total": 4, "launched_civilian": 2, "launched_military": 1, "launched_mixed": 1,
                 "running_total": 3, "running_civilian": 2, "running_military": 0, "running_mixed": 1}
    counts = jesc.load("csdp_counts")
    assert {k for k in c} <= set(counts.columns) | {"launched_mixed", "running_mixed"}


def test_per_year_active_and_launched():
    t = ms.per_year(tiny())
    assert list(t.index) == list(range(2003, 2011))
    assert list(t.columns) == [*ms.KINDS, "total"]
    assert t.loc[2003].tolist() == [1, 1, 0, 2]
    assert t.loc[2008].tolist() == [1, 0, 0, 1]        # only the running mission c
    assert t.loc[2010, "total"] == 2                  # c and e
    launched = ms.per_year(tiny(), what="launched", by="region", first=2003, last=2005)
    assert launched.loc[2005].to_dict() == {"Africa": 1, "Asia": 1, "total": 2}
    assert ms.per_year(tiny().iloc[0:0]).empty


def test_durations_count_running_missions_to_until():
    d = ms.durations(tiny(), until="2009-12-31").set_index("id")
    assert "e" not in d.index                         # starts after `until`
    assert bool(d.loc["c", "running"]) and d.loc["c", "end"] == "running"
    assert d.loc["c", "years"] == pytest.approx(4.5, abs=0.1)
    assert not bool(d.loc["a", "exact"]) and bool(d.loc["b", "exact"])
    assert d["years"].is_monotonic_decreasing


@pytest.mark.parametrize("call", [
    lambda m: ms.running_on("not a table", "2010-01-01"),
    lambda m: ms.running_on(m.drop(columns=["kind"]), "2010-01-01"),
    lambda m: ms.running_on(m, "not a date"),
    lambda m: ms.counts_on(m, None),
    lambda m: ms.per_year(m, what="ended"),
    lambda m: ms.per_year(m, by="country"),
    lambda m: ms.per_year(m, first="2003"),
    lambda m: ms.per_year(m, first=2010, last=2003),
    lambda m: ms.durations(m, until=True),
    lambda m: ms.explorer(m, "deployments"),
    lambda m: ms.explorer(m, jesc.load("japan_deployments"), year=1990),
])
def test_bad_input_raises_a_course_error_that_says_what_was_expected(call):
    with pytest.raises(CourseError, match=r"missions.*(expected|must be|lacks|before)"):
        call(tiny())


def test_static_html_is_escaped_deterministic_and_self_contained(deployments):
    m = tiny()
    html = ms.render_html(m, deployments, "jesc-missions-t", year=2005)
    assert html == ms.render_html(m, deployments, "jesc-missions-t", year=2005)
    assert "<E & F>" not in html and "&lt;E &amp; F&gt;" in html
    assert not re.search(r"""(src|href)=["']https?://""", html)
    assert 'type="range"' in html and 'value="2005"' in html and 'min="2003"' in html and 'max="2010"' in html
    blob = re.search(r'<script type="application/json" class="jesc-missions-data">(.*?)</script>', html, re.S)
    data = json.loads(blob.group(1))
    assert data["total"] == 5 and data["year"] == 2005
    assert {r["id"]: r["to"] for r in data["missions"]} == {"a": 2005, "b": 2003, "c": None, "d": 2007, "e": 2010}
    # without JavaScript every mission and deployment is listed
    assert html.count('class="jesc-ms-item"') == 5
    assert html.count('class="jesc-ms-dep"') == len(deployments)
    assert "3 missions active in 2005 (2 civilian, 0 military, 1 civilian and military)" in html


def test_explorer_bundle_has_html_and_plain_text(csdp, deployments):
    bundle = ms.explorer(csdp, deployments, year=2010)._repr_mimebundle_()
    assert "text/html" in bundle and "jesc-missions" in bundle["text/html"]
    assert bundle["text/plain"].startswith(f"Mission explorer: {len(csdp)} CSDP missions")


# ------------------------------------------------------------- numbers that Part II's text states
def test_part_two_numbers(csdp):
    c2010 = ms.counts_on(csdp, "2010-10-31")
    assert (c2010["launched_total"], c2010["running_total"]) == (23, 12)
    for day in ("2015-06-30", "2020-06-30"):          # Shetler-Jones: >30 launched, 17 running, 11 civilian
        c = ms.counts_on(csdp, day)
        assert c["launched_total"] > 30 and (c["running_total"], c["running_civilian"]) == (17, 11)
    assert ms.counts_on(csdp, "2024-03-31")["running_total"] == 24
    active = ms.per_year(csdp, first=2003, last=2024)
    more = active["civilian"] > active["military"]
    assert list(active.index[~more]) == [2003] and active.loc[2003, "civilian"] == active.loc[2003, "military"]
    assert active.loc[2024, ["civilian", "military"]].tolist() == [13, 10]
    med = ms.durations(csdp, until="2024-12-31").groupby("kind")["years"].median()
    assert med["civilian"] == pytest.approx(8.5, abs=0.05) and 2.6 <= med["military"] <= 2.7
    regions = csdp.groupby("region")["kind"].agg(lambda k: set(k))
    assert regions["Eastern Europe and Caucasus"] == {"civilian"}
    assert csdp["region"].value_counts().idxmax() == "Africa" and (csdp["region"] == "Africa").sum() == 20


def test_part_two_piracy_and_spending_numbers():
    p = jesc.load("piracy_incidents").pivot(index="year", columns="area", values="incidents")
    som = p["gulf-of-aden-somalia"]
    assert int(som.idxmax()) == 2011 and som[2011] == 167 and som[2013] == 13
    assert (som[2008], som[2009], som[2010]) == (105, 163, 119)
    w = jesc.load("military_expenditure").pivot(index="year", columns="entity", values="spending_musd_2019")
    eu, uk, jp = w["EU-27 (sum)"], w["United Kingdom"], w["Japan"]
    assert round(eu[2010] / jp[2010], 1) == 4.3 and round((eu[2010] + uk[2010]) / jp[2010], 1) == 5.7
    assert round(uk[2020] / (eu[2020] + uk[2020]) * 100, 1) == 20.4
    assert int((w["China"] > eu).loc[1993:2020].idxmax()) == 2015
