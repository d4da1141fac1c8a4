"""Every notebook has a MyST-Markdown twin with the same cells, and carries stored outputs."""

from __future__ import annotations

from pathlib import Path

import jupytext
import nbformat
import pytest

REPO = Path(__file__).resolve().parents[1]


NOTEBOOKS = sorted(p for folder in ("chapters", "exercises")
                   for p in (REPO / folder).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def cells(notebook):
    return [(c.cell_type, c.source.strip()) for c in notebook.cells]


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebook found under chapters/ or exercises/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(REPO)))
def test_pair_is_in_sync(path):
    twin = path.with_suffix(".nb.md")
    assert twin.is_file(), f"{twin.relative_to(REPO)} is missing: run tools/sync-notebooks.sh"
    stored = nbformat.read(path, as_version=4)
    text = jupytext.read(twin)
    assert cells(stored) == cells(text), (
        f"{path.relative_to(REPO)} and its .nb.md twin differ: edit one, then run tools/sync-notebooks.sh")
    assert stored.metadata.get("jupytext", {}).get("formats") == "ipynb,.nb.md:myst"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(REPO)))
def test_notebook_was_executed_in_order(path):
    """Outputs are stored, from one top-to-bottom run (execution counts 1, 2, 3, ...)."""
    code = [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
    counts = [c.get("execution_count") for c in code]
    assert counts == list(range(1, len(code) + 1)), (
        f"{path.relative_to(REPO)}: execution counts {counts}; re-execute with tools/sync-notebooks.sh")
