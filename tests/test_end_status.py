"""Ongoing versus end not known (issue #23): the data say which, and every "running on day D" count
leaves an unknown end out after the period of its start.

* every row of a table of periods (``jesc:end`` in data/datapackage.json) with an empty end is either
  ``ongoing`` with the date and the source of a record that says it was still running, or ``unknown``;
* the loader refuses a row that breaks this, naming file, row and field;
* :func:`jesc.data.running_on` / :func:`jesc.data.active_in` on a row with an unknown end;
* the Part II mission explorer set to 2020 (it once said "8 active in 2020", counting UNMIT, UNMIN and
  the Chaghcharan team, whose ends were not recorded).
"""

from __future__ import annotations

import csv
import shutil

import pandas as pd
import pytest

import jesc
from jesc import missions, nato, peacekeeping
from jesc.data import active_in, known_until, running_on
from jesc.errors import DataError

PERIOD_TABLES = [r["name"] for r in jesc.data.package()["resources"] if r.get("jesc:end")]


def test_the_tables_of_periods_declare_their_end_columns():
    assert set(PERIOD_TABLES) >= {"csdp_missions", "japan_deployments", "nato_operations"}


@pytest.mark.parametrize("name", PERIOD_TABLES)
def test_every_empty_end_is_ongoing_with_a_dated_record_or_unknown(name, repo):
    res = jesc.data.resource(name)
    spec = res["jesc:end"]
    with open(repo / "data" / res["path"], encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    bad = []
    for i, r in enumerate(rows, start=1):
        where = f"data/{res['path']}, row {i} ({r.get('id', '')})"
        status = r[spec["status"]]
        if r[spec["end"]]:
            if status != "ended":
                bad.append(f"{where}: end {r[spec['end']]!r} given but {spec['status']} is {status!r}")
        elif status == "ongoing":
            if not (r[spec["as_of"]] and r[spec["source"]]):
                bad.append(f"{where}: ongoing without an as-of date and its source")
        elif status != "unknown":
            bad.append(f"{where}: empty end but {spec['status']} is {status!r} (ongoing or unknown)")
    assert not bad, "\n".join(bad)
    t = jesc.load(name)  # and the loader agrees
    assert set(t["end_status"].astype(str)) <= {"ended", "ongoing", "unknown"}


@pytest.fixture
def broken_data(tmp_path, monkeypatch, repo):
    shutil.copytree(repo / "data", tmp_path / "data", ignore=shutil.ignore_patterns("raw", "basemap"))
    shutil.copy(repo / "references.bib", tmp_path / "references.bib")
    monkeypatch.setenv("JESC_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def _rewrite(path, row_id, **changes):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    head = rows[0]
    for r in rows[1:]:
        if r[0] == row_id:
            for k, v in changes.items():
                r[head.index(k)] = v
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


@pytest.mark.parametrize("changes, field, words", [
    ({"end": "", "end_status": "ended"}, "end", "'ended'"),
    ({"end_status": "ongoing", "end_as_of": "", "end_source": ""}, "end_as_of", "still running"),
    ({"end_status": "ongoing", "end_as_of": "2009-01", "end_source": "tsuruoka2010"}, "end_as_of",
     "before start"),
    ({"end_status": "unknown", "end_as_of": "2010"}, "end_as_of", "only an 'ongoing' row"),
    ({"end_status": "running"}, "end_status", "not one of the allowed values"),
])
def test_the_loader_names_file_row_and_field(broken_data, changes, field, words):
    base = {"end": "", "end_status": "unknown", "end_as_of": "", "end_source": ""}
    _rewrite(broken_data / "japan_deployments.csv", "chaghcharan-prt", **{**base, **changes})
    with pytest.raises(DataError) as err:
        jesc.load("japan_deployments")
    text = str(err.value)
    assert "japan_deployments.csv, row" in text and "chaghcharan-prt" in text
    assert f"field {field!r}" in text and words in text


def _one(end_status, start="2009-04", end=None, as_of=None):
    s, sp = jesc.data.parse_partial_date(start)
    e, ep = jesc.data.parse_partial_date(end) if end else (pd.NaT, None)
    a, ap = jesc.data.parse_partial_date(as_of) if as_of else (pd.NaT, None)
    return {"start": s, "start_precision": sp, "end": e, "end_precision": ep, "end_status": end_status,
            "end_as_of": a, "end_as_of_label": jesc.data.date_label(a, ap) if as_of else None}


def test_running_on_leaves_an_unknown_end_out():
    t = pd.DataFrame([_one("unknown"), _one("ongoing", as_of="2010"), _one("ended", end="2011-01")],
                     index=["unknown", "ongoing", "ended"])
    on = lambda day: list(t.index[running_on(t, day)])  # noqa: E731
    assert on("2009-04-30") == ["unknown", "ongoing", "ended"]   # the record of its start
    assert on("2009-05-01") == ["ongoing", "ended"]              # never after the start's period
    assert on("2011-01-31") == ["ongoing", "ended"]              # a month end counts to its last day
    assert on("2020-07-01") == ["ongoing"]
    assert list(t.index[active_in(t, 2020)]) == ["ongoing"]
    assert list(t.index[active_in(t, 2009)]) == ["unknown", "ongoing", "ended"]
    assert known_until(t)["unknown"] == pd.Timestamp("2009-04-30")
    assert jesc.data.end_text(pd.Series(t.loc["unknown"])) == "end not known"
    assert jesc.data.end_text(pd.Series(t.loc["ongoing"])) == "ongoing as of 2010"


def test_every_running_count_uses_the_one_rule():
    dep = jesc.load("japan_deployments")
    unknown = set(dep.loc[dep["end_status"] == "unknown", "id"])
    assert "chaghcharan-prt" in unknown
    day = "2020-07-01"
    expected = set(dep.loc[running_on(dep, day), "id"])
    assert set(peacekeeping.running_at(dep, day)["id"]) == expected
    assert not expected & unknown
    ops = jesc.load("nato_operations")
    per_year = nato.running_per_year(ops, first=2020, last=2020)
    assert per_year.loc[2020, "total"] == int(active_in(ops, 2020).sum())
    pairs = nato.side_by_side(ops, dep)
    chag = pairs[pairs["deployment"] == "chaghcharan-prt"]
    assert (chag["overlap_to"] <= known_until(dep.set_index("id").loc[["chaghcharan-prt"]]).iloc[0]).all()


def test_the_2020_mission_explorer_counts_no_unknown_end():
    m, dep = jesc.load("csdp_missions"), jesc.load("japan_deployments")
    ids = {"unmit-police": "ended", "unmin-observers": "ended", "chaghcharan-prt": "unknown"}
    assert dict(zip(dep["id"], dep["end_status"].astype(str))).items() >= ids.items()
    recs = missions._deployment_records(dep)
    active_2020 = {r["id"] for r in recs if missions._active(r, 2020)}
    assert active_2020 == set(dep.loc[active_in(dep, 2020), "id"])
    assert not active_2020 & set(ids)
    html = missions.render_html(m, dep, "t", year=2020)
    assert f"{len(active_2020)} active in 2020" in html
    assert "end not known" in html and "end not recorded" not in html and "running at the date" not in html
    assert "ongoing as of" in html
    # the same frame with the three ends blanked as they once were: still not counted in 2020
    old = dep.copy()
    for rid in ids:
        i = old.index[old["id"] == rid][0]
        old.loc[i, ["end", "end_precision", "end_label"]] = [pd.NaT, None, None]
        old.loc[i, "end_status"] = "unknown"
    old_recs = missions._deployment_records(old)
    assert not {r["id"] for r in old_recs if missions._active(r, 2020)} & set(ids)


def test_the_gantt_helper_draws_an_unknown_end_short_and_marked():
    import matplotlib
    matplotlib.use("Agg")
    from jesc import style
    fig, ax = style.figure()
    style.period_bar(ax, 0, "2009-04-01", "2009-04-30", "unknown", until="2024-12-31")
    style.period_bar(ax, 1, "2009-04-01", pd.Timestamp.max, "ongoing", until="2024-12-31")
    texts = [t.get_text() for t in ax.texts]
    assert texts == ["?"]
    right = max(p.get_x() + p.get_width() for p in ax.patches[:-1] if p.get_y() < 0.5)
    import matplotlib.dates as mdates
    assert mdates.num2date(right).year < 2012      # the stub fades out; never drawn to 2024
    with pytest.raises(jesc.errors.CourseError):
        style.period_bar(ax, 2, "2009-04-01", "2009-04-30", "running")
    import matplotlib.pyplot as plt
    plt.close(fig)
