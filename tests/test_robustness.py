"""Robust to bad input: the course package's public functions, fed malformed and hostile input
(hypothesis), either work or raise the course's own clear error (a ``jesc.errors.CourseError``
subclass), never a traceback from inside a library, and never change a file.

* data: ``jesc.load`` on corrupted copies of the data package (cells replaced by hostile text, rows cut
  short or lengthened, bytes that are not UTF-8, truncated files, a broken ``datapackage.json``), read
  through ``JESC_DATA_DIR``; and with table names that are not names. The repository's ``data/`` and the
  corrupted copy are byte-for-byte unchanged afterwards.
* quizzes: ``loads_quiz`` with arbitrary text and YAML; ``parse_quiz`` with arbitrary data and with the
  course's real quizzes mutated at a random place; ``load_quiz`` on a corrupted copy of a quiz file;
  ``Quiz.check`` / ``Quiz.score`` / ``Quiz.select`` with answers of every wrong type; the answer key and
  the static HTML of every real quiz.
* assignment glue (``jesc.assignments``, when present): submissions that are not notebooks,
  missing files.
* timeline, decision and style helpers (when present): wrong tables, filters, weights and names.
"""

from __future__ import annotations

import copy
import hashlib
import importlib
import json
import os
import shutil
from pathlib import Path

import pytest
import yaml

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, Phase, assume, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import jesc  # noqa: E402
import jesc.quiz  # noqa: E402
from jesc.errors import CourseError  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
QUIZZES = sorted((REPO / "exercises" / "quizzes").glob("*.yml"))
# No shrinking: a failure already names the call and its arguments, and shrinking a failure of a slow
# function (loading a table) takes minutes. One bug reported per test.
SETTINGS = settings(max_examples=25, deadline=None, derandomize=True, report_multiple_bugs=False,
                    phases=[Phase.explicit, Phase.reuse, Phase.generate],
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def expect_course_error(fn, *args, **kwargs):
    """Call ``fn``; it may return anything or raise a CourseError (with a message), nothing else."""
    try:
        return fn(*args, **kwargs)
    except CourseError as e:
        assert str(e).strip(), f"{type(e).__name__} without a message"
        return e
    except Exception as e:  # noqa: BLE001 - this is the point of the test
        pytest.fail(f"{getattr(fn, '__qualname__', fn)}{args!r:.300} raised {type(e).__name__}: {e!s:.500} "
                    "(expected a result or a jesc.errors.CourseError)")


@pytest.fixture(autouse=True)
def repository_files_unchanged():
    """No test of this module changes a file of the repository's data or quizzes."""
    before = digest(DATA), digest(REPO / "exercises")
    yield
    assert (digest(DATA), digest(REPO / "exercises")) == before, "a test changed the repository's files"


# Hostile text: control characters, markup, quotes, very long, non-BMP, surrogate-free unicode.
hostile_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", " ", "\x00", "<script>alert(1)</script>", "=cmd|' /C calc'!A0", "'; DROP TABLE x;--",
                     "../../etc/passwd", "\ufeff", "1e309", "NaN", "-0", "9" * 400, "2023-02-30", "0000-00-00",
                     "a,b", '"', "\r\n", "日本", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "{{x}}", "${x}", "%s%s%s"]),
)
junk = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | hostile_text | st.binary(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(hostile_text, children, max_size=4)
    | st.tuples(children, children) | st.frozensets(st.integers(), max_size=3),
    max_leaves=12,
)


# ------------------------------------------------------------------------------------------- data
def tables() -> list[tuple[str, str]]:
    package = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    return [(r["name"], r["path"]) for r in package["resources"]]


class _Copies:
    """Fresh copies of the data package (a new folder each, so no cache can hide a change)."""

    def __init__(self, root: Path):
        self.root, self.n = root, 0
        self.pristine = root / "pristine"
        shutil.copytree(DATA, self.pristine / "data")
        if (REPO / "references.bib").is_file():
            shutil.copy(REPO / "references.bib", self.pristine / "references.bib")

    def new(self) -> Path:
        self.n += 1
        target = self.root / f"copy{self.n}"
        shutil.copytree(self.pristine, target)
        return target / "data"


@pytest.fixture(scope="module")
def copies(tmp_path_factory):
    return _Copies(tmp_path_factory.mktemp("data-copies"))


def load_from(data_dir: Path, name: str):
    old = os.environ.get("JESC_DATA_DIR")
    os.environ["JESC_DATA_DIR"] = str(data_dir)
    try:
        before = digest(data_dir.parent)
        result = expect_course_error(jesc.load, name)
        assert digest(data_dir.parent) == before, f"jesc.load({name!r}) changed a file of the data package"
        return result
    finally:
        if old is None:
            os.environ.pop("JESC_DATA_DIR", None)
        else:
            os.environ["JESC_DATA_DIR"] = old


def test_the_pristine_copy_loads(copies):
    data = copies.new()
    for name, _ in tables():
        assert not isinstance(load_from(data, name), Exception), name


mutation = st.sampled_from(["cell", "cut-row", "extra-value", "bytes", "truncate", "duplicate-row",
                            "header", "empty", "blank-lines", "bom"])


@SETTINGS
@given(table=st.sampled_from(tables()), how=mutation, where=st.integers(0, 10_000), text=hostile_text,
       raw=st.binary(min_size=1, max_size=16))
def test_load_corrupted_csv(copies, table, how, where, text, raw):
    name, relpath = table
    data = copies.new()
    path = data / relpath
    content = path.read_bytes()
    lines = content.decode("utf-8").splitlines(keepends=True)
    row = 1 + where % max(1, len(lines) - 1) if len(lines) > 1 else 0
    if how == "cell" and len(lines) > 1:
        cells = lines[row].rstrip("\r\n").split(",")
        cells[where % len(cells)] = '"' + text.replace('"', '""') + '"'
        lines[row] = ",".join(cells) + "\n"
    elif how == "cut-row" and len(lines) > 1:
        lines[row] = lines[row].rstrip("\r\n").rsplit(",", 1)[0] + "\n"
    elif how == "extra-value":
        lines[row] = lines[row].rstrip("\r\n") + ',"' + text.replace('"', '""') + '"\n'
    elif how == "duplicate-row" and len(lines) > 1:
        lines.insert(row, lines[row])
    elif how == "header":
        lines[0] = lines[0].replace(lines[0].split(",")[where % len(lines[0].split(","))].strip(), "x" + text[:5], 1)
    elif how == "blank-lines":
        lines.insert(row, "\n\n")
    new = "".join(lines).encode("utf-8")
    if how == "bytes":
        at = where % len(content)
        new = content[:at] + raw + content[at:]
    elif how == "truncate":
        new = content[: where % len(content)]
    elif how == "empty":
        new = b""
    elif how == "bom":
        new = b"\xef\xbb\xbf" + content
    path.write_bytes(new)
    load_from(data, name)


@SETTINGS
@given(how=st.sampled_from(["truncate", "junk-json", "resource-junk", "field-junk", "bytes"]),
       where=st.integers(0, 100_000), value=junk)
def test_load_with_corrupted_datapackage(copies, how, where, value):
    data = copies.new()
    path = data / "datapackage.json"
    content = path.read_bytes()
    package = json.loads(content)
    if how == "truncate":
        path.write_bytes(content[: where % len(content)])
    elif how == "bytes":
        path.write_bytes(content[: where % len(content)] + b"\xff\xfe\x00" + content[where % len(content):])
    else:
        if how == "junk-json":
            package = value if not isinstance(value, (bytes, frozenset, tuple)) else [repr(value)]
        elif how == "resource-junk":
            package["resources"][where % len(package["resources"])] = _jsonable(value)
        else:
            r = package["resources"][where % len(package["resources"])]
            fields = r["schema"]["fields"]
            key = ["name", "type", "constraints", "jesc:kind"][where % 4]
            fields[where % len(fields)][key] = _jsonable(value)
        path.write_text(json.dumps(package, default=repr), encoding="utf-8")
    load_from(data, tables()[where % len(tables())][0])


def _jsonable(value):
    return json.loads(json.dumps(value, default=repr, allow_nan=True))


@SETTINGS
@given(name=junk)
def test_load_with_names_that_are_not_tables(name):
    expect_course_error(jesc.load, name)


def test_load_with_hostile_names():
    for name in ["../references", "events.csv", "/etc/passwd", "", "EVENTS", "events\x00", ["events"]]:
        assert isinstance(expect_course_error(jesc.load, name), CourseError), name


# ------------------------------------------------------------------------------------------ quizzes
def real_quiz_data() -> list[tuple[str, object]]:
    return [(p.name, yaml.safe_load(p.read_text(encoding="utf-8"))) for p in QUIZZES]


def real_quizzes():
    out = []
    for p in QUIZZES:
        try:
            out.append(jesc.quiz.load_quiz(p, allow_missing=True))
        except CourseError:
            continue
    return out


@SETTINGS
@given(text=st.text(max_size=300) | hostile_text)
def test_loads_quiz_with_arbitrary_text(text):
    expect_course_error(jesc.quiz.loads_quiz, text)


@SETTINGS
@given(data=junk)
def test_parse_quiz_with_arbitrary_data(data):
    expect_course_error(jesc.quiz.parse_quiz, data)
    text = yaml.safe_dump(_jsonable(data), allow_unicode=True) if not isinstance(data, bytes) else "x: 1"
    expect_course_error(jesc.quiz.loads_quiz, text)


def _paths(obj, prefix=()):
    yield prefix
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _paths(v, prefix + (i,))


@pytest.mark.skipif(not QUIZZES, reason="no quiz files")
@SETTINGS
@given(which=st.integers(0, 1000), where=st.integers(0, 100_000), value=junk,
       how=st.sampled_from(["replace", "delete", "duplicate"]))
def test_parse_real_quiz_mutated(which, where, value, how):
    name, data = real_quiz_data()[which % len(QUIZZES)]
    data = copy.deepcopy(data)
    paths = [p for p in _paths(data) if p]
    path = paths[where % len(paths)]
    parent = data
    for k in path[:-1]:
        parent = parent[k]
    if how == "replace":
        parent[path[-1]] = value
    elif how == "delete":
        del parent[path[-1]]
    elif isinstance(parent, list):
        parent.append(copy.deepcopy(parent[path[-1]]))
    else:
        parent[path[-1]] = [parent[path[-1]], parent[path[-1]]]
    result = expect_course_error(jesc.quiz.parse_quiz, data, name, allow_missing=True)
    if isinstance(result, jesc.quiz.Quiz):  # what validates must also render
        expect_course_error(jesc.quiz.render_html, result)
        expect_course_error(jesc.quiz.answer_key, result)


@pytest.mark.skipif(not QUIZZES, reason="no quiz files")
@SETTINGS
@given(which=st.integers(0, 1000), where=st.integers(0, 100_000), raw=st.binary(min_size=1, max_size=12),
       how=st.sampled_from(["insert", "truncate", "empty", "latin-1"]))
def test_load_quiz_from_corrupted_file(tmp_path_factory, which, where, raw, how):
    source = QUIZZES[which % len(QUIZZES)]
    folder = tmp_path_factory.mktemp("quiz")
    path = folder / source.name
    content = source.read_bytes()
    at = where % len(content)
    new = {"insert": content[:at] + raw + content[at:], "truncate": content[:at], "empty": b"",
           "latin-1": content.decode("utf-8").encode("latin-1", "replace") + b"\xe9"}[how]
    path.write_bytes(new)
    expect_course_error(jesc.quiz.load_quiz, path, allow_missing=True)
    assert path.read_bytes() == new, "load_quiz changed the file it read"


@pytest.mark.skipif(not QUIZZES, reason="no quiz files")
@SETTINGS
@given(which=st.integers(0, 1000), q=st.integers(0, 1000), answer=junk)
def test_check_answers_of_every_wrong_type(which, q, answer):
    quizzes = real_quizzes()
    assume(quizzes)
    quiz = quizzes[which % len(quizzes)]
    question = quiz.questions[q % len(quiz.questions)]
    result = expect_course_error(quiz.check, question.id, answer)
    if not isinstance(result, CourseError):
        assert isinstance(result.correct, bool)
    expect_course_error(quiz.check, answer if isinstance(answer, str) else repr(answer)[:20], 0)
    expect_course_error(quiz.score, {question.id: answer})
    expect_course_error(quiz.score, answer)
    expect_course_error(quiz.select, answer)


def test_every_right_answer_is_right():
    for quiz in real_quizzes():
        for question in quiz.questions:
            if question.answer_missing:
                continue
            assert quiz.check(question.id, question.correct_answer()).correct, (quiz.name, question.id)


@pytest.mark.skipif(not QUIZZES, reason="no quiz files")
@SETTINGS
@given(fmt=junk | st.sampled_from(["markdown", "html", "text", "pdf"]), instance=junk | st.integers(-3, 5))
def test_answer_key_and_html_with_bad_arguments(fmt, instance):
    for quiz in real_quizzes():
        expect_course_error(jesc.quiz.answer_key, quiz, fmt)
        expect_course_error(jesc.quiz.render_html, quiz, instance)


@SETTINGS
@given(name=junk)
def test_find_quiz_with_hostile_names(name):
    expect_course_error(jesc.quiz.find_quiz, name)


# ------------------------------------------------------------------------------------------ grading
def _module(name):
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


assignments = _module("jesc.assignments")
SOURCES = sorted((REPO / "exercises" / "assignments").glob("*/*.ipynb"))


@pytest.mark.skipif(assignments is None or not SOURCES, reason="no jesc.assignments or no assignment")
@SETTINGS
@given(how=st.sampled_from(["truncate", "bytes", "json-junk"]),
       where=st.integers(0, 1_000_000), value=junk)
def test_grading_malformed_submissions(tmp_path_factory, how, where, value):
    """A submission that is not a notebook gets a row with a message, never a traceback (and no
    kernel starts: the autograder given does not even exist)."""
    source = SOURCES[where % len(SOURCES)]
    folder = tmp_path_factory.mktemp("grading")
    bad = folder / "bad.ipynb"
    content = source.read_bytes()
    if how == "truncate":
        new = content[: where % len(content)]
    elif how == "bytes":
        new = content[: where % len(content)] + b"\xff\x00" + content[where % len(content):]
    else:
        new = json.dumps(_jsonable(value)).encode()
    bad.write_bytes(new)
    graded = assignments.grade_one(bad, folder / "no-autograder.zip")
    assert graded.problems and "bad.ipynb" in graded.problems[0], graded
    assert graded.total == 0
    assert bad.read_bytes() == new, "grading changed the notebook it read"


@pytest.mark.skipif(assignments is None, reason="no jesc.assignments")
def test_assignments_with_missing_files(tmp_path):
    for fn, args in [(assignments.source_notebook, (tmp_path / "none",)),
                     (assignments.answer_key, (tmp_path / "none",)),
                     (assignments.plausible_mistakes, (tmp_path / "none",)),
                     (assignments.grade_folder, (tmp_path / "none", tmp_path / "none.zip"))]:
        assert isinstance(expect_course_error(fn, *args), CourseError)


# ------------------------------------------------------------------------- timeline, decision, style
timeline, decision, style = _module("jesc.timeline"), _module("jesc.decision"), _module("jesc.style")


@pytest.fixture(scope="module")
def events():
    return jesc.load("events")


@pytest.mark.skipif(timeline is None, reason="no jesc.timeline")
@SETTINGS
@given(frameworks=junk, decades=junk, by=junk, steps=junk)
def test_timeline_with_bad_arguments(events, frameworks, decades, by, steps):
    expect_course_error(timeline.filter_events, events, frameworks=frameworks)
    expect_course_error(timeline.filter_events, events, decades=decades)
    expect_course_error(timeline.per_decade, events, by=by)
    expect_course_error(timeline.durations, events, steps)
    for table in (frameworks, events.drop(columns=["date"]), events.head(0), events[["id", "title"]]):
        expect_course_error(timeline.filter_events, table)
        expect_course_error(timeline.per_decade, table)
        expect_course_error(timeline.render_html, table)


@pytest.mark.skipif(decision is None, reason="no jesc.decision")
@SETTINGS
@given(weights=junk, criterion=hostile_text, weight=junk | st.floats() | st.integers(-10, 10), caption=junk)
def test_decision_with_bad_weights(weights, criterion, weight, caption):
    ex = decision.exercise()
    expect_course_error(decision.rank, ex, weights)
    good = {c.id if hasattr(c, "id") else c: 1 for c in getattr(ex, "criteria", [])}
    for key in list(good)[:1] + [criterion]:
        expect_course_error(decision.rank, ex, {**good, key: weight})
    expect_course_error(decision.sortable, weights, caption)


@pytest.mark.skipif(style is None, reason="no jesc.style")
@SETTINGS
@given(name=junk)
def test_style_with_unknown_frameworks(name):
    expect_course_error(style.colour_for, name)
    expect_course_error(style.marker_for, name)
