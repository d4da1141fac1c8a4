"""One display object, two views: a live ipywidget in Jupyter, self-contained HTML in the book.

Quizzes, the timeline explorer and the decision exercise all display the same way: their mime bundle
carries the widget view *and* a ``text/html`` rendering. The book's configuration
(``nb_mime_priority_overrides``) shows the HTML, whose behaviour comes from small scripts in
``_static/``; live front ends show the widget. The helpers here are the pieces they share.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any, Callable

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def escape_html(text: Any) -> str:
    """Text safe in HTML content and in quoted attribute values."""
    return escape(str(text), quote=True)


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


def dual_bundle(plain: str, html: str, make_widget: Callable[[], Any] | None) -> dict[str, Any]:
    """The mime bundle of a display object: text, HTML and, where ipywidgets works, the widget view."""
    bundle: dict[str, Any] = {"text/plain": plain, "text/html": html}
    if make_widget is not None:
        try:
            view = make_widget()._repr_mimebundle_()
        except ImportError:  # no ipywidgets: the HTML view still works
            view = None
        if view and WIDGET_VIEW in view:
            bundle[WIDGET_VIEW] = view[WIDGET_VIEW]
    return bundle
