"""Quizzes in the edition's language: translated quiz files and the quiz interface's strings.

A translation of ``exercises/quizzes/<name>.yml`` is ``exercises/quizzes/<lang>/<name>.yml``. It
holds only text, keyed by question id, and is merged over the English file when the quiz is loaded
in that language (:func:`localize`, called by :func:`jesc.quiz.load_quiz`)::

    title: 序論
    intro: ...
    questions:
      trade-disputes:
        prompt: ...
        explanation: ...
        options:                  # as many as in English, in the English order
          - {text: ..., feedback: ...}

Answers, sources, links, types and the order of options stay in the English file, so a
translation cannot change what is right. Text a translation leaves out stays English;
:func:`untranslated` lists it. A question id the English file lacks, a list of another length or
an unknown field raises :class:`jesc.errors.QuizError` naming the file, the question and the field.

``UI`` holds the interface's strings (buttons, hints, verdicts) per language; the live widget and
the static HTML take them from :func:`ui`, and the page script (``_static/jesc-quiz.js``) gets the
same table in the quiz's JSON blob (:func:`ui_table`).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, Mapping

import yaml

from jesc.errors import QuizError
from jesc.i18n import language
from jesc.paths import display_path

#: The interface's strings; ``{name}`` is filled in by :func:`ui` (and by the page script).
UI: dict[str, dict[str, str]] = {
    "en": {
        "quiz": "Quiz: {title}",
        "nojs": "Run this notebook, or open the page in a browser with JavaScript, to check your answers.",
        "check": "Check answer",
        "check_tip": "Check your answer",
        "score": "Score: {right} of {total} correct",
        "score_checked": "Score: {right} of {total} correct ({checked} checked)",
        "select_all": "Select all that apply.",
        "your_answer": "Your answer",
        "a_number": "a number",
        "order_hint": "Give each item its position, from 1 (first) to {n} (last).",
        "position": "Position\u2026",
        "match_hint": "Choose the match for each term.",
        "choose": "Choose\u2026",
        "correct": "Correct.",
        "not_quite": "Not quite.",
        "read_section": "Read the section",
        "try_again": "Try again: the explanation appears once your answer is right.",
        "source": " (source: {source})",
        "missed": "Missed: {feedback}",
        "ordered": "{text}: {feedback}",
        "matched": "{text} \u2192 {match}: right.",
        "mismatched": "{text} \u2192 not {match}: {feedback}",
        "need_option": "Choose an option.",
        "need_tick": "Tick at least one option.",
        "need_number": "Enter a number, e.g. 12 or 3.5.",
        "plain_number": "Please write the number plainly, e.g. 1000 or 3.5: \u201c{answer}\u201d can be read "
                        "as two different numbers.",
        "need_every_list": "Make a choice in every list.",
        "need_every_part": "Make a choice for every part of the question first.",
        "need_positions": "Give each item a different position.",
    },
    "ja": {
        "quiz": "クイズ：{title}",
        "nojs": "答えを確かめるには、このノートブックを実行するか、JavaScript が有効なブラウザーでこのページを開いてください。",
        "check": "答え合わせ",
        "check_tip": "答えを確かめる",
        "score": "得点：{total} 問中 {right} 問正解",
        "score_checked": "得点：{total} 問中 {right} 問正解（{checked} 問確認済み）",
        "select_all": "当てはまるものをすべて選んでください。",
        "your_answer": "あなたの答え",
        "a_number": "数値",
        "order_hint": "各項目に 1（最初）から {n}（最後）までの順番を付けてください。",
        "position": "順番\u2026",
        "match_hint": "各用語に対応するものを選んでください。",
        "choose": "選択\u2026",
        "correct": "正解です。",
        "not_quite": "惜しい、違います。",
        "read_section": "該当する節を読む",
        "try_again": "もう一度どうぞ。正解すると解説が表示されます。",
        "source": "（出典：{source}）",
        "missed": "選び漏れ：{feedback}",
        "ordered": "{text}：{feedback}",
        "matched": "{text} \u2192 {match}：正解。",
        "mismatched": "{text} \u2192 {match} ではありません：{feedback}",
        "need_option": "選択肢を一つ選んでください。",
        "need_tick": "当てはまるものを一つ以上選んでください。",
        "need_number": "数値を入力してください（例：12、3.5）。",
        "plain_number": "区切りのない数値で入力してください（例：1000、3.5）。「{answer}」は二通りの数に読めます。",
        "need_every_list": "すべてのリストで選択してください。",
        "need_every_part": "先に、問いのすべての部分で選択してください。",
        "need_positions": "各項目に異なる順番を付けてください。",
    },
}


def ui_table(lang: str | None = None) -> dict[str, str]:
    """The interface strings of ``lang`` (default: the edition's), English where one is missing."""
    lang = lang or language()
    return {**UI["en"], **UI.get(lang, {})}


def ui(key: str, lang: str | None = None, **values: Any) -> str:
    """One interface string, e.g. ``ui("score", right=2, total=10)``."""
    return ui_table(lang)[key].format(**values)


# What a translation may give for each question type: list fields and the keys of their entries.
_LISTS = {
    "single": ("options", ("text", "feedback")),
    "multiple": ("options", ("text", "feedback")),
    "ordering": ("items", ("text", "feedback")),
    "matching": ("pairs", ("term", "match", "feedback")),
}
_TEXT_FIELDS = ("prompt", "explanation")


def translation_path(path: Path, lang: str) -> Path:
    return path.parent / lang / path.name


def _where(tsource: str, number: int | None, qid: str | None, field: str | None) -> str:
    parts = [tsource]
    if qid is not None:
        parts.append(f"question {number} ({qid!r})" if number else f"question {qid!r}")
    if field:
        parts.append(f"field {field!r}")
    return ", ".join(parts)


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise QuizError(f"{where}: expected a non-empty text, got {value!r}"[:300])
    return value


def _keys(value: Any, allowed: tuple[str, ...], where: str) -> Mapping:
    if not isinstance(value, Mapping):
        raise QuizError(f"{where}: expected a mapping with keys among {list(allowed)}, got {type(value).__name__}")
    unknown = sorted(str(k) for k in value if k not in allowed)
    if unknown:
        raise QuizError(f"{where}: expected only the keys {list(allowed)}, got unknown key(s) {unknown}")
    return value


def merge(english: Any, translated: Any, source: str, tsource: str) -> Any:
    """The English quiz data with the translated text of ``translated`` put over it (a new object).

    ``english`` is the parsed YAML of the English file (``source`` names it in messages);
    ``translated`` that of the translation (``tsource``).
    """
    if not isinstance(english, Mapping) or not isinstance(english.get("questions"), list):
        return english  # parse_quiz reports what is wrong with the English file itself
    top = _keys(translated, ("title", "intro", "questions"), tsource)
    out = copy.deepcopy(dict(english))
    for key in ("title", "intro"):
        if key in top:
            out[key] = _text(top[key], _where(tsource, None, None, key))
    by_id = {q.get("id"): (n, q) for n, q in enumerate(out["questions"], start=1) if isinstance(q, dict)}
    questions = top.get("questions") or {}
    if not isinstance(questions, Mapping):
        raise QuizError(f"{_where(tsource, None, None, 'questions')}: expected a mapping "
                        f"{{question id: translated fields}}, got {type(questions).__name__}")
    for qid, fields in questions.items():
        if qid not in by_id:
            raise QuizError(f"{_where(tsource, None, qid, 'id')}: expected the id of a question of {source} "
                            f"({', '.join(map(str, by_id))}), got {qid!r}")
        number, q = by_id[qid]
        qtype = q.get("type")
        list_field, entry_keys = _LISTS.get(qtype, (None, ()))
        allowed = _TEXT_FIELDS + ((list_field,) if list_field else ()) + (
            ("unit", "feedback") if qtype == "numeric" else ())
        fields = _keys(fields, allowed, _where(tsource, number, qid, None))
        for key in _TEXT_FIELDS + ("unit",):
            if key in fields:
                q[key] = _text(fields[key], _where(tsource, number, qid, key))
        if qtype == "numeric" and "feedback" in fields:
            fb = _keys(fields["feedback"], ("correct", "low", "high"), _where(tsource, number, qid, "feedback"))
            q["feedback"] = {**q.get("feedback", {}), **{
                k: _text(v, _where(tsource, number, qid, f"feedback.{k}")) for k, v in fb.items()}}
        if list_field and list_field in fields:
            entries, originals = fields[list_field], q.get(list_field) or []
            if not isinstance(entries, list) or len(entries) != len(originals):
                got = f"{len(entries)}" if isinstance(entries, list) else type(entries).__name__
                raise QuizError(f"{_where(tsource, number, qid, list_field)}: expected a list of "
                                f"{len(originals)} entries in the order of {source}, got {got}")
            for i, (entry, original) in enumerate(zip(entries, originals)):
                where = _where(tsource, number, qid, f"{list_field}[{i}]")
                entry = _keys(entry, entry_keys, where)
                for k, v in entry.items():
                    original[k] = _text(v, f"{where[:-1]}.{k}'")
    return out


def untranslated(english: Any, translated: Any) -> list[str]:
    """The fields of the English quiz that ``translated`` gives no text for, e.g.
    ``["intro", "question 'spa-days' field 'feedback.low'"]`` (empty: fully translated)."""
    translated = translated if isinstance(translated, Mapping) else {}
    missing = [k for k in ("title", "intro") if k in english and k not in translated]
    tq = translated.get("questions") or {}
    for q in english.get("questions", []):
        qid, t = q["id"], tq.get(q["id"]) or {}
        names = [k for k in _TEXT_FIELDS + ("unit",) if k in q]
        if q.get("type") == "numeric":
            names += [f"feedback.{k}" for k in ("correct", "low", "high")]
        list_field, keys = _LISTS.get(q.get("type"), (None, ()))
        if list_field:
            names += [f"{list_field}[{i}].{k}" for i in range(len(q.get(list_field, []))) for k in keys]
        for name in names:
            if _lookup(t, name) is None:
                missing.append(f"question {qid!r} field {name!r}")
    return missing


def _lookup(t: Mapping, name: str) -> Any:
    if name.startswith("feedback."):
        return (t.get("feedback") or {}).get(name.split(".", 1)[1])
    if "[" in name:
        field, rest = name.split("[", 1)
        index, key = rest.split("].")
        entries = t.get(field) or []
        return entries[int(index)].get(key) if int(index) < len(entries) else None
    return t.get(name)


def read_translation(path: Path, lang: str) -> tuple[Any, str] | None:
    """(parsed YAML, display path) of the ``lang`` translation of the quiz file ``path``, or None."""
    tpath = translation_path(path, lang)
    if not tpath.is_file():
        return None
    tsource = display_path(tpath)
    try:
        return yaml.safe_load(tpath.read_text(encoding="utf-8")), tsource
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        raise QuizError(f"{tsource}: expected a readable UTF-8 YAML file ({str(e).splitlines()[0]})") from None


def localize(data: Any, path: Path, source: str, lang: str | None = None) -> Any:
    """``data`` (the English quiz file ``path``, parsed) in ``lang`` (default: the edition's)."""
    lang = lang or language()
    if lang == "en":
        return data
    found = read_translation(path, lang)
    if found is None:
        return data  # not translated yet: the quiz stays English
    return merge(data, found[0], source, found[1])
