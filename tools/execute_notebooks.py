"""Re-sync each notebook with its .nb.md twin and re-execute it in place (tools/sync-notebooks.sh).

Before running, each notebook is stamped with what every notebook shares (``stamp``): the repository
URL of ``_config.yml`` (``repository.url``, its one home) in the hidden set-up cell's
``pip install git+...`` line, and a hidden first note on how to open the notebook in JupyterLab.
Outputs are stored without per-cell timing metadata, so that re-running an unchanged notebook
leaves it unchanged in git.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import yaml
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
# `pip install git+<url>` in a set-up cell; the URL ends at whitespace or a quote.
GIT_URL = re.compile(r"git\+https?://[^\s\"']+")
# The hidden markdown cell before the set-up cell (removed from the book by its remove-cell tag).
NOTE_TAG = "jupyter-note"  # also the cell's id, so that a stamp is the same every time
NOTE = ("In JupyterLab, a notebook that has not run yet shows its quizzes and other widgets as plain text\n"
        "(their saved HTML, stripped because the notebook is not trusted): choose Run ▸ Run All Cells to\n"
        "make them work, or trust the notebook (Trust Notebook in the command palette) to read the saved\n"
        "version as the book shows it.")


def repository_url(config: Path = ROOT / "_config.yml") -> str:
    """The course repository's URL, from ``repository.url`` of the book's configuration."""
    url = (yaml.safe_load(config.read_text(encoding="utf-8")).get("repository") or {}).get("url")
    if not url:
        raise SystemExit(f"{config}: no repository.url")
    return url.rstrip("/")


def is_setup_cell(cell) -> bool:
    return cell.cell_type == "code" and "remove-cell" in cell.metadata.get("tags", [])


def stamp(nb, url: str) -> bool:
    """Put ``url`` into every set-up cell and the JupyterLab note before the first; True if changed."""
    changed = False
    for cell in nb.cells:
        if is_setup_cell(cell):
            source = GIT_URL.sub(f"git+{url}", cell.source)
            changed |= source != cell.source
            cell.source = source
    notes = [c for c in nb.cells if c.cell_type == "markdown" and NOTE_TAG in c.metadata.get("tags", [])]
    if not notes:
        setup = next((i for i, c in enumerate(nb.cells) if is_setup_cell(c)), 0)
        notes = [nbformat.v4.new_markdown_cell(NOTE, metadata={"tags": ["remove-cell", NOTE_TAG]})]
        nb.cells.insert(setup, notes[0])
        changed = True
    with_ids = (nb.nbformat, nb.nbformat_minor) >= (4, 5)  # cell ids came with nbformat 4.5
    for cell in notes:
        changed |= cell.source != NOTE or (with_ids and cell.get("id") != NOTE_TAG)
        cell.source = NOTE
        if with_ids:
            cell.id = NOTE_TAG
    return changed


def sync(path: Path) -> None:
    # --sync takes the newer of the pair as the source of the text and updates the other.
    subprocess.run([str(Path(sys.executable).with_name("jupytext")), "--quiet", "--sync", str(path)], check=True)


def stamp_file(path: Path, url: str) -> None:
    """Sync the pair, stamp the .ipynb, and write the stamp back to its .nb.md twin."""
    sync(path)
    nb = nbformat.read(path, as_version=4)
    if stamp(nb, url):
        nbformat.write(nb, path)
        sync(path)


def execute(path: Path, url: str) -> None:
    stamp_file(path, url)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=120, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    for cell in nb.cells:  # timings from an earlier tool
        cell.metadata.pop("execution", None)
    nbformat.write(nb, path)
    sync(path)


if __name__ == "__main__":
    url = repository_url()
    args = sys.argv[1:]
    # --stamp-only: stamp and sync without running (e.g. after a fork changes repository.url).
    stamp_only = "--stamp-only" in args
    for arg in (a for a in args if a != "--stamp-only"):
        print(f"== {arg}", flush=True)
        (stamp_file if stamp_only else execute)(Path(arg), url)
