"""Where the course's files are: the data package and the bibliography.

For an editable install (the normal case: ``pip install -e .``) the data directory is the repository's ``data/``
(``src/jesc/../../data``). Elsewhere set the environment variable ``JESC_DATA_DIR``; it takes precedence.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def data_dir() -> Path:
    """The directory holding ``datapackage.json`` and the CSV tables."""
    env = os.environ.get("JESC_DATA_DIR")
    return Path(env).resolve() if env else REPO_ROOT / "data"


def bib_path() -> Path:
    """``references.bib``: next to the data directory (the repository root)."""
    return data_dir().parent / "references.bib"
