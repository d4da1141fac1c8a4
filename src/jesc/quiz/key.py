"""Printable answer key of a quiz, as Markdown or HTML (``python -m jesc.quiz key FILE``)."""

from __future__ import annotations

from html import escape

from jesc import citations
from jesc.errors import QuizError
from jesc.quiz.load import QUIZ_DIRS, load_quiz
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


def _html(quiz: Quiz, bibliography: str | None = None) -> str:
    """The key as HTML; a question's source is its author-year label, linked to its entry in the
    Bibliography when ``bibliography`` (that page's href from the page the key is on) is given."""
    e = escape
    out = [f'<section class="jesc-answer-key"><h2>Answer key: {e(quiz.title)}</h2><ol>']
    for q in quiz.questions:
        source = (citations.citation(q.source, bibliography) if bibliography is not None
                  else e(citations.label(q.source)))
        out.append(f"<li><p><strong>{e(q.prompt)}</strong> <em>({e(q.type_name)}; source: {source})</em></p>")
        out.append("<ul>" + "".join(f"<li>{e(line)}</li>" for line in _answer_lines(q)) + "</ul>")
        out.append(f"<p>{e(_explanation(q))}</p></li>")
    out.append("</ol></section>")
    return "\n".join(out)


def page_key(data: dict, quiz_dir=None, bibliography: str | None = None) -> str:
    """The HTML answer key of a quiz as a built page shows it.

    ``data`` is the JSON a quiz's static HTML carries (:func:`jesc.quiz.html.quiz_data`): its
    ``name`` finds the quiz file, its numeric answers supply the values computed from the data
    when the notebook ran, and its question ids restrict the key to the questions shown. The
    instructor edition of the book appends this key after each quiz (``_ext/editions.py``).
    """
    return _html(page_quiz(data, quiz_dir), bibliography)


def key_items(quiz: Quiz) -> list[tuple[str, list[str], str]]:
    """``(prompt, answer lines, explanation)`` of every question: the key for other renderers
    (the PDF's answer keys, ``_ext/editions.py``)."""
    return [(q.prompt, _answer_lines(q), _explanation(q)) for q in quiz.questions]


def page_quiz(data: dict, quiz_dir=None) -> Quiz:
    """The quiz a page showed, from the data it carries (see :func:`page_key`)."""
    if not isinstance(data, dict) or not isinstance(data.get("name"), str):
        raise QuizError(f"page_key: expected the quiz data of a page (with a 'name'), got {data!r:.80}")
    name = data["name"]
    shown = {q.get("id"): q for q in data.get("questions", []) if isinstance(q, dict)}
    dirs = [quiz_dir] if quiz_dir is not None else QUIZ_DIRS
    for d in dirs:
        for path in sorted(d.glob("*.y*ml")):
            quiz = load_quiz(path, allow_missing=True)
            if quiz.name != name:
                continue
            # a value the page does not carry stays "computed when the notebook runs" in the key
            answers = {q.answer_from: shown[q.id]["answer"] for q in quiz.questions
                       if q.answer_missing and shown.get(q.id, {}).get("answer") is not None}
            if answers:
                quiz = load_quiz(path, answers=answers, allow_missing=True)
            ids = [q.id for q in quiz.questions if q.id in shown]
            if not ids:
                raise QuizError(f"{path}: the page shows none of quiz {name!r}'s questions")
            return quiz.select(ids) if len(ids) < len(quiz.questions) else quiz
    raise QuizError(f"page_key: no quiz file in {', '.join(map(str, dirs))} has the name {name!r}")
