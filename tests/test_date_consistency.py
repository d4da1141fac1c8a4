"""Dates stated in the text and the quizzes agree with the data tables' dates for the same event."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import jesc
from date_claims import TABLES, bib_dates, claims_in, prose_of, rows_from_tables

REPO = Path(__file__).resolve().parents[1]
PAGES = sorted([*REPO.glob("chapters/**/*.md"), *REPO.glob("exercises/quizzes/*.yml"), REPO / "index.md"])


@pytest.fixture(scope="module")
def rows():
    # The raw CSV strings keep the precision the source gives (jesc.load parses them into dates).
    from jesc.paths import data_dir
    tables = {t: pd.read_csv(data_dir() / f"{t}.csv", dtype=str, keep_default_na=False) for t in TABLES}
    return rows_from_tables(tables)


def test_every_table_named_is_in_the_data_package():
    assert set(TABLES) <= set(jesc.data.tables())


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(REPO)))
def test_dates_in_text_agree_with_the_data(page, rows):
    rel = str(page.relative_to(REPO))
    published = bib_dates((REPO / "references.bib").read_text(encoding="utf-8"))
    claims = [c for text in prose_of(page) for c in claims_in(text, rows, rel, published)]
    wrong = [f"{c.file}: {c.row.table} row {c.row.id!r} is dated {' / '.join(c.row.dates) or '(none)'}, "
             f"the text says {c.stated:%-d %B %Y}: \"{c.sentence[:160]}\"" for c in claims if not c.agrees()]
    assert not wrong, "dates disagree:\n" + "\n".join(wrong)


def _rows(**tables):
    return rows_from_tables({t: pd.DataFrame(tables.get(t, []), columns=["id", *cols, *dates], dtype=str)
                             for t, (cols, dates) in TABLES.items()})


def test_it_catches_the_concordia_case():
    # Before the erratum: the quiz gave 31 March 2003, the row kept only the month.
    rows = _rows(csdp_missions=[{"id": "concordia", "acronym": "Concordia", "name": "EU military operation Concordia",
                                 "start": "2003-03", "end": "2003-12"}])
    text = "The first ESDP mission began in January 2003, before Operation Concordia (31 March 2003)."
    [claim] = claims_in(text, rows, "conclusion.yml")
    assert claim.row.id == "concordia" and not claim.agrees()
    rows_fixed = _rows(csdp_missions=[{"id": "concordia", "acronym": "Concordia", "name": "x",
                                       "start": "2003-03-31", "end": "2003-12-15"}])
    assert all(c.agrees() for c in claims_in(text, rows_fixed, "conclusion.yml"))


def test_it_catches_the_joint_political_declaration_case():
    rows = _rows(events=[{"id": "japan-nato-joint-declaration", "title": "Japan–NATO Joint Political Declaration",
                          "date": "2013-04-15"}])
    text = "- Japan–NATO Joint Political Declaration, 13 April 2013 (signed in Tokyo on 15 April 2013)"
    claims = claims_in(text, rows, "course-quiz.nb.md")
    assert [c.agrees() for c in claims] == [False, True]


def test_dates_in_code_cells_and_other_sentences_are_not_claims(tmp_path):
    rows = _rows(events=[{"id": "spa-signed", "title": "Strategic Partnership Agreement signed", "date": "2018-07-17"}])
    page = tmp_path / "page.nb.md"
    page.write_text("```{code-cell} ipython3\n# Strategic Partnership Agreement signed 1 May 2020\n```\n"
                    "Strategic Partnership Agreement signed. Something else happened on 2 June 2019.\n")
    assert [c for t in prose_of(page) for c in claims_in(t, rows, "page")] == []


def test_the_date_of_a_cited_work_is_not_a_claim():
    rows = _rows(partnerships=[{"id": "eu-japan-spa", "name": "Strategic Partnership Agreement (SPA)",
                                "date": "2018-07-17"}])
    text = "- Provisional application of the SPA, MOFA press release, 21 December 2018 {cite:p}`mofa2018`."
    assert claims_in(text, rows, "quiz.nb.md", {"mofa2018": "2018-12-21"}) == []
    assert not claims_in(text, rows, "quiz.nb.md", {})[0].agrees()


# ------------------------------------------------------------------- the dates the audit changed
from date_claims import AUDIT_DATES, WRONG_WORDINGS  # noqa: E402

ASSIGNMENTS = sorted((REPO / "exercises" / "assignments").glob("**/*.md"))


@pytest.mark.parametrize("table, row_id, column, value, words", AUDIT_DATES,
                         ids=[f"{t}:{i}:{c}" for t, i, c, _, _ in AUDIT_DATES])
def test_the_data_keep_every_date_the_audit_changed(table, row_id, column, value, words):
    from jesc.paths import data_dir
    t = pd.read_csv(data_dir() / f"{table}.csv", dtype=str, keep_default_na=False).set_index("id")
    assert row_id in t.index, f"data/{table}.csv: row {row_id!r} is missing (the audit's record dates it {value})"
    assert t.loc[row_id, column] == value, (f"data/{table}.csv, row {row_id!r}, field {column!r}: "
                                            f"{t.loc[row_id, column]!r}, but the record gives {value!r}")
    text = t.loc[row_id, "note" if "note" in t.columns else "description"]
    assert words in text, f"data/{table}.csv, row {row_id!r}: the note should say {words!r} (the other record)"


@pytest.mark.parametrize("page", [*PAGES, *ASSIGNMENTS], ids=lambda p: str(p.relative_to(REPO)))
def test_no_page_repeats_a_wording_the_audit_found_wrong(page):
    import re
    text = " ".join(page.read_text(encoding="utf-8").split())
    found = [f"{page.relative_to(REPO)}: \"{m.group(0)[:120]}\" -- {why}"
             for pattern, why, *unless in WRONG_WORDINGS for m in re.finditer(pattern, text)
             if not (unless and re.search(unless[0], text[max(0, m.start() - 500):m.end() + 500]))]
    assert not found, "\n".join(found)


def test_the_wrong_wordings_are_caught():
    import re
    samples = ["long military rows such as UNDOF (1996–2012), the Indian Ocean",
               "Japan's counter-piracy mission and the EU's Operation Atalanta both began off Somalia (dotted line, 2009).",
               "the Council records that the SPA negotiations were concluded in April 2018 {cite:p}`x`.",
               "UNMIT police: January 2007 – end not recorded"]
    for (pattern, *_), sample in zip(WRONG_WORDINGS, samples):
        assert re.search(pattern, sample), pattern
    assert not re.search(WRONG_WORDINGS[2][0], "were concluded in April 2018 (Council) or February 2018 (MOFA)")
