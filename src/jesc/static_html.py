"""One display object, two views: a live ipywidget in Jupyter, self-contained HTML in the book.

Quizzes, the timeline explorer and the decision exercise all display the same way: their mime bundle
carries the widget view *and* a ``text/html`` rendering. The book's configuration
(``nb_mime_priority_overrides``) shows the HTML, whose behaviour comes from small scripts in
``_static/``; live front ends show the widget. The helpers here are the pieces they share.

The bundle also carries a print form, ``text/markdown`` (:data:`PRINT_MIME`): what the element shows
as static text and tables, for the PDF (the LaTeX builder picks it, see ``_config.yml``). Front ends
that can show HTML or a widget prefer those, so only print sees it.
"""

from __future__ import annotations

import json
import re
from html import escape
from typing import Any, Callable, Iterable, Sequence

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def escape_html(text: Any) -> str:
    """Text safe in HTML content and in quoted attribute values."""
    return escape(str(text), quote=True)


def html_text(text: Any) -> str:
    """Text safe in HTML content (not in an attribute): ``& < >`` escaped, quotes kept as they are."""
    return escape(str(text), quote=False)


def t_html(text: str) -> str:
    """Interface text in the edition's language (:func:`jesc.i18n.t`), safe in HTML content."""
    from jesc.i18n import t

    return html_text(t(text))


def tf_html(template: str, *values: str) -> str:
    """``template`` in the edition's language (:func:`jesc.i18n.t_template`), safe in HTML content,
    filled with ``values``, which are HTML already (escaped text, a linked citation)."""
    from jesc.i18n import t_template

    return html_text(t_template(template)).format(*values)


def json_for_script(data: Any) -> str:
    """JSON safe inside ``<script type="application/json">``: no literal < > & or U+2028/9,
    so content can never close the tag; keys sorted so that stored outputs are deterministic."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for ch, rep in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                    ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, rep)
    return text


_counters: dict[str, int] = {}


def next_number(kind: str) -> int:
    """1 for the first display of ``kind`` in this kernel, 2 for the next, ...: element ids that are
    unique on a page yet the same in every fresh run (nbval compares the HTML)."""
    _counters[kind] = _counters.get(kind, 0) + 1
    return _counters[kind]


def dom_id(kind: str) -> str:
    """``jesc-<kind>`` for the first display of ``kind`` in this kernel, then ``jesc-<kind>-2``, ..."""
    n = next_number(kind)
    return f"jesc-{kind}" if n == 1 else f"jesc-{kind}-{n}"


#: The mime type of the print form of every course element (and of ``jesc.tables.show``).
PRINT_MIME = "text/markdown"

# Characters that Markdown (MyST/CommonMark) would read as markup in text from the data.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}<>|~$#])")


def escape_markdown(text: Any) -> str:
    """Text that Markdown prints as it is (no emphasis, link, role or HTML from data or quiz text)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def markdown_table(columns: Sequence[Any], rows: Iterable[Sequence[Any]]) -> str:
    """A Markdown (GFM) table of ``rows``; every cell is escaped text."""
    head = "| " + " | ".join(escape_markdown(c) for c in columns) + " |"
    rule = "|" + "|".join("---" for _ in columns) + "|"
    body = ["| " + " | ".join(escape_markdown(v) or " " for v in row) + " |" for row in rows]
    return "\n".join([head, rule, *body])


def frame_table(frame: Any, index: bool = False) -> str:
    """A Markdown table of a pandas frame (with its index as the first column if ``index``)."""
    df = frame.reset_index() if index else frame
    return markdown_table([str(c) for c in df.columns], df.itertuples(index=False, name=None))


def print_form(title: str, summary: str, tables: Iterable[tuple[str, str]] = ()) -> str:
    """The print form of an interactive element: its title, a sentence saying what it shows and
    where it is interactive, then ``(caption, markdown table)`` pairs of what it shows."""
    from jesc.i18n import tf

    out = [tf("{0} (interactive in the web book and in a notebook; printed here as a summary and "
              "tables).", f"**{escape_markdown(title)}**"), "", escape_markdown(summary)]
    for caption, table in tables:
        out += (["", f"*{escape_markdown(caption)}*"] if caption else []) + ["", table]
    return "\n".join(out) + "\n"


def dual_bundle(plain: str, html: str, make_widget: Callable[[], Any] | None,
                printed: str | None = None) -> dict[str, Any]:
    """The mime bundle of a display object: text, HTML, the print form (``printed``, Markdown; by
    default the escaped plain text) and, where ipywidgets works, the widget view."""
    bundle: dict[str, Any] = {"text/plain": plain, "text/html": html,
                              PRINT_MIME: printed if printed is not None else escape_markdown(plain)}
    if make_widget is not None:
        try:
            view = make_widget()._repr_mimebundle_()
        except ImportError:  # no ipywidgets: the HTML view still works
            view = None
        if view and WIDGET_VIEW in view:
            bundle[WIDGET_VIEW] = view[WIDGET_VIEW]
    return bundle
