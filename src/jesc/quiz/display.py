"""How a notebook shows a quiz: a live widget in Jupyter, self-checking HTML in the built book.

The model (:class:`jesc.quiz.model.Quiz`) has no display method. Importing ``jesc.quiz`` registers
:func:`mimebundle` with IPython's display formatter for :class:`Quiz`, so a cell that ends with a
quiz, ``IPython.display.display(quiz)`` and :func:`jesc.quiz.show` all show it. The bundle is the one
``jesc.static_html.dual_bundle`` makes for every interactive element of the course: plain text, the
HTML of :mod:`jesc.quiz.html`, the widget of :mod:`jesc.quiz.widget` and the print form of
:mod:`jesc.quiz.text` (what the PDF shows).
"""

from __future__ import annotations

from typing import Any

from jesc.quiz.html import next_instance, render_html
from jesc.quiz.model import Quiz
from jesc.quiz.text import render_markdown
from jesc.static_html import dual_bundle


def plain_text(quiz: Quiz) -> str:
    """What a front end without HTML shows: the title and the numbered prompts."""
    lines = [f"Quiz: {quiz.title} ({len(quiz.questions)} questions)"]
    lines += [f"{q.number}. {q.prompt}" for q in quiz.questions]
    return "\n".join(lines)


def mimebundle(quiz: Quiz, include: Any = None, exclude: Any = None) -> dict[str, Any]:
    """The display data of ``quiz``: text, offline HTML and (where ipywidgets works) the widget."""
    def widget():
        from jesc.quiz.widget import make_widget  # ipywidgets is imported only when a quiz is shown

        return make_widget(quiz)

    return dual_bundle(plain_text(quiz), render_html(quiz, next_instance(quiz)), widget,
                       render_markdown(quiz))


def register(shell: Any = None) -> bool:
    """Let IPython display every :class:`Quiz` with :func:`mimebundle`.

    ``shell`` is an IPython shell (default: the running one). Returns False when there is none
    (plain Python: nothing to display to).
    """
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return False
        shell = get_ipython()
    if shell is None:
        return False
    shell.display_formatter.mimebundle_formatter.for_type(Quiz, mimebundle)
    return True
