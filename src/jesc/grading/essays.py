"""Essays (questions graded by hand): each student's answers, exported as HTML for graders.

An essay is a Markdown heading ``## Question N (K points, graded by hand)`` of the assignment
notebook (``source.questions`` names it ``essay_N``); its section runs to the next heading or the
next code cell. A student's answer is what the section of their notebook holds beyond the
student version's own lines (the prompt, the rubric and the "write here" line are left out).
Answers are shown as text, escaped: nothing a student writes runs in the grader's browser.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from jesc.grading.source import ESSAY_HEADING

STYLE = ("body{font-family:sans-serif;max-width:48rem;margin:2rem auto;line-height:1.5}"
         ".answer{white-space:pre-wrap;border-left:4px solid #0072B2;padding:.5rem 1rem;"
         "background:#f6f6f6}.meta{color:#444}table{border-collapse:collapse}"
         "td,th{border:1px solid #999;padding:.2rem .5rem}")


def sections(nb) -> dict[str, list[str]]:
    """``{essay_N: [lines]}``: each essay section's Markdown lines (heading included)."""
    found: dict[str, list[str]] = {}
    current = None
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            current = None
            continue
        for line in cell.source.splitlines():
            stripped = line.strip()
            match = ESSAY_HEADING.match(stripped)
            if match:
                current = f"essay_{match['number']}"
                found[current] = [stripped]
            elif stripped.startswith("#"):
                current = None
            elif current is not None:
                found[current].append(line.rstrip())
    return found


def answers(submission_nb, student_nb) -> dict[str, str]:
    """``{essay_N: the student's answer}`` ("" when the section holds nothing new)."""
    given = sections(student_nb)
    written = sections(submission_nb)
    out = {}
    for name, original in given.items():
        known = {line.strip() for line in original if line.strip()}
        lines = [line for line in written.get(name, []) if line.strip() not in known]
        out[name] = "\n".join(lines).strip()
    return out


def words(text: str) -> int:
    return len(re.findall(r"\w+(?:[-']\w+)*", text))


def _page(title: str, body: list[str]) -> str:
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(title)}</title><style>{STYLE}</style></head><body>"
            f"<h1>{html.escape(title)}</h1>" + "".join(body) + "</body></html>\n")


def _safe(name: str) -> str:
    return re.sub(r"[^\w.-]+", "_", name).strip("_") or "student"


def export(rows: list[dict], headings: dict[str, str], out: str | Path,
           by: str = "student") -> list[Path]:
    """Write the graders' HTML files: one per student (``by="student"``) or one per essay across
    the class (``by="question"``). ``rows``: ``{student, student id, submission, answers}``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = []

    def block(heading: str, answer: str) -> str:
        if not answer:
            return "<p><strong>No answer.</strong></p>"
        return (f"<p class=\"meta\">{words(answer)} words</p>"
                f"<div class=\"answer\">{html.escape(answer)}</div>")

    def who(row: dict) -> str:
        name = row.get("student") or row["submission"]
        sid = f" (id {row['student id']})" if row.get("student id") else ""
        return f"{name}{sid}"

    if by == "student":
        for row in rows:
            body = [f"<p class=\"meta\">Submission: {html.escape(row['submission'])}</p>"]
            for name, heading in headings.items():
                body.append(f"<h2>{html.escape(heading)}</h2>")
                body.append(block(heading, row["answers"].get(name, "")))
            path = out / f"{_safe(row.get('student id') or '')}_{_safe(row['submission'])}.html"
            path.write_text(_page(f"Essays: {who(row)}", body), encoding="utf-8")
            paths.append(path)
    elif by == "question":
        for name, heading in headings.items():
            body = []
            for row in rows:
                body.append(f"<h2>{html.escape(who(row))}</h2>")
                body.append(block(heading, row["answers"].get(name, "")))
            path = out / f"{name}.html"
            path.write_text(_page(heading, body), encoding="utf-8")
            paths.append(path)
    else:
        raise ValueError(f"by must be 'student' or 'question', not {by!r}")
    return paths
