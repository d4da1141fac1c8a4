"""Tables a reader sees: ``jesc.tables.show(frame, "caption")``.

pandas prints a frame for a programmer: a 0, 1, 2 ... index, ``<NA>``, ``1983-05-01`` for a date known only
to the month, bibliography keys and internal ids. :func:`show` renders it for a reader instead:

- no index column, unless the index means something (a named index becomes an ordinary first column);
- a date column ``x`` is replaced by ``x_label`` when the frame has it (``jesc.load`` adds one that keeps
  the precision of the data: ``1983``, ``May 1983``, ``29 May 1983``), and other dates are written in full;
- a missing value is an em dash with a tooltip, never ``<NA>`` or ``NaN``;
- a ``source`` (or ``sources``) column of ``references.bib`` keys shows "Author (year)" linked to the
  key's entry on the book's Bibliography page (``jesc.citations``, shared with the quizzes);
- internal ids (``id`` and ``*_id`` columns) are left out;
- the table sits in a keyboard-focusable scroll container with a visible cue when it is wider than the
  page (``_static/jesc-table.css``).
"""

from __future__ import annotations

import calendar
import re
from pathlib import Path
from typing import Iterable

import pandas as pd

from jesc import citations
from jesc.i18n import t
from jesc.errors import CourseError
from jesc.static_html import escape_html, escape_markdown, markdown_table

__all__ = ["show", "Table", "citation", "TableError"]

NA_TEXT = "\u2014"
SOURCE_COLUMNS = ("source", "sources")
_KEYS = re.compile(r"[,;\s]+")


class TableError(CourseError):
    """A table cannot be shown as asked (a column that does not exist, an unknown source key)."""


def bibliography(path: Path | None = None) -> dict[str, str]:
    """key -> "Author (year)" for every entry of the bibliography (names as the book prints them)."""
    return {key: f"{who} ({year})" for key, (who, year) in citations.authors_years(path).items()}


def citation(key: str, href: str | None = None, labels: dict[str, str] | None = None) -> str:
    """HTML of one formatted citation of a bibliography key, linked to its Bibliography entry
    (``href``: the Bibliography page, by default found from the notebook being run)."""
    labels = bibliography() if labels is None else labels
    if key not in labels:
        raise TableError(f"source {key!r} is not a key in references.bib")
    return citations.citation(key, href, text=labels[key])


def _full_date(value) -> str:
    ts = pd.Timestamp(value)
    return f"{ts.day} {calendar.month_name[ts.month]} {ts.year}"


def _is_missing(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def prepare(frame: pd.DataFrame, *, keep_ids: bool = False, drop: Iterable[str] = ()) -> pd.DataFrame:
    """The frame as a reader should see it, still as data: index, labels and ids handled."""
    if not isinstance(frame, pd.DataFrame):
        if isinstance(frame, pd.Series):
            frame = frame.to_frame()
        else:
            raise TableError(f"jesc.tables.show expects a pandas DataFrame, not {type(frame).__name__}")
    df = frame.copy()
    # A 0, 1, 2 ... index (or what is left of one after filtering) means nothing to a reader; a named
    # index or one of labels (a crosstab's rows, a groupby's groups) is kept as the first column.
    named = any(name is not None for name in df.index.names)
    numbered = isinstance(df.index, pd.RangeIndex) or pd.api.types.is_integer_dtype(df.index)
    if named or not numbered:
        df = df.reset_index()
    else:
        df = df.reset_index(drop=True)
    df.columns = [str(c) for c in df.columns]
    missing = [c for c in drop if c not in df.columns]
    if missing:
        raise TableError(f"cannot drop {missing}: the table's columns are {list(df.columns)}")
    df = df.drop(columns=list(drop))
    for col in list(df.columns):
        if col.endswith("_label"):
            base = col[: -len("_label")]
            if base in df.columns:
                df[base] = df[col]
                df = df.drop(columns=col)
            else:
                df = df.rename(columns={col: base})
    if not keep_ids:
        df = df.drop(columns=[c for c in df.columns if c == "id" or c.endswith("_id")])
    return df


class Table:
    """A frame rendered for reading: HTML in the book, Markdown in print and a plain-text fallback."""

    def __init__(self, frame: pd.DataFrame, caption: str | None = None, *, keep_ids: bool = False,
                 drop: Iterable[str] = ()):
        self.frame = prepare(frame, keep_ids=keep_ids, drop=drop)
        # caption and headers in the edition's language (jesc.i18n); the cells are data and stay
        self.headers = [t(c) for c in self.frame.columns]
        self.caption = t(caption) if caption else caption

    def _cell(self, column: str, value, labels, href) -> str:
        if _is_missing(value) or (isinstance(value, str) and not value.strip()):
            return f'<span class="jesc-na" title="{escape_html(t("no value in the data"))}">{NA_TEXT}</span>'
        if column in SOURCE_COLUMNS:
            return "; ".join(citation(k, href, labels) for k in _KEYS.split(str(value)) if k)
        if isinstance(value, pd.Timestamp):
            return escape_html(_full_date(value))
        return escape_html(value)

    def _text(self, column: str, value, labels) -> str:
        if _is_missing(value) or (isinstance(value, str) and not value.strip()):
            return NA_TEXT
        if column in SOURCE_COLUMNS:
            return "; ".join(labels.get(k, k) for k in _KEYS.split(str(value)) if k)
        if isinstance(value, pd.Timestamp):
            return _full_date(value)
        return str(value)

    def _repr_html_(self) -> str:
        labels = bibliography() if any(c in SOURCE_COLUMNS for c in self.frame.columns) else {}
        href = citations.bibliography_href()
        head = "".join(f'<th scope="col">{escape_html(c)}</th>' for c in self.headers)
        rows = "".join(
            "<tr>" + "".join(f"<td>{self._cell(c, v, labels, href)}</td>" for c, v in zip(self.frame.columns, row))
            + "</tr>" for row in self.frame.itertuples(index=False, name=None))
        caption = f"<caption>{escape_html(self.caption)}</caption>" if self.caption else ""
        label = escape_html(self.caption or t("Table"))
        return (f'<div class="jesc-table-wrap"><p class="jesc-table-cue" aria-hidden="true">'
                f"{escape_html(t('Scroll sideways to see every column'))} \u2192</p>"
                f'<div class="jesc-table-scroll" role="region" tabindex="0" aria-label="{label}">'
                f'<table class="jesc-table">{caption}<thead><tr>{head}</tr></thead>'
                f"<tbody>{rows}</tbody></table></div></div>")

    def _repr_markdown_(self) -> str:
        """The print form (the PDF): the caption, then the same cells as plain text."""
        labels = bibliography() if any(c in SOURCE_COLUMNS for c in self.frame.columns) else {}
        rows = [[self._text(c, v, labels) for c, v in zip(self.frame.columns, row)]
                for row in self.frame.itertuples(index=False, name=None)]
        table = markdown_table(self.headers, rows) if len(self.frame.columns) else ""
        return (f"*{escape_markdown(self.caption)}*\n\n{table}\n" if self.caption else f"{table}\n")

    def __repr__(self) -> str:
        labels = bibliography() if any(c in SOURCE_COLUMNS for c in self.frame.columns) else {}
        shown = pd.DataFrame({c: [self._text(c, v, labels) for v in self.frame[c]] for c in self.frame.columns})
        body = shown.to_string(index=False) if len(shown.columns) else "(no columns)"
        return f"{self.caption}\n{body}" if self.caption else body


def show(frame: pd.DataFrame, caption: str | None = None, *, keep_ids: bool = False,
         drop: Iterable[str] = ()) -> Table:
    """Render ``frame`` for a reader (see the module's docstring); the last line of a cell displays it."""
    return Table(frame, caption, keep_ids=keep_ids, drop=drop)
