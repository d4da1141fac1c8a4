"""The Japanese edition's translations (issue 19): quiz files, interface strings and page catalogs.

* Every ``exercises/quizzes/ja/<name>.yml`` is a translation of ``exercises/quizzes/<name>.yml``: its
  question ids are ids of the English file and every list (options, items, pairs) has the English
  length, so that the merged quiz loads and its answers are the English ones.
* A broken translation gets an error naming the file, the question and the field.
* The Introduction is translated in full: its quiz (every text field) and every message of its pages'
  catalogs ``locales/ja/LC_MESSAGES/chapters/introduction/*.po`` (none untranslated, none fuzzy). The
  failure lists each missing message, so that after ``tools/update-catalogs.sh`` this test says exactly
  what is left to translate.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po

from jesc.errors import QuizError
from jesc.quiz import load_quiz, parse_quiz
from jesc.quiz.html import render_html
from jesc.quiz.translate import UI, merge, untranslated

REPO = Path(__file__).resolve().parents[1]
QUIZ_DIR = REPO / "exercises" / "quizzes"
TRANSLATIONS = sorted((QUIZ_DIR / "ja").glob("*.yml"))
CATALOGS = REPO / "locales" / "ja" / "LC_MESSAGES"
INTRO_PAGES = sorted(p.stem for p in (REPO / "chapters" / "introduction").glob("*.ipynb")) + ["index"]
LISTS = {"single": "options", "multiple": "options", "ordering": "items", "matching": "pairs"}


def _yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_there_are_translations():
    assert (QUIZ_DIR / "ja" / "introduction.yml") in TRANSLATIONS


@pytest.mark.parametrize("path", TRANSLATIONS, ids=lambda p: p.name)
def test_quiz_translation_has_the_english_ids_and_option_counts(path):
    english_path = QUIZ_DIR / path.name
    assert english_path.is_file(), f"{path.relative_to(REPO)}: no English quiz {english_path.name}"
    english, translated = _yaml(english_path), _yaml(path)
    by_id = {q["id"]: q for q in english["questions"]}
    problems = []
    for qid, fields in (translated.get("questions") or {}).items():
        if qid not in by_id:
            problems.append(f"{qid}: no such question in {english_path.name}")
            continue
        field = LISTS.get(by_id[qid]["type"])
        if field and field in fields and len(fields[field]) != len(by_id[qid][field]):
            problems.append(f"{qid}: {len(fields[field])} {field}, English has {len(by_id[qid][field])}")
    assert not problems, f"{path.relative_to(REPO)}:\n" + "\n".join(problems)
    # The merged quiz loads, and what is right is what is right in English.
    source = str(english_path.relative_to(REPO))
    merged = parse_quiz(merge(english, translated, source, str(path.relative_to(REPO))), source,
                        english_path.stem, allow_missing=True)
    plain = parse_quiz(english, source, english_path.stem, allow_missing=True)
    assert [q.id for q in merged.questions] == [q.id for q in plain.questions]
    for mq, pq in zip(merged.questions, plain.questions):
        assert mq.correct_answer() == pq.correct_answer() and mq.source == pq.source, mq.id
        assert len(getattr(mq, "options", ())) == len(getattr(pq, "options", ()))


def test_introduction_quiz_is_translated_in_full():
    missing = untranslated(_yaml(QUIZ_DIR / "introduction.yml"), _yaml(QUIZ_DIR / "ja" / "introduction.yml"))
    assert not missing, "exercises/quizzes/ja/introduction.yml leaves in English:\n" + "\n".join(missing)


ENGLISH = """\
title: T
questions:
  - id: pick
    type: single
    prompt: P?
    explanation: E.
    source: tsuruoka2010
    options:
      - {text: A, feedback: FA}
      - {text: B, feedback: FB}
    answer: 1
"""


@pytest.mark.parametrize("translated, message", [
    ({"questions": {"pik": {"prompt": "問"}}}, r"ja/t\.yml, question 'pik', field 'id': expected the id of a "
                                               r"question of t\.yml \(pick\), got 'pik'"),
    ({"questions": {"pick": {"options": [{"text": "甲", "feedback": "乙"}]}}},
     r"ja/t\.yml, question 1 \('pick'\), field 'options': expected a list of 2 entries in the order of "
     r"t\.yml, got 1"),
    ({"questions": {"pick": {"answer": 0}}},
     r"ja/t\.yml, question 1 \('pick'\): expected only the keys .*unknown key\(s\) \['answer'\]"),
    ({"questions": {"pick": {"options": [{"text": "甲"}, {"text": ""}]}}},
     r"ja/t\.yml, question 1 \('pick'\), field 'options\[1\]\.text': expected a non-empty text"),
    ({"titel": "題"}, r"ja/t\.yml: expected only the keys \['title', 'intro', 'questions'\]"),
])
def test_a_broken_translation_names_file_question_and_field(translated, message):
    with pytest.raises(QuizError, match=message):
        merge(yaml.safe_load(ENGLISH), translated, "t.yml", "ja/t.yml")


def test_a_partial_translation_falls_back_to_english_and_keeps_the_answer():
    english = yaml.safe_load(ENGLISH)
    quiz = parse_quiz(merge(english, {"questions": {"pick": {"prompt": "問い"}}}, "t.yml", "ja/t.yml"))
    q = quiz.questions[0]
    assert (q.prompt, q.options[1].text, q.answer) == ("問い", "B", 1)
    assert untranslated(english, {"questions": {"pick": {"prompt": "問い"}}}) == [
        "title", "question 'pick' field 'explanation'", "question 'pick' field 'options[0].text'",
        "question 'pick' field 'options[0].feedback'", "question 'pick' field 'options[1].text'",
        "question 'pick' field 'options[1].feedback'"]


def test_ui_tables_have_the_english_keys_and_placeholders():
    fields = re.compile(r"\{(\w+)\}")
    for lang, table in UI.items():
        assert set(table) == set(UI["en"]), f"{lang}: keys differ from English"
        for key, text in table.items():
            assert set(fields.findall(text)) == set(fields.findall(UI["en"][key])), f"{lang}: {key}"


def test_quiz_renders_in_the_editions_language(monkeypatch):
    monkeypatch.setenv("JESC_LANGUAGE", "ja")
    quiz = load_quiz("introduction", answers={"spa_days": 2360, "top_framework_2010s": 1})
    page = render_html(quiz)
    assert "答え合わせ" in page and "Check answer" not in page
    assert '"ui":' in page and quiz.title != "Introduction"
    result = quiz.check("sources-match", [1, 0, 2])
    assert not result.correct and "ではありません" in result.feedback[0].text
    monkeypatch.setenv("JESC_LANGUAGE", "en")
    english = load_quiz("introduction", answers={"spa_days": 2360, "top_framework_2010s": 1})
    assert english.title == "Introduction" and "Check answer" in render_html(english)
    assert '"ui":' not in render_html(english)  # English pages keep the blob they always had


def test_unknown_language_is_named(monkeypatch):
    monkeypatch.setenv("JESC_LANGUAGE", "fr")
    with pytest.raises(Exception, match="JESC_LANGUAGE='fr': expected one of en, ja"):
        load_quiz("introduction", answers={"spa_days": 1, "top_framework_2010s": 1})


def _catalog_problems(po: Path) -> list[str]:
    with po.open("rb") as f:
        catalog = read_po(f)
    out = []
    for m in catalog:
        if not m.id:
            continue
        text = m.id if isinstance(m.id, str) else m.id[0]
        short = text if len(text) <= 70 else text[:67] + "..."
        where = f"{po.relative_to(REPO)}:{m.lineno}"
        if m.fuzzy:
            out.append(f"{where}: fuzzy: {short!r}")
        elif not m.string or (isinstance(m.string, tuple) and not all(m.string)):
            out.append(f"{where}: untranslated: {short!r}")
    return out


def test_introduction_catalogs_are_translated_and_none_is_fuzzy():
    problems = []
    for page in INTRO_PAGES:
        po = CATALOGS / "chapters" / "introduction" / f"{page}.po"
        if not po.is_file():
            problems.append(f"{po.relative_to(REPO)}: missing (run bash tools/update-catalogs.sh)")
            continue
        problems += _catalog_problems(po)
    assert not problems, f"{len(problems)} Introduction message(s) to translate:\n" + "\n".join(problems)


def _languages_extension():
    import importlib.util

    spec = importlib.util.spec_from_file_location("languages", REPO / "_ext" / "languages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("page, lang, href", [
    ("index", "en", "ja/index.html"),
    ("chapters/introduction/quiz", "en", "../../ja/chapters/introduction/quiz.html"),
    ("index", "ja", "../index.html"),
    ("chapters/introduction/quiz", "ja", "../../../chapters/introduction/quiz.html"),
])
def test_language_switch_names_the_same_page_of_the_other_edition(page, lang, href):
    switch = _languages_extension().other_edition(page, lang)
    assert switch["href"] == href and switch["lang"] == ("ja" if lang == "en" else "en")


def test_sidebar_captions_come_from_the_catalog():
    languages = _languages_extension()
    messages = languages.catalog_messages(REPO, "ja")
    page = '<span class="caption-text">Introduction</span><span class="caption-text">Not in any catalog</span>'
    assert languages.translate_captions(page, messages) == (
        f'<span class="caption-text">{messages["Introduction"]}</span>'
        '<span class="caption-text">Not in any catalog</span>')
