"""What the curated tables say about the source documents' counts (quoted in data/README.md and the chapters).

The curated tables are incomplete (see their caveats), so the numbers computed here are LOWER BOUNDS: a source that
claims more is not contradicted by them. The assertions pin the numbers so that data/README.md stays true.
"""

from __future__ import annotations

import pandas as pd

from jesc import data


def _end_of_period(ts, precision):
    if pd.isna(ts):
        return pd.Timestamp.max
    if precision == "year":
        return ts + pd.offsets.YearEnd(0)
    if precision == "month":
        return ts + pd.offsets.MonthEnd(0)
    return ts


def running_on(df, day):
    day = pd.Timestamp(day)
    ends = [_end_of_period(t, p) for t, p in zip(df["end"], df["end_precision"])]
    return df[(df["start"] <= day) & (pd.Series(ends, index=df.index) >= day)]


def launched_by(df, day):
    return df[df["start"] <= pd.Timestamp(day)]


def test_csdp_counts_against_the_sources():
    m = data.load("csdp_missions")
    assert len(m) == 21 and m["id"].is_unique
    # first missions: EUPM (January 2003) before Concordia (March 2003)
    first = m.sort_values("start").iloc[0]
    assert first["id"] == "eupm-bih"
    # Slovenian Presidency 2008: '18 operations since 2003' -> the table traces 15 launched by end 2008
    assert len(launched_by(m, "2008-12-31")) == 15
    # encyclopedia list June 2012: 25 launched, 15 running -> table: 15 launched, 8 running on 30 June 2012
    assert len(launched_by(m, "2012-06-30")) == 15
    assert len(running_on(m, "2012-06-30")) == 8
    # Shetler-Jones: 'more than 30 missions', '17 running, 11 civilian'; EEAS: over 40, 24 running (13 civilian)
    assert len(m) < 30
    now = running_on(m, "2024-12-31")
    assert len(now) == 11 and (now["kind"] == "civilian").sum() == 6
    assert (m["kind"] == "civilian").sum() == 11 and (m["kind"] == "military").sum() == 10


def test_sources_counts_are_recorded():
    c = data.load("csdp_counts").set_index("id")
    assert c.loc["shetlerjones-undated", "running_total"] == 17
    assert c.loc["shetlerjones-undated", "running_civilian"] == 11
    assert c.loc["eeas-missions-page-b", "launched_total"] == 40
    assert c.loc["eeas-missions-page-b", "launched_qualifier"] == "more than"


def test_nato_and_japan_tables():
    n = data.load("nato_operations").set_index("id")
    assert n.loc["ifor", "start"] == pd.Timestamp("1995-12-20")
    assert n.loc["sfor", "end"] == data.load("csdp_missions").set_index("id").loc["althea", "start"]  # SFOR -> Althea
    j = data.load("japan_deployments")
    assert j.sort_values("start").iloc[0]["id"] in {"unavem-ii", "untac"}
    assert len(j) == 14
