"""What the curated tables say about the source documents' counts (quoted in data/README.md and the chapters).

The curated tables are still incomplete (see their caveats), so a source that claims more than the table is not
contradicted by it; where the table now reaches a source's figure, the test records on which dates it does. The assertions pin the numbers so that data/README.md stays true.
"""

from __future__ import annotations

import pandas as pd

from jesc import data

# The counting below is written again on purpose, row by row, rather than calling jesc.missions: it is the
# independent check that the package's vectorised counting (jesc.data.period_end) gives the sources' counts.


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


def _kinds(df):
    k = df["kind"].value_counts()
    return (int(k.get("civilian", 0)), int(k.get("military", 0)), int(k.get("civilian-military", 0)))


def test_csdp_counts_against_the_sources():
    m = data.load("csdp_missions")
    assert len(m) == 44 and m["id"].is_unique
    assert _kinds(m) == (25, 17, 2)
    # first missions: EUPM (January 2003) before Concordia (March 2003)
    first = m.sort_values("start").iloc[0]
    assert first["id"] == "eupm-bih"
    # Slovenian Presidency, first half of 2008: '18 operations since 2003'
    #   -> the table: 18 launched by 31 May 2008, 19 by 30 June 2008 (EU SSR Guinea-Bissau, June 2008), 22 by end 2008
    assert len(launched_by(m, "2008-05-31")) == 18
    assert len(launched_by(m, "2008-06-30")) == 19
    assert len(launched_by(m, "2008-12-31")) == 22
    # encyclopedia list June 2012: 25 launched, 15 running -> table: 24 launched, 13 running on 30 June 2012
    assert len(launched_by(m, "2012-06-30")) == 24
    assert len(running_on(m, "2012-06-30")) == 13
    # encyclopedia list February 2014: 30 since 2002, 15 ongoing -> table: 28 launched, 14 running on 28 February 2014
    assert len(launched_by(m, "2014-02-28")) == 28
    assert len(running_on(m, "2014-02-28")) == 14
    # EEAS factsheet (undated): 34 launched (22 civilian, 11 military, 1 mixed), 16 running (10 civilian, 6 military)
    #   -> the table has exactly 34 launched and 16 running (10 + 6) in the second half of 2016, split 21/12/1
    for day in ("2016-07-31", "2016-12-31"):
        assert len(launched_by(m, day)) == 34 and _kinds(launched_by(m, day)) == (21, 12, 1)
        assert _kinds(running_on(m, day)) == (10, 6, 0)
    # Shetler-Jones (undated): 'more than 30' launched, 17 running, 11 of them civilian
    #   -> the table matches in 2015-2016 (33 launched) and again from December 2019 (EUAM RCA) into
    #      2021 (37 launched in mid-2020)
    for day, launched in (("2015-06-30", 33), ("2020-06-30", 37)):
        assert len(launched_by(m, day)) == launched > 30
        assert _kinds(running_on(m, day)) == (11, 6, 0)
    # EEAS page (undated, 2020 or later): 'over 37', 21 running (12 civilian, 9 military)
    #   -> the table reaches 21 running (12 + 9) in March 2023, with 41 launched
    assert len(launched_by(m, "2023-03-31")) == 41
    assert _kinds(running_on(m, "2023-03-31")) == (12, 9, 0)
    # EEAS page (undated, later): 'over 40', 24 running (13 civilian, 10 military, 1 civilian and military)
    #   -> the table has 44 launched and exactly 24 running (13/10/1) in March 2024
    assert len(launched_by(m, "2024-03-31")) == 44
    assert _kinds(running_on(m, "2024-03-31")) == (13, 10, 1)
    # at the end of 2024 (after EUTM Mali and EUMPM Niger closed): 22 running, EUCAP Sahel Niger
    # among them because its end is known to the year only (it counts to the last day of 2024)
    assert _kinds(running_on(m, "2024-12-31")) == (13, 8, 1)


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
    assert len(j) == 23
    assert len(n) == 23 and n.sort_values("start").index[0] == "deny-flight"
    # NATO handed over to the EU twice: Allied Harmony -> Concordia (March 2003), SFOR -> Althea (above)
    assert n.loc["allied-harmony", "end"] == pd.Timestamp("2003-03-31")
