"""A class's submissions as a learning platform gives them: one entry per student.

Three layouts are read, sub-folders included (``__MACOSX/`` and names starting with ``.`` are
the zip tool's and the system's, not submissions, and are left out):

* **Moodle**, "Download all submissions" with the folder option (the default): one folder per
  submission, ``<Full Name>_<participant id>_assignsubmission_file_/`` holding the files as the
  student named them; with the option off, flat files
  ``<Full Name>_<participant id>_assignsubmission_file_<file name>``. The id is Moodle's
  participant id of the assignment, not the student's ID number.
* **Canvas**, "Download Submissions": flat files
  ``<lastnamefirstname>[_LATE]_<user id>_<attachment id>_<file name>`` (the name in lower case
  without spaces; ``_LATE`` marks a late hand-in).
* **Plain**: any other file is a submission of its own, named by its file name (and any other
  folder is one student's, named by the folder).

Every file is accounted for: a student's notebook is graded, every other file is listed in the
row (a PDF, a second notebook), and a student with no notebook gets a row saying so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from jesc.errors import GradingError

MOODLE_FOLDER = re.compile(r"^(?P<name>.+?)_(?P<id>\d+)_assignsubmission_(?P<plugin>[a-z]+)_$")
MOODLE_FILE = re.compile(r"^(?P<name>.+?)_(?P<id>\d+)_assignsubmission_(?P<plugin>[a-z]+)_"
                         r"(?P<file>.+)$")
CANVAS_FILE = re.compile(r"^(?P<name>[a-z0-9-]+?)(?P<late>_LATE)?_(?P<id>\d+)_(?P<attachment>\d+)"
                         r"_(?P<file>.+)$")
IGNORED = ("__MACOSX",)


@dataclass
class Entry:
    """One student's hand-in: the notebook to grade (or None), the other files, and notes."""

    key: str                      # the row's name: the folder or file name as downloaded
    student: str = ""             # the student's name as the platform wrote it
    student_id: str = ""          # the platform's id (Moodle participant id, Canvas user id)
    layout: str = "plain"         # moodle, canvas or plain
    notebook: Path | None = None
    others: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    late: bool = False


def _files(folder: Path) -> list[Path]:
    found = []
    for path in sorted(folder.rglob("*")):
        parts = path.relative_to(folder).parts
        if any(p.startswith(".") or p in IGNORED for p in parts) or not path.is_file():
            continue
        found.append(path)
    return found


def collect(folder: str | Path, assignment: str | None = None) -> list[Entry]:
    """Every student's entry in a downloaded folder, in the order of their names."""
    folder = Path(folder)
    if not folder.is_dir():
        raise GradingError(f"{folder}: not a folder of submissions")
    files = _files(folder)
    if not files:
        raise GradingError(f"{folder}: no submission in it (sub-folders searched)")
    entries: dict[str, Entry] = {}
    for path in files:
        relative = path.relative_to(folder)
        top = relative.parts[0]
        if len(relative.parts) > 1:
            # A sub-folder: one student's (Moodle's folder, or any named folder).
            match = MOODLE_FOLDER.match(top)
            entry = entries.setdefault(top, Entry(top))
            if match:
                entry.student, entry.student_id = match["name"], match["id"]
                entry.layout = "moodle"
            else:
                entry.student = entry.student or top
            _add(entry, path, "/".join(relative.parts[1:]))
            continue
        name = path.name
        moodle, canvas = MOODLE_FILE.match(name), CANVAS_FILE.match(name)
        if moodle:
            key = f"{moodle['name']}_{moodle['id']}"
            entry = entries.setdefault(key, Entry(key, moodle["name"], moodle["id"], "moodle"))
            _add(entry, path, moodle["file"])
        elif canvas:
            key = f"{canvas['name']}_{canvas['id']}"
            entry = entries.setdefault(key, Entry(key, canvas["name"], canvas["id"], "canvas"))
            entry.late = entry.late or bool(canvas["late"])
            _add(entry, path, canvas["file"])
        else:
            entry = entries.setdefault(name, Entry(name, Path(name).stem))
            _add(entry, path, name)
    for entry in entries.values():
        _choose(entry, assignment)
    return sorted(entries.values(), key=lambda e: (e.student.lower(), e.key))


def _add(entry: Entry, path: Path, shown: str) -> None:
    entry.others.append(str(path))
    entry.notes.append(shown)


def _choose(entry: Entry, assignment: str | None) -> None:
    """Pick the entry's notebook among its files; list the rest; say what was chosen and why."""
    paths = [Path(p) for p in entry.others]
    shown = dict(zip(entry.others, entry.notes))
    entry.others, entry.notes = [], []
    notebooks = [p for p in paths if p.suffix.lower() == ".ipynb"]
    if len(notebooks) > 1 and assignment:
        named = [p for p in notebooks if shown[str(p)].endswith(f"{assignment}.ipynb")]
        chosen = named[-1] if named else notebooks[-1]
    else:
        chosen = notebooks[-1] if notebooks else None
    if len(notebooks) > 1:
        entry.notes.append(f"{len(notebooks)} notebooks handed in "
                           f"({', '.join(shown[str(p)] for p in notebooks)}); graded "
                           f"{shown[str(chosen)]}")
    entry.notebook = chosen
    entry.others = [shown[str(p)] for p in paths if p != chosen]
    if chosen is None:
        if len(paths) == 1 and entry.layout == "plain" and paths[0].name == entry.key:
            # A plain file that is not named .ipynb: still read, so a renamed notebook is graded
            # and anything else is reported as what it is.
            entry.notebook, entry.others = paths[0], []
        else:
            entry.notes.append("no notebook (.ipynb) handed in; files: "
                               + ", ".join(shown[str(p)] for p in paths))
    if entry.late:
        entry.notes.append("handed in late (Canvas marked the file _LATE)")
