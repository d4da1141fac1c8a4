"""The language of the edition being read: English (the default) or Japanese.

The book's Japanese edition is built with ``JESC_LANGUAGE=ja`` (``tools/build-book.sh --language
ja``); the kernels that execute its notebooks inherit the variable, so that what a notebook renders
(quizzes, their buttons and feedback) is in the edition's language. Anywhere else (Colab, Binder, a
plain Jupyter) the variable is unset and everything is English.
"""

from __future__ import annotations

import os

from jesc.errors import CourseError

LANGUAGES = ("en", "ja")


def language() -> str:
    """``"en"`` or ``"ja"``, from the environment variable ``JESC_LANGUAGE`` (default ``"en"``)."""
    value = os.environ.get("JESC_LANGUAGE", "").strip().lower() or "en"
    if value not in LANGUAGES:
        raise CourseError(f"JESC_LANGUAGE={value!r}: expected one of {', '.join(LANGUAGES)}")
    return value


# --- What the kernel writes: figures' text, tables' captions and headers, explorers' interface ---
#
# The pages' prose is translated by Sphinx from locales/<lang>/LC_MESSAGES/*.po. What a notebook
# *computes* (the text inside a figure, a table's caption, an explorer's buttons) is written by the
# kernel, so it is translated here, from one gettext catalog per language, ``locales/<lang>/kernel.po``
# (``tools/kernel_catalog.py`` collects its messages by running the notebooks in English). A number
# inside a text is a placeholder: "Japan: 1,234 reported attacks, 1993–2020" is the message
# "Japan: {0} reported attacks, {1}–{2}", so that a message survives new data.
#
# An explorer or exercise (timeline, missions, peacekeeping, decision, domains, nato) writes each
# reader-visible text through t() (or tf() where a placeholder takes text: a label, a name, an HTML
# citation; jesc.static_html.t_html/tf_html for HTML), at display time: data values stay as stored,
# a category's label (a kind, a framework) is translated where it is shown. A sentence that a page's
# script composes is a template passed in the explorer's JSON data as "ui" (script_templates), which
# the script fills; English pages carry no "ui", the script knows the English templates.
# tests/test_i18n_explorers.py renders every explorer with a pseudo-translation to find a text left out.

import json as _json
import re as _re
from functools import lru_cache as _lru_cache
from pathlib import Path as _Path

#: Set to a file's path to record every message the kernel looks up (tools/kernel_catalog.py).
COLLECT_ENV = "JESC_COLLECT_MESSAGES"
# a number: digits, thousands separated by commas ("1,234"); a comma after it is not part of it
_NUMBER = _re.compile(r"(?<![\w.])\d(?:[\d,]*\d)?(?:\.\d+)?(?![\w])")
_LETTER = _re.compile(r"[^\W\d_]")


def catalog_path(lang: str) -> _Path:
    from jesc.paths import REPO_ROOT

    return REPO_ROOT / "locales" / lang / "kernel.po"


@_lru_cache(maxsize=None)
def _catalog(lang: str) -> dict[str, str]:
    """``{message: translation}`` of ``lang``'s kernel catalog (translated, not fuzzy, messages)."""
    path = catalog_path(lang)
    if lang == "en" or not path.is_file():
        return {}
    from babel.messages.pofile import read_po

    with path.open("rb") as f:
        return {m.id: m.string for m in read_po(f) if m.id and m.string and not m.fuzzy}


def message(text: str) -> tuple[str, list[str]]:
    """The catalog message of ``text`` and the numbers it holds: ``("Japan: {0} attacks", ["12"])``."""
    numbers = _NUMBER.findall(text)
    counter = iter(range(len(numbers)))
    return _NUMBER.sub(lambda _: "{%d}" % next(counter), text.replace("{", "{{").replace("}", "}}")), numbers


def _record(msg: str) -> None:
    out = os.environ.get(COLLECT_ENV)
    if out:
        with open(out, "a", encoding="utf-8") as f:
            f.write(_json.dumps(msg, ensure_ascii=False) + "\n")


def t(text: str, **parts: str) -> str:
    """``text`` in the edition's language (unchanged in English, or where the catalog has no entry).

    Only text with letters is a message: numbers, dates and empty labels pass through. ``parts`` fill
    the text's named slots ``{name}`` after translation, so that a phrase around a list of dates or
    names is one message whatever the list holds: ``t("in {listed}", listed=...)`` is the message
    ``"in {listed}"``.
    """
    if not isinstance(text, str) or not _LETTER.search(text):
        return text
    slots = {"\0%s\0" % name: "{%s}" % name for name in parts}
    for marker, slot in slots.items():
        text = text.replace(slot, marker)
    msg, numbers = message(text)
    for marker, slot in slots.items():
        msg, text = msg.replace(marker, slot), text.replace(marker, slot)
    _record(msg)
    translated = _catalog(language()).get(msg)
    if translated is None:
        for name, value in parts.items():
            text = text.replace("{%s}" % name, str(value))
        return text
    try:
        return translated.format(*numbers, **parts)
    except (IndexError, KeyError, ValueError) as e:
        raise CourseError(f"{catalog_path(language())}: the translation of {msg!r} does not keep its "
                          f"placeholders {{0}}…: {e}") from None


_PLACEHOLDER = _re.compile(r"\{(\d+)\}")


def t_template(template: str) -> str:
    """A template that already holds its placeholders ``{0}``, ``{1}``… in the edition's language,
    placeholders kept, for ``str.format`` or a page's script to fill: ``t_template("Showing {0} of {1}
    events.")`` is the same message as ``t("Showing 5 of 41 events.")``. Use it where a placeholder is
    filled with text (a label, a name) rather than a number, or where JavaScript fills it."""
    if not isinstance(template, str) or not _LETTER.search(template):
        return template
    _record(template)
    translated = _catalog(language()).get(template)
    if translated is None:
        return template
    if set(_PLACEHOLDER.findall(translated)) != set(_PLACEHOLDER.findall(template)):
        raise CourseError(f"{catalog_path(language())}: the translation of {template!r} does not keep its "
                          f"placeholders {{0}}…: {translated!r}")
    return translated


def tf(template: str, *values) -> str:
    """``template`` in the edition's language, filled with ``values`` (``str.format``)."""
    return t_template(template).format(*values)


def script_templates(*templates: str) -> dict[str, str]:
    """``{English template: translation}`` of the templates a page's script fills, for an explorer's
    JSON data (its ``"ui"``); only those whose translation differs, so that the English page (and its
    stored output) does not change. The script falls back to the English template it knows."""
    out = {}
    for template in templates:
        translated = t_template(template)
        if translated != template:
            out[template] = translated
    return out


#: The edition's date formats by precision (English: the course's labels, ``jesc.data.date_label``).
_JA_DATES = {"year": "{y}年", "month": "{y}年{m}月", "day": "{y}年{m}月{d}日"}


def date_text(value, precision: str = "day") -> str:
    """A date in the edition's language, as precise as ``precision`` (``"day"``, ``"month"`` or
    ``"year"``): "15 July 2012" / "July 2012" / "2012", in Japanese "2012年7月15日" / "2012年7月" /
    "2012年"."""
    from jesc.data import PRECISIONS, date_label

    if precision not in PRECISIONS:
        raise CourseError(f"date_text: precision {precision!r}: expected one of "
                          f"{', '.join(PRECISIONS)}")
    import pandas as pd

    ts = pd.Timestamp(value)
    if language() == "ja":
        return _JA_DATES[precision].format(y=ts.year, m=ts.month, d=ts.day)
    return date_label(ts, precision)


def period_text(start, end, precision: str = "day") -> str:
    """From ``start`` to ``end`` in the edition's language: "January 2015 to June 2016" /
    "2015年1月〜2016年6月" (dates as :func:`date_text`)."""
    a, b = date_text(start, precision), date_text(end, precision)
    return f"{a}〜{b}" if language() == "ja" else f"{a} to {b}"


def list_text(items) -> str:
    """Items joined in the edition's language: "a, b and c" / "a、b、c"."""
    items = [str(i) for i in items]
    if language() == "ja" or len(items) < 2:
        return "、".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def translate_figure(fig) -> None:
    """Translate every text of a matplotlib figure in place: labels, titles, ticks, legends, notes.

    Tick labels are redrawn from the axis's formatter whenever the figure is drawn, so the formatter
    is wrapped rather than the texts changed (only when there is something to translate or collect:
    an English figure is left exactly as it was).
    """
    from matplotlib.text import Text

    if language() == "en" and not os.environ.get(COLLECT_ENV):
        return
    translated = _translated_formatter_class()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            for get, put in ((axis.get_major_formatter, axis.set_major_formatter),
                             (axis.get_minor_formatter, axis.set_minor_formatter)):
                if not isinstance(get(), translated):
                    put(translated(get()))
    for artist in fig.findobj(Text):
        text = artist.get_text()
        new = t(text)
        if new != text:
            artist.set_text(new)


@_lru_cache(maxsize=None)
def _translated_formatter_class():
    from matplotlib.ticker import Formatter

    class Translated(Formatter):
        """A tick formatter whose labels go through :func:`t`."""

        def __init__(self, inner):
            self.inner = inner

        def set_axis(self, axis):
            super().set_axis(axis)
            self.inner.set_axis(axis)

        def __call__(self, x, pos=None):
            return t(self.inner(x, pos))

        def format_ticks(self, values):
            return [t(label) for label in self.inner.format_ticks(values)]

        def set_locs(self, locs):
            self.inner.set_locs(locs)

        def get_offset(self):
            return self.inner.get_offset()

    return Translated


CJK_FAMILY = "Noto Sans CJK JP"


def figure_fonts() -> list[str]:
    """The font families of figures: in Japanese, a CJK font after the Latin one (matplotlib falls
    back glyph by glyph), Debian's Noto CJK as tools/install-cjk-fonts.sh installs it."""
    if language() != "ja":
        return ["DejaVu Sans"]
    from matplotlib import font_manager

    try:
        font_manager.findfont(CJK_FAMILY, fallback_to_default=False)
    except ValueError:
        # matplotlib's font list was cached before the CJK fonts were installed: add them to it
        for path in font_manager.findSystemFonts():
            if "NotoSansCJK" in _Path(path).name:
                font_manager.fontManager.addfont(path)
        try:
            font_manager.findfont(CJK_FAMILY, fallback_to_default=False)
        except ValueError:
            raise CourseError(f"figures in Japanese need the font {CJK_FAMILY!r}: run "
                              "bash tools/install-cjk-fonts.sh") from None
    return ["DejaVu Sans", CJK_FAMILY]
