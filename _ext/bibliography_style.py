"""The Bibliography's labels: "Tsuruoka, 2010", as the text's ``{cite:p}`` shows the same entry.

sphinxcontrib-bibtex's ``author_year`` reference style writes author-year citations in the text,
but the ``plain`` style of the Bibliography page numbers its entries ([1], [2], ...). This
registers a pybtex formatting style, ``jesc_author_year`` (``bibtex_default_style`` in
``_config.yml``): the ``plain`` style with the author-year label of each entry, made by
``jesc.citations.entry_authors_year`` (the same function that labels the quizzes', tables' and
explorers' citations). Labels may repeat (two NATO documents of 2024): the entries are told apart by
their titles and their anchors (``bib-<key>``), as the citations in the text are.

The page groups the entries into the three source documents (``keywords = {source}`` in
``references.bib``), primary records and scholarship (``keywords = {scholarship}``), with one
``{bibliography}`` directive and a ``:filter:`` each (``appendices/bibliography.md``).
"""

from __future__ import annotations

from pybtex.plugin import register_plugin
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle

from jesc.citations import entry_authors_year

NAME = "jesc_author_year"


class AuthorYearLabels(BaseLabelStyle):
    def format_labels(self, sorted_entries):
        for entry in sorted_entries:
            who, year = entry_authors_year(entry)
            yield f"{who}, {year}"


class AuthorYearStyle(PlainStyle):
    default_label_style = NAME


def setup(app):
    register_plugin("pybtex.style.labels", NAME, AuthorYearLabels, force=True)
    register_plugin("pybtex.style.formatting", NAME, AuthorYearStyle, force=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
