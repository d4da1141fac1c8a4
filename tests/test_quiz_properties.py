"""Property tests: malformed or hostile quiz input and answers never escape as anything but
QuizError (never a deep library traceback), and quiz text always comes out escaped."""

from __future__ import annotations

import copy
import re
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jesc.errors import QuizError
from jesc.quiz import loads_quiz, parse_quiz
from jesc.quiz.html import render_html
from jesc.quiz.key import answer_key

from test_quiz_model import BASE

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=True),
                    st.text(max_size=20), st.binary(max_size=5))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.one_of(st.text(max_size=8), st.integers()), inner, max_size=4)),
    max_leaves=12)
KEYS = ["id", "type", "prompt", "explanation", "source", "link", "options", "answer", "items", "pairs",
        "tolerance", "unit", "feedback", "title", "questions", "shuffle", "seed"]


def mutate(data, path_choice, key, value, delete):
    """Set or delete ``key`` somewhere in a deep copy of ``data``."""
    d = copy.deepcopy(data)
    targets = [d] + d["questions"] + [o for q in d["questions"] for o in q.get("options", q.get("items", q.get(
        "pairs", [])))]
    target = targets[path_choice % len(targets)]
    if delete:
        target.pop(key, None)
    else:
        target[key] = value
    return d


@SETTINGS
@given(st.integers(0, 100), st.sampled_from(KEYS + ["text", "term", "match", "from_data"]), values, st.booleans())
def test_mutated_quiz_is_valid_or_quiz_error(choice, key, value, delete):
    data = mutate(BASE, choice, key, value, delete)
    try:
        quiz = parse_quiz(data, "exercises/quizzes/t.yml", "t")
    except QuizError as e:
        assert str(e).startswith("exercises/quizzes/t.yml"), str(e)
        return
    try:
        render_html(quiz)
    except QuizError as e:  # a source that is not a key of references.bib cannot be cited
        assert "field 'source': expected a key of references.bib" in str(e), str(e)
    answer_key(quiz)


@SETTINGS
@given(values)
def test_any_yaml_value_is_valid_or_quiz_error(value):
    try:
        parse_quiz(value, "x.yml")
    except QuizError:
        pass


@SETTINGS
@given(st.text(max_size=200))
def test_any_text_as_yaml_is_valid_or_quiz_error(text):
    try:
        loads_quiz(text, source="x.yml")
    except QuizError as e:
        assert str(e).startswith("x.yml")


@SETTINGS
@given(st.sampled_from(["one", "many", "num", "order", "match"]), values)
def test_any_answer_is_a_result_or_quiz_error(qid, answer):
    quiz = parse_quiz(copy.deepcopy(BASE), "t.yml", "t")
    try:
        result = quiz.check(qid, answer)
    except QuizError as e:
        assert f"('{qid}')" in str(e)
        return
    assert isinstance(result.correct, bool)


@SETTINGS
@given(values)
def test_any_computed_answer_is_accepted_or_quiz_error(value):
    data = copy.deepcopy(BASE)
    data["questions"][0]["answer"] = {"from_data": "k1"}
    data["questions"][1]["answer"] = {"from_data": "k2"}
    data["questions"][2]["answer"] = {"from_data": "k3"}
    for key in ("k1", "k2", "k3"):
        answers = {"k1": 0, "k2": [0], "k3": 1.0, key: value}
        try:
            parse_quiz(copy.deepcopy(data), "t.yml", "t", answers=answers)
        except QuizError as e:
            assert "question" in str(e)


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs = set(), set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs.update(name for name, _ in attrs)


HOSTILE = st.one_of(
    st.sampled_from(["<script>alert(1)</script>", "</script><script>x()</script>", "<img src=x onerror=y()>",
                     '"><svg onload=z()>', "' onmouseover='a()", "<!--", "]]>", "&lt;b&gt;", "\u2028</ScRiPt>"]),
    st.text(alphabet=st.sampled_from(list("<>&\"'/=scriptSCRIPT! -\u2028")), min_size=1, max_size=40),
)


@SETTINGS
@given(HOSTILE, HOSTILE, HOSTILE, HOSTILE)
def test_quiz_text_is_always_escaped(title, prompt, option, feedback):
    data = copy.deepcopy(BASE)
    data["title"] = title
    data["intro"] = feedback
    data["questions"][0]["prompt"] = prompt
    data["questions"][0]["options"][0]["text"] = option + "a"
    data["questions"][0]["options"][1]["feedback"] = feedback
    data["questions"][4]["pairs"][0]["match"] = option + "m"
    data["questions"][3]["items"][0]["text"] = prompt + "i"
    try:
        quiz = parse_quiz(data, "t.yml", "t")
    except QuizError:
        return  # e.g. text that is only spaces
    html = render_html(quiz)
    # exactly one script element, the JSON data block, and nothing inside it can close it
    assert len(re.findall(r"<script", html, re.I)) == 1
    assert len(re.findall(r"</script", html, re.I)) == 1
    blob = html[html.index('class="jesc-quiz-data">'):html.rindex("</script>")]
    assert "<" not in blob.split(">", 1)[1]
    # no element or attribute comes from quiz text: parse the HTML as a browser would
    parser = _Tags()
    parser.feed(html)
    assert parser.tags <= {"div", "p", "strong", "ol", "li", "fieldset", "legend", "input", "label", "button",
                           "select", "option", "script"}, parser.tags
    assert parser.attrs <= {"class", "id", "data-jesc-quiz", "data-feedback", "role", "aria-labelledby",
                            "aria-live", "aria-describedby", "data-qid", "data-type", "type", "name", "value",
                            "for", "hidden", "inputmode", "autocomplete", "size", "data-item", "data-term"}, \
        parser.attrs
    key = answer_key(quiz, "html")
    assert not re.search(r"<(script|img|svg)", key, re.I)
