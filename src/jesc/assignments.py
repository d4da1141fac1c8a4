"""Graded assignments on Otter-Grader: the thin glue that Otter does not give.

An assignment is a folder ``exercises/assignments/<name>/`` holding one source notebook in Otter's
assignment format (``<name>.ipynb`` + its ``.nb.md`` twin) and, optionally, ``mistakes.yml``
(see ``exercises/assignments/README.md``). Otter makes the student version and the autograder
(``otter assign``) and grades a submission without Docker (``otter.api.grade_submission``).
This module adds:

* for students, ``self_check(name)``: the ``grader`` of the notebook's set-up cell; it finds the
  public tests in a renamed copy or on Colab, or says plainly why it cannot;
* for test authors, ``whole_number`` and ``counts_by_label``: type and shape checks that come
  before any comparison of values, so that an object whose ``==`` always answers True fails;
* for instructors, a command line::

    python -m jesc.assignments assign exercises/assignments/<name> [-o DIR]
    python -m jesc.assignments grade exercises/assignments/<name> SUBMISSIONS/ --csv grades.csv \\
        [--feedback DIR] [--jobs N]
    python -m jesc.assignments key exercises/assignments/<name>

  ``grade`` writes one CSV row per submission (a score per question and the failed tests'
  messages), also for a file that is not a notebook; it reports a cell that raised by its own
  error and a deleted question by name; ``--feedback`` writes, per submission, a text file for the
  student that shows public test results only.

Otter runs student code in the grader's own Python environment, with the grader's rights: grade
untrusted work on a machine or hub account that holds nothing else.
"""

from __future__ import annotations

import argparse
import csv
import json
import numbers
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from jesc.errors import GradingError

#: Where ``assign`` writes unless told otherwise (ignored by git and by the book build).
BUILD_DIR = Path("_build") / "assignments"

# ------------------------------------------------------------------------------ checks for tests
def whole_number(value, name: str) -> int:
    """``value`` as a plain ``int``, or an ``AssertionError`` naming ``name`` and what it is.

    Only exact types pass (``int`` or a NumPy integer, no subclass): a subclass could make ``==``
    always answer True."""
    import numpy as np

    if value is None:
        raise AssertionError(f"{name} is not defined: run the cell that sets it")
    if value is Ellipsis:
        raise AssertionError(f"{name} is still ...: replace ... with your answer")
    exact = {int, np.int8, np.int16, np.int32, np.int64,
             np.uint8, np.uint16, np.uint32, np.uint64}
    if type(value) not in exact:
        raise AssertionError(f"{name} should be a whole number (an int), "
                             f"not a {type(value).__name__}")
    return int(value)


def counts_by_label(series, name: str) -> list[tuple[int, int]]:
    """A pandas Series of whole numbers indexed by whole numbers, as ``(label, count)`` pairs."""
    import pandas as pd

    if series is None:
        raise AssertionError(f"{name} is not defined: run the cell that sets it")
    if series is Ellipsis:
        raise AssertionError(f"{name} is still ...: replace ... with your answer")
    if type(series) is not pd.Series:
        raise AssertionError(f"{name} should be a pandas Series, not a {type(series).__name__}")
    pairs = []
    for label, count in zip(pd.Series.to_list(series.index.to_series()),
                            pd.Series.to_list(series)):
        if not isinstance(label, numbers.Integral) or isinstance(label, bool):
            raise AssertionError(f"the index of {name} should hold whole numbers (years), "
                                 f"found {label!r}")
        if not isinstance(count, numbers.Integral) or isinstance(count, bool):
            raise AssertionError(f"the values of {name} should be counts (whole numbers), "
                                 f"found {count!r}")
        pairs.append((int(label), int(count)))
    return pairs


# ------------------------------------------------------------------------------------ students
class _NoChecks:
    """Stands in for Otter's ``grader`` when the public tests cannot be found."""

    def __init__(self, message: str):
        self.message = message

    def check(self, question: str, *args, **kwargs):
        print(f"Cannot check {question!r}: {self.message}")

    def check_all(self, *args, **kwargs):
        print(f"Cannot check this notebook: {self.message}")


def _colab_notebook():
    """The running notebook's JSON on Google Colab (where it is not a file), else None."""
    try:
        from google.colab import _message  # type: ignore[import-not-found]
    except ImportError:
        return None
    reply = _message.blocking_request("get_ipynb", timeout_sec=30)
    return (reply or {}).get("ipynb")


def _assignment_name(nb) -> str | None:
    return (nb.get("metadata", {}).get("otter") or {}).get("assignment_name")


def self_check(name: str, folder: str | Path = "."):
    """The ``grader`` object of an assignment's set-up cell: ``grader.check("question")``.

    Otter keeps the public tests in the notebook's metadata and finds them by the notebook's file
    name. This finds them also in a renamed copy (the one notebook of ``folder`` made for this
    assignment) and on Colab (which gives the notebook over its own API), writes them to a
    temporary tests folder that Otter reads, and otherwise says plainly what to do.
    """
    folder = Path(folder)
    expected = folder / f"{name}.ipynb"
    nb = None
    if expected.is_file():
        nb = json.loads(expected.read_text(encoding="utf-8"))
    else:
        nb = _colab_notebook()
        if nb is None:
            copies = []
            for path in sorted(folder.glob("*.ipynb")):
                try:
                    candidate = json.loads(path.read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    continue
                if _assignment_name(candidate) == name:
                    copies.append((path, candidate))
            if len(copies) == 1:
                nb = copies[0][1]
            else:
                found = ", ".join(p.name for p, _ in copies) or "none"
                message = (f"the checks of assignment {name!r} are stored in the notebook "
                           f"{name}.ipynb, and no file of that name is in {folder.resolve()} "
                           f"(copies of this assignment found there: {found}). Rename your "
                           f"notebook to {name}.ipynb, keep only one copy in the folder, and "
                           f"run this cell again.")
                print(message)
                return _NoChecks(message)
    tests = (nb.get("metadata", {}).get("otter") or {}).get("tests") or {}
    tests_dir = Path(tempfile.mkdtemp(prefix=f"{name}-checks-"))
    for question, source in tests.items():
        if not isinstance(source, str):
            source = json.dumps(source)
        (tests_dir / f"{question}.py").write_text(source, encoding="utf-8")
    import otter

    return otter.Notebook(tests_dir=str(tests_dir))


# ---------------------------------------------------------------------------------- instructors
def source_notebook(assignment: str | Path) -> Path:
    """The source notebook of an assignment folder (or of the notebook path itself)."""
    path = Path(assignment)
    if path.suffix == ".ipynb":
        notebook = path
    else:
        notebook = path / f"{path.name}.ipynb"
    if not notebook.is_file():
        raise GradingError(f"{assignment}: no assignment notebook {notebook} (an assignment is a "
                           f"folder <name>/ holding <name>.ipynb)")
    return notebook


def assign(assignment: str | Path, out: str | Path | None = None) -> Path:
    """Run ``otter assign``: the student version in ``out/student``, the autograder in
    ``out/autograder`` (default ``_build/assignments/<name>``); returns ``out``."""
    from otter.assign import main as otter_assign

    notebook = source_notebook(assignment).resolve()
    out = Path(out) if out is not None else BUILD_DIR / notebook.stem
    out = out.resolve()
    otter_assign(str(notebook), str(out), no_pdfs=True, no_run_tests=True)
    autograder_zip(out)  # fails clearly if Otter made no autograder
    return out


def autograder_zip(out: str | Path) -> Path:
    """The autograder zip that ``assign`` wrote into ``out``."""
    zips = sorted((Path(out) / "autograder").glob("*.zip"))
    if len(zips) != 1:
        raise GradingError(f"{out}/autograder: expected one autograder zip, found "
                           f"{[z.name for z in zips]} (run the assign command first)")
    return zips[0]


@dataclass
class TestResult:
    question: str
    name: str
    hidden: bool
    points: float
    passed: bool
    message: str


@dataclass
class Graded:
    """One submission's grade, in plain data (no Otter objects): what the CSV and feedback use."""

    submission: str
    scores: dict[str, float] = field(default_factory=dict)
    possible: dict[str, float] = field(default_factory=dict)
    tests: list[TestResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def total(self) -> float:
        return sum(self.scores.values())

    def failed_messages(self) -> list[str]:
        """``question (test, hidden|public): message`` for each failed test, for the instructor."""
        return [f"{t.question} ({t.name}, {'hidden' if t.hidden else 'public'}): "
                f"{_last_line(t.message)}" for t in self.tests if not t.passed]


def _last_line(message: str) -> str:
    lines = [line.strip() for line in (message or "").strip().splitlines() if line.strip()]
    return lines[-1] if lines else "failed"


def _read_submission(path: Path):
    """The submission as a notebook, or a GradingError saying why it is not one."""
    import nbformat

    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise GradingError(f"{path.name}: not a Jupyter notebook (not UTF-8 text: {exc})") from None
    try:
        json.loads(text)
    except ValueError as exc:
        raise GradingError(f"{path.name}: not a Jupyter notebook (not valid JSON: {exc}); "
                           f"ask the student to hand in the .ipynb file again") from None
    try:
        return nbformat.reads(text, as_version=4)
    except Exception as exc:  # nbformat raises several kinds for JSON that is not a notebook
        raise GradingError(f"{path.name}: valid JSON but not a Jupyter notebook "
                           f"({type(exc).__name__}: {exc})") from None


def grade_one(submission: str | Path, autograder: str | Path) -> Graded:
    """Grade one submission with Otter (no Docker); never raises for a bad submission."""
    submission = Path(submission)
    graded = Graded(submission.name)
    try:
        nb = _read_submission(submission)
    except GradingError as exc:
        graded.problems.append(str(exc))
        return graded
    from otter.api import grade_submission

    try:
        results = grade_submission(str(submission.resolve()), str(Path(autograder).resolve()),
                                   quiet=True)
    except Exception as exc:  # Otter stops with a traceback; the folder goes on
        graded.problems.append(f"{submission.name}: Otter could not grade it "
                               f"({type(exc).__name__}: {exc})")
        return graded
    error = getattr(results, "_catastrophic_error", None)  # a property in Otter 7
    if error is not None:
        graded.problems.append(f"{submission.name}: grading stopped "
                               f"({type(error).__name__}: {error})")
    code = [c for c in nb.cells if c.cell_type == "code"]
    for question, test_file in results.results.items():
        graded.scores[question] = float(test_file.score)
        graded.possible[question] = float(test_file.possible)
        for tcr in test_file.test_case_results:
            tc = tcr.test_case
            graded.tests.append(TestResult(question, tc.name, bool(tc.hidden), float(tc.points),
                                           bool(tcr.passed), "" if tcr.passed else tcr.message))
        if not any(f'grader.check("{question}")' in c.source for c in code):
            graded.problems.append(f"question {question} is missing (its cell "
                                   f"grader.check(\"{question}\") was deleted): no answer graded")
    graded.problems.extend(_raised_cells(nb, results.notebook))
    return graded


def _raised_cells(submitted, executed) -> list[str]:
    """'cell N raised ...' for each submitted code cell whose run ended in an error."""
    if executed is None:
        return []
    sources = [c.source for c in submitted.cells]
    problems = []
    for cell in executed.cells:
        if cell.get("cell_type") != "code":
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") != "error":
                continue
            where = (f"cell {sources.index(cell.source) + 1}" if cell.source in sources
                     else "a cell")
            first = next((line for line in cell.source.splitlines() if line.strip()), "")
            problems.append(f"{where} ({first.strip()[:60]!r}) raised {output.get('ename')}: "
                            f"{output.get('evalue')}")
    return problems


def submissions_in(folder: str | Path) -> list[Path]:
    """Every file of a submissions folder (not only *.ipynb: a misnamed file still gets a row)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise GradingError(f"{folder}: not a folder of submissions")
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    if not files:
        raise GradingError(f"{folder}: no submission in it")
    return files


def grade_folder(folder: str | Path, autograder: str | Path, jobs: int = 1) -> list[Graded]:
    """Grade every file of ``folder``; ``jobs`` submissions at a time (each in its own process)."""
    files = submissions_in(folder)
    if jobs <= 1:
        return [grade_one(f, autograder) for f in files]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(grade_one, files, [autograder] * len(files)))


def write_csv(grades: list[Graded], path: str | Path) -> Path:
    """One row per submission: total, a score per question, failed tests' messages, problems."""
    questions = sorted({q for g in grades for q in g.possible}, key=_question_order(grades))
    maximum = sum(max(g.possible.get(q, 0) for g in grades) for q in questions)
    path = Path(path)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["submission", "total", "possible", *questions, "failed tests", "problems"])
        for g in grades:
            writer.writerow([g.submission, f"{g.total:g}", f"{maximum:g}",
                             *[f"{g.scores[q]:g}" if q in g.scores else "" for q in questions],
                             " | ".join(g.failed_messages()), " | ".join(g.problems)])
    return path


def _question_order(grades: list[Graded]):
    order = {}
    for g in grades:
        for q in g.possible:
            order.setdefault(q, len(order))
    return lambda q: order[q]


def feedback_text(graded: Graded) -> str:
    """What a student may see: scores, public tests' results; hidden tests only as a count."""
    lines = [f"{graded.submission}: {graded.total:g} / {sum(graded.possible.values()):g} points"]
    lines += [f"  problem: {p}" for p in graded.problems]
    for question in graded.possible:
        lines.append(f"\n{question}: {graded.scores[question]:g} / {graded.possible[question]:g}")
        public = [t for t in graded.tests if t.question == question and not t.hidden]
        hidden = [t for t in graded.tests if t.question == question and t.hidden]
        for t in public:
            lines.append(f"  public check {'passed' if t.passed else 'failed'}"
                         + ("" if t.passed else f": {_last_line(t.message)}"))
        if hidden:
            lines.append(f"  hidden checks passed: {sum(t.passed for t in hidden)} of "
                         f"{len(hidden)}")
    return "\n".join(lines) + "\n"


def write_feedback(grades: list[Graded], folder: str | Path) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for g in grades:
        path = folder / f"{Path(g.submission).stem}.feedback.txt"
        path.write_text(feedback_text(g), encoding="utf-8")
        paths.append(path)
    return paths


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


def question_names(notebook: str | Path, manual: bool = False) -> list[str]:
    """The names of the auto-graded questions of a source notebook, in order; with ``manual=True``,
    also those graded by hand (``manual: true``, an essay: no tests, no ``grader.check`` cell)."""
    import nbformat
    import yaml

    names = []
    for cell in nbformat.read(notebook, as_version=4).cells:
        if cell.cell_type == "raw" and cell.source.lstrip().startswith("# BEGIN QUESTION"):
            config = yaml.safe_load(cell.source) or {}
            if manual or not config.get("manual"):
                names.append(config.get("name"))
    return names


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m jesc.assignments",
                                     description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("assign", help="make the student version and the autograder")
    make.add_argument("assignment", type=Path, help="exercises/assignments/<name>")
    make.add_argument("-o", "--out", type=Path, help="default _build/assignments/<name>")
    grading = commands.add_parser("grade", help="grade a folder of submissions into one CSV")
    grading.add_argument("assignment", type=Path)
    grading.add_argument("submissions", type=Path, help="a folder of submitted notebooks")
    grading.add_argument("--csv", type=Path, required=True)
    grading.add_argument("--autograder", type=Path,
                         help="the autograder zip (default: the one `assign` wrote)")
    grading.add_argument("--feedback", type=Path, help="write students' feedback files here")
    grading.add_argument("--jobs", type=int, default=1, help="submissions graded at a time")
    key = commands.add_parser("key", help="print the answer key")
    key.add_argument("assignment", type=Path)
    args = parser.parse_args(argv)
    try:
        if args.command == "assign":
            out = assign(args.assignment, args.out)
            print(f"student version: {out / 'student'}\nautograder: {autograder_zip(out)}")
        elif args.command == "key":
            print(answer_key(args.assignment))
        else:
            notebook = source_notebook(args.assignment)
            zip_path = args.autograder or autograder_zip(BUILD_DIR / notebook.stem)
            grades = grade_folder(args.submissions, zip_path, jobs=args.jobs)
            print(f"wrote {write_csv(grades, args.csv)} ({len(grades)} submissions)")
            if args.feedback:
                write_feedback(grades, args.feedback)
                print(f"wrote feedback files in {args.feedback}")
    except GradingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
