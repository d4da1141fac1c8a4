"""Citations a reader can follow: the author-year label of a ``references.bib`` key, linked to its
entry on the book's Bibliography page.

Tables (``jesc.tables``) and quizzes (``jesc.quiz``) cite sources by key; both show what this module
makes of a key:

- :func:`label` is the author-year text the book's own citations show (``bibtex_reference_style:
  author_year`` of sphinxcontrib-bibtex, as in ``{cite:p}``): the last names of the authors (the
  editors, else the title, when there is no author), "A and B" for two, "A et al." for three or
  more, a comma and the year: ``Tsuruoka, 2010``. The names come from pybtex, which also reads
  the bibliography for the book, so braces, accents and corporate authors (``{{NATO}}``) print
  as in the Bibliography;
- :func:`href` is the Bibliography page relative to the notebook being run, with the entry's
  anchor (``bibtex_cite_id: "bib-{key}"`` in ``_config.yml``, through docutils' ``make_id``).
"""

from __future__ import annotations

import codecs
import os
import re
from functools import lru_cache
from pathlib import Path

from jesc.errors import CourseError
from jesc.paths import REPO_ROOT, bib_path
from jesc.static_html import escape_html

__all__ = ["CitationError", "anchor", "authors_years", "bibliography_href", "citation", "cite_html",
           "cite_text", "href", "keys", "label", "labels"]

#: Where the Bibliography page is, from the root of the book.
BIBLIOGRAPHY_PAGE = "appendices/bibliography.html"


class CitationError(CourseError):
    """A key that is not in ``references.bib``, or a bibliography pybtex cannot read."""


def anchor(key: str) -> str:
    """The HTML id of the Bibliography entry of ``key`` (``bib-{key}`` through docutils' make_id)."""
    return re.sub(r"[^a-z0-9]+", "-", f"bib-{key}".lower()).strip("-")


def _text(latex: str) -> str:
    """Plain text of a BibTeX value: what pybtex's ``Text.from_latex(...).render_as("text")`` gives
    for every name and year of references.bib (checked when this was written), through latexcodec,
    which pybtex itself uses, at a hundredth of the time (12 s for the whole file on a busy machine)."""
    import latexcodec  # noqa: F401 - registers the "ulatex" codec

    return codecs.decode(latex, "ulatex").replace("{", "").replace("}", "")


def _names(persons) -> str:
    last = [" ".join(_text(p) for p in [*person.prelast_names, *person.last_names]) for person in persons]
    if len(last) >= 3:
        return f"{last[0]} et al."
    return " and ".join(last)


@lru_cache(maxsize=4)
def _authors_years(path: str, _mtime: int) -> dict[str, tuple[str, str]]:
    from pybtex.database import parse_file

    try:
        data = parse_file(path, bib_format="bibtex")
    except Exception as e:  # noqa: BLE001 - pybtex raises several kinds; all mean "cannot read"
        raise CitationError(f"{path}: expected a BibTeX file pybtex can read ({e})") from None
    return {key: entry_authors_year(entry, key) for key, entry in data.entries.items()}


def entry_authors_year(entry, key: str = "") -> tuple[str, str]:
    """(authors, year) of one pybtex entry: what :func:`label` shows, and the label of the entry on
    the Bibliography page (``_ext/bibliography_style.py``), so that the two always agree."""
    persons = entry.persons.get("author") or entry.persons.get("editor")
    who = _names(persons) if persons else _text(entry.fields.get("title", key or entry.key))
    year = _text(entry.fields.get("year", "n.d."))
    return who, year


def authors_years(path: Path | None = None) -> dict[str, tuple[str, str]]:
    """``{key: (authors, year)}`` for every entry (cached until the file changes)."""
    path = Path(path) if path is not None else bib_path()
    try:
        mtime = path.stat().st_mtime_ns
    except OSError as e:
        raise CitationError(f"{path}: expected the bibliography file ({e.strerror})") from None
    return _authors_years(str(path), mtime)


def labels(path: Path | None = None) -> dict[str, str]:
    """``{key: "Author, year"}`` for every entry of the bibliography."""
    return {key: f"{who}, {year}" for key, (who, year) in authors_years(path).items()}


def label(key: str, labels_: dict[str, str] | None = None) -> str:
    """The author-year label of ``key``, e.g. ``Tsuruoka, 2010``."""
    known = labels() if labels_ is None else labels_
    if key not in known:
        raise CitationError(f"source {key!r} is not a key in references.bib")
    return known[key]


def bibliography_href() -> str:
    """The Bibliography page, relative to the notebook being run (myst-nb runs it in its own folder)."""
    # The book being built: the nearest folder above the notebook holding _toc.yml (a scratch copy of the
    # sources is built elsewhere than the checkout the package is installed from); else the checkout.
    here = Path.cwd()
    root = next((p for p in (here, *here.parents) if (p / "_toc.yml").is_file()), REPO_ROOT)
    try:
        return Path(os.path.relpath(root / BIBLIOGRAPHY_PAGE, here)).as_posix()
    except ValueError:  # another drive on Windows
        return BIBLIOGRAPHY_PAGE


def href(key: str, page: str | None = None) -> str:
    """The link to the Bibliography entry of ``key`` (``page``: the Bibliography page's href)."""
    return f"{bibliography_href() if page is None else page}#{anchor(key)}"


def citation(key: str, page: str | None = None, labels_: dict[str, str] | None = None,
             text: str | None = None) -> str:
    """HTML of one linked citation of ``key``; ``text`` replaces the author-year label."""
    shown = label(key, labels_) if text is None else text
    return (f'<a class="jesc-cite" href="{escape_html(href(key, page))}" data-key="{escape_html(key)}">'
            f"{escape_html(shown)}</a>")


_KEYS = re.compile(r"[,;\s]+")


def keys(value) -> list[str]:
    """The bibliography keys of a data cell's ``source`` value (one key, or several joined by
    ``;``, ``,`` or spaces)."""
    return [k for k in _KEYS.split(str(value or "")) if k]


def cite_html(value, page: str | None = None) -> str:
    """Linked "Author, year" citations of every key of ``value`` (a ``source`` cell), joined by
    "; ": how every interactive element shows its sources (the quizzes' form)."""
    page = bibliography_href() if page is None else page
    return "; ".join(citation(k, page) for k in keys(value))


def cite_text(value) -> str:
    """The same citations as plain text (the print forms): "Tsuruoka, 2010; NATO, 2024"."""
    known = labels()
    return "; ".join(label(k, known) for k in keys(value))
