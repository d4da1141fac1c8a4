"""An assignment's source notebook (Otter's format): its questions, points, answer key,
plausible mistakes, and ``assign`` (Otter makes the student version and the autograder)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from jesc.errors import GradingError

#: Where ``assign`` writes unless told otherwise (ignored by git and by the book build).
BUILD_DIR = Path("_build") / "assignments"


@dataclass(frozen=True)
class Question:
    name: str
    points: float
    manual: bool  # graded by hand (an essay): no tests


def source_notebook(assignment: str | Path) -> Path:
    """The source notebook of an assignment folder (or of the notebook path itself)."""
    path = Path(assignment)
    notebook = path if path.suffix == ".ipynb" else path / f"{path.name}.ipynb"
    if not notebook.is_file():
        raise GradingError(f"{assignment}: no assignment notebook {notebook} (an assignment is a "
                           f"folder <name>/ holding <name>.ipynb)")
    return notebook


#: An essay's heading in an assignment notebook: "## Question 5 (4 points, graded by hand)".
ESSAY_HEADING = re.compile(r"^#+\s*Question\s+(?P<number>\d+)\b(?P<rest>.*graded by hand.*)$",
                           re.I)
POINTS = re.compile(r"(?P<points>\d+(?:\.\d+)?)\s+points?\b")


def questions(notebook: str | Path) -> list[Question]:
    """Every question of a source notebook, in order, with its points: Otter's questions
    (``manual: true`` ones graded by hand) and then the essays, which are Markdown headings
    ``## Question N (K points, graded by hand)`` named ``essay_N``."""
    import nbformat
    import yaml

    found = []
    nb = nbformat.read(source_notebook(notebook), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "raw" and cell.source.lstrip().startswith("# BEGIN QUESTION"):
            config = yaml.safe_load(cell.source) or {}
            found.append(Question(str(config.get("name")), float(config.get("points") or 0),
                                  bool(config.get("manual"))))
    for name, heading in essay_headings(nb).items():
        points = POINTS.search(heading)
        if points is None:
            raise GradingError(f"{notebook}: the essay heading {heading!r} gives no points "
                               f"(write '(4 points, graded by hand)')")
        found.append(Question(name, float(points["points"]), True))
    return found


def essay_headings(nb) -> dict[str, str]:
    """``{essay_N: heading line}`` of a notebook's essays, in order."""
    found = {}
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            match = ESSAY_HEADING.match(line.strip())
            if match:
                found[f"essay_{match['number']}"] = line.strip().lstrip("#").strip()
    return found


def question_names(notebook: str | Path, manual: bool = False) -> list[str]:
    """The names of the auto-graded questions of a source notebook, in order; with ``manual=True``,
    also those graded by hand (``manual: true``, an essay: no tests, no ``grader.check`` cell)."""
    return [q.name for q in questions(notebook) if manual or not q.manual]


def assign(assignment: str | Path, out: str | Path | None = None) -> Path:
    """Run ``otter assign``: the student version in ``out/student``, the autograder in
    ``out/autograder`` (default ``_build/assignments/<name>``); returns ``out``."""
    from otter.assign import main as otter_assign

    notebook = source_notebook(assignment).resolve()
    out = Path(out) if out is not None else BUILD_DIR / notebook.stem
    out = out.resolve()
    otter_assign(str(notebook), str(out), no_pdfs=True, no_run_tests=True)
    autograder_zip(out)  # fails clearly if Otter made no autograder
    _guard_untouched_displays(out / "student" / notebook.name)
    return out


#: ``round(name, 1)`` alone on a line: the display of an answer, which raises on ``...``.
_DISPLAY = re.compile(r"^round\((\w+), (\d+)\)$")


def _guard_untouched_displays(student: Path) -> None:
    """In the student version, a bare ``round(x, 1)`` below ``x = ...`` shows ``x`` unrounded
    while it is still ``...``, so that Run All goes past an untouched question."""
    import nbformat

    if not student.is_file():
        return
    nb = nbformat.read(student, as_version=4)
    changed = False
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        placeholders = set(re.findall(r"^(\w+)\s*=\s*\.\.\.", cell.source, re.M))
        lines = cell.source.splitlines()
        for index, line in enumerate(lines):
            match = _DISPLAY.match(line.strip())
            if match and match.group(1) in placeholders:
                name, digits = match.groups()
                lines[index] = f"{name} if {name} is ... else round({name}, {digits})"
                changed = True
        cell.source = "\n".join(lines)
    if changed:
        nbformat.write(nb, student)


def autograder_zip(out: str | Path) -> Path:
    """The autograder zip that ``assign`` wrote into ``out``."""
    zips = sorted((Path(out) / "autograder").glob("*.zip"))
    if len(zips) != 1:
        raise GradingError(f"{out}/autograder: expected one autograder zip, found "
                           f"{[z.name for z in zips]} (run the assign command first)")
    return zips[0]


def plausible_mistakes(assignment: str | Path) -> dict[str, list[dict]]:
    """``mistakes.yml`` of an assignment folder, checked: question -> [{name, code, feedback}]."""
    import yaml

    notebook = source_notebook(assignment)
    path = notebook.parent / "mistakes.yml"
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise GradingError(f"{path}: not valid YAML ({exc})") from None
    if not isinstance(data, dict):
        raise GradingError(f"{path}: expected a mapping of question names to lists of mistakes")
    known = set(question_names(notebook))
    for question, mistakes in data.items():
        if question not in known:
            raise GradingError(f"{path}: question {question!r} is not in {notebook.name} "
                               f"(its questions: {sorted(known)})")
        if not isinstance(mistakes, list) or not mistakes:
            raise GradingError(f"{path}, question {question!r}: expected a list of mistakes")
        for number, mistake in enumerate(mistakes, start=1):
            if not isinstance(mistake, dict) or set(mistake) != {"name", "code", "feedback"} \
                    or not all(isinstance(v, str) and v.strip() for v in mistake.values()):
                raise GradingError(f"{path}, question {question!r}, mistake {number}: needs "
                                   f"exactly the keys name, code and feedback, each a text")
    return data


def answer_cell(nb, question: str):
    """The student's answer cell of ``question`` in a generated notebook (student or solution):
    the last code cell before ``grader.check("<question>")``."""
    check = f'grader.check("{question}")'
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and cell.source.strip() == check:
            for before in reversed(nb.cells[:index]):
                if before.cell_type == "code":
                    return before
    raise GradingError(f"no answer cell for question {question!r} (no cell {check})")


def answer_key(assignment: str | Path) -> str:
    """Each question's name, points and model answer (the source's solution cells, as written)."""
    import nbformat
    import yaml

    notebook = source_notebook(assignment)
    nb = nbformat.read(notebook, as_version=4)
    lines = [f"Answer key: {notebook}"]
    block, question = None, None
    for cell in nb.cells:
        first = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
        if cell.cell_type == "raw" and first.startswith("# BEGIN QUESTION"):
            question = yaml.safe_load(cell.source) or {}
            points = question.get("points", "")
            lines.append(f"\n{question.get('name')} ({points} points)")
        elif cell.cell_type == "raw" and first.startswith("# BEGIN SOLUTION"):
            block = "solution"
        elif cell.cell_type == "raw" and first.startswith("# END SOLUTION"):
            block = None
        elif block == "solution" and question is not None:
            code = [re.sub(r"\s*# SOLUTION( NO PROMPT)?$", "", line)
                    for line in cell.source.splitlines()
                    if not re.fullmatch(r"\s*# (BEGIN|END) SOLUTION( NO PROMPT)?", line)]
            lines.append("    " + "\n    ".join(code))
            for output in cell.get("outputs", []):
                text = output.get("data", {}).get("text/plain") or output.get("text")
                if text:
                    lines.append("    # -> " + "".join(text).replace("\n", "\n    #    "))
    if question is None:
        raise GradingError(f"{notebook}: no '# BEGIN QUESTION' cell, so no answer key")
    return "\n".join(lines)
