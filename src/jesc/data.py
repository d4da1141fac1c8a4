"""Load the course's shared tables from the data package in ``data/``, validated against ``datapackage.json``.

Notebooks read data only through :func:`load`::

    import jesc
    missions = jesc.load("csdp_missions")

Every table is checked on load against its Table Schema (required fields, types, enums, patterns, primary key,
foreign keys) and against the course's own rules (dates with precision, start not after end, ISO 3166-1 alpha-3
country codes, ``source`` keys present in ``references.bib``). A broken row raises :class:`jesc.errors.DataError`
whose message names the file, the row (the n-th data row, i.e. line n+1 of the CSV), the field and what was expected.

Course-specific field properties in ``datapackage.json`` (the Frictionless spec allows extra properties):

``"jesc:kind": "partial-date"``
    a string ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` carrying the precision the source gives. In the DataFrame the
    column becomes a datetime (first day of the period), plus ``<name>_precision`` (year/month/day) and
    ``<name>_label`` (e.g. "May 1983"). An empty ``end`` is never read as "still running": see ``jesc:end``.
``"jesc:kind": "countries"``
    one or more ISO 3166-1 alpha-3 codes separated by ``;`` (``XKX`` is accepted for Kosovo, as the EU uses it).
``"jesc:kind": "bibkey"``
    a key that must exist in ``references.bib``.

Resource property ``"jesc:order": [["start", "end"]]`` requires the first field not to be later than the second.

Resource property ``"jesc:end": {"start": ..., "end": ..., "status": ..., "as_of": ..., "source": ...}`` names the
columns of a table of periods. ``status`` is ``ended`` (the end column gives the end), ``ongoing`` (a record dated
``as_of``, cited as ``source``, says the row was still running then) or ``unknown`` (no record gives the end):
an empty end must be ongoing or unknown, and only ongoing rows carry an as-of date and its source.
:func:`running_on` and :func:`active_in` are the one answer to "running on day D" / "active in year Y"
for every such table: an ongoing row counts from its start on, an unknown end only in the period of its
start (the record of its start shows it began then; nothing shows that it went on).
"""

from __future__ import annotations

import calendar
import csv
import io
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from jesc.errors import DataError
from jesc.paths import bib_path, data_dir

__all__ = ["load", "tables", "resource", "package", "bib_keys", "parse_partial_date", "date_label", "period_end",
           "END_STATUSES", "end_status", "known_until", "running_on", "active_in", "end_text", "DataError"]

DATE_EXPECTED = "expected YYYY, YYYY-MM or YYYY-MM-DD"
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_BIB_ENTRY = re.compile(r"@(\w+)\s*[{(]\s*([^,\s]+)\s*,")
_INTEGER = re.compile(r"^[+-]?\d+$")
_MAX_LISTED = 25
#: Codes accepted besides ISO 3166-1 alpha-3: XKX (Kosovo), a user-assigned code used by the EU and the World Bank.
EXTRA_COUNTRY_CODES = {"XKX": "Kosovo"}
PRECISIONS = ["year", "month", "day"]


# --------------------------------------------------------------------------------------------------- descriptors
def _package_path() -> Path:
    return data_dir() / "datapackage.json"


def package() -> dict[str, Any]:
    """The parsed ``datapackage.json``."""
    path = _package_path()
    if not path.is_file():
        raise DataError(f"{path}: file not found (the data package descriptor)")
    return _read_json(str(path), path.stat().st_mtime_ns)


def _decode_error(relpath: str, raw: bytes, exc: UnicodeDecodeError) -> DataError:
    line = raw[: exc.start].count(b"\n") + 1
    return DataError(f"{relpath}, line {line}: byte {raw[exc.start]:#04x} is not UTF-8 text "
                     "(save the file as UTF-8)")


@lru_cache(maxsize=4)
def _read_json(path: str, _mtime: int) -> dict[str, Any]:
    relpath = f"{Path(path).parent.name}/{Path(path).name}"
    raw = Path(path).read_bytes()
    try:
        descriptor = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise _decode_error(relpath, raw, exc) from None
    except json.JSONDecodeError as exc:
        raise DataError(f"{relpath}, line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})") from None
    _check_descriptor(relpath, descriptor)
    return descriptor


def _check_descriptor(relpath: str, descriptor: Any) -> None:
    """The shape the loader relies on: resources with a name, a path and a list of schema fields."""
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list):
        raise DataError(f"{relpath}: expected an object with a list 'resources'")
    for i, res in enumerate(resources):
        where = f"{relpath}, resources[{i}]"
        if not isinstance(res, dict):
            raise DataError(f"{where}: expected an object, got {type(res).__name__}")
        for key in ("name", "path"):
            if not isinstance(res.get(key), str) or not res.get(key):
                raise DataError(f"{where}: field '{key}' must be a non-empty string")
        fields = res.get("schema", {}).get("fields") if isinstance(res.get("schema"), dict) else None
        if not isinstance(fields, list) or not all(isinstance(f, dict) and isinstance(f.get("name"), str)
                                                   for f in fields):
            raise DataError(f"{where} ({res['name']}): 'schema.fields' must be a list of objects with a 'name'")


def tables() -> list[str]:
    """Names of all tables in the package, in package order."""
    return [r["name"] for r in package()["resources"]]


def resource(name: str) -> dict[str, Any]:
    """The descriptor of table ``name`` (description, schema, sources, licences)."""
    for r in package()["resources"]:
        if r["name"] == name:
            return r
    raise DataError(f"data/datapackage.json: no table named {name!r} (tables: {', '.join(tables())})")


# ------------------------------------------------------------------------------------------------ helpers
def bib_keys(path: Path | None = None) -> set[str]:
    """Entry keys of ``references.bib`` (``@comment``, ``@string`` and ``@preamble`` are not entries)."""
    path = path or bib_path()
    if not path.exists():
        return set()
    return _bib_keys(str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _bib_keys(path: str, _mtime: int) -> set[str]:
    text = Path(path).read_text(encoding="utf-8")
    return {key for kind, key in _BIB_ENTRY.findall(text) if kind.lower() not in {"comment", "string", "preamble"}}


def parse_partial_date(text: str) -> tuple[pd.Timestamp, str]:
    """``"1983-05"`` -> (Timestamp 1983-05-01, ``"month"``). Raises ``ValueError`` for anything else."""
    m = _PARTIAL_DATE.match(text)
    if not m:
        raise ValueError(text)
    year, month, day = (int(g) if g else None for g in m.groups())
    ts = pd.Timestamp(year=year, month=1 if month is None else month, day=1 if day is None else day)  # raises ValueError for 2025-13-01, 2023-02-30
    return ts, PRECISIONS[sum(g is not None for g in (month, day))]


def date_label(ts: pd.Timestamp, precision: str) -> str:
    """Human label respecting precision: ``1983``, ``May 1983``, ``29 May 1983``."""
    if precision == "year":
        return f"{ts.year}"
    if precision == "month":
        return f"{calendar.month_name[ts.month]} {ts.year}"
    return f"{ts.day} {calendar.month_name[ts.month]} {ts.year}"


def period_end(ts: pd.Series, precision: pd.Series) -> pd.Series:
    """The last day of each partial date's period: '2012-06' (month) -> 30 June 2012, '2003' (year) ->
    31 December 2003, a day -> itself; an empty date stays empty (NaT: running, or not recorded)."""
    out = ts.copy()
    prec = precision.astype("string")
    month = (prec == "month").fillna(False)
    year = (prec == "year").fillna(False)
    out[month] = ts[month] + pd.offsets.MonthEnd(0)
    out[year] = ts[year] + pd.offsets.YearEnd(0)
    return out


#: Values of an ``end_status`` column (see the module's docstring, ``jesc:end``).
END_STATUSES = ("ended", "ongoing", "unknown")


def end_status(table: pd.DataFrame) -> pd.Series:
    """Each row's end status: the table's ``end_status`` column, or, for a frame without one (a table
    built by hand), ``ended`` where the end is given and ``unknown`` where it is empty -- never
    ``ongoing``, which needs a dated record."""
    if "end_status" in table.columns:
        return table["end_status"].astype("string")
    return pd.Series(["ended" if pd.notna(e) else "unknown" for e in table["end"]],
                     index=table.index, dtype="string")


def known_until(table: pd.DataFrame) -> pd.Series:
    """The last day each row of a table of periods counts as running: the last day of its end's period
    (ended), ``Timestamp.max`` (ongoing: a dated record says it was still running) or the last day of its
    start's period (unknown end: nothing shows that it went on). ``NaT`` where the start is empty too."""
    status = end_status(table)

    def last(col: str) -> pd.Series:  # a frame without <col>_precision (built by hand): days
        prec = table.get(col + "_precision", pd.Series("day", index=table.index))
        return period_end(table[col], prec).astype("datetime64[ns]")

    ended, begun = last("end"), last("start")
    out = begun.where(status == "unknown", ended)
    out = out.mask((status == "ongoing").fillna(False), pd.Timestamp.max)
    return out


def running_on(table: pd.DataFrame, day: Any) -> pd.Series:
    """Boolean mask: the rows running on ``day`` (started on or before it and known to run on it, see
    :func:`known_until`). An unknown end is left out of every day after its start's period."""
    d = pd.Timestamp(day)
    return ((table["start"] <= d) & (known_until(table) >= d)).fillna(False).astype(bool)


def active_in(table: pd.DataFrame, year: int) -> pd.Series:
    """Boolean mask: the rows running on at least one day of ``year`` (same rule as :func:`running_on`)."""
    first, last = pd.Timestamp(year=year, month=1, day=1), pd.Timestamp(year=year, month=12, day=31)
    return ((table["start"] <= last) & (known_until(table) >= first)).fillna(False).astype(bool)


def end_text(row: Any) -> str:
    """What a reader is told about a row's end: its date label, "ongoing as of <date>" or "end not known"."""
    status = str(row["end_status"]) if "end_status" in row.index else (
        "ended" if pd.notna(row["end"]) else "unknown")
    if status == "ended":
        return str(row["end_label"])
    from jesc.i18n import t, tf  # in the edition's language: what a reader is told

    if status == "ongoing":
        return tf("ongoing as of {0}", row["end_as_of_label"])
    return t("end not known")


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-3 codes (from ``pycountry``) plus :data:`EXTRA_COUNTRY_CODES`."""
    import pycountry

    return frozenset({c.alpha_3 for c in pycountry.countries} | set(EXTRA_COUNTRY_CODES))


# ------------------------------------------------------------------------------------------------ validation
class _Problems:
    def __init__(self, relpath: str, keys: list[str] | None):
        self.relpath, self.messages = relpath, []

    def add(self, message: str) -> None:
        self.messages.append(message)

    def raise_if_any(self) -> None:
        if self.messages:
            shown = self.messages[:_MAX_LISTED]
            more = len(self.messages) - len(shown)
            text = "\n".join(shown) + (f"\n... and {more} more problem(s)" if more else "")
            err = DataError(text)
            err.problems = list(self.messages)
            raise err


def _read_rows(path: Path, relpath: str) -> tuple[list[str], list[list[str]]]:
    if not path.exists():
        raise DataError(f"{relpath}: file not found (listed in data/datapackage.json)")
    raw = path.read_bytes()
    try:
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    except UnicodeDecodeError as exc:
        raise _decode_error(relpath, raw, exc) from None
    except csv.Error as exc:
        raise DataError(f"{relpath}: not a readable CSV file ({exc})") from None
    if not rows:
        raise DataError(f"{relpath}: file is empty (expected a header row)")
    return rows[0], rows[1:]


def _validate(name: str) -> pd.DataFrame:
    res = resource(name)
    ddir = data_dir()
    relpath = f"{ddir.name}/{res['path']}"
    header, rows = _read_rows(ddir / res["path"], relpath)
    fields = res["schema"]["fields"]
    names = [f["name"] for f in fields]
    if header != names:
        missing = [n for n in names if n not in header]
        extra = [h for h in header if h not in names]
        raise DataError(
            f"{relpath}, header: columns {header} do not match the schema in data/datapackage.json "
            f"(expected {names}; missing {missing}, unexpected {extra})"
        )
    pk = res["schema"].get("primaryKey", [])
    pk = [pk] if isinstance(pk, str) else pk
    problems = _Problems(relpath, pk)

    def where(i: int, row: list[str], field: str) -> str:
        ident = ""
        if pk and len(row) == len(names):
            ident = " (" + ", ".join(f"{k} {row[names.index(k)]!r}" for k in pk) + ")"
        return f"{relpath}, row {i + 1}{ident}, field {field!r}"

    for i, row in enumerate(rows):
        if len(row) != len(names):
            problems.add(f"{relpath}, row {i + 1}: has {len(row)} values, expected {len(names)} ({', '.join(names)})")
    problems.raise_if_any()

    bibkeys = None
    columns: dict[str, list[Any]] = {}
    extra_cols: dict[str, list[Any]] = {}
    for j, field in enumerate(fields):
        fname, ftype, kind = field["name"], field.get("type", "string"), field.get("jesc:kind")
        cons = field.get("constraints", {})
        enum = cons.get("enum")
        pattern = re.compile(cons["pattern"]) if "pattern" in cons else None
        values: list[Any] = []
        precisions: list[Any] = []
        for i, row in enumerate(rows):
            raw = row[j].strip()
            if raw != row[j]:
                problems.add(f"{where(i, row, fname)}: {row[j]!r} has leading or trailing spaces")
            if raw == "":
                if cons.get("required"):
                    problems.add(f"{where(i, row, fname)}: value is missing (required)")
                values.append(None)
                precisions.append(None)
                continue
            value: Any = raw
            try:
                if kind == "partial-date":
                    value, prec = parse_partial_date(raw)
                    precisions.append(prec)
                elif ftype == "integer" or ftype == "year":
                    if not _INTEGER.match(raw):
                        raise ValueError
                    value = int(raw)
                elif ftype == "number":
                    value = float(raw)
                elif ftype == "boolean":
                    if raw not in ("true", "false"):
                        raise ValueError
                    value = raw == "true"
                elif ftype == "date":
                    value = pd.Timestamp(raw)
                    if not re.match(r"^\d{4}-\d{2}-\d{2}$", raw):
                        raise ValueError
            except ValueError:
                expected = DATE_EXPECTED if kind == "partial-date" else f"expected {ftype}"
                noun = "a date" if kind == "partial-date" or ftype == "date" else f"a valid {ftype}"
                problems.add(f"{where(i, row, fname)}: {raw!r} is not {noun} ({expected})")
                values.append(None)
                precisions.append(None)
                continue
            if kind != "partial-date":
                precisions.append(None)
            if enum is not None and raw not in enum:
                problems.add(f"{where(i, row, fname)}: {raw!r} is not one of the allowed values ({', '.join(enum)})")
            if pattern is not None and not pattern.fullmatch(raw):
                problems.add(f"{where(i, row, fname)}: {raw!r} does not match the pattern {cons['pattern']!r}")
            if "minimum" in cons and value < cons["minimum"]:
                problems.add(f"{where(i, row, fname)}: {raw} is below the minimum {cons['minimum']}")
            if "maximum" in cons and value > cons["maximum"]:
                problems.add(f"{where(i, row, fname)}: {raw} is above the maximum {cons['maximum']}")
            if kind == "countries":
                for code in raw.split(";"):
                    if code not in country_codes():
                        problems.add(f"{where(i, row, fname)}: {code!r} is not an ISO 3166-1 alpha-3 country code")
            if kind == "bibkey":
                if bibkeys is None:
                    bibkeys = bib_keys()
                if bibkeys and raw not in bibkeys:
                    problems.add(f"{where(i, row, fname)}: {raw!r} is not a key in references.bib")
            values.append(value)
        columns[fname] = values
        if kind == "partial-date":
            extra_cols[fname + "_precision"] = precisions
            extra_cols[fname + "_label"] = [
                date_label(v, p) if v is not None else None for v, p in zip(values, precisions)
            ]
        if cons.get("unique") and fname not in pk:
            _check_unique(rows, [j], fname, where, problems)

    if pk:
        _check_unique(rows, [names.index(k) for k in pk], "/".join(pk), where, problems, key=True)
    for first, second in res.get("jesc:order", []):
        for i, row in enumerate(rows):
            a, b = columns[first][i], columns[second][i]
            if a is not None and b is not None and b < a:
                problems.add(
                    f"{where(i, row, second)}: {row[names.index(second)]!r} is before "
                    f"{first} {row[names.index(first)]!r} ({first} must not be later than {second})"
                )
    _check_ends(res, rows, names, columns, where, problems)
    for fk in res["schema"].get("foreignKeys", []):
        local = fk["fields"] if isinstance(fk["fields"], str) else fk["fields"][0]
        ref = fk["reference"]
        ref_field = ref["fields"] if isinstance(ref["fields"], str) else ref["fields"][0]
        target = load(ref["resource"]) if ref["resource"] else None
        allowed = set(target[ref_field].astype(str)) if target is not None else set(columns[ref_field])
        for i, row in enumerate(rows):
            raw = row[names.index(local)]
            if raw and raw not in allowed:
                problems.add(f"{where(i, row, local)}: {raw!r} is not a {ref_field!r} of table {ref['resource']!r}")
    problems.raise_if_any()
    return _to_frame(fields, columns, extra_cols)


def _check_ends(res, rows, names, columns, where, problems) -> None:
    """``jesc:end``: an empty end is ongoing (with an as-of date and its source) or unknown."""
    spec = res.get("jesc:end")
    if not spec:
        return
    col = {k: spec[k] for k in ("start", "end", "status", "as_of", "source")}
    for i, row in enumerate(rows):
        cell = {k: row[names.index(v)] for k, v in col.items()}
        status = cell["status"]
        if status == "ended" and not cell["end"]:
            problems.add(f"{where(i, row, col['end'])}: empty, but {col['status']} is 'ended' "
                         f"(give the end, or mark the row 'ongoing' with an as-of date, or 'unknown')")
        if status in ("ongoing", "unknown") and cell["end"]:
            problems.add(f"{where(i, row, col['status'])}: {status!r}, but the end is given "
                         f"({cell['end']!r}); a row with an end is 'ended'")
        if status == "ongoing":
            for k in ("as_of", "source"):
                if not cell[k]:
                    problems.add(f"{where(i, row, col[k])}: value is missing (an 'ongoing' row needs "
                                 f"the date of the record that says it was still running, and its source)")
            start, as_of = columns[col["start"]][i], columns[col["as_of"]][i]
            if as_of is not None:
                prec = PRECISIONS[cell["as_of"].count("-")]
                as_of = period_end(pd.Series([as_of]), pd.Series([prec]))[0]
            if start is not None and as_of is not None and as_of < start:
                problems.add(f"{where(i, row, col['as_of'])}: {cell['as_of']!r} is before {col['start']} "
                             f"{cell['start']!r} (a record of the row still running is dated after its start)")
        elif status in ("ended", "unknown"):
            for k in ("as_of", "source"):
                if cell[k]:
                    problems.add(f"{where(i, row, col[k])}: {cell[k]!r} given, but only an 'ongoing' row "
                                 f"has an as-of date and its source ({col['status']} is {status!r})")


def _check_unique(rows, idx, label, where, problems, key=False) -> None:
    seen: dict[tuple, int] = {}
    for i, row in enumerate(rows):
        value = tuple(row[j] for j in idx)
        if all(v == "" for v in value):
            continue
        if value in seen:
            what = "duplicate key" if key else "duplicate value"
            shown = value[0] if len(value) == 1 else value
            problems.add(f"{where(i, row, label)}: {what} {shown!r} (first used in row {seen[value] + 1})")
        else:
            seen[value] = i


def _to_frame(fields, columns, extra_cols) -> pd.DataFrame:
    data: dict[str, Any] = {}
    for field in fields:
        fname, ftype, kind = field["name"], field.get("type", "string"), field.get("jesc:kind")
        values = columns[fname]
        enum = field.get("constraints", {}).get("enum")
        if kind == "partial-date":
            data[fname] = pd.to_datetime(pd.Series(values, dtype="object"))
            data[fname + "_precision"] = pd.Categorical(extra_cols[fname + "_precision"], categories=PRECISIONS)
            data[fname + "_label"] = pd.array(extra_cols[fname + "_label"], dtype="string")
        elif enum is not None:
            data[fname] = pd.Categorical(values, categories=enum)
        elif ftype in ("integer", "year"):
            data[fname] = pd.array(values, dtype="Int64")
        elif ftype == "number":
            data[fname] = pd.array([float("nan") if v is None else v for v in values], dtype="float64")
        elif ftype == "boolean":
            data[fname] = pd.array(values, dtype="boolean")
        elif ftype == "date":
            data[fname] = pd.to_datetime(pd.Series(values, dtype="object"))
        else:
            data[fname] = pd.array(values, dtype="string")
    return pd.DataFrame(data)


# ------------------------------------------------------------------------------------------------ public loader
@lru_cache(maxsize=64)
def _cached(name: str, stamp: tuple) -> pd.DataFrame:
    return _validate(name)


def load(name: str) -> pd.DataFrame:
    """Table ``name`` of the course's data package as a validated pandas DataFrame.

    Enum fields are categorical, partial dates are datetimes (plus ``_precision`` and ``_label`` columns),
    integers are nullable ``Int64``. Raises :class:`jesc.errors.DataError` naming file, row and field.
    """
    res = resource(name)
    csv_path = data_dir() / res["path"]
    bib = bib_path()
    stamp = (
        str(data_dir()),
        csv_path.stat().st_mtime_ns if csv_path.exists() else 0,
        _package_path().stat().st_mtime_ns,
        bib.stat().st_mtime_ns if bib.exists() else 0,
    )
    return _cached(name, stamp).copy()
