"""The UN's raw list of peacekeeping operations and the steps that clean it (Part III's cleaning exercise).

The UN Peace and Security Data Hub publishes a list of peacekeeping operations ("DPPADPOSS-PKO": acronym, name,
lead department, active flag, start and end, headquarters and its coordinates). The course keeps an untouched
copy in ``data/raw/un_pko_missions_list.csv`` and a clean table in the data package, ``un_pko_missions``, that
``data/cleaning/un_pko_missions.py`` writes with the functions below. In a notebook::

    from jesc import pko_list
    raw = pko_list.read_raw()              # every cell as text, exactly as published
    pko_list.problems(raw)                 # what is wrong, one row per problem
    clean = pko_list.clean(raw)            # the steps below, in order

The steps, each a small function students can read (``inspect.getsource``) and re-implement:

1. :func:`drop_aggregates` removes the rows that merge two operations ("UNEF (I & II)"), which would count
   the same operation twice;
2. :func:`repair_names` restores a name cut off at a stray quotation mark (DOMREP) and strips spaces;
3. :func:`normalise_flags` turns "Yes"/"No"/"NO" into ``True``/``False``;
4. :func:`parse_coordinates` reads decimal commas ("15,9833") as numbers and empties the coordinates of a
   headquarters the list gives in both orders (longitude/latitude swapped in some rows, found by
   :func:`conflicting_locations` on the whole list), since the list itself cannot tell which order is right.

Bad input raises :class:`PkoListError` naming the file, the row and what is wrong.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd

from jesc import checks
from jesc.errors import CourseError
from jesc.paths import data_dir

__all__ = ["PkoListError", "RAW_COLUMNS", "CLEAN_COLUMNS", "NAME_REPAIRS", "raw_path", "read_raw",
           "problems", "conflicting_locations", "drop_aggregates", "repair_names", "normalise_flags", "parse_coordinates",
           "clean", "to_rows", "SWAPPED_COORDINATES",
           "IMPLAUSIBLE_COORDINATES"]

#: The columns of the published file, in its order.
RAW_COLUMNS = ("id", "mission_acronym", "mission_name", "lead_department", "mission_isactive", "start_date",
               "end_date", "mission_location", "mission_longitude", "mission_latitude", "last_update")
#: The columns of the clean table (``data/un_pko_missions.csv``).
CLEAN_COLUMNS = ("acronym", "name", "lead_department", "active", "start", "end", "location", "longitude",
                 "latitude")
#: Names the published file cuts off, restored from the record cited in ``references.bib``
#: (key ``canada_dnd_domrep``: the Canadian Department of National Defence's page on DOMREP).
NAME_REPAIRS = {"DOMREP": "Mission of the Representative of the Secretary-General in the Dominican Republic"}
#: Rows whose headquarters the published file gives with longitude and latitude swapped, found by the
#: plausibility test (each headquarters lies in its country: tests/test_coordinates.py). Bamako (Mali)
#: and Athens (Greece) are given once only, so the "both orders" check of :func:`conflicting_locations`
#: cannot see them; the cleaning swaps the two numbers back.
SWAPPED_COORDINATES = ("MINUSMA", "UNSCOB")
#: Rows whose coordinates the same test finds far from the place named, and not as a swap: UNMEE's
#: "Asmara" is given at latitude 12.18, in Ethiopia, about 2 degrees south of Eritrea. Emptied.
IMPLAUSIBLE_COORDINATES = ("UNMEE",)
_AGGREGATE = re.compile(r"\(\s*I\s*&\s*II\s*\)")
_DECIMAL = re.compile(r"^-?\d+(,\d+)?$")
_FLAGS = {"yes": True, "no": False}


class PkoListError(CourseError):
    """The raw UN list is missing, unreadable or not shaped as published."""


def raw_path() -> Path:
    """Where the untouched copy of the UN list lives in the data package folder."""
    return data_dir() / "raw" / "un_pko_missions_list.csv"


def read_raw(path: str | Path | None = None) -> pd.DataFrame:
    """The raw list with every cell as text (empty cells as ``""``), in the file's row order.

    Raises :class:`PkoListError` if the file is missing, is not UTF-8 CSV, or lacks the published columns.
    """
    path = Path(path) if path is not None else raw_path()
    if not path.is_file():
        raise PkoListError(f"{path}: file not found (the raw UN list of peacekeeping operations)")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PkoListError(f"{path}: byte {exc.start} is not UTF-8 text") from None
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows or tuple(rows[0]) != RAW_COLUMNS:
        got = rows[0] if rows else "an empty file"
        raise PkoListError(f"{path}, header: expected the columns {list(RAW_COLUMNS)}, got {got}")
    for i, row in enumerate(rows[1:], start=1):
        if len(row) != len(RAW_COLUMNS):
            raise PkoListError(f"{path}, row {i}: has {len(row)} values, expected {len(RAW_COLUMNS)}")
    return pd.DataFrame(rows[1:], columns=list(RAW_COLUMNS), dtype="string")


def _check(raw: pd.DataFrame, columns=RAW_COLUMNS) -> pd.DataFrame:
    return checks.table(raw, "raw list", columns, PkoListError, "pko_list", get="pko_list.read_raw()")


def _swapped_locations(table: pd.DataFrame, lon: str, lat: str, where: str) -> set[str]:
    """Headquarters that appear with the same two numbers in both orders."""
    pairs: dict[str, set[tuple[str, str]]] = {}
    for _, r in table.iterrows():
        a, b = str(r[lon]), str(r[lat])
        if a and b and a != "<NA>" and b != "<NA>":
            pairs.setdefault(str(r[where]).strip(), set()).add((a, b))
    return {loc for loc, ps in pairs.items() if any((b, a) in ps and a != b for a, b in ps)}


def problems(raw: pd.DataFrame) -> pd.DataFrame:
    """One row per problem found in the raw list: acronym, column, problem, value."""
    raw = _check(raw)
    out = []

    def add(r, column, problem):
        out.append({"acronym": r["mission_acronym"], "column": column, "problem": problem,
                    "value": r[column]})

    swapped = _swapped_locations(raw, "mission_longitude", "mission_latitude", "mission_location")
    for _, r in raw.iterrows():
        if _AGGREGATE.search(r["mission_name"]):
            add(r, "mission_name", "aggregate of two operations")
        if r["mission_name"].startswith('"') or r["mission_name"] != r["mission_name"].strip():
            add(r, "mission_name", "name cut off or padded")
        if r["mission_location"] != r["mission_location"].strip():
            add(r, "mission_location", "leading or trailing spaces")
        if r["mission_isactive"] not in ("Yes", "No"):
            add(r, "mission_isactive", "flag not written Yes or No")
        for c in ("mission_longitude", "mission_latitude"):
            if "," in r[c]:
                add(r, c, "decimal comma")
        if r["mission_location"].strip() in swapped:
            add(r, "mission_location", "coordinates given in both orders")
        if not r["start_date"]:
            add(r, "start_date", "no start date")
    return pd.DataFrame(out, columns=["acronym", "column", "problem", "value"])


def drop_aggregates(raw: pd.DataFrame) -> pd.DataFrame:
    """Step 1: remove rows whose name merges two operations, e.g. 'United Nations Emergency Force (I & II)'."""
    raw = _check(raw)
    keep = ~raw["mission_name"].str.contains(_AGGREGATE, regex=True)
    return raw[keep.fillna(True)].reset_index(drop=True)


def repair_names(raw: pd.DataFrame) -> pd.DataFrame:
    """Step 2: strip spaces around names and locations; restore the names listed in :data:`NAME_REPAIRS`."""
    out = _check(raw).copy()
    out["mission_name"] = out["mission_name"].str.strip().str.strip('"').str.strip()
    for acronym, name in NAME_REPAIRS.items():
        out.loc[out["mission_acronym"] == acronym, "mission_name"] = name
    out["mission_location"] = out["mission_location"].str.strip()
    return out


def normalise_flags(raw: pd.DataFrame) -> pd.DataFrame:
    """Step 3: the active flag as a boolean ('Yes' -> True, 'No' and 'NO' -> False)."""
    out = _check(raw).copy()
    bad = [v for v in out["mission_isactive"].unique() if str(v).strip().lower() not in _FLAGS]
    if bad:
        raise PkoListError(f"pko_list.normalise_flags: mission_isactive values {bad} are not Yes or No")
    out["mission_isactive"] = out["mission_isactive"].str.strip().str.lower().map(_FLAGS).astype("boolean")
    return out


def _number(text: str, acronym: str, column: str) -> float:
    if text == "":
        return float("nan")
    if not _DECIMAL.match(text):
        raise PkoListError(f"pko_list.parse_coordinates: {acronym}, {column}: {text!r} is not a number "
                           "written with a decimal comma")
    return float(text.replace(",", "."))


def conflicting_locations(raw: pd.DataFrame) -> set[str]:
    """Headquarters whose two coordinates the list gives in both orders (in any rows, aggregates included)."""
    return _swapped_locations(_check(raw), "mission_longitude", "mission_latitude", "mission_location")


def parse_coordinates(raw: pd.DataFrame, conflicts: set[str] | None = None) -> pd.DataFrame:
    """Step 4: decimal commas to numbers; coordinates of the headquarters in ``conflicts`` (default: those
    this table gives in both orders, :func:`conflicting_locations`) become missing."""
    out = _check(raw).copy()
    swapped = conflicting_locations(out) if conflicts is None else set(conflicts)
    for c in ("mission_longitude", "mission_latitude"):
        out[c] = [_number(str(v), str(a), c) for v, a in zip(out[c].fillna(""), out["mission_acronym"])]
    conflict = out["mission_location"].str.strip().isin(swapped).fillna(False).astype(bool)
    out.loc[conflict, ["mission_longitude", "mission_latitude"]] = float("nan")
    turn = out["mission_acronym"].isin(SWAPPED_COORDINATES)
    out.loc[turn, ["mission_longitude", "mission_latitude"]] = (
        out.loc[turn, ["mission_latitude", "mission_longitude"]].to_numpy())
    out.loc[out["mission_acronym"].isin(IMPLAUSIBLE_COORDINATES),
            ["mission_longitude", "mission_latitude"]] = float("nan")
    return out


def clean(raw: pd.DataFrame) -> pd.DataFrame:
    """All four steps, then the clean table's columns (``CLEAN_COLUMNS``), sorted by start then acronym.

    The conflicting headquarters are found on the whole list first: some swaps show only against an
    aggregate row (Mogadishu: UNOSOM I and II against "UNOSOM (I & II)").
    """
    conflicts = conflicting_locations(raw)
    t = parse_coordinates(normalise_flags(repair_names(drop_aggregates(raw))), conflicts)
    t = t.rename(columns={"mission_acronym": "acronym", "mission_name": "name",
                          "mission_isactive": "active", "start_date": "start", "end_date": "end",
                          "mission_location": "location", "mission_longitude": "longitude",
                          "mission_latitude": "latitude"})
    t = t[list(CLEAN_COLUMNS)]
    key = t["start"].where(t["start"] != "", "9999")
    t = t.assign(_k=key).sort_values(["_k", "acronym"], kind="stable").drop(columns="_k")
    return t.reset_index(drop=True)


def to_rows(table: pd.DataFrame) -> list[list[str]]:
    """The clean table as CSV cells, as ``data/un_pko_missions.csv`` stores them (plus the source key)."""
    _check(table, CLEAN_COLUMNS)
    rows = []
    for _, r in table.iterrows():
        cells = []
        for c in CLEAN_COLUMNS:
            v = r[c]
            if c == "active":
                cells.append("true" if bool(v) else "false")
            elif c in ("longitude", "latitude"):
                cells.append("" if pd.isna(v) else f"{float(v):.4f}")
            else:
                cells.append("" if pd.isna(v) else str(v))
        rows.append(cells + ["un_psdata_pko_list"])
    return rows
