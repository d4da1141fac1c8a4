"""Printable answer key of a quiz, as Markdown or HTML (``python -m jesc.quiz key FILE``)."""

from __future__ import annotations

from html import escape

from jesc.errors import QuizError
from jesc.quiz.model import Matching, MultipleSelect, Numeric, Ordering, Question, Quiz, SingleChoice, _fmt_number


def _answer_lines(q: Question) -> list[str]:
    if q.answer_missing:
        return [f"computed from the data when the notebook runs (`{q.answer_from}`)"]
    if isinstance(q, SingleChoice):
        return [f"({chr(65 + q.answer)}) {q.options[q.answer].text}"]
    if isinstance(q, MultipleSelect):
        return [f"({chr(65 + i)}) {q.options[i].text}" for i in sorted(q.answer)]
    if isinstance(q, Numeric):
        tol = f" \u00b1 {_fmt_number(q.tolerance)}" if q.tolerance else ""
        unit = f" {q.unit}" if q.unit else ""
        return [f"{q.value_text()}{tol}{unit}"]
    if isinstance(q, Ordering):
        return [f"{p + 1}. {o.text}" for p, o in enumerate(q.options)]
    if isinstance(q, Matching):
        return [f"{o.text} \u2192 {o.match}" for o in q.options]
    raise QuizError(f"question {q.id!r}: unknown type")  # pragma: no cover


def _explanation(q: Question) -> str:
    if isinstance(q, Numeric):
        return q.explanation.replace("{answer}", "[computed]") if q.answer_missing else q._sub(q.explanation)
    return q.explanation


def answer_key(quiz: Quiz, fmt: str = "markdown") -> str:
    """The answer key of ``quiz``: each question, its correct answer, explanation and source."""
    if fmt not in ("markdown", "html"):
        raise QuizError(f"answer_key: expected fmt 'markdown' or 'html', got {fmt!r}")
    if fmt == "html":
        return _html(quiz)
    out = [f"# Answer key: {quiz.title}", "", f"Quiz file: `{quiz.source_file or quiz.name}`", ""]
    for q in quiz.questions:
        out.append(f"## {q.number}. {q.prompt}")
        out.append("")
        out.append(f"*Type:* {q.type_name} · *id:* `{q.id}` · *source:* {q.source}")
        out.append("")
        if isinstance(q, (SingleChoice, MultipleSelect)):
            out += [f"- ({chr(65 + i)}) {o.text}" for i, o in enumerate(q.options)] + [""]
        out.append("**Answer:**")
        out.append("")
        out += [f"- {line}" for line in _answer_lines(q)]
        out.append("")
        out.append(f"**Why:** {_explanation(q)}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _html(quiz: Quiz) -> str:
    e = escape
    out = [f'<section class="jesc-answer-key"><h2>Answer key: {e(quiz.title)}</h2><ol>']
    for q in quiz.questions:
        out.append(f"<li><p><strong>{e(q.prompt)}</strong> <em>({e(q.type_name)}; source: {e(q.source)})</em></p>")
        out.append("<ul>" + "".join(f"<li>{e(line)}</li>" for line in _answer_lines(q)) + "</ul>")
        out.append(f"<p>{e(_explanation(q))}</p></li>")
    out.append("</ol></section>")
    return "\n".join(out)
