"""What every chapter notebook looks like to a reader (issue 17): visible imports, code that fits.

The tests scan every notebook found under chapters/, so a part that lands later is held to the same rules.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[1]
CHAPTERS = sorted(p for p in (REPO / "chapters").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
ALL_NOTEBOOKS = sorted(p for folder in ("chapters", "exercises")
                       for p in (REPO / folder).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
MAX_COLUMNS = 79
PRIMER = "intro-using-the-book"
HIDDEN = {"remove-cell", "remove-input", "hide-input", "hide-cell"}
IMPORT = re.compile(r"^\s*(import|from)\s+\S+", re.M)


def rel(path: Path) -> str:
    return str(path.relative_to(REPO))


def code_cells(path: Path):
    return [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def tags(cell) -> set[str]:
    return set(cell.metadata.get("tags", []))


def test_there_are_chapter_notebooks():
    assert CHAPTERS, "no notebook found under chapters/"


@pytest.mark.parametrize("path", CHAPTERS, ids=rel)
def test_hidden_setup_cell_only_installs(path):
    """The hidden first cell installs the package on Colab/Binder and imports nothing a reader needs."""
    first = code_cells(path)[0]
    assert "remove-cell" in tags(first), f"{rel(path)}: the first code cell must be the hidden install cell"
    imports = [m.group(0).strip() for m in IMPORT.finditer(first.source)
               if m.group(0).split()[1] != "importlib.util"]
    assert not imports, (f"{rel(path)}: the hidden set-up cell imports {imports}; move the imports to a "
                         "visible cell after the title, so that code a student copies runs")


@pytest.mark.parametrize("path", CHAPTERS, ids=rel)
def test_imports_are_visible_and_link_the_primer(path):
    nb = nbformat.read(path, as_version=4)
    visible = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and not tags(c) & HIDDEN]
    assert visible, f"{rel(path)}: no visible code cell"
    first = nb.cells[visible[0]]
    assert IMPORT.search(first.source) and "jesc" in first.source, (
        f"{rel(path)}: the first visible code cell must import what the page uses (jesc, pandas, ...)")
    before = "\n".join(c.source for c in nb.cells[:visible[0]] if c.cell_type == "markdown")
    if path.stem != "using-the-book":
        assert PRIMER in before, (f"{rel(path)}: the text before the first visible code cell must link to "
                                  f"the pandas primer ({{ref}}`{PRIMER}`)")


def long_lines(path: Path):
    for number, cell in enumerate(code_cells(path), start=1):
        for line_no, line in enumerate(cell.source.splitlines(), start=1):
            if len(line) > MAX_COLUMNS:
                yield f"{rel(path)}: code cell {number}, line {line_no}: {len(line)} characters: {line[:60]}..."


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=rel)
def test_code_lines_fit_79_columns(path):
    offenders = list(long_lines(path))
    assert not offenders, "code lines over 79 characters:\n" + "\n".join(offenders)
