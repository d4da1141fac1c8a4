"""Quizzes that a test-wise student cannot answer by option length (issue 17).

Scans every quiz file in exercises/quizzes/, so a part's quiz that lands later is held to the same rules:

- across all quizzes, the correct option of a single-choice question is the (strictly) longest option in at
  most 40% of the questions (chance alone, with four options, gives about a quarter);
- in each multiple-choice question, the correct options are on average no more than a fifth longer than the
  distractors.

Offenders are printed by file and question id.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
QUIZZES = sorted((REPO / "exercises" / "quizzes").glob("*.yml"))
MAX_LONGEST_SHARE = 0.40
MAX_MULTIPLE_RATIO = 1.20


def questions(kind: str):
    for path in QUIZZES:
        for q in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("questions", []):
            # An answer computed from the data when the notebook runs has no fixed position to judge.
            fixed = isinstance(q.get("answer"), int) or (
                isinstance(q.get("answer"), list) and all(isinstance(a, int) for a in q["answer"]))
            if q.get("type") == kind and fixed:
                yield path.relative_to(REPO), q


def text_length(option) -> int:
    return len(str(option["text"] if isinstance(option, dict) else option).strip())


def test_there_are_quizzes():
    assert QUIZZES, "no quiz file found in exercises/quizzes/"


def correct_is_longest(q) -> bool:
    lengths = [text_length(o) for o in q["options"]]
    right = lengths[q["answer"]]
    return all(right > n for i, n in enumerate(lengths) if i != q["answer"])


def test_correct_single_choice_option_is_not_usually_the_longest():
    single = list(questions("single"))
    assert single, "no single-choice question found"
    longest = [f"{path}: {q['id']}" for path, q in single if correct_is_longest(q)]
    share = len(longest) / len(single)
    assert share <= MAX_LONGEST_SHARE, (
        f"the correct option is the longest in {len(longest)} of {len(single)} single-choice questions "
        f"({share:.0%}; at most {MAX_LONGEST_SHARE:.0%} allowed). Offenders:\n" + "\n".join(longest))


def length_ratio(q) -> float:
    answer = set(q["answer"])
    right = [text_length(o) for i, o in enumerate(q["options"]) if i in answer]
    wrong = [text_length(o) for i, o in enumerate(q["options"]) if i not in answer]
    if not right or not wrong:
        return 1.0
    return (sum(right) / len(right)) / (sum(wrong) / len(wrong))


def test_correct_multiple_choice_options_are_not_longer():
    multiple = list(questions("multiple"))
    assert multiple, "no multiple-choice question found"
    offenders = [f"{path}: {q['id']}: correct options {length_ratio(q):.2f} times as long as the distractors"
                 for path, q in multiple if length_ratio(q) > MAX_MULTIPLE_RATIO]
    assert not offenders, (f"correct options more than {MAX_MULTIPLE_RATIO - 1:.0%} longer on average than "
                           "the distractors:\n" + "\n".join(offenders))


@pytest.mark.parametrize("q", [{"options": ["a", "bbb", "cc"], "answer": 1}], ids=["longest"])
def test_the_check_can_fail(q):
    assert correct_is_longest(q)
    assert length_ratio({"options": ["aaaaaaaaaa", "b", "c"], "answer": [0]}) > MAX_MULTIPLE_RATIO
