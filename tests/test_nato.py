"""Unit tests of jesc.nato (Part I): operations per year, Japan's deployments beside NATO operations,
US troops by region, exercise shares, the spending gap, the US-troops explorer's HTML, and clear errors."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

import jesc
from jesc import nato
from jesc.errors import CourseError


@pytest.fixture(scope="module")
def ops():
    return jesc.load("nato_operations")


@pytest.fixture(scope="module")
def deployments():
    return jesc.load("japan_deployments")


@pytest.fixture(scope="module")
def troops():
    return jesc.load("us_troops_abroad")


def frame(rows, cols):
    return pd.DataFrame(rows, columns=cols)


def test_running_per_year_counts_each_year_of_an_operation():
    t = pd.Timestamp
    ops = frame([("a", "A", t("2001-03-01"), t("2003-01-01"), "X", "k", "ended"),
                 ("b", "B", t("2002-01-01"), pd.NaT, "Y", "k", "ongoing"),
                 ("c", "C", t("2001-06-01"), pd.NaT, "Z", "k", "unknown")],
                ["id", "acronym", "start", "end", "region", "kind", "end_status"])
    r = nato.running_per_year(ops, first=2000, last=2004)
    assert list(r["X"]) == [0, 1, 1, 1, 0]
    assert list(r["Y"]) == [0, 0, 1, 1, 1]  # ongoing (a dated record): runs to `last`
    assert list(r["Z"]) == [0, 1, 0, 0, 0]  # end unknown: only the year of its start
    assert list(r["total"]) == [0, 2, 2, 2, 1]
    assert list(nato.running_per_year(ops, by="kind", first=2000, last=2004)["k"]) == [0, 2, 2, 2, 1]


def test_running_per_year_on_the_course_data(ops):
    r = nato.running_per_year(ops, first=1993, last=2024)
    assert r.loc[1995, "total"] == r.loc[1995, "Western Balkans"] == 3
    assert (r["total"] == r.drop(columns="total").sum(axis=1)).all()


def test_side_by_side_pairs_by_theatre_and_time(ops, deployments):
    pairs = nato.side_by_side(ops, deployments)
    got = set(zip(pairs["operation"], pairs["deployment"]))
    assert ("isaf-nato-command", "chaghcharan-prt") in got
    assert ("ntm-i", "iraq-reconstruction") in got
    # The escorts are ongoing (a dated record), so they run on beside Ocean Shield (August 2009)
    assert ("ocean-shield", "counter-piracy-somalia") in got
    assert ("allied-protector", "counter-piracy-somalia") in got
    # Resolute Support began in 2015; the Chaghcharan team's end is unknown, so no pair
    assert ("resolute-support", "chaghcharan-prt") not in got
    assert (pairs["overlap_from"] <= pairs["overlap_to"].fillna(pd.Timestamp.max)).all()
    row = pairs.set_index("operation").loc["ntm-i"]
    assert row["overlap_from"] == pd.Timestamp("2004-01-01") and row["end_known"]


def test_side_by_side_with_no_theatre_gives_an_empty_table(ops, deployments):
    empty = nato.side_by_side(ops, deployments, theatres={})
    assert empty.empty and "overlap_from" in empty.columns


def test_troops_by_group_sums_and_shares(troops):
    g = nato.troops_by_group(troops)
    wide = troops.pivot_table(index="year", columns="country", values="troops")
    assert g.loc[2024, "Asia"] == int(wide.loc[2024, "JPN"] + wide.loc[2024, "KOR"])
    assert abs(g.loc[2024, "share_Europe"] + g.loc[2024, "share_Asia"] - 100) < 0.2
    assert g.index.min() == 1950


def test_share_of_exercises(troops):
    mme = jesc.load("mme_japan_europe_exercises")
    d = nato.share_of_exercises(mme)
    assert d["with_japan"].sum() == mme["with_japan"].sum()
    assert list(d.index) == [1980, 1990, 2000, 2010]
    y = nato.share_of_exercises(frame([(2000, 0, 0), (2001, 4, 1)],
                                      ["year", "with_japan", "with_japan_and_european_state"]), by="year")
    assert pd.isna(y.loc[2000, "share_european"]) and y.loc[2001, "share_european"] == 25.0


def test_spending_gap():
    milex = jesc.load("military_expenditure_recent")
    g = nato.spending_gap(milex, "Japan", ["France", "Germany"])
    row = milex.set_index(["entity", "year"])["share_gdp"]
    assert g.loc[2020, "Japan"] == row[("Japan", 2020)]
    assert g.loc[2020, "median of others"] == pytest.approx(
        (row[("France", 2020)] + row[("Germany", 2020)]) / 2)


@pytest.mark.parametrize("call, words", [
    (lambda: nato.running_per_year([1, 2]), "DataFrame"),
    (lambda: nato.running_per_year(pd.DataFrame({"id": []})), "lacks the column"),
    (lambda: nato.running_per_year(jesc.load("nato_operations"), by="colour"), "by must be"),
    (lambda: nato.running_per_year(jesc.load("nato_operations"), first=2020, last=2000), "after last"),
    (lambda: nato.running_per_year(jesc.load("nato_operations"), last="2024"), "integer"),
    (lambda: nato.side_by_side(jesc.load("nato_operations"), jesc.load("events")), "japan_deployments"),
    (lambda: nato.side_by_side(jesc.load("nato_operations"), jesc.load("japan_deployments"),
                               theatres=["AFG"]), "theatres must map"),
    (lambda: nato.troops_by_group(jesc.load("us_troops_abroad"), {"Europe": ["FRA"]}), "no host"),
    (lambda: nato.share_of_exercises(jesc.load("mme_japan_europe_exercises"), by="month"), "decade"),
    (lambda: nato.spending_gap(jesc.load("military_expenditure_recent"), "Japan", ["Atlantis"]),
     "unknown entity"),
    (lambda: nato.troops_explorer(jesc.load("us_troops_abroad"), year=1900), "not in the table"),
])
def test_bad_input_raises_a_course_error(call, words):
    with pytest.raises(CourseError, match=words):
        call()


def test_explorer_html_is_self_contained_and_right_without_javascript(troops):
    html = nato.render_troops_html(troops, "jesc-troops", year=1990)
    assert "<script src" not in html and "http" not in html
    data = json.loads(re.search(r'class="jesc-troops-data">(.*?)</script>', html, re.S).group(1))
    assert data["years"][0] == 1950 and data["years"][-1] == 2024
    japan = next(h for h in data["hosts"] if h["code"] == "JPN")
    value = japan["troops"][data["years"].index(1990)]
    row = re.search(r'<tr data-code="JPN">(.*?)</tr>', html, re.S).group(1)
    assert f"{value:,}" in row and "US active-duty troops in 1990" in html
    assert 'type="range"' in html and 'min="1950"' in html and 'max="2024"' in html
    assert html == nato.render_troops_html(troops, "jesc-troops", year=1990)  # deterministic


def test_explorer_escapes_text_from_the_data():
    bad = frame([("JPN", "<img src=x onerror=alert(1)>", 2000, 5), ("DEU", "Germany", 2000, 7)],
                ["country", "country_name", "year", "troops"])
    html = nato.render_troops_html(bad)
    assert "<img" not in html and "&lt;img" in html


def test_explorer_bundle_has_html_and_plain_text(troops):
    bundle = nato.troops_explorer(troops)._repr_mimebundle_()
    assert "text/html" in bundle and bundle["text/plain"].startswith("US troops explorer")
