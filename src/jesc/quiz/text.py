"""Print form of a quiz (Markdown): the questions and their options, never the answers.

The PDF shows a quiz through this form (``text/markdown`` in the quiz's mime bundle, see
:mod:`jesc.static_html`). Options are listed in the order the web page shows them, so that an
ordering or matching question does not print its answer as the starting order. The answers appear
only in the instructor edition, at the end of the part (``_ext/editions.py``); what that needs is
carried in an HTML comment, :data:`MARKER`, which the LaTeX writer drops: the quiz's name, the ids
of the questions shown and the values computed from the data when the notebook ran.

This module only reads the model (:mod:`jesc.quiz.model`).
"""

from __future__ import annotations

import json
import re
from typing import Any

from jesc.errors import QuizError
from jesc.i18n import t, tf
from jesc.quiz.model import Matching, MultipleSelect, Numeric, Ordering, Quiz, SingleChoice
from jesc.static_html import escape_markdown

#: ``<!-- jesc-quiz-print {json} -->``: what the instructor edition's answer key needs.
MARKER = "jesc-quiz-print"
MARKER_RE = re.compile(r"<!--\s*" + MARKER + r"\s+(\{.*?\})\s*-->", re.S)

_e = escape_markdown


def print_data(quiz: Quiz) -> dict[str, Any]:
    """Name, question ids and computed answers (what :func:`jesc.quiz.key.page_key` reads)."""
    qs = []
    for q in quiz.questions:
        d: dict[str, Any] = {"id": q.id}
        if q.answer_from is not None and not q.answer_missing:
            d["answer"] = q.correct_answer()
        qs.append(d)
    return {"name": quiz.name, "questions": qs}


def _letter(i: int) -> str:
    return f"({chr(65 + i)})"


def render_markdown(quiz: Quiz) -> str:
    """The quiz as printable Markdown: title, then each question with its options."""
    if not isinstance(quiz, Quiz):
        raise QuizError(f"render_markdown: expected a Quiz, got {type(quiz).__name__}")
    n = len(quiz.questions)
    # the fixed words in the edition's language (jesc.i18n; unchanged in English)
    head = tf("**Quiz: {0}** ({1} question; answer it in the web book or in a notebook, where it "
              "checks your answers)." if n == 1 else "**Quiz: {0}** ({1} questions; answer it in the web "
              "book or in a notebook, where it checks your answers).", _e(quiz.title), n)
    out = [head, ""]
    if quiz.intro:
        out += [_e(quiz.intro), ""]
    for k, q in enumerate(quiz.questions, 1):
        out.append(f"{k}. {_e(q.prompt)}")
        out.append("")
        if isinstance(q, (SingleChoice, MultipleSelect)):
            hint = t("Choose one answer:") if isinstance(q, SingleChoice) else t("Choose every answer that applies:")
            out.append(f"   *{hint}*")
            out.append("")
            out += [f"   - {_letter(j)} {_e(q.options[i].text)}"
                    for j, i in enumerate(q.display_order(quiz.seed, quiz.shuffle))]
        elif isinstance(q, Numeric):
            unit = f" ({_e(q.unit)})" if q.unit else ""
            out.append(f"   *{tf('Your answer{0}:', unit)}* \\_\\_\\_\\_\\_\\_\\_\\_")
        elif isinstance(q, Ordering):
            out.append(f"   *{t('Put in order:')}*")
            out.append("")
            out += [f"   - {_e(q.options[i].text)}" for i in q.display_order(quiz.seed, quiz.shuffle)]
        elif isinstance(q, Matching):
            order = q.display_order(quiz.seed, quiz.shuffle)
            letters = ", ".join(_letter(j) for j in range(len(order)))
            out.append(f"   *{tf('Match each term with one of the descriptions {0}:', letters)}*")
            out.append("")
            out += [f"   - {_e(o.text)}" for o in q.options]
            out.append("")
            # another bullet character: a second list, not a continuation of the terms
            out += [f"   + {_letter(j)} {_e(q.options[i].match)}" for j, i in enumerate(order)]
        out.append("")
    data = json.dumps(print_data(quiz), sort_keys=True, ensure_ascii=True).replace("--", "\\u002d-")
    out.append(f"<!-- {MARKER} {data} -->")
    return "\n".join(out) + "\n"


def find_print_data(text: str) -> list[dict[str, Any]]:
    """The quiz data of every print form in ``text`` (for the instructor edition's keys)."""
    return [json.loads(m) for m in MARKER_RE.findall(text)]
