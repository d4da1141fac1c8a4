"""The quiz engine: validation messages, scoring of every question type, answers from data,
shuffling, the answer key and the CLI. Property tests with hostile input are in test_quiz_properties.py."""

from __future__ import annotations

import copy
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import jesc.quiz
from jesc.errors import CourseError, QuizError
from jesc.quiz import answer_key, load_quiz, loads_quiz, parse_quiz
from jesc.quiz.html import json_for_script, render_html

REPO = Path(__file__).resolve().parents[1]
QUIZ_DIR = REPO / "exercises" / "quizzes"

BASE = {
    "title": "T",
    "questions": [
        {"id": "one", "type": "single", "prompt": "P1", "explanation": "E1", "source": "tsuruoka2010",
         "options": [{"text": "a", "feedback": "fa"}, {"text": "b", "feedback": "fb"},
                     {"text": "c", "feedback": "fc"}], "answer": 1},
        {"id": "many", "type": "multiple", "prompt": "P2", "explanation": "E2", "source": "tsuruoka2010",
         "link": "chapters/nato/index#isaf",
         "options": [{"text": "a", "feedback": "fa"}, {"text": "b", "feedback": "fb", "link": "https://example.org/x"},
                     {"text": "c", "feedback": "fc"}], "answer": [0, 2]},
        {"id": "num", "type": "numeric", "prompt": "P3", "explanation": "E3 is {answer}", "source": "tsuruoka2010",
         "answer": 64.7, "tolerance": 0.5, "unit": "%",
         "feedback": {"correct": "yes {answer}", "low": "low", "high": "high"}},
        {"id": "order", "type": "ordering", "prompt": "P4", "explanation": "E4", "source": "tsuruoka2010",
         "items": [{"text": "1983", "feedback": "f1983"}, {"text": "2007", "feedback": "f2007"},
                   {"text": "2010", "feedback": "f2010"}]},
        {"id": "match", "type": "matching", "prompt": "P5", "explanation": "E5", "source": "tsuruoka2010",
         "pairs": [{"term": "ISAF", "match": "NATO", "feedback": "fi"},
                   {"term": "Atalanta", "match": "EU", "feedback": "fa"}]},
    ],
}


def base():
    return copy.deepcopy(BASE)


def quiz(data=None, **kw):
    return parse_quiz(base() if data is None else data, "exercises/quizzes/t.yml", "t", **kw)


def error_of(data, **kw) -> str:
    with pytest.raises(QuizError) as info:
        quiz(data, **kw)
    return str(info.value)


# -- validation -----------------------------------------------------------------------------

def test_valid_quiz_builds_every_type():
    q = quiz()
    assert [x.type_name for x in q.questions] == ["single", "multiple", "numeric", "ordering", "matching"]
    assert q.name == "t" and q.feedback == "on_submit" and q.shuffle is False
    assert isinstance(QuizError("x"), CourseError)


def test_message_names_file_question_field_expected_and_got():
    d = base()
    d["questions"][0]["answer"] = "b"
    msg = error_of(d)
    assert msg == ("exercises/quizzes/t.yml, question 1 ('one'), field 'answer': "
                   "expected an integer index of an option (0 to 2), got 'b'")


@pytest.mark.parametrize("path, value, field, expected", [
    ((0, "answer"), 3, "'answer'", "0 to 2"),
    ((0, "answer"), True, "'answer'", "integer index"),
    ((0, "answer"), None, "'answer'", "integer index"),
    ((1, "answer"), 0, "'answer'", "list of integer indices"),
    ((1, "answer"), [0, 0], "'answer'", "at most once"),
    ((1, "answer"), [], "'answer'", "at least one"),
    ((1, "answer"), [0, 7], "'answer[1]'", "0 to 2"),
    ((2, "answer"), "many", "'answer'", "a number"),
    ((2, "answer"), float("nan"), "'answer'", "finite"),
    ((2, "tolerance"), -1, "'tolerance'", ">= 0"),
    ((2, "feedback"), "x", "'feedback'", "correct, low, high"),
    ((0, "type"), "essay", "'type'", "single | multiple"),
    ((0, "id"), "Bad Id", "'id'", "lower-case"),
    ((0, "prompt"), "", "'prompt'", "non-empty"),
    ((0, "prompt"), ["x"], "'prompt'", "text"),
    ((0, "source"), "not a key!", "'source'", "bibliography key"),
    ((0, "link"), "javascript:alert(1)", "'link'", "http(s) URL"),
    ((0, "link"), "../../etc/passwd", "'link'", "http(s) URL"),
    ((0, "options"), [{"text": "only", "feedback": "f"}], "'options'", "at least 2"),
    ((0, "options"), [{"text": "a", "feedback": "f"}, {"text": "a", "feedback": "g"}], "'options[1].text'",
     "different"),
    ((0, "options"), [{"text": "a"}, {"text": "b", "feedback": "g"}], "'options[0].feedback'", "required"),
    ((3, "items"), "abc", "'items'", "at least 2"),
])
def test_field_errors(path, value, field, expected):
    d = base()
    d["questions"][path[0]][path[1]] = value
    msg = error_of(d)
    assert msg.startswith(f"exercises/quizzes/t.yml, question {path[0] + 1}"), msg
    assert f"field {field}" in msg and expected in msg, msg


def test_unknown_keys_missing_fields_and_duplicates():
    d = base()
    d["questions"][0]["anwser"] = 1
    assert "unknown key 'anwser'" in error_of(d)
    d = base()
    del d["questions"][2]["answer"]
    assert "question 3 ('num'), field 'answer'" in error_of(d)
    d = base()
    d["questions"][1]["id"] = "one"
    assert "question 2 ('one'), field 'id': expected an id not used" in error_of(d)
    d = base()
    d["questions"][4]["pairs"][1]["match"] = "NATO"
    assert "field 'pairs[1].match'" in error_of(d)
    d = base()
    d["feedback"] = "later"
    assert "field 'feedback': expected 'on_submit' or 'immediate'" in error_of(d)
    d = base()
    d["shuffle"] = "yes"
    assert "field 'shuffle'" in error_of(d)
    assert "expected a mapping" in error_of([1, 2])
    assert "field 'questions'" in error_of({"title": "x", "questions": []})


def test_bib_keys_are_checked_when_given():
    assert "a key of references.bib" in error_of(base(), bib_keys={"other"})
    quiz(bib_keys={"tsuruoka2010"})


def test_yaml_syntax_error_names_file_and_line():
    with pytest.raises(QuizError, match=r"^x\.yml, line \d+, column \d+: expected valid YAML"):
        loads_quiz("title: a\nquestions: [\n", source="x.yml")


def test_yaml_tags_are_not_executed():
    with pytest.raises(QuizError, match="expected valid YAML"):
        loads_quiz("title: !!python/object/apply:os.system ['echo hi']\nquestions: []", source="x.yml")


# -- scoring --------------------------------------------------------------------------------

def test_single_choice():
    q = quiz().question("one")
    r = q.check(1)
    assert r.correct and r.score == 1 and r.feedback[0].text == "fb" and r.explanation == "E1"
    r = q.check(0)
    assert not r.correct and r.feedback[0].text == "fa" and r.feedback[0].correct is False


@pytest.mark.parametrize("bad", ["1", 1.0, True, None, [1], 3, -1])
def test_single_choice_wrong_types_and_range(bad):
    with pytest.raises(QuizError, match=r"question 1 \('one'\), answer: expected"):
        quiz().check("one", bad)


def test_multiple_select_feedback_and_missed():
    q = quiz().question("many")
    assert q.check([2, 0]).correct and q.check((0, 2)).correct and q.check({0, 2}).correct
    r = q.check([0, 1])
    assert not r.correct
    texts = [f.text for f in r.feedback]
    assert texts == ["fa", "fb", "Missed: fc"]
    assert r.feedback[1].link == "https://example.org/x" and r.feedback[0].link == "chapters/nato/index#isaf"
    assert not q.check([]).correct


@pytest.mark.parametrize("bad", ["02", 0, [0, 0], [0, 5], ["0"], {0: 1}, None])
def test_multiple_select_bad_answers(bad):
    with pytest.raises(QuizError, match="question 2"):
        quiz().check("many", bad)


@pytest.mark.parametrize("answer, ok, fb", [
    (64.7, True, "yes 64.7"), (65.2, True, "yes 64.7"), (64.2, True, "yes 64.7"), ("64.9", True, "yes 64.7"),
    (" 65 ", True, "yes 64.7"), (64.1, False, "low"), (70, False, "high"), ("\u221270", False, "low"),
])
def test_numeric_tolerance(answer, ok, fb):
    r = quiz().check("num", answer)
    assert r.correct is ok and r.feedback[0].text == fb
    assert r.explanation == "E3 is 64.7"


@pytest.mark.parametrize("typed, value", [
    ("1000", 1000.0), ("1,000", 1000.0), ("1 000", 1000.0), ("1\u00a0000", 1000.0), ("1\u202f000", 1000.0),
    ("12,345.5", 12345.5), ("1,000,000", 1e6), ("\u22121,000", -1000.0), (" 477 ", 477.0), ("0.125", 0.125),
    ("3.5", 3.5), ("1e3", 1000.0),
])
def test_numbers_with_thousands_separators_are_read(typed, value):
    from jesc.quiz.model import read_number

    assert read_number(typed) == value


@pytest.mark.parametrize("typed", ["1.000", "1,5", "64,9", "1,50", "10.000.000", "1.000,5", "1,000.000.5"])
def test_numbers_that_read_two_ways_ask_for_a_plain_number(typed):
    """Never marked wrong: check() raises AmbiguousNumber (the widget and the page ask for a plain
    number, with the message UI "plain_number"), for a right and a wrong value alike."""
    from jesc.quiz.model import AmbiguousNumber

    with pytest.raises(AmbiguousNumber, match="plain number"):
        quiz().check("num", typed)


def test_a_right_answer_with_a_separator_is_right():
    q = quiz().question("num")
    big = type(q)(**{**q.__dict__, "answer": 1000.0, "tolerance": 0.0})
    for typed in ("1000", "1,000", "1 000"):
        assert big.check(typed).correct, typed


@pytest.mark.parametrize("bad", ["sixty", "", float("inf"), float("nan"), "1e999", True, None, [64.7], {}])
def test_numeric_bad_answers(bad):
    with pytest.raises(QuizError, match=r"question 3 \('num'\), answer: expected a (finite )?number"):
        quiz().check("num", bad)


def test_numeric_exact_without_tolerance_allows_float_noise():
    d = base()
    d["questions"][2].update(answer=0.3, tolerance=0)
    assert quiz(d).check("num", 0.1 + 0.2).correct


def test_ordering():
    q = quiz().question("order")
    assert q.check([0, 1, 2]).correct
    r = q.check([1, 0, 2])
    assert not r.correct and [f.text for f in r.feedback] == ["2007: f2007", "1983: f1983"]


@pytest.mark.parametrize("bad", [[0, 1], [0, 1, 1], [0, 1, 3], "012", 3, None, [0, 1, 2, 0]])
def test_ordering_bad_answers(bad):
    with pytest.raises(QuizError, match="question 4"):
        quiz().check("order", bad)


def test_matching():
    q = quiz().question("match")
    assert q.check([0, 1]).correct and q.check({0: 0, 1: 1}).correct
    r = q.check([1, 0])
    assert not r.correct
    assert r.feedback[0].text == "ISAF \u2192 not EU: fi" and r.feedback[0].correct is False


@pytest.mark.parametrize("bad", [[0], [0, 2], {0: 0}, "01", None, [0, 1, 1]])
def test_matching_bad_answers(bad):
    with pytest.raises(QuizError, match="question 5"):
        quiz().check("match", bad)


def test_quiz_score_and_unknown_question():
    q = quiz()
    assert q.score({"one": 1, "many": [0, 2], "num": 64.5, "order": [0, 1, 2], "match": [1, 0]}) == (4, 5)
    with pytest.raises(QuizError, match="no question with id 'nope'"):
        q.check("nope", 1)


# -- answers computed from data -------------------------------------------------------------

def computed():
    d = base()
    d["questions"][2]["answer"] = {"from_data": "share"}
    d["questions"][0]["answer"] = {"from_data": "which"}
    return d


def test_computed_answers_supplied():
    import numpy as np

    q = quiz(computed(), answers={"share": np.float64(50.0), "which": np.int64(2)})
    assert q.check("num", 50).correct and q.check("one", 2).correct
    assert q.computed == ("share", "which")


def test_computed_answer_missing_or_wrong_type_names_the_question():
    msg = error_of(computed(), answers={"which": 0})
    assert msg.startswith("exercises/quizzes/t.yml, question 3 ('num'), field 'answer'") and "'share'" in msg
    msg = error_of(computed(), answers={"share": "many", "which": 0})
    assert "question 3 ('num'), field \"answer (computed 'share')\": expected a number, got 'many'" in msg
    msg = error_of(computed(), answers={"share": 1, "which": 9})
    assert "question 1 ('one')" in msg and "0 to 2" in msg
    msg = error_of(computed(), answers={"share": 1, "which": 0, "typo": 3})
    assert "unknown key(s) ['typo']" in msg
    assert "field 'answers'" in error_of(computed(), answers=[1, 2])
    d = base()
    d["questions"][0]["answer"] = {"from_data": "bad key!"}
    assert "answer.from_data" in error_of(d, answers={})


def test_computed_multiple_accepts_arrays():
    import numpy as np

    d = base()
    d["questions"][1]["answer"] = {"from_data": "sel"}
    assert quiz(d, answers={"sel": np.array([0, 2])}).check("many", [0, 2]).correct


def test_answer_key_marks_missing_computed_answers():
    q = quiz(computed(), allow_missing=True)
    key = answer_key(q)
    assert "computed from the data when the notebook runs (`share`)" in key
    assert "[computed]" in key


# -- shuffling, rendering, key ----------------------------------------------------------------

def test_shuffle_is_deterministic_and_seeded():
    d = base()
    d["shuffle"] = True
    d["questions"][0]["options"] = [{"text": str(i), "feedback": "f"} for i in range(8)]
    orders = {str(quiz(d).questions[0].display_order(7, True)) for _ in range(3)}
    assert len(orders) == 1
    assert quiz(d).questions[0].display_order(7, True) != quiz(d).questions[0].display_order(8, True)
    assert quiz(d).questions[0].display_order(7, False) == list(range(8))
    # ordering items never start in the right order
    for seed in range(50):
        assert quiz().question("order").display_order(seed, False) != [0, 1, 2]


def test_render_html_is_deterministic_and_escaped():
    d = base()
    d["title"] = "<script>alert(1)</script>"
    d["questions"][0]["options"][0]["feedback"] = "</script><script>alert(2)</script>"
    html1, html2 = render_html(quiz(d)), render_html(quiz(d))
    assert html1 == html2
    assert "<script>alert" not in html1 and "&lt;script&gt;alert(1)" in html1
    assert html1.count("<script") == 1 and html1.count("</script>") == 1
    blob = re.search(r'<script type="application/json" class="jesc-quiz-data">(.*)</script>', html1, re.S).group(1)
    assert "<" not in blob and ">" not in blob and "&" not in blob
    assert 'id="jesc-quiz-t"' in html1 and 'id="jesc-quiz-t-2"' in render_html(quiz(d), 2)


def test_json_for_script_round_trips():
    import json

    data = {"x": "</script><!-- & \u2028"}
    assert json.loads(json_for_script(data)) == data


def test_mimebundle_has_widget_html_print_form_and_text():
    from jesc.quiz.display import mimebundle

    bundle = mimebundle(quiz())
    assert set(bundle) == {"text/plain", "text/html", "text/markdown",
                           "application/vnd.jupyter.widget-view+json"}
    assert bundle["text/plain"].startswith("Quiz: T (5 questions)")


def test_widget_checks_answers_and_keeps_score():
    from jesc.quiz.widget import make_widget

    view = make_widget(quiz()).quiz_view
    one, many, num, order, match = view.questions
    one.inputs[0].value = 0
    one.button.click()
    assert "Not quite" in one.feedback.value and "Try again" in one.feedback.value
    one.inputs[0].value = 1
    one.button.click()
    assert "Correct" in one.feedback.value and "E1" in one.feedback.value
    num.inputs[0].value = "abc"
    num.check()
    assert "Enter a number" in num.feedback.value
    num.inputs[0].value = "64.9"
    num.check()
    assert "Correct" in num.feedback.value
    # ordering dropdowns are in display order; give each item its true position
    n = 3
    items = [w for w in order.inputs if hasattr(w, "options") and len(w.options) == n + 1]
    labels = {o.text: i for i, o in enumerate(quiz().question("order").options)}
    for dd in items:
        dd.value = labels[dd.description]
    order.check()
    assert "Correct" in order.feedback.value
    assert "Score: 3 of 5 correct (3 checked)" in view.score.value


def test_widget_asks_for_a_plain_number_and_never_marks_it_wrong():
    """Live: "64,9" and "1.000" can be read two ways: the widget asks for a plain number (UI
    "plain_number"), grades nothing and counts nothing; "64.9" then is right."""
    from jesc.quiz.widget import make_widget

    view = make_widget(quiz()).quiz_view
    num = view.questions[2]
    for typed in ("64,9", "1.000"):
        num.inputs[0].value = typed
        num.check()
        assert "write the number plainly" in num.feedback.value and typed in num.feedback.value
        assert "Not quite" not in num.feedback.value and "(0 checked)" in view.score.value
    num.inputs[0].value = "64.9"
    num.check()
    assert "Correct" in num.feedback.value


def test_widget_asks_for_a_choice_when_nothing_is_ticked():
    """A "tick all that apply" question checked with nothing ticked asks for a choice, as a single
    choice does; it is neither graded nor counted (issue 18)."""
    from jesc.quiz.html import missing
    from jesc.quiz.widget import make_widget

    view = make_widget(quiz()).quiz_view
    one, many = view.questions[:2]
    one.button.click()
    assert missing("single") in one.feedback.value
    many.button.click()
    assert missing("multiple") == "Tick at least one option."
    assert missing("multiple") in many.feedback.value
    assert "Not quite" not in many.feedback.value and "Missed" not in many.feedback.value
    assert "(0 checked)" in view.score.value
    boxes = [b for b in many.inputs if hasattr(b, "description") and b.description]
    by_text = {b.description: b for b in boxes}
    by_text["b"].value = True  # a wrong tick is graded as wrong
    many.button.click()
    assert "Not quite" in many.feedback.value and "(1 checked)" in view.score.value
    by_text["b"].value, by_text["a"].value, by_text["c"].value = False, True, True
    many.button.click()
    assert "Correct" in many.feedback.value


def test_explanation_cites_the_source_as_the_book_does():
    """The explanation ends with "(source: Tsuruoka, 2010)" linked to the entry on the Bibliography
    page, in the widget and in the page's data, never with the raw key."""
    from html.parser import HTMLParser

    from jesc import citations
    from jesc.quiz.html import quiz_data
    from jesc.quiz.widget import make_widget

    class Links(HTMLParser):
        def __init__(self):
            super().__init__()
            self.links, self.text, self._in_a = [], [], False

        def handle_starttag(self, tag, attrs):
            if tag == "a":
                self.links.append([dict(attrs).get("href"), ""])
                self._in_a = True

        def handle_endtag(self, tag):
            self._in_a = self._in_a and tag != "a"

        def handle_data(self, data):
            self.text.append(data)
            if self._in_a:
                self.links[-1][1] += data

    view = make_widget(quiz()).quiz_view
    one = view.questions[0]
    one.inputs[0].value = 1
    one.check()
    page = Links()
    page.feed(one.feedback.value)
    text = "".join(page.text)
    assert "(source: Tsuruoka, 2010)" in text and "tsuruoka2010" not in text
    href = dict((t, h) for h, t in page.links)["Tsuruoka, 2010"]
    assert href == citations.bibliography_href() + "#bib-tsuruoka2010"
    assert href.endswith("appendices/bibliography.html#bib-tsuruoka2010")
    cite = quiz_data(quiz())["questions"][0]["cite"]
    assert cite == {"text": "Tsuruoka, 2010", "href": href}


def test_a_source_missing_from_the_bibliography_is_named():
    d = base()
    d["questions"][1]["source"] = "nobody2099"
    with pytest.raises(QuizError, match=r"question 2 \('many'\), field 'source'.*nobody2099"):
        render_html(quiz(d))


def test_widget_escapes_quiz_text():
    from jesc.quiz.widget import make_widget

    d = base()
    d["questions"][0]["prompt"] = "<img src=x onerror=alert(1)>"
    d["questions"][0]["options"][0]["feedback"] = "<b>x</b>"
    view = make_widget(quiz(d)).quiz_view
    assert "<img" not in view.questions[0].prompt.value
    view.questions[0].inputs[0].value = 0
    view.questions[0].check()
    assert "<b>" not in view.questions[0].feedback.value and "&lt;b&gt;" in view.questions[0].feedback.value


def test_immediate_mode_widget_checks_on_change():
    from jesc.quiz.widget import make_widget

    d = base()
    d["feedback"] = "immediate"
    view = make_widget(quiz(d)).quiz_view
    view.questions[0].inputs[0].value = 1
    assert "Correct" in view.questions[0].feedback.value


# -- the course's quiz files and the CLI ----------------------------------------------------

QUIZ_FILES = sorted(QUIZ_DIR.glob("*.yml"))


@pytest.mark.parametrize("path", QUIZ_FILES, ids=[p.name for p in QUIZ_FILES])
def test_every_course_quiz_file_is_valid(path):
    q = load_quiz(path, allow_missing=True)
    assert q.questions
    for question in q.questions:
        assert question.source, question.id


def test_demo_has_one_question_of_each_type_and_loads_by_name():
    q = load_quiz("demo", answers={"civilian_share": 65})
    assert sorted(x.type_name for x in q.questions) == sorted(jesc.quiz.model.QUESTION_TYPES)
    # Source documents, and an issuer's record where a source document's wording is corrected.
    assert {"tsuruoka2010", "shetlerjones_peacekeeping"} <= {x.source for x in q.questions}
    assert q.check("civilian-share", 64.7).correct
    with pytest.raises(QuizError, match="'civilian_share'"):
        load_quiz("demo")
    with pytest.raises(QuizError, match="no-such-quiz"):
        load_quiz("no-such-quiz")


def test_cli_prints_answer_key_and_checks_files(tmp_path):
    env_path = str(REPO / "src")
    run = lambda *a: subprocess.run([sys.executable, "-m", "jesc.quiz", *a], capture_output=True, text=True,
                                    cwd=REPO, env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"})
    done = run("key", "exercises/quizzes/demo.yml")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# Answer key: ") and "1 January 2025" in done.stdout
    done = run("key", "demo", "--html")
    assert done.returncode == 0 and done.stdout.startswith('<section class="jesc-answer-key">')
    bad = tmp_path / "bad.yml"
    bad.write_text(yaml.safe_dump({"title": "x", "questions": [{"id": "q", "type": "single"}]}))
    done = run("check", str(bad))
    assert done.returncode == 1 and "question 1 ('q'), field 'prompt'" in done.stderr
    assert "Traceback" not in done.stderr
