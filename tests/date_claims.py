"""Full dates that the prose and the quizzes state for events the data tables also date.

Used by ``test_date_consistency.py``. A *claim* is a full date ("31 March 2003", "March 31, 2003") in a
sentence of a page's Markdown (code cells left out) or of a quiz's text fields, attached to the row whose
name or abbreviation stands nearest to it in that sentence. A claim *disagrees* with its row when the row
holds no date equal to it at day precision: either another day, or only a month or a year (then the text
is more precise than the data, and the row should carry the day with its source).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable

import pandas as pd
import yaml

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"]
_M = "|".join(MONTHS)
FULL_DATE = re.compile(rf"\b(?:(\d{{1,2}}) ({_M}) (\d{{4}})|({_M}) (\d{{1,2}}), (\d{{4}}))\b", re.I)
# A sentence ends at a full stop, semicolon or blank line; "31 March 2003." keeps its date.
SENTENCE = re.compile(r"(?<=[.;])\s+|\n\s*\n")
CODE_CELL = re.compile(r"^```\{code-cell\}.*?^```", re.M | re.S)
# Table columns that name a row, and the columns that date it.
TABLES = {
    "events": (["title"], ["date"]),
    "csdp_missions": (["acronym", "name"], ["start", "end"]),
    "nato_operations": (["acronym", "name"], ["start", "end"]),
    "japan_deployments": (["name"], ["start", "end"]),
    "partnerships": (["name"], ["date"]),
    "bilateral_ties": (["title"], ["date"]),
}
MIN_NAME = 3  # shorter names ("EU", "UN") would match everywhere
# A date after these words bounds a period ("by 1 January 2025") rather than dating an event.
NOT_AN_EVENT_DATE = re.compile(r"\b(?:by|before|after|until|to|as of)\s*$", re.I)


@dataclass(frozen=True)
class Row:
    table: str
    id: str
    names: tuple[str, ...]
    dates: tuple[str, ...]  # as written in the CSV: YYYY, YYYY-MM or YYYY-MM-DD


@dataclass(frozen=True)
class Claim:
    file: str
    row: Row
    stated: date
    sentence: str

    also: tuple[str, ...] = ()  # dates of rows about the same thing (an agreement's signature, entry into force)

    def agrees(self) -> bool:
        return self.stated.isoformat() in self.row.dates + self.also


def rows_from_tables(tables: dict[str, pd.DataFrame]) -> list[Row]:
    """One Row per table row, named by its name columns and any "(ABBR)" inside them."""
    rows = []
    for table, (name_cols, date_cols) in TABLES.items():
        for rec in tables[table].to_dict("records"):
            names = {str(rec[c]).strip() for c in name_cols if isinstance(rec.get(c), str)}
            # "Strategic Partnership Agreement (SPA)" is also named "Strategic Partnership Agreement" and "SPA".
            names |= {m for n in list(names) for m in re.findall(r"\(([^()]+)\)", n)}
            names |= {re.sub(r"\s*\([^()]*\)", "", n).strip() for n in list(names)}
            names = {n for n in names if len(n) >= MIN_NAME}
            dates = tuple(str(rec[c]) for c in date_cols if isinstance(rec.get(c), str) and rec[c])
            rows.append(Row(table, rec["id"], tuple(sorted(names)), dates))
    return rows


def _word(name: str) -> re.Pattern:
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")


def related_dates(row: Row, rows: list[Row]) -> tuple[str, ...]:
    """Dates of every row whose name contains one of ``row``'s names: the events of one agreement."""
    pats = [_word(n) for n in row.names]
    return tuple(d for other in rows if any(p.search(n) for p in pats for n in other.names) for d in other.dates)


def prose_of(path: Path) -> Iterable[str]:
    """The reader-facing text of a page (.md, .nb.md without code cells) or of a quiz (.yml)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".yml":
        yield from _strings(yaml.safe_load(text))
    else:
        yield CODE_CELL.sub("", text)


def _strings(node) -> Iterable[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _to_date(m: re.Match) -> date:
    day, month, year = (m[1], m[2], m[3]) if m[1] else (m[5], m[4], m[6])
    return date(int(year), MONTHS.index(month.lower()) + 1, int(day))


def bib_dates(bib_text: str) -> dict[str, str]:
    """``{key: "YYYY-MM-DD"}`` for the entries of a .bib file that give year, month and day."""
    out = {}
    for entry in re.split(r"\n(?=@)", bib_text):
        head = re.match(r"@\w+\{([^,\s]+),(.*)", entry, re.S)
        if not head:
            continue
        key, body = head.groups()
        y, m, d = (re.search(rf"\b{f}\s*=\s*\{{?(\w+)", body) for f in ("year", "month", "day"))
        if y and m and d and m[1][:3].lower() in [n[:3] for n in MONTHS]:
            out[key] = f"{y[1]}-{[n[:3] for n in MONTHS].index(m[1][:3].lower()) + 1:02d}-{int(d[1]):02d}"
    return out


def _cites_a_work_of(sentence: str, d: re.Match, dates: dict[str, str]) -> bool:
    """A date equal to that of a work the sentence cites is the work's date ("MOFA press release, 21 December
    2018 {cite:p}`key`"), not a claim about the event."""
    keys = {k for group in re.findall(r"\{cite(?::\w+)?\}`([^`]+)`", sentence) for k in group.split(",")}
    return _to_date(d).isoformat() in {dates.get(k.strip()) for k in keys}


def claims_in(text: str, rows: list[Row], file: str, bib_dates: dict[str, str] | None = None) -> list[Claim]:
    """Every full date of ``text`` attached to the row whose name stands nearest in its sentence."""
    bib_dates = bib_dates or {}
    found = []
    for sentence in SENTENCE.split(text):
        mentions = [(m.start(), m.end(), row) for row in rows for name in row.names
                    for m in _word(name).finditer(sentence)]
        if not mentions:
            continue
        for d in FULL_DATE.finditer(sentence):
            if NOT_AN_EVENT_DATE.search(sentence[:d.start()]):
                continue
            if _cites_a_work_of(sentence, d, bib_dates):
                continue
            # Prose names an event, then dates it ("X on 1 May 2020", "X (1 May 2020)"): a mention before the
            # date wins over one after it at up to four times the distance.
            nearest = min(mentions, key=lambda mn: d.start() - mn[1] if mn[1] <= d.start() else 4 * (mn[0] - d.end()))
            row = nearest[2]
            found.append(Claim(file, row, _to_date(d), " ".join(sentence.split()), related_dates(row, rows)))
    return found


# --------------------------------------------------------------------------- the audit of December 2026
#: Every date the audit (../shared/reviews/parts-audit.md) changed in the data: (table, row id, column,
#: value as the record gives it, words the row's note or description must hold for the other record).
AUDIT_DATES = [
    ("japan_deployments", "undof", "start", "1996-02", ""),
    ("japan_deployments", "undof", "end", "2013-01", "21 December 2012"),
    ("japan_deployments", "unmit-police", "end", "2008-02", ""),
    ("japan_deployments", "unmin-observers", "end", "2011-01", "political mission"),
    ("japan_deployments", "unamet", "start", "1999-07", ""),
    ("japan_deployments", "unamet", "end", "1999-09", ""),
    ("japan_deployments", "counter-piracy-somalia", "start", "2009-03-30", ""),
    ("japan_deployments", "counter-piracy-p3c", "start", "2009-06-11", ""),
    ("japan_deployments", "counter-piracy-ctf151", "start", "2013-12-10", ""),
    ("csdp_missions", "atalanta", "start", "2008-12-08", ""),
    ("csdp_missions", "euam-rca", "start", "2019-12-09", "2019/2110"),
    ("csdp_missions", "eutm-mozambique", "start", "2021-10", "12 July 2021"),
    ("csdp_missions", "eucap-sahel-niger", "end", "2024", "no issuer"),
    ("nato_operations", "deliberate-force", "start", "1995-09-05", "30 August 1995"),
    ("nato_operations", "deny-flight", "start", "1993-04-12", ""),
    ("events", "spa-negotiations-concluded", "date", "2018", "February 2018"),
    ("events", "spa-entry-into-force", "date", "2025-01-01", ""),
    ("events", "japan-pko-first-dispatch", "date", "1992-09", ""),
    ("events", "eumm-georgia-deployed", "date", "2008-10-01", ""),
    ("events", "msdf-joins-ctf151", "date", "2013-12-10", ""),
    ("events", "msdf-nato-first-exercise", "date", "2014-09", ""),
    ("events", "msdf-atalanta-first-exercise", "date", "2014-10-16", ""),
    ("events", "eu-japan-naval-exercise-2020", "date", "2020-10-05", "5–6 October"),
    ("events", "eu-japan-joint-port-call", "date", "2020-10-15", ""),
    ("events", "eu-japan-djibouti-exercise", "date", "2021-05-10", ""),
    ("events", "eu-japan-naval-exercise-2021", "date", "2021-10-16", ""),
    ("events", "atalanta-dpsa-arrangement", "date", "2023-03-15", ""),
]

#: Wordings the audit found wrong, which no page, quiz or assignment may hold again (searched in the
#: whole file, figure captions and alt text included): (pattern, what the records say).
# (pattern, why[, unless]): a match is wrong unless ``unless`` occurs within 500 characters of it
# (the page gives the other record close by).
WRONG_WORDINGS = [
    (r"UNDOF\W{0,3}\(?1996\s*[–-]\s*2012", "Japan's UNDOF dispatch ran from February 1996 to January 2013 (MOFA)"),
    (r"Atalanta[^.]{0,60}(?:began|launched|started)[^.]{0,40}\b2009\b(?![^.]{0,30}Japan)",
     "Atalanta was launched on 8 December 2008; Japan's escorts began on 30 March 2009"),
    (r"negotiations were\s+concluded in April 2018(?![^.]*February)",
     "the Council says April 2018, MOFA's chronology February 2018: give both", r"February 2018"),
    (r"\bUNMIT\b[^.]{0,80}\bend not recorded|\bUNMIN\b[^.]{0,80}\bend not recorded",
     "MOFA gives the ends: UNMIT police February 2008, UNMIN January 2011"),
]
