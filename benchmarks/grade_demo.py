"""Grade three made-up submissions of one assignment with the documented commands, and time it.

    .venv/bin/python benchmarks/grade_demo.py [capstone] [--out _build/grade-demo]

Makes the assignment's student version and autograder (``python -m jesc.assignments assign``),
writes three submissions: ``full.ipynb`` (the model answers), ``partial.ipynb`` (the model answers
with the first plausible mistake of ``mistakes.yml``) and ``cheating.ipynb`` (the student version
whose answers are an object that claims to equal everything), grades the folder with
``python -m jesc.assignments grade ... --csv ... --feedback ...`` one at a time, and prints the
CSV and the wall time per submission. A figure to report, not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import copy
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat

from jesc import assignments as A

REPO = Path(__file__).resolve().parents[1]
# The cheat is the one the grading tests must defeat (shared, as bench.py shares tests/browser/book.py).
sys.path.insert(0, str(REPO / "tests"))
from test_assignments import ALWAYS_EQUAL as CHEAT  # noqa: E402


def with_answers(nb, answers):
    nb = copy.deepcopy(nb)
    for question, code in answers.items():
        A.answer_cell(nb, question).source = code
    return nb


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name", nargs="?", default="capstone")
    parser.add_argument("--out", type=Path, default=REPO / "_build" / "grade-demo")
    args = parser.parse_args(argv)
    folder = REPO / "exercises" / "assignments" / args.name
    python = sys.executable
    subprocess.run([python, "-m", "jesc.assignments", "assign", str(folder)], cwd=REPO, check=True)
    built = REPO / A.BUILD_DIR / args.name
    student = nbformat.read(built / "student" / f"{args.name}.ipynb", as_version=4)
    solution = nbformat.read(built / "autograder" / f"{args.name}.ipynb", as_version=4)
    question, mistakes = next(iter(A.plausible_mistakes(folder).items()))
    cheat = {}
    for q in A.question_names(A.source_notebook(folder)):
        names = re.findall(r"^(\w+)\s*=\s*\.\.\.", A.answer_cell(student, q).source, re.M)
        cheat[q] = CHEAT.format(assign="\n".join(f"{n} = AlwaysEqual()" for n in names))

    shutil.rmtree(args.out, ignore_errors=True)
    submissions = args.out / "submissions"
    submissions.mkdir(parents=True)
    nbformat.write(solution, submissions / "full.ipynb")
    nbformat.write(with_answers(solution, {question: mistakes[0]["code"]}), submissions / "partial.ipynb")
    nbformat.write(with_answers(student, cheat), submissions / "cheating.ipynb")
    print(f"partial.ipynb: question {question}, mistake {mistakes[0]['name']!r}")

    csv_path = args.out / "grades.csv"
    start = time.perf_counter()
    subprocess.run([python, "-m", "jesc.assignments", "grade", str(folder), str(submissions),
                    "--csv", str(csv_path), "--feedback", str(args.out / "feedback")],
                   cwd=REPO, check=True)
    seconds = time.perf_counter() - start
    print(csv_path.read_text(encoding="utf-8"))
    print(f"graded 3 submissions of {args.name} in {seconds:.1f} s, "
          f"{seconds / 3:.1f} s a submission (one at a time, including the command's start-up)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
