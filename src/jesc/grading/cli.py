"""The instructors' command line (``python -m jesc.grading``, also ``python -m jesc.assignments``).

    assign    ASSIGNMENT [-o DIR]                     student version + autograder (otter assign)
    grade     ASSIGNMENT SUBMISSIONS/ --csv grades.csv [--feedback DIR] [--essays DIR]
              [--jobs N] [--assignment NAME] [--no-sandbox] [--wall-seconds S] [--cell-seconds S]
              [--memory-mb M]
    essays    ASSIGNMENT SUBMISSIONS/ --out DIR [--by student|question]
    merge     ASSIGNMENT grades.csv graders.csv --csv merged.csv
    gradebook grades.csv --lms moodle|canvas --title TITLE --out gradebook.csv
    key       ASSIGNMENT
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jesc.errors import GradingError


def _essay_rows(assignment: Path, folder: Path, name: str | None, entries=None) -> tuple:
    import nbformat

    from jesc.grading import essays, source
    from jesc.grading.collect import collect
    from jesc.grading.run import read_submission

    nb = nbformat.read(source.source_notebook(assignment), as_version=4)
    headings = source.essay_headings(nb)
    rows = []
    for entry in entries if entries is not None else collect(folder, name):
        row = {"student": entry.student, "student id": entry.student_id,
               "submission": entry.key, "answers": {}}
        if entry.notebook is not None:
            try:
                row["answers"] = essays.answers(read_submission(entry.notebook), nb)
            except GradingError:
                pass
        rows.append(row)
    return rows, headings


def main(argv: list[str] | None = None, prog: str = "python -m jesc.assignments") -> int:
    parser = argparse.ArgumentParser(prog=prog, description="Grade Otter-Grader assignments "
                                     "for a class (see exercises/assignments/README.md)")
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("assign", help="make the student version and the autograder")
    make.add_argument("assignment", type=Path, help="exercises/assignments/<name>")
    make.add_argument("-o", "--out", type=Path, help="default _build/assignments/<name>")

    grading = commands.add_parser("grade", help="grade a downloaded folder into one CSV")
    grading.add_argument("assignment", type=Path)
    grading.add_argument("submissions", type=Path,
                         help="the folder as downloaded (Moodle, Canvas or plain; sub-folders "
                              "searched)")
    grading.add_argument("--csv", type=Path, required=True)
    grading.add_argument("--autograder", type=Path,
                         help="the autograder zip (default: the one `assign` wrote)")
    grading.add_argument("--feedback", type=Path, help="write students' feedback files here")
    grading.add_argument("--essays", type=Path, help="write graders' essay pages here")
    grading.add_argument("--jobs", type=int, default=1, help="submissions graded at a time")
    grading.add_argument("--assignment", dest="name", metavar="NAME",
                         help="grade notebooks whose Otter metadata was lost as assignment NAME")
    grading.add_argument("--no-sandbox", action="store_true",
                         help="run student code without bubblewrap, with your rights (only on a "
                              "machine or account that holds nothing of value)")
    grading.add_argument("--wall-seconds", type=float, help="limit per submission (default 180)")
    grading.add_argument("--cell-seconds", type=float, help="limit per cell (default 60)")
    grading.add_argument("--memory-mb", type=int, help="memory per process (default 3072)")

    essay = commands.add_parser("essays", help="export each student's essay answers as HTML")
    essay.add_argument("assignment", type=Path)
    essay.add_argument("submissions", type=Path)
    essay.add_argument("--out", type=Path, required=True)
    essay.add_argument("--by", choices=("student", "question"), default="student")
    essay.add_argument("--assignment", dest="name", metavar="NAME")

    merging = commands.add_parser("merge", help="add graders' essay scores to the class CSV")
    merging.add_argument("assignment", type=Path)
    merging.add_argument("grades", type=Path, help="the class CSV of the grade command")
    merging.add_argument("filled", type=Path, help="the graders' CSV: student id or "
                         "submission, and a column per essay (essay_5 ...)")
    merging.add_argument("--csv", type=Path, required=True, help="where to write the result")

    book = commands.add_parser("gradebook", help="a CSV in the shape Moodle or Canvas imports")
    book.add_argument("grades", type=Path)
    book.add_argument("--lms", choices=("moodle", "canvas"), required=True)
    book.add_argument("--title", required=True, help="the assignment's name in the gradebook")
    book.add_argument("--out", type=Path, required=True)

    key = commands.add_parser("key", help="print the answer key")
    key.add_argument("assignment", type=Path)
    args = parser.parse_args(argv)

    from jesc.grading import report, source

    try:
        if args.command == "assign":
            out = source.assign(args.assignment, args.out)
            print(f"student version: {out / 'student'}\nautograder: {source.autograder_zip(out)}")
        elif args.command == "key":
            print(source.answer_key(args.assignment))
        elif args.command == "grade":
            _grade(args)
        elif args.command == "essays":
            from jesc.grading import essays

            rows, headings = _essay_rows(args.assignment, args.submissions, args.name)
            paths = essays.export(rows, headings, args.out, by=args.by)
            print(f"wrote {len(paths)} essay pages in {args.out}")
        elif args.command == "merge":
            questions = source.questions(args.assignment)
            print(f"wrote {report.merge(args.grades, args.filled, questions, args.csv)}")
        elif args.command == "gradebook":
            print(f"wrote {report.gradebook(args.grades, args.lms, args.title, args.out)}")
    except GradingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


def _grade(args) -> None:
    from dataclasses import replace

    from jesc.grading import report, sandbox, source
    from jesc.grading.collect import collect
    from jesc.grading.run import Grader, grade_entries

    notebook = source.source_notebook(args.assignment)
    zip_path = args.autograder or source.autograder_zip(source.BUILD_DIR / notebook.stem)
    limits = sandbox.Limits()
    for option, name in (("wall_seconds", "wall_seconds"), ("cell_seconds", "cell_seconds"),
                         ("memory_mb", "memory_mb")):
        if getattr(args, option) is not None:
            limits = replace(limits, **{name: getattr(args, option)})
    grader = Grader(zip_path, limits, sandboxed=not args.no_sandbox, assignment=args.name)
    if args.no_sandbox:
        print("warning: --no-sandbox: student code runs with your rights, network and files",
              file=sys.stderr)
    entries = collect(args.submissions, args.name or notebook.stem)
    done = [0]

    def progress(graded):
        done[0] += 1
        print(f"[{done[0]}/{len(entries)}] {graded.submission}: "
              f"{'%g' % graded.total if graded.graded else 'not graded'} "
              f"({graded.seconds:.1f} s)", file=sys.stderr)

    grades = grade_entries(entries, grader, jobs=args.jobs, progress=progress)
    questions = source.questions(notebook)
    print(f"wrote {report.write_csv(grades, args.csv, questions)} ({len(grades)} students, "
          f"{sum(not g.graded for g in grades)} not graded)")
    if args.feedback:
        report.write_feedback(grades, args.feedback)
        print(f"wrote feedback files in {args.feedback}")
    if args.essays:
        from jesc.grading import essays

        rows, headings = _essay_rows(args.assignment, args.submissions, args.name, entries)
        if headings:
            essays.export(rows, headings, args.essays)
            print(f"wrote essay pages in {args.essays}")


if __name__ == "__main__":
    sys.exit(main(prog="python -m jesc.grading"))
