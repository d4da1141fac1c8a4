"""Part III's package code: the UN list's cleaning steps (jesc.pko_list) and the missions tools (jesc.peacekeeping)."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

import jesc
from jesc import peacekeeping as missions, pko_list
from jesc.errors import CourseError


@pytest.fixture(scope="module")
def raw():
    return pko_list.read_raw()


@pytest.fixture(scope="module")
def eu():
    return jesc.load("csdp_missions")


@pytest.fixture(scope="module")
def dep():
    return jesc.load("japan_deployments")


# ------------------------------------------------------------------------------------------ pko_list
def test_raw_copy_is_the_published_file(raw):
    assert raw.shape == (81, 11) and tuple(raw.columns) == pko_list.RAW_COLUMNS
    assert (raw["last_update"] == "2024-02-19").all()


def test_problems_found_in_the_raw_list(raw):
    counts = pko_list.problems(raw).groupby("problem").size()
    assert counts["aggregate of two operations"] == 3
    assert counts["flag not written Yes or No"] == 1
    assert counts["name cut off or padded"] == 1
    assert counts["no start date"] == 3
    assert pko_list.conflicting_locations(raw) == {"Gaza", "Luanda", "Mogadishu"}


def test_each_step_does_one_thing(raw):
    s1 = pko_list.drop_aggregates(raw)
    assert len(s1) == 78 and not s1["mission_name"].str.contains("I & II", regex=False).any()
    s2 = pko_list.repair_names(s1)
    assert s2.loc[s2["mission_acronym"] == "DOMREP", "mission_name"].iloc[0].endswith("in the Dominican Republic")
    assert (s2["mission_location"] == s2["mission_location"].str.strip()).all()
    s3 = pko_list.normalise_flags(s2)
    assert s3["mission_isactive"].dtype == "boolean" and int(s3["mission_isactive"].sum()) == 12
    s4 = pko_list.parse_coordinates(s3, pko_list.conflicting_locations(raw))
    zagreb = s4[s4["mission_acronym"] == "UNPROFOR"].iloc[0]
    assert zagreb["mission_longitude"] == pytest.approx(15.9833) and zagreb["mission_latitude"] == pytest.approx(45.8167)
    mogadishu = s4[s4["mission_location"] == "Mogadishu"]
    assert len(mogadishu) == 2 and mogadishu["mission_longitude"].isna().all()


def test_conflicts_must_come_from_the_whole_list(raw):
    """Without the aggregate row, UNOSOM I and II's swapped coordinates would pass unnoticed."""
    s3 = pko_list.normalise_flags(pko_list.repair_names(pko_list.drop_aggregates(raw)))
    assert "Mogadishu" not in pko_list.conflicting_locations(s3)
    assert "Mogadishu" in pko_list.conflicting_locations(raw)


def test_clean_reproduces_the_committed_table(raw):
    mine = pd.DataFrame(pko_list.to_rows(pko_list.clean(raw)), columns=[*pko_list.CLEAN_COLUMNS, "source"])
    disk = pd.read_csv(jesc.data.data_dir() / "un_pko_missions.csv", dtype=str, keep_default_na=False)
    assert mine.equals(disk)
    course = jesc.load("un_pko_missions")
    assert len(course) == 78 and course["acronym"].is_unique


def test_bad_input_names_file_and_row(tmp_path, raw):
    missing = tmp_path / "none.csv"
    with pytest.raises(pko_list.PkoListError, match="none.csv: file not found"):
        pko_list.read_raw(missing)
    bad = tmp_path / "bad.csv"
    bad.write_text("id,acronym\n1,X\n", encoding="utf-8")
    with pytest.raises(pko_list.PkoListError, match=r"bad.csv, header: expected the columns"):
        pko_list.read_raw(bad)
    short = tmp_path / "short.csv"
    short.write_text(",".join(pko_list.RAW_COLUMNS) + "\n1,X\n", encoding="utf-8")
    with pytest.raises(pko_list.PkoListError, match=r"short.csv, row 1: has 2 values, expected 11"):
        pko_list.read_raw(short)
    flags = raw.copy()
    flags.loc[0, "mission_isactive"] = "maybe"
    with pytest.raises(pko_list.PkoListError, match="'maybe'"):
        pko_list.normalise_flags(flags)
    coords = raw.copy()
    coords.loc[1, "mission_longitude"] = "15.9833"
    with pytest.raises(pko_list.PkoListError, match=r"UNPSG, mission_longitude: '15.9833' is not a number"):
        pko_list.parse_coordinates(coords)
    with pytest.raises(CourseError, match="expected the raw list table as a pandas DataFrame"):
        pko_list.problems("not a table")


# ------------------------------------------------------------------------------------------ missions
@pytest.mark.parametrize("contribution, kind", [
    ("electoral observers", "civilian"),
    ("SDF engineering units; ceasefire observers; civilian police; electoral observers", "civilian-military"),
    ("GSDF engineering units", "military"),
    ("development experts (civilians)", "civilian"),
    ("staff officers; movement control units; electoral observers", "civilian-military"),
])
def test_japan_kind(contribution, kind):
    assert missions.japan_kind(contribution) == kind


def test_period_end():
    ts = pd.Series(pd.to_datetime(["2012-06-01", "2003-01-01", "2012-12-21"]))
    prec = pd.Series(["month", "year", "day"])
    assert list(missions.period_end(ts, prec).dt.strftime("%Y-%m-%d")) == ["2012-06-30", "2003-12-31", "2012-12-21"]


def test_combined_has_both_lanes(dep, eu):
    both = missions.combined(dep, eu)
    assert both["lane"].value_counts().to_dict() == {"Japan": len(dep), "EU": len(eu)}
    assert set(both["kind"].astype(str)) <= set(missions.KINDS)
    assert (both["region"] != "other").all()
    labels = dict(zip(both["id"], both["label"]))
    assert labels["unavem-ii"] == "UNAVEM II" and labels["untaet-unmiset"] == "UNTAET/UNMISET"


def test_counts_the_text_states(eu):
    assert len(missions.running_at(eu, "2018-05-31")) == 16
    by_year = missions.running_by_year(eu, 2003, 2024)
    # EUCAP Sahel Niger's end is known to the year only (2024), so it counts on 1 July 2024
    assert by_year.loc[2024, "civilian_share"] == 59.1
    assert by_year.loc[2004:2012, "civilian_share"].between(70, 100).all()
    when = missions.matching_dates(eu, total=17, civilian=11)
    after = when[when["to"] >= pd.Timestamp("2020-04-01")]
    # With EUTM Mozambique's launch (October 2021) the window runs into 2021 (audit, Part III item 2)
    assert list(after["to"].dt.strftime("%Y-%m-%d")) == ["2021-09-30"]
    assert int(eu["main_task"].isin(missions.CAPACITY_TASKS).sum()) == 29


def test_running_at_uses_the_end_of_a_month(eu):
    # EUPM ended on 30 June 2012 (day precision); Sophia ended in March 2020 (month precision)
    assert "eunavfor-med-sophia" in set(missions.running_at(eu, "2020-03-31")["id"])
    assert "eunavfor-med-sophia" not in set(missions.running_at(eu, "2020-04-01")["id"])


def test_bad_requests_are_course_errors(eu):
    with pytest.raises(missions.MissionsError, match="not a date"):
        missions.running_at(eu, "soon")
    with pytest.raises(missions.MissionsError, match="last .* is before first"):
        missions.running_by_year(eu, 2020, 2010)
    with pytest.raises(missions.MissionsError, match="must be a year"):
        missions.running_by_year(eu, "2003", 2010)
    with pytest.raises(missions.MissionsError, match="lacks the column"):
        missions.combined(eu, eu)


def test_explorer_html_is_complete_and_escaped(dep, eu):
    both = missions.combined(dep, eu)
    html = missions.render_html(both, "jesc-pk-explorer-t")
    assert html.count('class="jesc-pk-item"') == len(both) == html.count('class="jesc-pk-bar"')
    data = json.loads(re.search(r'class="jesc-pk-data">(.*?)</script>', html).group(1))
    assert data["total"] == len(both) and {i["lane"] for i in data["items"]} == {"Japan", "EU"}
    evil = both.copy()
    evil.loc[0, "label"] = "<script>alert(1)</script>"
    assert "<script>alert" not in missions.render_html(evil)


def test_explorer_bundle_and_widget(dep, eu):
    ex = missions.explorer(dep, eu)
    bundle = ex._repr_mimebundle_()
    assert "text/html" in bundle and bundle["text/plain"].startswith(f"Missions explorer: {len(dep)} Japanese")
    widget = missions.make_widget(ex.both)
    boxes = widget.children[0].children
    out = widget.children[2]
    assert f"Showing {len(ex.both)} of {len(ex.both)}" in out.value
    for box in boxes:
        if box.description != "civilian":
            box.value = False
    n_civ = int((ex.both["kind"] == "civilian").sum())
    assert f"Showing {n_civ} of {len(ex.both)}" in out.value
