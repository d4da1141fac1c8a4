"""Numbers a notebook computes are glued into its text, never typed (issue #23).

* For every chapter notebook: no number written in a Markdown cell equals a number the notebook glues
  (myst-nb ``glue``; the stored outputs carry the values) unless the text takes it from the glue role.
  A hand-typed copy goes stale when the data change ("10 of 18" once stood where the data gave 10 of 19).
* A mutation on a scratch copy: one more row in ``events`` and a fresh run of the EU political-partner
  page, whose "n of m" sentence is glued: the glued counts change with the data.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(REPO.glob("chapters/**/*.ipynb"))
MUTATED = REPO / "chapters" / "eu" / "political-partner.ipynb"

_ROLE = re.compile(r"\{[\w:]+\}`[^`]*`")                 # {glue:text}`x`, {cite:p}`key`, {term}`EPA`
_CODE = re.compile(r"`[^`]*`|\]\([^)]*\)|https?://\S+")  # inline code, link targets, addresses
_LABEL = re.compile(r"\(\w[\w-]*\)=|^:\w[^\n]*$|\{[\w-]+\}", re.M)  # targets, directive options
_NUMBER = re.compile(r"(?<![\w.,-])(\d+(?:\.\d+)?)(?![\w]|\.\d)")
_MONTH = ("January|February|March|April|May|June|July|August|September|October|November|December"
          "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
# Parts of dates ("8 December 2008", "October 15", "5–6 October", years) and list markers ("2. What ...")
# are not counts: a glued year is left to the date-consistency test.
_DATE = re.compile(rf"\b\d{{1,2}}(?:\s*[–-]\s*\d{{1,2}})?\s+(?:{_MONTH})\b|\b(?:{_MONTH})\s+\d{{1,2}}\b"
                   r"|(?<!\d)(?:19|20)\d\d(?!\d)|^\s*\d+[.)]\s"
                   r"|\b(?:Step|Exercise|Question|Figure|Fig\.|Table|Part|Chapter|Section|Item|Objective)\s+\d+", re.M)
_SENTENCE = re.compile(r"(?<=[.;:?!])\s+|\n\s*\n")


def glued(nb: dict) -> dict[str, str]:
    """{name: text/plain value} of every glue output stored in the notebook."""
    out = {}
    for cell in nb["cells"]:
        for o in cell.get("outputs", []):
            meta = o.get("metadata", {}).get("scrapbook")
            if meta:
                prefix = meta.get("mime_prefix", "")
                value = o.get("data", {}).get(prefix + "text/plain")
                if value is not None:
                    out[meta["name"]] = "".join(value).strip("'\"")
    return out


def _as_number(text: str):
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def typed_copies(nb: dict) -> list[tuple[int, str, str]]:
    """(cell index, number, glue name) for each number typed in Markdown that equals a glued number."""
    values = {}
    for name, text in glued(nb).items():
        x = _as_number(text)
        if x is not None:
            values.setdefault(x, name)
    found = []
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "markdown":
            continue
        text = "".join(cell["source"])
        # A number from a record stays as text with its citation: sentences that cite are left out.
        text = _DATE.sub(" ", text)
        text = "\n".join(t for t in _SENTENCE.split(text) if "{cite" not in t)
        text = _LABEL.sub(" ", _CODE.sub(" ", _ROLE.sub(" ", text)))
        for m in _NUMBER.finditer(text):
            x = float(m.group(1))
            if x in values:
                found.append((i, m.group(1), values[x]))
    return found


def test_the_check_finds_a_hand_typed_copy():
    nb = {"cells": [
        {"cell_type": "code", "source": "", "outputs": [
            {"output_type": "display_data", "metadata": {"scrapbook": {
                "name": "n", "mime_prefix": "application/papermill.record/"}},
             "data": {"application/papermill.record/text/plain": "10"}}]},
        {"cell_type": "markdown", "source": ["{glue:text}`n` of 19 events; 10 of 18 from 2011."]},
    ]}
    assert typed_copies(nb) == [(1, "10", "n")]
    nb["cells"][1]["source"] = ["{glue:text}`n` of 19, launched on 10 December 2008, in 2010.\n10. A question"]
    assert typed_copies(nb) == []
    nb["cells"][1]["source"] = ["{glue:text}`n` of 19 events, see {cite:p}`x10` and (fig-10)= ."]
    assert typed_copies(nb) == []
    nb["cells"][1]["source"] = ["{glue:text}`n` missions; MOFA counted 10 {cite:p}`m`. Step 10: check."]
    assert typed_copies(nb) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(REPO)))
def test_no_glued_number_is_typed_by_hand(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    found = typed_copies(nb)
    assert not found, "\n".join(
        f"{path.relative_to(REPO)}, Markdown cell {i}: the number {n} is typed, but the notebook glues it "
        f"as {name!r}: write {{glue:text}}`{name}` instead" for i, n, name in found)


# ------------------------------------------------------------------------------ the mutation test
def _run(notebook: Path, data: Path, monkeypatch) -> dict[str, str]:
    import nbformat
    from nbclient import NotebookClient

    monkeypatch.setenv("JESC_DATA_DIR", str(data))
    nb = nbformat.read(notebook, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(notebook.parent)}}).execute()
    return glued(nb)


def test_one_more_event_changes_the_glued_n_of_m(tmp_path, monkeypatch):
    before = glued(json.loads(MUTATED.read_text(encoding="utf-8")))
    assert before, (f"{MUTATED.relative_to(REPO)} glues nothing: its 'n of m' sentence on EU-framework "
                    "events must be glued (myst_nb.glue) so that it follows the data")
    scratch = tmp_path / "course"
    shutil.copytree(REPO / "data", scratch / "data", ignore=shutil.ignore_patterns("raw", "basemap"))
    shutil.copy(REPO / "references.bib", scratch / "references.bib")
    nb_copy = scratch / "chapters" / "eu" / MUTATED.name
    nb_copy.parent.mkdir(parents=True)
    shutil.copy(MUTATED, nb_copy)
    with open(scratch / "data" / "events.csv", "a", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerow(
            ["mutation-test-event", "2020-06", "A political EU event added by the mutation test",
             "Scratch row.", "Japan;EU", "EU", "political", "eu", "tsuruoka2010"])
    after = _run(nb_copy, scratch / "data", monkeypatch)
    changed = {k: (before[k], after.get(k)) for k in before if after.get(k) != before[k]}
    grew = [k for k, (a, b) in changed.items()
            if _as_number(a) is not None and b is not None and _as_number(b) == _as_number(a) + 1]
    assert grew, (f"{MUTATED.relative_to(REPO)}: one more EU political event from 2011 left every glued "
                  f"count as it was ({before}); the 'n of m' sentence does not follow the data")
