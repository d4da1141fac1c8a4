"""The data package: every table validates, and bad data gets a message naming file, row and field."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

import jesc
from jesc import data
from jesc.errors import DataError

REPO = Path(__file__).resolve().parents[1]


def test_every_table_loads_typed():
    # How fast they load is measured by benchmarks/bench.py, not limited here (issue 18).
    data._cached.cache_clear()
    frames = {name: data.load(name) for name in data.tables()}
    assert len(frames["events"]) >= 60
    ev = frames["events"]
    assert pd.api.types.is_datetime64_any_dtype(ev["date"])
    assert isinstance(ev["framework"].dtype, pd.CategoricalDtype)
    assert set(ev["date_precision"].dropna()) <= {"year", "month", "day"}
    assert jesc.load is data.load


def test_events_span_williamsburg_to_spa():
    ev = data.load("events").set_index("id")
    assert ev.loc["williamsburg-summit", "date_label"] == "May 1983"
    assert ev.loc["spa-entry-into-force", "date"] == pd.Timestamp("2025-01-01")


def test_every_source_key_is_in_references_bib():
    keys = data.bib_keys(REPO / "references.bib")
    assert {"tsuruoka2010", "shetlerjones_peacekeeping", "occasionaldigest2024"} <= keys
    for name in data.tables():
        df = data.load(name)
        if "source" in df:
            assert set(df["source"]) <= keys, name


def test_frictionless_validates_the_package():
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(REPO / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


@pytest.fixture
def broken(tmp_path, monkeypatch):
    """A copy of data/ (and references.bib) that a test may break; the loader reads it via JESC_DATA_DIR."""
    shutil.copytree(REPO / "data", tmp_path / "data", ignore=shutil.ignore_patterns("cleaning"))
    shutil.copy(REPO / "references.bib", tmp_path / "references.bib")
    monkeypatch.setenv("JESC_DATA_DIR", str(tmp_path / "data"))

    def edit(table: str, row_id: str, field: str, value: str) -> None:
        path = tmp_path / "data" / f"{table}.csv"
        rows = list(csv.DictReader(path.open(encoding="utf-8")))
        key = data.resource(table)["schema"]["primaryKey"][0]
        for row in rows:
            if row[key] == row_id:
                row[field] = value
        with path.open("w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)

    return edit


def _row_of(table: str, row_id: str) -> int:
    df = data.load(table)
    key = data.resource(table)["schema"]["primaryKey"][0]
    return int(df.index[df[key] == row_id][0]) + 1


@pytest.mark.parametrize(
    "table, row_id, field, value, expected",
    [
        ("events", "spa-entry-into-force", "date", "2025-13-01",
         "'2025-13-01' is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)"),
        ("events", "epa-signed", "framework", "ASEAN", "'ASEAN' is not one of the allowed values"),
        ("events", "epa-signed", "source", "nosuchkey2099", "'nosuchkey2099' is not a key in references.bib"),
        ("events", "epa-signed", "source", "", "value is missing (required)"),
        ("csdp_missions", "concordia", "end", "2002-01", "is before start '2003-03-31'"),
        ("csdp_missions", "concordia", "country", "XYZ", "'XYZ' is not an ISO 3166-1 alpha-3 country code"),
        ("japan_deployments", "untac", "start", "1992-02-30", "is not a date"),
    ],
)
def test_bad_value_names_file_row_and_field(broken, table, row_id, field, value, expected):
    row = _row_of(table, row_id)
    broken(table, row_id, field, value)
    with pytest.raises(DataError) as err:
        data.load(table)
    message = str(err.value)
    assert f"data/{table}.csv, row {row} (" in message
    assert f"field '{field}'" in message
    assert expected in message


def test_duplicate_key_names_both_rows(broken):
    row = _row_of("events", "epa-signed")
    broken("events", "epa-signed", "id", "spa-signed")
    with pytest.raises(DataError, match=rf"data/events.csv, row {row} \(id 'spa-signed'\), field 'id': duplicate key 'spa-signed' \(first used in row \d+\)"):
        data.load("events")


def test_example_message_from_the_design(broken):
    row = _row_of("events", "spa-entry-into-force")
    broken("events", "spa-entry-into-force", "date", "2025-13-01")
    with pytest.raises(DataError) as err:
        data.load("events")
    assert (f"data/events.csv, row {row} (id 'spa-entry-into-force'), field 'date': '2025-13-01' is not a date "
            "(expected YYYY, YYYY-MM or YYYY-MM-DD)") in str(err.value)


def test_unknown_table_is_a_data_error():
    with pytest.raises(DataError, match="no table named 'nope'"):
        data.load("nope")


@pytest.mark.parametrize("text, precision", [("1983", "year"), ("1983-05", "month"), ("1983-05-29", "day")])
def test_partial_dates(text, precision):
    ts, prec = data.parse_partial_date(text)
    assert prec == precision and ts.year == 1983


@pytest.mark.parametrize("text", ["83", "1983-5", "1983-02-30", "1983-00", "May 1983", "1983-05-29T00:00"])
def test_partial_dates_rejected(text):
    with pytest.raises(ValueError):
        data.parse_partial_date(text)
