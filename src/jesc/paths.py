"""Where the course's files are: the data package, the quizzes and the bibliography.

For an editable install (the normal case: ``pip install -e .``) they are the repository's own files
(``src/jesc/../../data`` and so on). A wheel (``pip install git+...``, as in Colab) carries copies in
``jesc/_course/``. The environment variable ``JESC_DATA_DIR`` overrides the data directory.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parents[1]
# The folder holding data/, exercises/quizzes/ and references.bib.
REPO_ROOT = _CHECKOUT if (_CHECKOUT / "data" / "datapackage.json").is_file() else _PACKAGE / "_course"


def data_dir() -> Path:
    """The directory holding ``datapackage.json`` and the CSV tables."""
    env = os.environ.get("JESC_DATA_DIR")
    return Path(env).resolve() if env else REPO_ROOT / "data"


def bib_path() -> Path:
    """``references.bib``: next to the data directory (the repository root)."""
    return data_dir().parent / "references.bib"


def display_path(p: Path) -> str:
    """``p`` as error messages name it: relative to the course's folder when it is inside it."""
    try:
        return p.resolve().relative_to(REPO_ROOT).as_posix()
    except ValueError:
        return str(p)
