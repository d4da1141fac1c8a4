"""One name for one thing in the Japanese edition (issue 26): ``locales/ja/terminology.csv``.

Each row gives an English term or name, its Japanese form as the issuer writes it, and the record
(issuer, title, address on the issuer's site) where that form was seen. The test holds every page to
the table: where a confirmed name of two words or more occurs in a message's English, its Japanese
must use the table's form (or keep the English name as it is, as titles of English documents do).
Offending pages are listed with the message.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

REPO = Path(__file__).resolve().parents[1]
TABLE = REPO / "locales" / "ja" / "terminology.csv"
CATALOGS = REPO / "locales" / "ja" / "LC_MESSAGES"
COLUMNS = ["english", "japanese", "issuer", "record_title", "record_url", "status"]
# The issuers whose own sites may be a record's address (a repost is named in record_title).
BRACKETS = re.compile(r"[（(][^）)]*[）)]")


def rows() -> list[dict[str, str]]:
    with TABLE.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def forms(japanese: str) -> list[str]:
    """The accepted Japanese forms of a row: alternatives split at ``；``/``/``, each without its
    brackets, and a Japanese short form given in brackets ("…に関する法律（国際平和協力法）")."""
    out = []
    for alternative in re.split(r"[；;/／]", japanese):
        core = BRACKETS.sub("", alternative).strip().strip("「」")
        if core:
            out.append(core)
        out += [inner for inner in re.findall(r"（([^（）]*)）", alternative) if CJK.search(inner)]
    return list(dict.fromkeys(out))


def english(row: dict[str, str]) -> str:
    """The English name as a page writes it: "North Atlantic Council (NAC)" → "North Atlantic Council"."""
    return BRACKETS.sub("", row["english"]).strip()


def checked(row: dict[str, str]) -> bool:
    """Rows the pages are held to: confirmed names of two words or more (not bare acronyms)."""
    name = english(row)
    return row["status"] == "confirmed" and len(name.split()) >= 2 and not name.isupper()


def test_the_table_has_its_columns_and_every_confirmed_row_its_record():
    table = rows()
    assert table, f"{TABLE.relative_to(REPO)} is empty"
    with TABLE.open(encoding="utf-8", newline="") as f:
        assert next(csv.reader(f)) == COLUMNS
    problems = []
    for n, row in enumerate(table, start=2):
        if not row["english"].strip() or not row["japanese"].strip():
            problems.append(f"line {n}: english and japanese are required")
        if row["status"] not in ("confirmed", "proposed"):
            problems.append(f"line {n} ({row['english']}): status must be confirmed or proposed, not {row['status']!r}")
        if row["status"] == "confirmed" and not (row["issuer"].strip() and row["record_url"].startswith("http")):
            problems.append(f"line {n} ({row['english']}): a confirmed form needs its issuer and the record's address")
    duplicates = {r["english"] for r in table if [x["english"] for x in table].count(r["english"]) > 1}
    problems += [f"{e}: listed more than once" for e in sorted(duplicates)]
    assert not problems, "\n".join(problems)


def offences(catalogs: Path, table: list[dict[str, str]]) -> list[str]:
    first = {}  # a name listed twice (a second row for a detail) is held to its first row
    for r in table:
        if checked(r):
            first.setdefault(english(r).casefold(), r)
    terms = [(re.compile(rf"(?<![\w-]){re.escape(english(r))}(?![\w-])", re.I), english(r), forms(r["japanese"]))
             for r in first.values()]
    out = []
    for po in sorted(catalogs.rglob("*.po")):
        with po.open("rb") as f:
            catalog = read_po(f)
        for m in catalog:
            if not m.id or not m.string or m.fuzzy:
                continue
            for pattern, name, accepted in terms:
                if pattern.search(m.id) and not pattern.search(m.string) \
                        and not any(a in m.string for a in accepted):
                    page = po.relative_to(catalogs).with_suffix("")
                    out.append(f"{page}: {name!r} is not {' / '.join(accepted)} in {m.string[:60]!r}")
    return out


def test_every_page_uses_the_tables_forms():
    found = offences(CATALOGS, rows())
    assert not found, f"{len(found)} message(s) do not use the terminology table's form:\n" + "\n".join(found)


def test_the_check_names_a_page_that_uses_another_form(tmp_path):
    po = tmp_path / "chapters" / "x.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
                  'msgid "The North Atlantic Council met."\nmsgstr "北大西洋評議会が開かれた。"\n', encoding="utf-8")
    table = [{"english": "North Atlantic Council", "japanese": "北大西洋理事会（NAC）", "status": "confirmed"}]
    assert offences(tmp_path, table) == [
        "chapters/x: 'North Atlantic Council' is not 北大西洋理事会 in '北大西洋評議会が開かれた。'"]
    po.write_text(po.read_text(encoding="utf-8").replace("評議会", "理事会"), encoding="utf-8")
    assert offences(tmp_path, table) == []


@pytest.mark.parametrize("japanese, expected", [
    ("北大西洋理事会（NAC）", ["北大西洋理事会"]),
    ("欧州対外活動庁（EEAS）；欧州対外行動庁", ["欧州対外活動庁", "欧州対外行動庁"]),
    ("国際連合平和維持活動等に対する協力に関する法律（国際平和協力法）",
     ["国際連合平和維持活動等に対する協力に関する法律", "国際平和協力法"]),
])
def test_forms(japanese, expected):
    assert forms(japanese) == expected
