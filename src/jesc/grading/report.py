"""What grading writes: the class CSV, students' feedback, the graders' merge and the gradebook.

The class CSV (``grade --csv``) has one row per student, in this column order:

``student``, ``student id``, ``submission`` (the folder or file as downloaded), ``status``
(``graded``, ``essays to grade``, ``not graded``), ``total`` (empty when nothing was graded),
``possible`` (the assignment's full points, essays included), one column per auto-graded
question (its score), one column per essay question (empty until ``merge`` fills it),
``other files`` (files handed in beside the graded notebook), ``failed tests`` (question, test,
hidden or public, message: for the instructor only) and ``problems``.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from jesc.errors import GradingError
from jesc.grading.words import last_line, plain_words  # noqa: F401 (used by others)

FIXED = ["student", "student id", "submission", "status", "total", "possible"]
TRAILING = ["other files", "failed tests", "problems"]

def _number(value: float) -> str:
    return f"{value:g}"


def _questions(grades, questions):
    """(auto question names, manual question names, full points) of the assignment."""
    if questions is not None:
        auto = [q.name for q in questions if not q.manual]
        manual = [q.name for q in questions if q.manual]
        full = sum(q.points for q in questions)
        return auto, manual, full
    order: dict[str, None] = {}
    for g in grades:
        for q in g.possible:
            order.setdefault(q, None)
    auto = list(order)
    full = sum(max(g.possible.get(q, 0) for g in grades) for q in auto)
    return auto, [], full


def status(g, manual: list[str]) -> str:
    if not g.graded:
        return "not graded"
    if any(q not in g.manual for q in manual):
        return "essays to grade"
    return "graded"


def write_csv(grades, path: str | Path, questions=None) -> Path:
    """The class CSV (columns in this module's docstring); ``questions`` from ``source``."""
    auto, manual, full = _questions(grades, questions)
    path = Path(path)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([*FIXED, *auto, *manual, *TRAILING])
        for g in grades:
            writer.writerow([
                g.student, g.student_id, g.submission, status(g, manual),
                _number(g.total) if g.graded else "", _number(full),
                *[_number(g.scores[q]) if q in g.scores else "" for q in auto],
                *[_number(g.manual[q]) if q in g.manual else "" for q in manual],
                " | ".join(g.others), " | ".join(g.failed_messages()), " | ".join(g.problems)])
    return path


def read_csv(path: str | Path) -> list[dict[str, str]]:
    path = Path(path)
    if not path.is_file():
        raise GradingError(f"{path}: no such CSV file")
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def merge(grades_csv: str | Path, filled_csv: str | Path, questions, out: str | Path) -> Path:
    """Add graders' essay scores (a CSV with ``student id`` or ``submission`` and a column per
    essay question, filled by hand) to the class CSV; totals and statuses are recomputed.

    Errors name the filled file, its row, the student and the question: an unknown student, a
    score that is not a number or is outside 0..points, a student given twice."""
    rows = read_csv(grades_csv)
    if not rows or "submission" not in rows[0]:
        raise GradingError(f"{grades_csv}: not a class CSV written by the grade command")
    filled = read_csv(filled_csv)
    manual = {q.name: q.points for q in questions if q.manual}
    auto = [q.name for q in questions if not q.manual]
    if not manual:
        raise GradingError("this assignment has no essay (manual) question to merge")
    by_id = {r["student id"]: r for r in rows if r.get("student id")}
    by_submission = {r["submission"]: r for r in rows}
    columns = set(filled[0]) if filled else set()
    if not columns & set(manual):
        raise GradingError(f"{filled_csv}: no column named after an essay question "
                           f"(expected some of {sorted(manual)})")
    if not columns & {"student id", "submission"}:
        raise GradingError(f"{filled_csv}: needs a 'student id' or a 'submission' column")
    seen: dict[int, int] = {}
    for number, row in enumerate(filled, start=2):
        sid, sub = (row.get("student id") or "").strip(), (row.get("submission") or "").strip()
        target = by_id.get(sid) if sid else by_submission.get(sub)
        if target is None:
            who = f"student id {sid!r}" if sid else f"submission {sub!r}"
            raise GradingError(f"{filled_csv}, row {number}: unknown student ({who} is not in "
                               f"{grades_csv})")
        if id(target) in seen:
            raise GradingError(f"{filled_csv}, row {number}: the same student as row "
                               f"{seen[id(target)]} ({target['student'] or target['submission']})")
        seen[id(target)] = number
        for question, points in manual.items():
            value = (row.get(question) or "").strip()
            if not value:
                continue
            try:
                score = float(value)
            except ValueError:
                raise GradingError(f"{filled_csv}, row {number} ({target['student']}), question "
                                   f"{question}: {value!r} is not a number") from None
            if not 0 <= score <= points:
                raise GradingError(f"{filled_csv}, row {number} ({target['student']}), question "
                                   f"{question}: score {value} is out of range (0 to "
                                   f"{points:g})")
            target[question] = _number(score)
    for row in rows:
        if row["status"] == "not graded":
            continue
        scores = [float(row[q]) for q in [*auto, *manual] if row.get(q, "") != ""]
        row["total"] = _number(sum(scores))
        row["status"] = ("graded" if all(row.get(q, "") != "" for q in manual)
                         else "essays to grade")
    out = Path(out)
    with open(out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return out


#: The gradebook CSVs' columns. Canvas: its gradebook export's leading columns, then one column
#: per assignment; Moodle: the assignment's offline grading worksheet.
GRADEBOOK_COLUMNS = {
    "canvas": ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "{title}"],
    "moodle": ["Identifier", "Full name", "Grade", "Maximum Grade", "Feedback comments"],
}


def gradebook(grades_csv: str | Path, lms: str, title: str, out: str | Path) -> Path:
    """A gradebook CSV in the shape ``lms`` (moodle or canvas) imports, from the class CSV.

    A row that is not graded keeps an empty grade (never 0); its problems go to Moodle's
    feedback column. The ids are those of the download (Moodle participant id, Canvas user id)."""
    if lms not in GRADEBOOK_COLUMNS:
        raise GradingError(f"unknown gradebook format {lms!r} (known: "
                           f"{', '.join(GRADEBOOK_COLUMNS)})")
    rows = read_csv(grades_csv)
    header = [c.format(title=title) for c in GRADEBOOK_COLUMNS[lms]]
    out = Path(out)
    with open(out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        if lms == "canvas":
            writer.writerow(["Points Possible", "", "", "", "", rows[0]["possible"] if rows else ""])
        for row in rows:
            if not row.get("student id"):
                raise GradingError(f"{grades_csv}: {row['submission']} has no student id (the "
                                   f"gradebook needs the download's ids: a Moodle or Canvas "
                                   f"layout)")
            grade = row["total"] if row["status"] == "graded" else ""
            if lms == "canvas":
                writer.writerow([row["student"], row["student id"], "", "", "", grade])
            else:
                note = row["problems"] if row["status"] == "not graded" else (
                    "essays still to grade" if row["status"] == "essays to grade" else "")
                writer.writerow([f"Participant {row['student id']}", row["student"], grade,
                                 row["possible"], note])
    return out


def feedback_text(graded) -> str:
    """What a student may see: scores, public tests' results; hidden tests only as a count."""
    possible = sum(graded.possible.values())
    total = f"{graded.total:g} / {possible:g} points" if graded.graded else "not graded"
    lines = [f"{graded.submission}: {total}"]
    lines += [f"  problem: {p}" for p in graded.problems]
    for question in graded.possible:
        lines.append(f"\n{question}: {graded.scores[question]:g} / {graded.possible[question]:g}")
        public = [t for t in graded.tests if t.question == question and not t.hidden]
        hidden = [t for t in graded.tests if t.question == question and t.hidden]
        for t in public:
            lines.append(f"  public check {'passed' if t.passed else 'failed'}"
                         + ("" if t.passed else f": {last_line(plain_words(t.message))}"))
        if hidden:
            lines.append(f"  hidden checks passed: {sum(t.passed for t in hidden)} of "
                         f"{len(hidden)}")
    return "\n".join(lines) + "\n"


def write_feedback(grades, folder: str | Path) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for g in grades:
        stem = re.sub(r"[^\w.-]+", "_", Path(g.submission).stem).strip("_") or "submission"
        path = folder / f"{stem}.feedback.txt"
        path.write_text(feedback_text(g), encoding="utf-8")
        paths.append(path)
    return paths
