"""Third-party tables: each data/cleaning/<script>.py re-run into a temp dir reproduces the committed CSV byte for byte.

The scripts read the public copies under ../shared/data (beside the clone; CI has it). Without that folder the
reproduction tests are skipped with a reason; the metadata tests below run everywhere.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from jesc import data

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
CLEANED = [r for r in data.package()["resources"] if "jesc:cleaning" in r]
MAX_BYTES = 40_000  # the book must stay light: every derived CSV stays small


def test_every_cleaned_table_is_declared():
    scripts = sorted(p.name for p in (REPO / "data" / "cleaning").glob("*.py") if not p.name.startswith("_"))
    assert scripts == sorted(Path(r["jesc:cleaning"]).name for r in CLEANED)
    assert len(CLEANED) >= 9


@pytest.mark.parametrize("res", CLEANED, ids=lambda r: r["name"])
def test_cleaned_table_metadata(res):
    keys = data.bib_keys(REPO / "references.bib")
    assert res["jesc:citation"] and set(res["jesc:citation"]) <= keys, res["name"]
    assert res["licenses"] and res["sources"] and res["jesc:caveats"]
    path = REPO / "data" / res["path"]
    assert path.stat().st_size < MAX_BYTES, f"{path.name} is {path.stat().st_size} bytes"
    assert len(data.load(res["name"])) > 0


@pytest.mark.parametrize("res", CLEANED, ids=lambda r: r["name"])
def test_cleaning_script_reproduces_committed_csv(res, tmp_path):
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} (the third-party copies beside the clone) is absent; CI provides it")
    script = REPO / "data" / res["jesc:cleaning"]
    run = subprocess.run([sys.executable, str(script), "--shared", str(SHARED), "--out", str(tmp_path)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    fresh = (tmp_path / res["path"]).read_bytes()
    committed = (REPO / "data" / res["path"]).read_bytes()
    assert fresh == committed, f"data/{res['path']} differs from the output of {res['jesc:cleaning']}: re-run it and commit"


def test_derived_only_tables_hold_no_raw_rows():
    """MME and EuRepoC have unverified licences: only yearly counts may be committed."""
    for name in ("mme_japan_europe_exercises", "eurepoc_cyber_incidents"):
        df = data.load(name)
        assert "year" in df and len(df.columns) <= 4
        assert df.drop(columns="year").select_dtypes(exclude=["number", "category"]).empty


def test_counts_the_chapters_quote():
    pir = data.load("piracy_incidents").set_index(["year", "area"])["incidents"]
    horn = {y: pir[(y, "gulf-of-aden-somalia")] for y in range(1993, 2021)}
    assert max(horn, key=horn.get) == 2011 and horn[2011] == 167 and horn[2009] == 163
    mme = data.load("mme_japan_europe_exercises")
    assert mme["with_japan"].sum() == 244 and mme["with_japan_and_european_state"].sum() == 27
    pko = data.load("un_pko_contributions_2021").set_index("country")
    assert pko.loc["JPN", "rank"] == 109 and pko.loc["JPN", "total"] == 4
