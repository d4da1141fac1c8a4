"""Each deployment's legal basis names a law in ``events``, its record, and a law not later than the deployment.

``japan_deployments.legal_basis`` holds the id of a law event of ``events.csv``; the field's ``enum`` in
``data/datapackage.json`` lists the law events (the events table has no column for the kind of event, so
the schema declares which events are laws). The check reads the raw CSV strings, so that it keeps the
precision each record gives, and it is run again on deliberately broken copies of the data below.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from jesc import data
from jesc.errors import DataError

REPO = Path(__file__).resolve().parents[1]
LAW_WORDS = re.compile(r"\b(Act|Law|law|Legislation|legislation)\b")


def _rows(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _first_day(text: str) -> pd.Timestamp:
    return data.parse_partial_date(text)[0]


def _last_day(text: str) -> pd.Timestamp:
    ts, precision = data.parse_partial_date(text)
    return data.period_end(pd.Series([ts]), pd.Series([precision]))[0]


def legal_basis_problems(folder: Path) -> list[str]:
    """What is wrong with the legal bases of ``japan_deployments`` in the data folder ``folder``."""
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    res = next(r for r in package["resources"] if r["name"] == "japan_deployments")
    field = {f["name"]: f for f in res["schema"]["fields"]}
    laws = field["legal_basis"]["constraints"]["enum"]
    events = {r["id"]: r for r in _rows(folder, "events")}
    keys = data.bib_keys(folder.parent / "references.bib")
    problems = []
    for law in laws:
        event = events.get(law)
        if event is None:
            problems.append(f"datapackage.json, japan_deployments.legal_basis: the law {law!r} is not an "
                            "id of events.csv")
        elif event["chapter"] != "peacekeeping" or not LAW_WORDS.search(event["title"]):
            problems.append(f"datapackage.json, japan_deployments.legal_basis: event {law!r} "
                            f"({event['title']!r}) is not a law of Part III (a title naming an Act, Law "
                            "or Legislation, chapter 'peacekeeping')")
    for n, row in enumerate(_rows(folder, "japan_deployments"), start=1):
        where = f"japan_deployments.csv, row {n} (id {row['id']!r})"
        law, source = row["legal_basis"], row["legal_basis_source"]
        if not law:
            if source:
                problems.append(f"{where}: legal_basis_source {source!r} given without a legal_basis")
            continue
        if law not in laws:
            problems.append(f"{where}: legal_basis {law!r} is not one of the law events "
                            f"({', '.join(laws)})")
            continue
        if law not in events:
            continue  # reported above, once
        if not source:
            problems.append(f"{where}: legal_basis {law!r} has no legal_basis_source (the record that "
                            "ties the deployment to the law)")
        elif source not in keys:
            problems.append(f"{where}: legal_basis_source {source!r} is not a key in references.bib")
        enacted = events[law]["date"]
        if _first_day(enacted) > _last_day(row["start"]) and law not in row["note"]:
            problems.append(f"{where}: the law {law!r} ({enacted}) is later than the start "
                            f"{row['start']!r}, and the note does not name the law to explain why")
    return problems


def test_every_legal_basis_is_a_law_in_events_with_its_record():
    assert legal_basis_problems(data.data_dir()) == []


def test_the_rows_left_empty_are_those_no_record_confirms():
    deployments = data.load("japan_deployments")
    empty = set(deployments.loc[deployments["legal_basis"].isna(), "id"])
    assert empty == {"counter-piracy-ctf151", "djibouti-facility", "chaghcharan-prt"}
    un = deployments[deployments["framework"] == "UN peacekeeping"]
    assert (un["legal_basis"] == "pko-act-adopted").all()


# ------------------------------------------------------------------------------ the check fails on broken copies
@pytest.fixture
def copy(tmp_path):
    """A scratch copy of data/ and references.bib; returns a function that edits one cell of a table."""
    folder = tmp_path / "course" / "data"
    shutil.copytree(data.data_dir(), folder)
    shutil.copy(REPO / "references.bib", folder.parent / "references.bib")

    def edit(table: str, row_id: str, column: str, value: str) -> Path:
        path = folder / f"{table}.csv"
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
            header = list(rows[0])
        for row in rows:
            if row["id"] == row_id:
                row[column] = value
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, header, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        return folder

    return edit


@pytest.mark.parametrize(("row_id", "column", "value", "expected"), [
    ("mfo-sinai", "legal_basis", "williamsburg-summit", "is not one of the law events"),
    ("mfo-sinai", "legal_basis_source", "no_such_key", "is not a key in references.bib"),
    ("mfo-sinai", "legal_basis_source", "", "has no legal_basis_source"),
    ("chaghcharan-prt", "legal_basis_source", "tsuruoka2010", "given without a legal_basis"),
    # a law later than the deployment's start, with nothing in the note to explain it
    ("undof", "legal_basis", "legislation-peace-security-enacted", "is later than the start '1996-02'"),
    # the counter-piracy escorts began before the 2009 law: without the note's explanation the check fails
    ("counter-piracy-somalia", "note", "Escorts from 30 March 2009.", "is later than the start '2009-03-30'"),
])
def test_the_check_fails_on_a_wrong_row(copy, row_id, column, value, expected):
    problems = legal_basis_problems(copy("japan_deployments", row_id, column, value))
    assert len(problems) == 1, problems
    assert f"id {row_id!r}" in problems[0] and expected in problems[0]


def test_the_check_fails_when_a_law_event_is_not_a_law(copy):
    folder = copy("events", "anti-piracy-law-enacted", "title", "Japan's escorts widened")
    problems = legal_basis_problems(folder)
    assert len(problems) == 1 and "'anti-piracy-law-enacted'" in problems[0] and "is not a law" in problems[0]


def test_the_loader_also_refuses_a_basis_that_is_no_law(copy, monkeypatch):
    folder = copy("japan_deployments", "mfo-sinai", "legal_basis", "williamsburg-summit")
    monkeypatch.setenv("JESC_DATA_DIR", str(folder))
    with pytest.raises(DataError, match=r"row \d+ \(id 'mfo-sinai'\), field 'legal_basis'"):
        data.load("japan_deployments")
