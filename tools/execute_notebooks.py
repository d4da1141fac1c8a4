"""Re-sync each notebook with its .nb.md twin and re-execute it in place (tools/sync-notebooks.sh).

Outputs are stored without per-cell timing metadata, so that re-running an unchanged notebook
leaves it unchanged in git.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def sync(path: Path) -> None:
    # --sync takes the newer of the pair as the source of the text and updates the other.
    subprocess.run([str(Path(sys.executable).with_name("jupytext")), "--quiet", "--sync", str(path)], check=True)


def execute(path: Path) -> None:
    sync(path)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=120, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    for cell in nb.cells:  # timings from an earlier tool
        cell.metadata.pop("execution", None)
    nbformat.write(nb, path)
    sync(path)


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        print(f"== {arg}", flush=True)
        execute(Path(arg))
