"""Load a quiz YAML file and validate it against the quiz schema (see ``SCHEMA`` below).

Every problem raises :class:`jesc.errors.QuizError` whose message names the file, the question
(number and id), the field and what was expected, e.g.::

    exercises/quizzes/introduction.yml, question 3 ('spa-date'), field 'answer':
    expected an integer index of an option (0 to 3), got 'b'
"""

from __future__ import annotations

import math
import numbers
import re
from pathlib import Path
from typing import Any, Mapping

import yaml

from jesc.errors import QuizError
from jesc.paths import REPO_ROOT, display_path
from jesc.quiz.translate import localize
from jesc.quiz.model import (
    FEEDBACK_MODES,
    QUESTION_TYPES,
    Matching,
    MultipleSelect,
    Numeric,
    Option,
    Ordering,
    Question,
    Quiz,
    SingleChoice,
)

#: Where quiz files are looked up by name (the checkout, or the copy inside a wheel: see jesc.paths).
QUIZ_DIRS = (REPO_ROOT / "exercises" / "quizzes",)

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
KEY_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
SOURCE_RE = re.compile(r"^[A-Za-z0-9_:.-]{1,80}$")
# A link is an http(s) URL or a page of the book: a path from the book root without suffix,
# optionally with an anchor, e.g. "chapters/nato/operations#isaf".
LINK_RE = re.compile(r"^(https?://[^\s<>\"'`]+|[A-Za-z0-9_][A-Za-z0-9_./-]*(#[A-Za-z0-9_-]+)?|#[A-Za-z0-9_-]+)$")
MAX_TEXT = 2000

TOP_KEYS = {"title", "name", "intro", "feedback", "shuffle", "seed", "questions"}
COMMON_KEYS = {"id", "type", "prompt", "explanation", "source", "link"}
TYPE_KEYS = {
    "single": {"options", "answer"},
    "multiple": {"options", "answer"},
    "numeric": {"answer", "tolerance", "unit", "feedback"},
    "ordering": {"items"},
    "matching": {"pairs"},
}

SCHEMA = """\
title: text                         # required
intro: text                         # optional, shown above the questions
feedback: on_submit | immediate     # default on_submit (a Check button per question)
shuffle: true | false               # shuffle single/multiple options (default false)
seed: integer or text               # seed of every shuffle (default 0); same seed, same order
questions:                          # one or more
  - id: lower-case-id               # unique in the file: letters, digits, '-'
    type: single | multiple | numeric | ordering | matching
    prompt: text
    explanation: text               # shown once the answer is right; cites the source
    source: bibkey                  # a key of references.bib
    link: chapters/part/section     # optional: page (and #anchor) that teaches it
    # single:   options: [{text, feedback, link?}, ...]  answer: index (from 0)
    # multiple: options: [{text, feedback, link?}, ...]  answer: [index, ...]
    # numeric:  answer: number, tolerance: number >= 0, unit: text,
    #           feedback: {correct: text, low: text, high: text}
    # ordering: items: [{text, feedback}, ...]  in the correct order (shown shuffled)
    # matching: pairs: [{term, match, feedback}, ...]  (matches shown shuffled)
    # single, multiple and numeric may take  answer: {from_data: key}  and get the value from
    # load_quiz(..., answers={key: value}) when the notebook runs.
"""


class _Ctx:
    """Where we are in the file, to build messages."""

    def __init__(self, source: str, number: int | None = None, qid: str | None = None):
        self.source, self.number, self.qid = source, number, qid

    def error(self, field: str | None, expected: str, got: Any = None, *, show_got: bool = True) -> QuizError:
        parts = [self.source]
        if self.number is not None:
            parts.append(f"question {self.number}" + (f" ({self.qid!r})" if self.qid else ""))
        if field:
            parts.append(f"field {field!r}")
        msg = ", ".join(parts) + f": expected {expected}"
        if show_got:
            msg += f", got {_show(got)}"
        return QuizError(msg)


def _show(x: Any) -> str:
    if isinstance(x, Mapping):
        return "a mapping with keys " + _short(sorted(map(str, x)))
    if isinstance(x, list):
        return f"a list of {len(x)} item(s)"
    return _short(x)


def _short(x: Any) -> str:
    text = repr(x)
    return text if len(text) <= 60 else text[:57] + "..."


def _text(ctx: _Ctx, d: Mapping, key: str, field: str | None = None, *, required: bool = True,
          default: str = "") -> str:
    field = field or key
    if key not in d:
        if required:
            raise ctx.error(field, "text (this field is required)", show_got=False)
        return default
    v = d[key]
    if isinstance(v, bool) or v is None or not isinstance(v, (str, int, float)):
        raise ctx.error(field, "text", v)
    v = str(v).strip()
    if required and not v:
        raise ctx.error(field, "non-empty text", d[key])
    if len(v) > MAX_TEXT:
        raise ctx.error(field, f"text of at most {MAX_TEXT} characters", f"{len(v)} characters")
    if "\x00" in v:
        raise ctx.error(field, "text without NUL characters", v)
    return v


def _mapping(ctx: _Ctx, v: Any, field: str | None, allowed: set[str], what: str) -> Mapping:
    if not isinstance(v, Mapping):
        raise ctx.error(field, what, v)
    for k in v:
        if not isinstance(k, str) or k not in allowed:
            raise ctx.error(field, f"only the keys {sorted(allowed)}", f"unknown key {k!r}"
                            if isinstance(k, str) else k)
    return v


def _link(ctx: _Ctx, d: Mapping, field: str) -> str | None:
    if "link" not in d or d["link"] is None:
        return None
    v = d["link"]
    if not isinstance(v, str) or not LINK_RE.match(v.strip()) or ".." in v.split("#")[0].split("/"):
        raise ctx.error(field, "an http(s) URL or a book page path like 'chapters/nato/index#isaf'", v)
    return v.strip()


def _index(ctx: _Ctx, v: Any, size: int, field: str) -> int:
    if isinstance(v, bool) or not isinstance(v, numbers.Integral):
        raise ctx.error(field, f"an integer index of an option (0 to {size - 1})", v)
    if not 0 <= int(v) < size:
        raise ctx.error(field, f"an integer index of an option (0 to {size - 1})", v)
    return int(v)


def _number(ctx: _Ctx, v: Any, field: str) -> float:
    if isinstance(v, bool) or not isinstance(v, numbers.Real):
        raise ctx.error(field, "a number", v)
    f = float(v)
    if not math.isfinite(f):
        raise ctx.error(field, "a finite number", v)
    return f


def _indices(ctx: _Ctx, v: Any, size: int, field: str) -> frozenset[int]:
    if not isinstance(v, (list, tuple)):
        raise ctx.error(field, f"a list of integer indices of options (0 to {size - 1})", v)
    out = [_index(ctx, x, size, f"{field}[{i}]") for i, x in enumerate(v)]
    if len(set(out)) != len(out):
        raise ctx.error(field, "each option index at most once", v)
    if not out:
        raise ctx.error(field, "at least one correct option", v)
    return frozenset(out)


def _options(ctx: _Ctx, q: Mapping, key: str, keys: tuple[str, ...]) -> tuple[Option, ...]:
    if key not in q:
        raise ctx.error(key, "a list of at least 2 entries (this field is required)", show_got=False)
    v = q[key]
    if not isinstance(v, list) or len(v) < 2:
        raise ctx.error(key, "a list of at least 2 entries", v)
    if len(v) > 26:
        raise ctx.error(key, "at most 26 entries", v)
    allowed = set(keys) | {"link"}
    out = []
    for i, o in enumerate(v):
        f = f"{key}[{i}]"
        o = _mapping(ctx, o, f, allowed, f"a mapping with keys {list(keys)}")
        vals = {k: _text(ctx, o, k, f"{f}.{k}") for k in keys}
        link = _link(ctx, o, f"{f}.link")
        if "term" in vals:
            out.append(Option(vals["term"], vals["feedback"], link, vals["match"]))
        else:
            out.append(Option(vals["text"], vals["feedback"], link))
    first = keys[0]
    seen: set[str] = set()
    for i, o in enumerate(out):
        if o.text in seen:
            raise ctx.error(f"{key}[{i}].{first}", f"a {first} different from the others", o.text)
        seen.add(o.text)
    if key == "pairs":
        matches = [o.match for o in out]
        for i, m in enumerate(matches):
            if matches.index(m) != i:
                raise ctx.error(f"{key}[{i}].match", "a match different from the others", m)
    return tuple(out)


def _computed(ctx: _Ctx, v: Any, answers: Mapping[str, Any] | None, allow_missing: bool,
              used: set[str]) -> tuple[str | None, Any, bool]:
    """If ``v`` is ``{from_data: key}`` return (key, supplied value or None, missing?)."""
    if not isinstance(v, Mapping):
        return None, v, False
    _mapping(ctx, v, "answer", {"from_data"}, "a value or {from_data: key}")
    key = v.get("from_data")
    if not isinstance(key, str) or not KEY_RE.match(key):
        raise ctx.error("answer.from_data", "a name of letters, digits and '_' (a key of answers=...)", key)
    used.add(key)
    if answers is None or key not in answers:
        if allow_missing:
            return key, None, True
        raise ctx.error("answer", f"the computed answer {key!r}: pass load_quiz(..., answers={{{key!r}: value}})"
                        " with the value computed from the data", show_got=False)
    return key, answers[key], False


def parse_quiz(data: Any, source: str = "<quiz>", name: str | None = None,
               answers: Mapping[str, Any] | None = None, *, allow_missing: bool = False,
               bib_keys: set[str] | None = None) -> Quiz:
    """Validate already-parsed YAML ``data`` and build a :class:`Quiz`.

    ``answers`` supplies the values of ``answer: {from_data: key}`` questions. With
    ``allow_missing=True`` (answer keys), a missing computed value is allowed and marked.
    ``bib_keys``, when given, is the set of keys every question's ``source`` must be one of.
    """
    top = _Ctx(source)
    if answers is not None and not isinstance(answers, Mapping):
        raise top.error("answers", "a dict {key: value} of computed answers", answers)
    data = _mapping(top, data, None, TOP_KEYS, "a mapping with 'title' and 'questions'")
    title = _text(top, data, "title")
    intro = _text(top, data, "intro", required=False)
    qname = _text(top, data, "name", required=False) or (re.sub(r"[^a-z0-9-]+", "-", (name or "quiz").lower()).strip("-")[:64] or "quiz")
    if not ID_RE.match(qname):
        raise top.error("name", "lower-case letters, digits and '-'", qname)
    feedback = data.get("feedback", "on_submit")
    if feedback not in FEEDBACK_MODES:
        raise top.error("feedback", " or ".join(repr(m) for m in FEEDBACK_MODES), feedback)
    shuffle = data.get("shuffle", False)
    if not isinstance(shuffle, bool):
        raise top.error("shuffle", "true or false", shuffle)
    seed = data.get("seed", 0)
    if isinstance(seed, bool) or not isinstance(seed, (int, str)):
        raise top.error("seed", "an integer or a text", seed)
    qs = data.get("questions")
    if not isinstance(qs, list) or not qs:
        raise top.error("questions", "a non-empty list of questions", qs)

    used: set[str] = set()
    questions: list[Question] = []
    ids: set[str] = set()
    for n, q in enumerate(qs, start=1):
        ctx = _Ctx(source, n)
        if not isinstance(q, Mapping):
            raise ctx.error(None, "a mapping with id, type, prompt, ...", q)
        qid = q.get("id")
        if not isinstance(qid, str) or not ID_RE.match(qid):
            raise ctx.error("id", "an id of lower-case letters, digits and '-' (at most 64)", qid)
        ctx.qid = qid
        if qid in ids:
            raise ctx.error("id", "an id not used by another question", qid)
        ids.add(qid)
        qtype = q.get("type")
        if not isinstance(qtype, str) or qtype not in QUESTION_TYPES:
            raise ctx.error("type", " | ".join(QUESTION_TYPES), qtype)
        _mapping(ctx, q, None, COMMON_KEYS | TYPE_KEYS[qtype], f"the keys of a {qtype} question")
        common: dict[str, Any] = dict(
            id=qid,
            prompt=_text(ctx, q, "prompt"),
            explanation=_text(ctx, q, "explanation"),
            source=_text(ctx, q, "source"),
            link=_link(ctx, q, "link"),
            quiz_name=qname,
            number=n,
        )
        if not SOURCE_RE.match(common["source"]):
            raise ctx.error("source", "a bibliography key like 'tsuruoka2010'", common["source"])
        if bib_keys is not None and common["source"] not in bib_keys:
            raise ctx.error("source", "a key of references.bib", common["source"])
        questions.append(_build(ctx, qtype, q, common, answers, allow_missing, used))

    if answers is not None:
        extra = sorted(set(map(str, answers)) - used)
        if extra:
            raise top.error("answers", f"only the computed keys this quiz uses {sorted(used)}",
                            f"unknown key(s) {extra}")
    return Quiz(qname, title, tuple(questions), feedback, shuffle, seed, intro, source,
                tuple(sorted(k for k in used if answers and k in answers)))


def _build(ctx: _Ctx, qtype: str, q: Mapping, common: dict, answers, allow_missing, used) -> Question:
    if qtype in ("single", "multiple"):
        opts = _options(ctx, q, "options", ("text", "feedback"))
        if "answer" not in q:
            raise ctx.error("answer", "the correct answer (this field is required)", show_got=False)
        key, raw, missing = _computed(ctx, q["answer"], answers, allow_missing, used)
        field = "answer" if key is None else f"answer (computed {key!r})"
        if qtype == "single":
            ans = 0 if missing else _index(ctx, raw, len(opts), field)
            return SingleChoice(**common, options=opts, answer=ans, answer_from=key, answer_missing=missing)
        ans_set = frozenset({0}) if missing else _indices(ctx, _listify(raw), len(opts), field)
        return MultipleSelect(**common, options=opts, answer=ans_set, answer_from=key, answer_missing=missing)

    if qtype == "numeric":
        if "answer" not in q:
            raise ctx.error("answer", "a number (this field is required)", show_got=False)
        key, raw, missing = _computed(ctx, q["answer"], answers, allow_missing, used)
        field = "answer" if key is None else f"answer (computed {key!r})"
        value = 0.0 if missing else _number(ctx, raw, field)
        tol = _number(ctx, q.get("tolerance", 0), "tolerance")
        if tol < 0:
            raise ctx.error("tolerance", "a number >= 0", q.get("tolerance"))
        unit = _text(ctx, q, "unit", required=False)
        if "feedback" not in q:
            raise ctx.error("feedback", "a mapping {correct, low, high} (this field is required)", show_got=False)
        fb = _mapping(ctx, q["feedback"], "feedback", {"correct", "low", "high"},
                      "a mapping with the keys correct, low, high")
        texts = {k: _text(ctx, fb, k, f"feedback.{k}") for k in ("correct", "low", "high")}
        return Numeric(**common, answer=value, tolerance=tol, unit=unit, feedback_correct=texts["correct"],
                       feedback_low=texts["low"], feedback_high=texts["high"], answer_from=key,
                       answer_missing=missing)

    if qtype == "ordering":
        return Ordering(**common, options=_options(ctx, q, "items", ("text", "feedback")))

    return Matching(**common, options=_options(ctx, q, "pairs", ("term", "match", "feedback")))


def _listify(v: Any) -> Any:
    """Computed answers for 'multiple' may be a set, tuple, numpy array or pandas Series."""
    if isinstance(v, (list, tuple)):
        return list(v)
    if isinstance(v, (set, frozenset)):
        return sorted(v, key=repr)
    tolist = getattr(v, "tolist", None)
    if callable(tolist):
        try:
            out = tolist()
        except Exception:  # noqa: BLE001 - anything odd is reported as the wrong type below
            return v
        return out if isinstance(out, list) else v
    return v


def find_quiz(path_or_name: str | Path) -> Path:
    """The quiz file for a name ('demo') or a path ('exercises/quizzes/demo.yml')."""
    if not isinstance(path_or_name, (str, Path)) or not str(path_or_name).strip():
        raise QuizError(f"find_quiz: expected a quiz name or a path to a .yml file, got {path_or_name!r}")
    p = Path(path_or_name)
    if p.suffix in (".yml", ".yaml") or len(p.parts) > 1:
        for cand in (p, REPO_ROOT / p):
            if cand.is_file():
                return cand
        raise QuizError(f"{path_or_name}: no such quiz file")
    name = str(path_or_name)
    for d in QUIZ_DIRS:
        for ext in (".yml", ".yaml"):
            cand = d / f"{name}{ext}"
            if cand.is_file():
                return cand
    raise QuizError(f"quiz {name!r}: expected a file exercises/quizzes/{name}.yml; none found "
                    f"(looked in {', '.join(str(d) for d in QUIZ_DIRS)})")


def _bib_keys() -> set[str] | None:
    bib = REPO_ROOT / "references.bib"
    if not bib.is_file():
        return None
    return set(re.findall(r"^\s*@\w+\s*\{\s*([^,\s]+)\s*,", bib.read_text(encoding="utf-8"), re.M))


def load_quiz(path_or_name: str | Path, answers: Mapping[str, Any] | None = None, *,
              allow_missing: bool = False) -> Quiz:
    """Load and validate a quiz by name (``"demo"``) or path; supply computed answers by key."""
    path = find_quiz(path_or_name)
    source = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise QuizError(f"{source}: expected a readable UTF-8 text file ({e})") from None
    # In the Japanese edition the text of exercises/quizzes/ja/<name>.yml is merged over it.
    data = localize(_yaml(text, source), path, source)
    return parse_quiz(data, source, path.stem, answers, allow_missing=allow_missing, bib_keys=_bib_keys())


def loads_quiz(text: str, source: str = "<quiz>", name: str | None = None,
               answers: Mapping[str, Any] | None = None, *, allow_missing: bool = False,
               bib_keys: set[str] | None = None) -> Quiz:
    """Parse quiz YAML from a string (used by the tests; always the text as given)."""
    return parse_quiz(_yaml(text, source), source, name, answers, allow_missing=allow_missing,
                      bib_keys=bib_keys)


def _yaml(text: str, source: str) -> Any:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise QuizError(f"{source},{where}: expected valid YAML ({problem})") from None
    except (ValueError, TypeError, RecursionError) as e:  # e.g. absurd numbers or nesting
        raise QuizError(f"{source}: expected valid YAML ({type(e).__name__})") from None
    return data

