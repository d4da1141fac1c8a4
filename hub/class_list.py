"""The class list of the class hub: a CSV with a `username` column.

Read by hub/jupyterhub_config.py; tools/hub.sh runs this file first
(``python hub/class_list.py FILE``) so that a bad list stops the start with
its file and row before JupyterHub starts.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path


def read_class_list(path: Path) -> list[str]:
    """The user names of the class list; exits naming the file and row of
    the first problem."""
    with Path(path).open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if "username" not in (reader.fieldnames or []):
            sys.exit(f"error: {path}: no 'username' column "
                     f"(columns: {reader.fieldnames})")
        names: list[str] = []
        for number, row in enumerate(reader, start=2):
            name = (row["username"] or "").strip()
            if not name:
                sys.exit(f"error: {path}, row {number}: empty username")
            if name != name.lower() or any(ch in name for ch in "/ "):
                sys.exit(f"error: {path}, row {number}: username {name!r} "
                         "must be lower case, without spaces or '/'")
            if name in names:
                sys.exit(f"error: {path}, row {number}: username {name!r} "
                         "is given twice")
            names.append(name)
    if not names:
        sys.exit(f"error: {path}: the class list names nobody")
    return names


if __name__ == "__main__":
    print(f"Class list: {len(read_class_list(Path(sys.argv[1])))} users "
          f"({sys.argv[1]})")
