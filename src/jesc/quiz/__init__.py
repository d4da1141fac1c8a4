"""The course's quiz engine.

Quizzes are YAML files in ``exercises/quizzes/`` (one per chapter or section), validated on load.
In a notebook::

    import jesc.quiz
    quiz = jesc.quiz.load_quiz("demo", answers={"civilian_missions": 11})
    quiz                      # live ipywidgets in Jupyter; self-checking HTML in the built book

Public API: :func:`load_quiz`, :func:`loads_quiz`, :func:`show`, :func:`answer_key`, :class:`Quiz`
and the question classes; every bad input raises :class:`jesc.errors.QuizError`.

The modules depend one way (``tests/test_quiz_structure.py``): ``model`` (the questions and how
answers are checked) depends on no other; ``load`` builds the model from YAML; ``html``, ``widget``
and ``key`` render it; ``display`` shows it in a notebook, registered here with IPython.
"""

from __future__ import annotations

from typing import Any, Mapping

from jesc.errors import QuizError
from jesc.quiz import display as _display
from jesc.quiz.html import render_html
from jesc.quiz.key import answer_key
from jesc.quiz.load import SCHEMA, find_quiz, load_quiz, loads_quiz, parse_quiz
from jesc.quiz.model import (
    Feedback,
    Matching,
    MultipleSelect,
    Numeric,
    Option,
    Ordering,
    Question,
    Quiz,
    Result,
    SingleChoice,
)

__all__ = [
    "Feedback", "Matching", "MultipleSelect", "Numeric", "Option", "Ordering", "Question", "Quiz",
    "QuizError", "Result", "SCHEMA", "SingleChoice", "answer_key", "find_quiz", "load_quiz", "loads_quiz",
    "parse_quiz", "render_html", "show",
]


def show(quiz: "Quiz | str", answers: Mapping[str, Any] | None = None, only: list[str] | None = None) -> None:
    """Display a quiz (a :class:`Quiz` or a quiz name) in the notebook, optionally only some questions.

    Equivalent to ending a cell with the quiz object itself. Returns None.
    """
    if not isinstance(quiz, Quiz):
        quiz = load_quiz(quiz, answers=answers)
    elif answers is not None:
        raise QuizError("show: pass answers= to load_quiz, or give show() a quiz name")
    if only is not None:
        quiz = quiz.select(only)
    from IPython.display import display

    display(_display.mimebundle(quiz), raw=True)


# A cell that ends with a quiz shows it: IPython's formatter renders every Quiz (jesc.quiz.display).
_display.register()
