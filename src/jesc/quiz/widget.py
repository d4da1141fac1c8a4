"""Live view of a quiz with ipywidgets (JupyterLab, Notebook 7, VS Code, Colab, Binder).

Answers are checked in Python by the model (``Question.check``); the feedback is escaped HTML.
"""

from __future__ import annotations

import os
from html import escape
from typing import Any, Callable

import ipywidgets as w

from jesc.errors import QuizError
from jesc.paths import REPO_ROOT
from jesc.quiz.html import missing, result_html
from jesc.quiz.translate import ui
from jesc.quiz.model import AmbiguousNumber, Matching, MultipleSelect, Numeric, Ordering, Question, Quiz, SingleChoice

_WIDE = w.Layout(width="auto")
_STYLE = {"description_width": "initial"}


def link_href(link: str) -> str:
    """A link usable from the running notebook: URLs as they are, book pages as the local file."""
    if link.startswith(("http://", "https://", "#")):
        return link
    path, _, anchor = link.partition("#")
    for suffix in (".ipynb", ".md"):
        cand = REPO_ROOT / (path + suffix)
        if cand.is_file():
            rel = os.path.relpath(cand, os.getcwd()).replace(os.sep, "/")
            return rel + (f"#{anchor}" if anchor else "")
    return path + ".html" + (f"#{anchor}" if anchor else "")


class QuestionView:
    """The widgets of one question, and how to read the student's answer from them."""

    def __init__(self, quiz: Quiz, q: Question, number: int, on_result: Callable[[str, bool], None]):
        self.q, self.on_result = q, on_result
        self.prompt = w.HTML(f"<strong>{number}. {escape(q.prompt)}</strong>")
        self.inputs: list[w.Widget] = []
        self.read: Callable[[], Any]
        self._build(quiz, q)
        self.button = w.Button(description=ui("check"), tooltip=ui("check_tip"), button_style="")
        self.button.on_click(lambda _b: self.check())
        self.feedback = w.HTML("")
        children = [self.prompt, *self.inputs]
        if quiz.feedback == "on_submit" or isinstance(q, Numeric):
            children.append(self.button)
        if quiz.feedback == "immediate":
            for i in self.inputs:
                i.observe(lambda _c: self.check(quiet=True), names="value")
        children.append(self.feedback)
        self.box = w.VBox(children, layout=w.Layout(margin="0 0 1em 0"))

    def _build(self, quiz: Quiz, q: Question) -> None:
        order = q.display_order(quiz.seed, quiz.shuffle)
        if isinstance(q, SingleChoice):
            rb = w.RadioButtons(options=[(q.options[i].text, i) for i in order], value=None,
                                layout=_WIDE, style=_STYLE)
            self.inputs = [rb]
            self.read = lambda: rb.value
        elif isinstance(q, MultipleSelect):
            boxes = [(i, w.Checkbox(value=False, description=q.options[i].text, indent=False, layout=_WIDE,
                                    style=_STYLE)) for i in order]
            self.inputs = [w.HTML(f"<em>{escape(ui('select_all'))}</em>")] + [b for _, b in boxes]
            # nothing ticked is no answer yet: ask for one, as for an unanswered single choice
            self.read = lambda: [i for i, b in boxes if b.value] or None
        elif isinstance(q, Numeric):
            unit = f" ({q.unit})" if q.unit else ""
            t = w.Text(value="", placeholder=ui("a_number"), description=ui("your_answer") + unit,
                       style=_STYLE)
            t.continuous_update = False
            self.inputs = [t]
            self.read = lambda: t.value
        elif isinstance(q, Ordering):
            n = len(q.options)
            dds = [(i, w.Dropdown(options=[(ui("position"), None)] + [(str(p + 1), p) for p in range(n)],
                                  value=None, description=q.options[i].text, style=_STYLE, layout=_WIDE))
                   for i in order]
            self.inputs = [w.HTML(f"<em>{escape(ui('order_hint', n=n))}</em>")]
            self.inputs += [d for _, d in dds]

            def read_order():
                positions = {d.value: i for i, d in dds}
                if None in positions or len(positions) != n:
                    return None
                return [positions[p] for p in range(n)]
            self.read = read_order
        elif isinstance(q, Matching):
            morder = order
            dds = [w.Dropdown(options=[(ui("choose"), None)] + [(q.options[m].match, m) for m in morder],
                              value=None, description=opt.text, style=_STYLE, layout=_WIDE)
                   for opt in q.options]
            self.inputs = [w.HTML(f"<em>{escape(ui('match_hint'))}</em>")] + dds
            self.read = lambda: None if any(d.value is None for d in dds) else [d.value for d in dds]

    def check(self, quiet: bool = False) -> None:
        answer = self.read()
        if answer is None or (isinstance(answer, str) and not answer.strip()):
            if not quiet:
                self.feedback.value = f'<p class="jesc-missing">{escape(missing(self.q.type_name))}</p>'
            return
        try:
            result = self.q.check(answer)
        except AmbiguousNumber:
            if not quiet:
                self.feedback.value = (f'<p class="jesc-missing">'
                                       f'{escape(ui("plain_number", answer=answer.strip()))}</p>')
            return
        except QuizError:
            if not quiet:
                self.feedback.value = f'<p class="jesc-missing">{escape(missing("numeric"))}</p>'
            return
        self.feedback.value = result_html(result, link_href, self.q)
        self.on_result(self.q.id, result.correct)


class QuizView:
    def __init__(self, quiz: Quiz):
        self.quiz = quiz
        self.results: dict[str, bool] = {}
        self.score = w.HTML(self._score_text())
        self.questions = [QuestionView(quiz, q, n, self._record) for n, q in enumerate(quiz.questions, start=1)]
        head = [w.HTML(f"<h4>{escape(ui('quiz', title=quiz.title))}</h4>")]
        if quiz.intro:
            head.append(w.HTML(f"<p>{escape(quiz.intro)}</p>"))
        self.widget = w.VBox(head + [qv.box for qv in self.questions] + [self.score])

    def _score_text(self) -> str:
        right = sum(self.results.values())
        text = ui("score_checked", right=right, total=len(self.quiz.questions),
                  checked=len(self.results))
        return f"<strong>{escape(text)}</strong>"

    def _record(self, qid: str, ok: bool) -> None:
        self.results[qid] = ok
        self.score.value = self._score_text()


def make_widget(quiz: Quiz) -> w.VBox:
    """The live ipywidgets view of ``quiz`` (a VBox; its ``.quiz_view`` holds the parts)."""
    view = QuizView(quiz)
    box = view.widget
    box.quiz_view = view  # type: ignore[attr-defined]  # keeps callbacks reachable, helps tests
    return box
