"""Graded exercises: make the student version of an exercise notebook, and grade submissions.

An exercise notebook (the instructor's *key*, in ``exercises/assignments/``) marks its cells:

* a **solution cell** has the tag ``solution`` and ``metadata.jesc.exercise`` (the exercise id).
  Its lines between ``# BEGIN SOLUTION`` and ``# END SOLUTION`` are the model answer. In the
  student version they are replaced by the block's ``# STUDENT:`` lines (without that prefix), or
  by ``...  # your answer here`` when there are none.
* a **grader cell** has the tag ``grader`` and ``metadata.jesc`` = ``{exercise: <id>, points: <n>}``:
  hidden checks (``assert`` statements) that the student version leaves out and the autograder runs
  after the student's own cells.

Command line::

    python -m jesc.grading student exercises/assignments/<name>.ipynb -o <folder>
    python -m jesc.grading grade exercises/assignments/<name>.ipynb <submission.ipynb> ... [--csv grades.csv]

Student code runs in a Jupyter kernel with the grader's rights: grade untrusted work in a sandbox.
"""

from __future__ import annotations

import argparse
import copy
import csv
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from jesc.errors import GradingError

BEGIN, END, STUDENT = "# BEGIN SOLUTION", "# END SOLUTION", "# STUDENT:"
PLACEHOLDER = "...  # your answer here"


@dataclass(frozen=True)
class GraderCell:
    exercise: str
    points: float
    source: str


@dataclass
class ExerciseResult:
    exercise: str
    points: float
    possible: float
    messages: list[str] = field(default_factory=list)


@dataclass
class GradeReport:
    submission: str
    results: list[ExerciseResult]

    @property
    def points(self) -> float:
        return sum(r.points for r in self.results)

    @property
    def possible(self) -> float:
        return sum(r.possible for r in self.results)

    def as_text(self) -> str:
        lines = [f"{self.submission}: {self.points:g} / {self.possible:g}"]
        for r in self.results:
            lines.append(f"  {r.exercise}: {r.points:g} / {r.possible:g}"
                         + ("".join(f"\n    - {m}" for m in r.messages)))
        return "\n".join(lines)


def _read(path: Path) -> nbformat.NotebookNode:
    try:
        return nbformat.read(path, as_version=4)
    except FileNotFoundError:
        raise GradingError(f"{path}: no such notebook") from None
    except Exception as exc:  # nbformat raises several kinds for a file that is not a notebook
        raise GradingError(f"{path}: not a readable Jupyter notebook ({type(exc).__name__}: {exc})") from None


def _meta(path: Path, index: int, cell) -> dict:
    meta = cell.get("metadata", {}).get("jesc", {})
    if not isinstance(meta, dict):
        raise GradingError(f"{path}, cell {index}: metadata 'jesc' must be a mapping, got {meta!r}")
    return meta


def _tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def grader_cells(path: Path, nb=None) -> list[GraderCell]:
    """The grader cells of a key, checked: each names an exercise and a positive number of points."""
    nb = nb if nb is not None else _read(path)
    cells = []
    for index, cell in enumerate(nb.cells):
        if "grader" not in _tags(cell):
            continue
        meta = _meta(path, index, cell)
        exercise, points = meta.get("exercise"), meta.get("points")
        if not isinstance(exercise, str) or not exercise:
            raise GradingError(f"{path}, cell {index}: a grader cell needs metadata jesc.exercise (a name)")
        if isinstance(points, bool) or not isinstance(points, (int, float)) or points <= 0:
            raise GradingError(f"{path}, cell {index} (exercise {exercise!r}): jesc.points must be a "
                               f"positive number, got {points!r}")
        cells.append(GraderCell(exercise, float(points), cell.source))
    if not cells:
        raise GradingError(f"{path}: no grader cell (tag 'grader'), so there is nothing to grade")
    return cells


def strip_solution(path: Path, index: int, exercise: str, source: str) -> str:
    """The student's version of a solution cell's source."""
    out, inside, scaffold = [], False, []
    for number, line in enumerate(source.splitlines(), start=1):
        marker = line.strip()
        if marker == BEGIN:
            if inside:
                raise GradingError(f"{path}, cell {index} (exercise {exercise!r}), line {number}: "
                                   f"{BEGIN!r} inside an open solution block")
            inside, scaffold = True, []
            indent = line[: len(line) - len(line.lstrip())]
        elif marker == END:
            if not inside:
                raise GradingError(f"{path}, cell {index} (exercise {exercise!r}), line {number}: "
                                   f"{END!r} without {BEGIN!r}")
            out.extend(scaffold or [indent + PLACEHOLDER])
            inside = False
        elif inside:
            if marker.startswith(STUDENT):
                scaffold.append(indent + marker[len(STUDENT):].strip())
        else:
            out.append(line)
    if inside:
        raise GradingError(f"{path}, cell {index} (exercise {exercise!r}): {BEGIN!r} is never closed "
                           f"by {END!r}")
    return "\n".join(out)


def student_version(path: Path) -> nbformat.NotebookNode:
    """The notebook a student receives: no model answers, no grader cells, no outputs."""
    path = Path(path)
    key = _read(path)
    graded = {c.exercise for c in grader_cells(path, key)}
    student = copy.deepcopy(key)
    student.cells = []
    solved = set()
    for index, cell in enumerate(key.cells):
        tags = _tags(cell)
        if "grader" in tags:
            continue
        cell = copy.deepcopy(cell)
        if "solution" in tags:
            exercise = _meta(path, index, cell).get("exercise")
            if exercise not in graded:
                raise GradingError(f"{path}, cell {index}: solution cell for exercise {exercise!r}, "
                                   f"which no grader cell grades (graded: {sorted(graded)})")
            if BEGIN not in cell.source:
                raise GradingError(f"{path}, cell {index} (exercise {exercise!r}): a solution cell "
                                   f"needs a {BEGIN!r} ... {END!r} block")
            cell.source = strip_solution(path, index, exercise, cell.source)
            solved.add(exercise)
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        student.cells.append(cell)
    if graded - solved:
        raise GradingError(f"{path}: exercises {sorted(graded - solved)} have grader cells but no "
                           f"solution cell")
    student.metadata.pop("jupytext", None)
    student.metadata.pop("widgets", None)
    student.metadata["jesc"] = {"student_version_of": path.name}
    return student


def write_student_version(path: Path, folder: Path) -> Path:
    out = Path(folder) / Path(path).name
    out.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(student_version(path), out)
    return out


def grade(key_path: Path, submission_path: Path, timeout: int = 60) -> GradeReport:
    """Run a submission, then the key's grader cells in the same kernel; score each exercise."""
    from nbclient import NotebookClient

    key_path, submission_path = Path(key_path), Path(submission_path)
    graders = grader_cells(key_path)
    submission = _read(submission_path)
    run = nbformat.v4.new_notebook(metadata=copy.deepcopy(submission.metadata))
    run.cells = [nbformat.v4.new_code_cell(c.source) for c in submission.cells if c.cell_type == "code"]
    first_grader = len(run.cells)
    run.cells += [nbformat.v4.new_code_cell(g.source) for g in graders]
    # allow_errors: a student's failing cell must not stop the grading of the other exercises.
    client = NotebookClient(run, timeout=timeout, allow_errors=True, kernel_name="python3",
                            resources={"metadata": {"path": str(key_path.parent)}})
    client.execute()

    results: dict[str, ExerciseResult] = {}
    for grader, cell in zip(graders, run.cells[first_grader:]):
        result = results.setdefault(grader.exercise, ExerciseResult(grader.exercise, 0.0, 0.0))
        result.possible += grader.points
        errors = [o for o in cell.outputs if o.get("output_type") == "error"]
        if errors:
            detail = errors[0].get("evalue") or errors[0].get("ename")
            result.messages.append(f"{errors[0].get('ename')}: {detail}")
        else:
            result.points += grader.points
    return GradeReport(str(submission_path), list(results.values()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m jesc.grading", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    student = commands.add_parser("student", help="write the student version of exercise notebooks")
    student.add_argument("keys", nargs="+", type=Path)
    student.add_argument("-o", "--out", type=Path, default=Path("_build/student"))
    grading = commands.add_parser("grade", help="grade submissions against a key")
    grading.add_argument("key", type=Path)
    grading.add_argument("submissions", nargs="+", type=Path)
    grading.add_argument("--csv", type=Path, help="also write one row per submission and exercise")
    args = parser.parse_args(argv)
    try:
        if args.command == "student":
            for key in args.keys:
                print(f"wrote {write_student_version(key, args.out)}")
            return 0
        reports = [grade(args.key, s) for s in args.submissions]
    except GradingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for report in reports:
        print(report.as_text())
    if args.csv:
        with open(args.csv, "w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["submission", "exercise", "points", "possible", "messages"])
            for report in reports:
                for r in report.results:
                    writer.writerow([report.submission, r.exercise, r.points, r.possible, " | ".join(r.messages)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
