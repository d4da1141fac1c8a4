"""The quiz model: one immutable dataclass per question type, each with ``check(answer) -> Result``.

The model knows nothing of how a quiz is drawn or where it comes from: ``jesc.quiz.load`` builds it
from a file, ``jesc.quiz.html``, ``jesc.quiz.widget`` and ``jesc.quiz.key`` render it, and
``jesc.quiz.display`` makes notebooks show it (``tests/test_quiz_structure.py`` keeps it so).

Indices in answers always refer to the order written in the quiz file (counting from 0), never to
the (possibly shuffled) order shown to the student.

Answer shapes accepted by ``check``:

=============  ==================================================================================
type           answer
=============  ==================================================================================
single         an option index (int)
multiple       a collection of option indices (possibly empty)
numeric        a finite number (int or float; a numeric string such as "1.5" is accepted too)
ordering       the item indices in the order the student put them (a permutation of 0..n-1)
matching       for each term, in file order, the index of the match chosen for it
=============  ==================================================================================

An answer of the wrong type or out of range raises :class:`jesc.errors.QuizError` naming the quiz
and the question; it never counts as simply "wrong".
"""

from __future__ import annotations

import math
import numbers
import random
import re
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from jesc.errors import QuizError
from jesc.quiz.translate import ui

FEEDBACK_MODES = ("on_submit", "immediate")


@dataclass(frozen=True)
class Feedback:
    """One line of feedback shown after a check: ``text`` and an optional link to the section."""

    text: str
    link: str | None = None
    correct: bool | None = None  # True/False: about a right/wrong choice; None: neutral


@dataclass(frozen=True)
class Result:
    """Outcome of checking one answer."""

    question_id: str
    correct: bool
    feedback: tuple[Feedback, ...] = ()
    explanation: str = ""

    @property
    def score(self) -> int:
        return 1 if self.correct else 0


@dataclass(frozen=True)
class Option:
    """A choice (single/multiple), an item to order (ordering) or a term-match pair (matching)."""

    text: str
    feedback: str = ""
    link: str | None = None
    match: str | None = None  # matching questions only: the definition paired with ``text``


@dataclass(frozen=True)
class Question:
    """Fields shared by every question type."""

    id: str
    prompt: str
    explanation: str
    source: str
    link: str | None = None
    quiz_name: str = ""
    number: int = 0  # 1-based position in the quiz file, for messages
    answer_from: str | None = None  # the key of a computed answer (``answer: {from_data: key}``)
    answer_missing: bool = False  # True only in an answer key made without the computed values

    type_name = "question"

    # -- helpers ----------------------------------------------------------------------------
    def _where(self) -> str:
        where = f"quiz '{self.quiz_name}', " if self.quiz_name else ""
        return f"{where}question {self.number} ('{self.id}')"

    def _bad(self, expected: str, got: Any) -> QuizError:
        return QuizError(f"{self._where()}, answer: expected {expected}, got {_show(got)}")

    def _index(self, value: Any, size: int, what: str = "an option index") -> int:
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise self._bad(f"{what} (an integer from 0 to {size - 1})", value)
        if not 0 <= int(value) < size:
            raise self._bad(f"{what} from 0 to {size - 1}", value)
        return int(value)

    def _link(self, option: Option | None = None) -> str | None:
        if option is not None and option.link:
            return option.link
        return self.link

    def check(self, answer: Any) -> Result:  # pragma: no cover - overridden
        raise NotImplementedError

    def correct_answer(self) -> Any:  # pragma: no cover - overridden
        raise NotImplementedError

    def display_order(self, seed: Any, shuffle: bool) -> list[int]:
        """Order (original indices) in which options/items are shown."""
        return list(range(len(getattr(self, "options", ()))))

    def _rng(self, seed: Any) -> random.Random:
        # A string seed is hashed with SHA-512 by ``random``: stable across runs and platforms.
        return random.Random(f"{seed}:{self.id}")


@dataclass(frozen=True)
class SingleChoice(Question):
    options: tuple[Option, ...] = ()
    answer: int = 0

    type_name = "single"

    def check(self, answer: Any) -> Result:
        i = self._index(answer, len(self.options))
        ok = i == self.answer
        opt = self.options[i]
        fb = (Feedback(opt.feedback, self._link(opt), ok),)
        return Result(self.id, ok, fb, self.explanation)

    def correct_answer(self) -> int:
        return self.answer

    def display_order(self, seed: Any, shuffle: bool) -> list[int]:
        order = list(range(len(self.options)))
        if shuffle:
            self._rng(seed).shuffle(order)
        return order


@dataclass(frozen=True)
class MultipleSelect(Question):
    options: tuple[Option, ...] = ()
    answer: frozenset[int] = frozenset()

    type_name = "multiple"

    def check(self, answer: Any) -> Result:
        if isinstance(answer, (str, bytes, dict)) or not _iterable(answer):
            raise self._bad("a list of option indices", answer)
        chosen = [self._index(v, len(self.options)) for v in answer]
        if len(set(chosen)) != len(chosen):
            raise self._bad("each option index at most once", answer)
        chosen_set = frozenset(chosen)
        ok = chosen_set == self.answer
        fb = []
        for i, opt in enumerate(self.options):
            if i in chosen_set or i in self.answer:
                right = (i in chosen_set) == (i in self.answer)
                text = opt.feedback if i in chosen_set else ui("missed", feedback=opt.feedback)
                fb.append(Feedback(text, self._link(opt), right))
        return Result(self.id, ok, tuple(fb), self.explanation)

    def correct_answer(self) -> list[int]:
        return sorted(self.answer)

    display_order = SingleChoice.display_order


class AmbiguousNumber(QuizError):
    """A typed number that can be read two ways ("1.000": one, or one thousand? "1,5": one and a
    half, or fifteen?): the reader is asked for a plain number, never marked wrong."""


# A plain number: 1000, -3.5, .5, 1e3.
_PLAIN = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")
# Groups of three digits after a comma or a space (1,000; 1 000; 12,345.5): thousands.
_GROUPED = re.compile(r"[-+]?\d{1,3}(?P<sep>[, \u00a0\u202f\u2009])\d{3}(?:(?P=sep)\d{3})*(\.\d+)?")
# Groups of three digits after a point (1.000, 12.500.000): thousands in German, a decimal in English.
_DOT_GROUPED = re.compile(r"[-+]?[1-9]\d{0,2}(\.\d{3})+")


def read_number(text: str) -> float:
    """The number a student typed: ``1000``, ``1,000`` and ``1 000`` are one thousand; ``1.000``
    and ``1,5`` (which a reader of another convention writes for another number) raise
    :class:`AmbiguousNumber`; text that is no number raises :class:`QuizError`. The page script
    (``_static/jesc-quiz.js``, ``readNumber``) reads the same way."""
    s = str(text).strip().replace("\u2212", "-")
    if _DOT_GROUPED.fullmatch(s):
        raise AmbiguousNumber(f"{text!r} can be read as two different numbers")
    if _PLAIN.fullmatch(s):
        return float(s)
    m = _GROUPED.fullmatch(s)
    if m:
        return float(s.replace(m.group("sep"), ""))
    if re.search(r"\d[.,]\d", s):
        raise AmbiguousNumber(f"{text!r} can be read as two different numbers")
    raise QuizError(f"{text!r} is not a number")


@dataclass(frozen=True)
class Numeric(Question):
    answer: float = 0.0
    tolerance: float = 0.0
    unit: str = ""
    feedback_correct: str = ""
    feedback_low: str = ""
    feedback_high: str = ""

    type_name = "numeric"

    def value_text(self) -> str:
        return _fmt_number(self.answer)

    def _sub(self, text: str) -> str:
        return text.replace("{answer}", self.value_text())

    def parse(self, answer: Any) -> float:
        if isinstance(answer, str):
            try:
                value = read_number(answer)
            except AmbiguousNumber:
                raise AmbiguousNumber(f"{self._where()}: expected a plain number such as 1000 or 3.5, "
                                      f"got {answer!r} (it can be read as two different numbers)") from None
            except QuizError:
                raise self._bad("a number", answer) from None
        elif isinstance(answer, bool) or not isinstance(answer, numbers.Real):
            raise self._bad("a number", answer)
        else:
            value = float(answer)
        if not math.isfinite(value):
            raise self._bad("a finite number", answer)
        return value

    def check(self, answer: Any) -> Result:
        value = self.parse(answer)
        # a small relative slack so that 0.1 + 0.2 counts as 0.3
        slack = self.tolerance + 1e-9 * max(1.0, abs(self.answer))
        if abs(value - self.answer) <= slack:
            ok, text = True, self.feedback_correct
        elif value < self.answer:
            ok, text = False, self.feedback_low
        else:
            ok, text = False, self.feedback_high
        return Result(self.id, ok, (Feedback(self._sub(text), self.link, ok),), self._sub(self.explanation))

    def correct_answer(self) -> float:
        return self.answer


@dataclass(frozen=True)
class Ordering(Question):
    """``options`` are the items in their correct order; they are always shown shuffled."""

    options: tuple[Option, ...] = ()

    type_name = "ordering"

    def check(self, answer: Any) -> Result:
        n = len(self.options)
        if isinstance(answer, (str, bytes, dict)) or not _iterable(answer):
            raise self._bad(f"a list of the {n} item indices in the chosen order", answer)
        order = [self._index(v, n, "an item index") for v in answer]
        if sorted(order) != list(range(n)):
            raise self._bad(f"each of the {n} item indices exactly once", answer)
        ok = order == list(range(n))
        fb = []
        for pos, i in enumerate(order):
            if pos != i:
                opt = self.options[i]
                fb.append(Feedback(ui("ordered", text=opt.text, feedback=opt.feedback), self._link(opt), False))
        return Result(self.id, ok, tuple(fb), self.explanation)

    def correct_answer(self) -> list[int]:
        return list(range(len(self.options)))

    def display_order(self, seed: Any, shuffle: bool) -> list[int]:
        order = list(range(len(self.options)))
        self._rng(seed).shuffle(order)
        if len(order) > 1 and order == sorted(order):  # never show the answer as the starting order
            order = order[1:] + order[:1]
        return order


@dataclass(frozen=True)
class Matching(Question):
    """``options`` hold the pairs (``text`` = term, ``match`` = what it goes with)."""

    options: tuple[Option, ...] = ()

    type_name = "matching"

    def check(self, answer: Any) -> Result:
        n = len(self.options)
        if isinstance(answer, dict):
            if set(answer) != set(range(n)):
                raise self._bad(f"a match index for each term 0 to {n - 1}", answer)
            answer = [answer[i] for i in range(n)]
        if isinstance(answer, (str, bytes)) or not _iterable(answer):
            raise self._bad(f"a list of {n} match indices, one per term", answer)
        chosen = [self._index(v, n, "a match index") for v in answer]
        if len(chosen) != n:
            raise self._bad(f"a list of {n} match indices, one per term", answer)
        ok = chosen == list(range(n))
        fb = []
        for term, picked in enumerate(chosen):
            opt = self.options[term]
            if picked == term:
                fb.append(Feedback(ui("matched", text=opt.text, match=opt.match), None, True))
            else:
                wrong = self.options[picked].match
                fb.append(Feedback(ui("mismatched", text=opt.text, match=wrong, feedback=opt.feedback),
                                   self._link(opt), False))
        return Result(self.id, ok, tuple(fb), self.explanation)

    def correct_answer(self) -> list[int]:
        return list(range(len(self.options)))

    def display_order(self, seed: Any, shuffle: bool) -> list[int]:
        """Order of the *matches* in each term's select (always shuffled)."""
        return Ordering.display_order(self, seed, shuffle)  # type: ignore[arg-type]


QUESTION_TYPES: dict[str, type[Question]] = {
    cls.type_name: cls for cls in (SingleChoice, MultipleSelect, Numeric, Ordering, Matching)
}


@dataclass(frozen=True)
class Quiz:
    """A validated quiz: its questions, and checking and scoring answers to them.

    A notebook displays it (live widget, HTML in the book) once ``jesc.quiz`` is imported
    (see ``jesc.quiz.display``)."""

    name: str
    title: str
    questions: tuple[Question, ...]
    feedback: str = "on_submit"
    shuffle: bool = False
    seed: Any = 0
    intro: str = ""
    source_file: str = ""
    computed: tuple[str, ...] = field(default=())  # from_data keys whose values were supplied

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise QuizError(f"quiz '{self.name}': no question with id {question_id!r}; "
                        f"ids are {[q.id for q in self.questions]}")

    def check(self, question_id: str, answer: Any) -> Result:
        return self.question(question_id).check(answer)

    def score(self, answers: dict[str, Any]) -> tuple[int, int]:
        """(number correct, number of questions) for a dict ``{question id: answer}``."""
        if not isinstance(answers, Mapping):
            raise QuizError(f"{self.name}: score() expects a mapping {{question id: answer}}, "
                            f"got {type(answers).__name__}")
        results = [self.check(qid, a) for qid, a in answers.items()]
        return sum(r.score for r in results), len(self.questions)

    def select(self, ids: Sequence[str]) -> "Quiz":
        """A quiz made of some questions only (e.g. to show one question inside a section)."""
        if isinstance(ids, str) or not isinstance(ids, Sequence) or not ids:
            raise QuizError(f"{self.name}: select() expects a non-empty list of question ids, got {ids!r}")
        qs = tuple(self.question(i) for i in ids)
        return Quiz(self.name, self.title, qs, self.feedback, self.shuffle, self.seed, "",
                    self.source_file, self.computed)

    def __repr__(self) -> str:
        return f"<Quiz {self.name!r}: {len(self.questions)} questions>"


def _iterable(x: Any) -> bool:
    try:
        iter(x)
    except TypeError:
        return False
    return True


def _show(x: Any) -> str:
    text = repr(x)
    return text if len(text) <= 60 else text[:57] + "..."


def _fmt_number(x: float) -> str:
    if float(x).is_integer() and abs(x) < 1e15:
        return str(int(x))
    return f"{x:g}"
