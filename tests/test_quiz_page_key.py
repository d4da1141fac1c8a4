"""`jesc.quiz.key.page_key`: the answer key the instructor edition appends after a quiz on a page."""

import pytest

from jesc.errors import QuizError
from jesc.quiz import load_quiz
from jesc.quiz.html import quiz_data
from jesc.quiz.key import page_key


def test_key_uses_the_value_the_page_computed():
    quiz = load_quiz("demo", answers={"civilian_share": 65})
    key = page_key(quiz_data(quiz))
    assert f"Answer key: {quiz.title}" in key and "jesc-answer-key" in key
    assert "65" in key and "computed from the data" not in key


def test_key_of_a_selection_lists_only_the_questions_shown():
    quiz = load_quiz("demo", answers={"civilian_share": 65})
    first, *rest = quiz.questions
    key = page_key(quiz_data(quiz.select([first.id])))
    assert key.count("<li><p><strong>") == 1 and rest


@pytest.mark.parametrize("data, message", [
    ("not a dict", "page_key"),
    ({"name": "no-such-quiz", "questions": []}, "no-such-quiz"),
    ({"name": "demo", "questions": [{"id": "not-a-question"}]}, "none of quiz 'demo'"),
])
def test_bad_page_data_is_named(data, message):
    with pytest.raises(QuizError, match=message):
        page_key(data)


def test_key_names_each_source_by_its_label_linked_to_the_bibliography():
    quiz = load_quiz("demo", answers={"civilian_share": 65})
    key = page_key(quiz_data(quiz), bibliography="../../appendices/bibliography.html")
    for q in quiz.questions:
        assert f"source: {q.source})" not in key  # a bare key the reader cannot look up
        assert f'href="../../appendices/bibliography.html#' in key and f'data-key="{q.source}"' in key
    assert "source: <a " in key
