"""HTML adjustments the course needs on every page.

* Thebe (live code in the page) is off: it would load from a CDN, and sphinx-thebe 0.3.1 declares its
  configuration twice per page, which is a JavaScript error in every page's console. Jupyter Book 1
  always loads the extension, so its scripts are dropped here.
* MathJax: the course has no maths, and Sphinx would load MathJax from a CDN on every page that has
  maths or has one in its toctree. A stray pair of ``$`` in text (with MyST's ``dollarmath``, e.g.
  "US$ ... US$") is maths to Sphinx; such a page gets a warning here (an error with ``-W``) naming
  the page. Escape the dollars (``US\\$``) or write "USD".

Once the HTML is written (``build-finished``), every page is rewritten by :func:`fix_page`, which makes
only these exact changes (each is tested by ``tests/browser/test_accessibility.py`` and
``tests/browser/test_offline.py``):

* Font Awesome's JavaScript (``_static/scripts/fontawesome.js``, 1.5 MB, loaded by pydata-sphinx-theme
  on every page) is not loaded. The theme's stylesheet already carries Font Awesome's CSS and web fonts,
  which draw the same icons; the script only swapped them for inline SVG. Without it a page weighs about
  1 MB instead of 2.6 MB (budget: 2 MB, see ``tests/browser/test_offline.py``).
* The expand/collapse toggles of the sidebar's table of contents (``<summary>`` holding only an icon)
  get an accessible name, "Sections of <chapter>" (axe rule ``summary-name``, serious).
* The bibliography's entries (docutils: ``role="doc-biblioentry"``, a deprecated ARIA role, inside
  ``role="list"``) become ``role="listitem"`` (axe rules ``aria-required-children``, critical;
  ``aria-deprecated-role``).
* WCAG 2.5.3 "label in name" (axe rule ``label-content-name-mismatch``): a control's accessible name
  must contain the text it shows. The theme's search buttons show "Search Ctrl+K" but are named
  "Search" (``aria-label``), and myst-nb's code-cell toggles show "Show code cell source" but are
  named "Toggle hidden content": both lose the ``aria-label``, so that the name is the visible text
  (it follows the theme's script when it shows "⌘" on a Mac). The search button's icon is hidden from
  assistive technology (Font Awesome draws it with a private-use character).
* The primary sidebar (the book's title, the search button and the table of contents) becomes a
  navigation landmark, "Course" (axe rule ``region``: the title and the search button were outside
  every landmark).
* Tables (axe rules ``empty-table-header``, ``td-has-header``): the empty header cells pandas writes
  in a DataFrame's head (the corner above the index, the blanks beside the index's name) become
  ``<td>``; a Markdown table whose top-left header cell is empty is a table with row labels, so that
  cell becomes ``<td>`` and the first cell of each body row a row header (``<th scope="row">``).

Search (``build-finished``, :func:`search_numbers`): Sphinx indexes numbers ("1325", "151",
"2015"; "CTF-151" is the words "ctf" and "151"), but its page script, ``_static/searchtools.js``,
drops every query word made only of digits (``queryTerm.match(/^\d+$/)`` in ``_parseQuery``), so a
search for a resolution, a task force or a year finds nothing. The written copy of the script loses
that one test; if a new Sphinx changes the script so that the test is not found, the build warns
(an error with ``-W``) and this must be looked at again.

Styling fixes for theme defaults that fail axe live in ``_static/jesc-a11y.css``; the print stylesheet
in ``_static/jesc-print.css``.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)


def _is_thebe(script) -> bool:
    filename = getattr(script, "filename", None) or ""
    body = (getattr(script, "attributes", {}) or {}).get("body", "")
    return filename.endswith("sphinx-thebe.js") or "THEBE_JS_URL" in body


def drop_thebe_scripts(app, pagename, templatename, context, doctree):
    if "script_files" in context:
        context["script_files"] = [s for s in context["script_files"] if not _is_thebe(s)]


def warn_of_cdn_mathjax(app, pagename, templatename, context, doctree):
    for script in context.get("script_files", []):
        filename = str(getattr(script, "filename", None) or script)
        if "mathjax" in filename.lower() and re.match(r"^(https?:)?//", filename):
            logger.warning(
                "this page loads MathJax from %s: it (or a page in its toctree) has maths, perhaps a "
                "stray pair of $ in text; the course has no maths and loads nothing from other sites: "
                "escape the dollars (\\$) or write USD", filename, location=pagename)


_FONTAWESOME_JS = re.compile(r'[ \t]*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>\n?')
_TOC_SUMMARY = re.compile(r'(<a [^>]*>((?:(?!</a>).)*)</a><details[^>]*>)<summary>')
_BIBLIOENTRY = 'role="doc-biblioentry"'
# pydata-sphinx-theme's search-button-field.html (the icon-only search button has no visible text and
# keeps its name); myst-nb's HideCodeCellNode.
_SEARCH_FIELD_BUTTON = re.compile(
    r'(<button class="btn search-button-field [^"]*" title="[^"]*") aria-label="[^"]*"([^>]*>\s*'
    r'<i class="fa-solid fa-magnifying-glass")></i>')
_CELL_TOGGLE = '<summary aria-label="Toggle hidden content">'
_PRIMARY_SIDEBAR = '<div id="pst-primary-sidebar" class="bd-sidebar-primary bd-sidebar">'
_DATAFRAME_HEAD = re.compile(r'(<table[^>]* class="dataframe[^"]*">\s*<thead>)(.*?)(</thead>)', re.S)
_ROW_LABEL_TABLE = re.compile(
    r'(<table class="table">\s*<thead>\s*<tr[^>]*>)<th class="head"><p></p></th>(.*?</thead>)(.*?)(</table>)',
    re.S)
_FIRST_CELL = re.compile(r'(<tr[^>]*>)<td>(.*?)</td>', re.S)


def _dataframe_head(m: re.Match) -> str:
    return m.group(1) + re.sub(r"<th></th>", "<td></td>", m.group(2)) + m.group(3)


def _row_label_table(m: re.Match) -> str:
    body = _FIRST_CELL.sub(r'\1<th scope="row">\2</th>', m.group(3))
    return f"{m.group(1)}<td></td>{m.group(2)}{body}{m.group(4)}"


def _summary_label(m: re.Match) -> str:
    title = html.unescape(re.sub(r"<[^>]+>", "", m.group(2))).strip() or "this chapter"
    return f'{m.group(1)}<summary aria-label="{html.escape("Sections of " + title, quote=True)}">'


def fix_page(text: str) -> str:
    """The page ``text`` with the changes listed in the module docstring (idempotent)."""
    text = _FONTAWESOME_JS.sub("", text)
    text = _TOC_SUMMARY.sub(_summary_label, text)
    text = _SEARCH_FIELD_BUTTON.sub(r'\1\2 aria-hidden="true"></i>', text)
    text = text.replace(_CELL_TOGGLE, "<summary>")
    text = text.replace(_PRIMARY_SIDEBAR, _PRIMARY_SIDEBAR[:-1] + ' role="navigation" aria-label="Course">')
    text = _DATAFRAME_HEAD.sub(_dataframe_head, text)
    text = _ROW_LABEL_TABLE.sub(_row_label_table, text)
    return text.replace(_BIBLIOENTRY, 'role="listitem"')


def fix_written_pages(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    for path in Path(app.outdir).rglob("*.html"):
        if path.relative_to(app.outdir).parts[0] in ("_static", "_sources"):
            continue
        text = path.read_text(encoding="utf-8")
        fixed = fix_page(text)
        if fixed != text:
            path.write_text(fixed, encoding="utf-8")


# Sphinx 7.4's searchtools.js: the query word is skipped if it is a stopword or only digits.
_DIGIT_SKIP = re.compile(r"(stopwords\.indexOf\(queryTermLower\) !== -1)\s*\|\|\s*queryTerm\.match\(/\^\\d\+\$/\)")


def search_numbers(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    script = Path(app.outdir) / "_static" / "searchtools.js"
    if not script.is_file():
        return
    text = script.read_text(encoding="utf-8")
    fixed, n = _DIGIT_SKIP.subn(r"\1", text)
    if n == 1:
        script.write_text(fixed, encoding="utf-8")
    elif "queryTerm.match(/^\\d+$/)" in text:
        logger.warning("course_html: searchtools.js skips numbers in a way this extension does not know; "
                       "searches for 1325 or 2015 would find nothing (see search_numbers)")


def setup(app):
    app.connect("html-page-context", drop_thebe_scripts, priority=900)
    app.connect("html-page-context", warn_of_cdn_mathjax, priority=900)
    app.connect("build-finished", fix_written_pages)
    app.connect("build-finished", search_numbers)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
