"""Static HTML rendering of a quiz: escaped markup + a JSON blob, checked in the page by
``_static/jesc-quiz.js`` (no kernel, no CDN).

The output is deterministic (ids come from the quiz name and question ids) so that nbval can
compare it. An explanation ends with its source as the book cites it ("Tsuruoka, 2010"), linked to
the entry on the Bibliography page (:mod:`jesc.citations`, as tables cite their sources). Every
piece of quiz text goes through :func:`html.escape`; the JSON blob is escaped so that no ``<``, ``>`` or ``&`` appears in it literally and it can never close its ``<script>`` tag.
"""

from __future__ import annotations

from typing import Any

from jesc import citations
from jesc.errors import QuizError
from jesc.static_html import escape_html, json_for_script, next_number  # noqa: F401 (json_for_script re-exported)
from jesc.i18n import language
from jesc.quiz.translate import ui, ui_table
from jesc.quiz.model import Matching, MultipleSelect, Numeric, Ordering, Question, Quiz, Result, SingleChoice

ICON_RIGHT = "\u2714"  # heavy check mark
ICON_WRONG = "\u2718"  # heavy ballot x


_e = escape_html

#: What a student is asked when a question is checked before it is answered (by the page script,
#: which reads them from the quiz data, and by the live widget): never graded as wrong.
# What a question of each type asks for when it is checked unanswered (keys of translate.UI).
_MISSING_KEYS = {
    "single": "need_option",
    "multiple": "need_tick",
    "numeric": "need_number",
    "ordering": "need_positions",
    "matching": "need_every_list",
}


def missing(type_name: str) -> str:
    """The request shown when a question of ``type_name`` is checked with no answer."""
    return ui(_MISSING_KEYS[type_name])


def next_instance(quiz: Quiz) -> int:
    """1 for the first display of a quiz in this kernel, 2 for the second, ... (deterministic in a
    fresh kernel, as nbval runs it), so that two displays on one page never share element ids."""
    return next_number(f"quiz-{quiz.name}")


def quiz_dom_id(quiz: Quiz, instance: int = 1) -> str:
    base = f"jesc-quiz-{quiz.name}"
    if instance > 1:
        base += f"-{instance}"
    return base


def source_citation(q: Question) -> dict[str, str]:
    """The citation of a question's source: its author-year ``text`` and the ``href`` of its
    Bibliography entry (relative to the notebook being run, so to its page in the book)."""
    try:
        return {"text": citations.label(q.source), "href": citations.href(q.source)}
    except citations.CitationError as e:
        raise QuizError(f"{q._where()}, field 'source': expected a key of references.bib ({e})") from None


def source_html(q: Question) -> str:
    """The end of an explanation, ``(source: <a ...>Tsuruoka, 2010</a>)``; the page script builds
    the same from :func:`source_citation`."""
    cite = source_citation(q)
    anchor = (f'<a class="jesc-cite" href="{_e(cite["href"])}" data-key="{_e(q.source)}">'
              f'{_e(cite["text"])}</a>')
    before, after = ui("source", source="\0").split("\0")  # the language's " (source: …)"
    return f"{_e(before)}{anchor}{_e(after)}"


def quiz_data(quiz: Quiz) -> dict[str, Any]:
    """What the page script needs: answers, feedback and explanations (self-check quiz)."""
    qs = []
    for q in quiz.questions:
        d: dict[str, Any] = {"id": q.id, "type": q.type_name, "explanation": q.explanation,
                             "source": q.source, "cite": source_citation(q), "link": q.link}
        if isinstance(q, (SingleChoice, MultipleSelect, Ordering, Matching)):
            d["options"] = [{"text": o.text, "feedback": o.feedback, "link": o.link or q.link,
                             **({"match": o.match} if o.match is not None else {})} for o in q.options]
        if isinstance(q, SingleChoice):
            d["answer"] = q.answer
        elif isinstance(q, MultipleSelect):
            d["answer"] = sorted(q.answer)
        elif isinstance(q, Numeric):
            d["answer"] = q.answer
            d["tolerance"] = q.tolerance
            d["feedback"] = {"correct": q._sub(q.feedback_correct), "low": q._sub(q.feedback_low),
                             "high": q._sub(q.feedback_high)}
            d["explanation"] = q._sub(q.explanation)
        qs.append(d)
    data = {"name": quiz.name, "feedback": quiz.feedback,
            "missing": {kind: missing(kind) for kind in _MISSING_KEYS}, "questions": qs}
    if language() != "en":  # the page script's own strings are English
        data["ui"] = ui_table()
    return data


def render_html(quiz: Quiz, instance: int = 1) -> str:
    if not isinstance(quiz, Quiz):
        raise QuizError(f"render_html: expected a Quiz, got {type(quiz).__name__}")
    if isinstance(instance, bool) or not isinstance(instance, int) or instance < 1:
        raise QuizError(f"render_html: instance must be a whole number from 1, got {instance!r}")
    qid = quiz_dom_id(quiz, instance)
    immediate = quiz.feedback == "immediate"
    out = [f'<div class="jesc-quiz" id="{qid}" data-jesc-quiz="{_e(quiz.name)}" '
           f'data-feedback="{_e(quiz.feedback)}" role="group" aria-labelledby="{qid}-title">',
           f'<p class="jesc-quiz-title" id="{qid}-title"><strong>{_e(ui("quiz", title=quiz.title))}</strong></p>']
    if quiz.intro:
        out.append(f'<p class="jesc-quiz-intro">{_e(quiz.intro)}</p>')
    out.append(f'<p class="jesc-quiz-nojs">{_e(ui("nojs"))}</p>')
    out.append('<ol class="jesc-quiz-questions">')
    for n, q in enumerate(quiz.questions, start=1):
        base = f"{qid}-{q.id}"
        out.append(f'<li class="jesc-q" id="{base}" data-qid="{_e(q.id)}" data-type="{q.type_name}">')
        out.append(f'<fieldset><legend id="{base}-prompt">{_e(q.prompt)}</legend>')
        out.append(_inputs(quiz, q, base))
        out.append("</fieldset>")
        hidden = ' hidden' if immediate and not isinstance(q, Numeric) else ''
        out.append(f'<button type="button" class="jesc-check" aria-describedby="{base}-prompt"{hidden}>'
                   f'{_e(ui("check"))}</button>')
        out.append(f'<div class="jesc-feedback" id="{base}-feedback" role="status" aria-live="polite"></div>')
        out.append("</li>")
    out.append("</ol>")
    total = len(quiz.questions)
    out.append(f'<p class="jesc-score" role="status" aria-live="polite">{_e(ui("score", right=0, total=total))}</p>')
    out.append(f'<script type="application/json" class="jesc-quiz-data">{json_for_script(quiz_data(quiz))}'
               "</script>")
    out.append("</div>")
    return "\n".join(out)


def _inputs(quiz: Quiz, q: Question, base: str) -> str:
    parts: list[str] = []
    if isinstance(q, (SingleChoice, MultipleSelect)):
        kind = "radio" if isinstance(q, SingleChoice) else "checkbox"
        if kind == "checkbox":
            parts.append(f'<p class="jesc-hint">{_e(ui("select_all"))}</p>')
        for i in q.display_order(quiz.seed, quiz.shuffle):
            oid = f"{base}-o{i}"
            parts.append(f'<div class="jesc-opt"><input type="{kind}" id="{oid}" name="{base}" value="{i}">'
                         f'<label for="{oid}">{_e(q.options[i].text)}</label></div>')
    elif isinstance(q, Numeric):
        unit = f" ({_e(q.unit)})" if q.unit else ""
        parts.append(f'<div class="jesc-opt"><label for="{base}-in">{_e(ui("your_answer"))}{unit}</label> '
                     f'<input type="text" inputmode="decimal" autocomplete="off" id="{base}-in" '
                     f'class="jesc-num" size="10"></div>')
    elif isinstance(q, Ordering):
        n = len(q.options)
        parts.append(f'<p class="jesc-hint">{_e(ui("order_hint", n=n))}</p>')
        for i in q.display_order(quiz.seed, quiz.shuffle):
            sid = f"{base}-i{i}"
            opts = f'<option value="">{_e(ui("position"))}</option>' + "".join(
                f'<option value="{p}">{p}</option>' for p in range(1, n + 1))
            parts.append(f'<div class="jesc-row"><label for="{sid}">{_e(q.options[i].text)}</label> '
                         f'<select id="{sid}" data-item="{i}">{opts}</select></div>')
    elif isinstance(q, Matching):
        order = q.display_order(quiz.seed, quiz.shuffle)
        parts.append(f'<p class="jesc-hint">{_e(ui("match_hint"))}</p>')
        for t, opt in enumerate(q.options):
            sid = f"{base}-t{t}"
            opts = f'<option value="">{_e(ui("choose"))}</option>' + "".join(
                f'<option value="{m}">{_e(q.options[m].match)}</option>' for m in order)
            parts.append(f'<div class="jesc-row"><label for="{sid}">{_e(opt.text)}</label> '
                         f'<select id="{sid}" data-term="{t}">{opts}</select></div>')
    return "\n".join(parts)


def result_html(result: Result, link_href=lambda link: link, question: Question | None = None) -> str:
    """Feedback block for one checked answer (used by the live widget; the page JS builds the same).
    The explanation ends with the citation of ``question``'s source."""
    ok = result.correct
    cls = "jesc-right" if ok else "jesc-wrong"
    head = f"{ICON_RIGHT} {ui('correct')}" if ok else f"{ICON_WRONG} {ui('not_quite')}"
    out = [f'<div class="jesc-result {cls}"><p class="jesc-verdict"><strong>{head}</strong></p><ul>']
    for fb in result.feedback:
        mark = "" if fb.correct is None else (f"{ICON_RIGHT} " if fb.correct else f"{ICON_WRONG} ")
        link = ""
        if fb.link:
            link = f' <a href="{_e(link_href(fb.link))}" target="_blank">{_e(ui("read_section"))}</a>'
        out.append(f"<li>{mark}{_e(fb.text)}{link}</li>")
    out.append("</ul>")
    if not ok:
        out.append(f'<p class="jesc-expl">{_e(ui("try_again"))}</p>')
    elif result.explanation:
        src = source_html(question) if question is not None else ""
        out.append(f'<p class="jesc-expl">{_e(result.explanation)}{src}</p>')
    out.append("</div>")
    return "".join(out)
