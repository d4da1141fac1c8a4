"""The Bibliography as the text cites it: "Tsuruoka, 2010" labels, in three groups.

sphinxcontrib-bibtex's ``author_year`` reference style writes author-year citations in the text, but
the ``plain`` style of the Bibliography page numbers its entries ([1], [2], ...). This extension
registers a pybtex formatting style, ``jesc_author_year`` (``bibtex_default_style`` in
``_config.yml``): the ``plain`` style with

* the author-year label of each entry, made by ``jesc.citations.entry_authors_year`` (the same
  function that labels the quizzes', tables' and explorers' citations). Labels may repeat (two
  Council documents of 2018), as the citations in the text do; the entries are told apart by their
  titles and anchors (``bib-<key>``), so sphinxcontrib-bibtex's "duplicate label" warning is
  suppressed (``suppress_warnings: bibtex.duplicate_label``);
* a sort into three groups, then by author, year and title: the source documents (``keywords =
  {source}`` in ``references.bib``), the primary records (every entry without one of the two
  keywords) and scholarship (``keywords = {scholarship}``).

One ``{bibliography}`` directive lists every entry (a second one would give every entry a second
``bib-<key>`` id); once it is resolved (``doctree-resolved``), a heading (``rubric``, level 2) is
put before the first entry of each group (an ``h2`` in HTML; the PDF keeps the grouped order without headings).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pybtex.plugin import register_plugin
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting.author_year_title import SortingStyle as AuthorYearTitle

from jesc.citations import anchor, entry_authors_year
from jesc.i18n import t

NAME = "jesc_author_year"
#: (keyword, heading, sentence) of each group, in the order of the page.
GROUPS = (
    ("source", "Source documents", "The three texts the course is built from."),
    ("", "Primary records", "Documents of the governments, organisations and agencies concerned "
     "(statements, agreements, decisions, reports) and the datasets of the course's tables."),
    ("scholarship", "Scholarship", "Scholarly books and articles."),
)


def group(entry) -> int:
    """0 for a source document, 1 for a primary record, 2 for scholarship."""
    words = {w.strip().lower() for w in re.split(r"[,;]", entry.fields.get("keywords", ""))}
    return 0 if "source" in words else 2 if "scholarship" in words else 1


class AuthorYearLabels(BaseLabelStyle):
    def format_labels(self, sorted_entries):
        for entry in sorted_entries:
            who, year = entry_authors_year(entry)
            yield f"{who}, {year}"


class GroupedSorting(AuthorYearTitle):
    def sorting_key(self, entry):
        return (group(entry), *super().sorting_key(entry))


class AuthorYearStyle(PlainStyle):
    default_label_style = NAME
    default_sorting_style = NAME


@lru_cache(maxsize=2)
def _groups_by_anchor(bib: str, _mtime: int) -> dict[str, int]:
    from pybtex.database import parse_file

    return {anchor(key): group(entry) for key, entry in parse_file(bib, bib_format="bibtex").entries.items()}


def add_group_headings(app, doctree, docname):
    from docutils import nodes

    citations = [c for c in doctree.findall(nodes.citation) if c.get("ids")]
    if not citations or not any(i.startswith("bib-") for c in citations for i in c["ids"]):
        return
    bib = Path(app.srcdir) / "references.bib"
    groups = _groups_by_anchor(str(bib), bib.stat().st_mtime_ns)
    seen = set()
    for c in citations:
        g = next((groups[i] for i in c["ids"] if i in groups), None)
        if g is None or g in seen:
            continue
        seen.add(g)
        _, heading, sentence = GROUPS[g]
        anchor_id = f"bibliography-{heading.lower().replace(' ', '-')}"
        if app.builder.format != "html":
            # In LaTeX the entries are items of one list, where a heading or a paragraph before an
            # item is an error ("missing \item"): the PDF keeps the grouped order without headings.
            return
        # a real heading of the page's outline (the theme writes a rubric as a paragraph)
        # the words in the edition's language (jesc.i18n, locales/<lang>/kernel.po); the anchor stays
        heading, sentence = t(heading), t(sentence)
        title = nodes.raw("", f'<h2 class="jesc-bib-group" id="{anchor_id}">{heading}</h2>', format="html")
        parent = c.parent
        at = parent.index(c)
        parent.insert(at, [title, nodes.paragraph(text=sentence)])


def link_keys_in_notes(app, doctree, docname):
    """An entry's note that names another entry by its key ("Cited in tsuruoka2010, note 10") shows
    that entry's label, linked to it ("Cited in Tsuruoka, 2010, note 10"): no reader sees a raw key."""
    from docutils import nodes

    from jesc.citations import labels

    if not any(i.startswith("bib-") for c in doctree.findall(nodes.citation) for i in c.get("ids", [])):
        return
    known = labels(Path(app.srcdir) / "references.bib")
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(k) for k in sorted(known, key=len, reverse=True))
                         + r")(?![\w-])")
    for citation in list(doctree.findall(nodes.citation)):
        for text in list(citation.findall(nodes.Text)):
            if isinstance(text.parent, (nodes.reference, nodes.label)) or not pattern.search(text.astext()):
                continue
            parts, last = [], 0
            value = text.astext()
            for m in pattern.finditer(value):
                parts.append(nodes.Text(value[last:m.start()]))
                if app.builder.format == "html":
                    parts.append(nodes.reference("", known[m.group(1)], internal=True,
                                                 refid=anchor(m.group(1))))
                else:  # LaTeX resolves a bare refid against the master document: the label alone
                    parts.append(nodes.Text(known[m.group(1)]))
                last = m.end()
            parts.append(nodes.Text(value[last:]))
            text.parent.replace(text, parts)


def setup(app):
    register_plugin("pybtex.style.labels", NAME, AuthorYearLabels, force=True)
    register_plugin("pybtex.style.sorting", NAME, GroupedSorting, force=True)
    register_plugin("pybtex.style.formatting", NAME, AuthorYearStyle, force=True)
    app.connect("doctree-resolved", add_group_headings)
    app.connect("doctree-resolved", link_keys_in_notes)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
