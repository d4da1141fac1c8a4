"""The rendered Bibliography page of the built book, and the citations that link to it (issue 18).

Read from the HTML of the scratch build (no browser needed):

1. every title keeps the capitals it has in ``references.bib`` (pybtex's plain style lower-cases a
   title's words unless braces protect them: "From sophia to irini ... EU mediterranean");
2. no entry prints its date twice in a row ("March 2003, March 2003.");
3. every entry has the anchor ``bib-<key>``, and every citation a quiz or a table shows links to
   the anchor of its own key with the label the book's own ``{cite:p}`` shows for that key.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from jesc import citations

pytestmark = pytest.mark.build

REPO = Path(__file__).resolve().parents[2]
PAGE = "appendices/bibliography.html"


class Entries(HTMLParser):
    """{id: text} of every ``<div class="citation">`` (a Bibliography entry), label left out."""

    def __init__(self):
        super().__init__()
        self.entries: dict[str, str] = {}
        self._id, self._depth, self._skip = None, 0, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self._id is None and tag == "div" and "citation" in (attrs.get("class") or "").split():
            self._id, self._depth = attrs.get("id"), 0
            self.entries[self._id] = ""
        elif self._id is not None:
            self._depth += tag == "div"
            if tag == "span" and "label" in (attrs.get("class") or "").split():
                self._skip = 1
            elif self._skip:
                self._skip += tag == "span"

    def handle_endtag(self, tag):
        if self._id is None:
            return
        if self._skip and tag == "span":
            self._skip -= 1
        elif tag == "div":
            if self._depth == 0:
                self._id = None
            else:
                self._depth -= 1

    def handle_data(self, data):
        if self._id is not None and not self._skip:
            self.entries[self._id] += data


@pytest.fixture(scope="module")
def entries(built_book):
    parser = Entries()
    parser.feed((built_book / PAGE).read_text(encoding="utf-8"))
    text = {k: re.sub(r"\s+", " ", v).strip() for k, v in parser.entries.items()}
    assert len(text) >= 100, f"{PAGE}: expected the course's entries, found {len(text)}"
    return text


@pytest.fixture(scope="module")
def bib():
    from pybtex.database import parse_file

    return parse_file(str(REPO / "references.bib")).entries


def _plain(latex: str) -> str:
    import codecs

    import latexcodec  # noqa: F401 - registers "ulatex", the decoder pybtex uses

    return codecs.decode(latex, "ulatex").replace("{", "").replace("}", "")


def capitalised_words(title: str) -> list[str]:
    """The words of a title, as the bib writes them, that start with a capital and are not its first
    word: the proper nouns and acronyms (and words of a title written in title case)."""
    words = re.findall(r"[^\W\d_][\w'\u2019.-]*", _plain(title))
    return [w.rstrip(".") for w in words[1:] if w[0].isupper()]


def test_capitalised_words_are_read_from_the_bib():
    assert capitalised_words(r"From {Sophia} to {Irini}: {EU} {Mediterranean} policies") == \
        ["Sophia", "Irini", "EU", "Mediterranean"]
    assert capitalised_words("Japan--Europe Security Cooperation: How to ``Use'' {NATO}") == \
        ["Europe", "Security", "Cooperation", "How", "Use", "NATO"]


def test_every_entry_has_the_anchor_of_its_key(entries, bib):
    missing = sorted(k for k in bib if citations.anchor(k) not in entries)
    assert not missing, f"{PAGE}: no entry with the id bib-<key> for {missing[:10]} ({len(missing)})"


def test_titles_keep_their_capitals(entries, bib):
    lowered = []
    for key, entry in bib.items():
        text = entries.get(citations.anchor(key), "")
        for word in capitalised_words(entry.fields.get("title", "")):
            if not re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text):
                shown = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.I)
                lowered.append(f"{key}: {word!r} printed as {shown.group(0)!r}" if shown else
                               f"{key}: {word!r} missing")
    assert not lowered, (f"{PAGE}: title words lose their capitals (protect them with braces in "
                         "references.bib):\n" + "\n".join(lowered))


YEAR_TWICE = re.compile(r"\b((?:\d{1,2} )?(?:[A-Z][a-z]+ )?(\d{4})), (?:[A-Z][a-z]+ )?\2\.")


def test_year_twice_is_recognised():
    for text in ("NATO Update, March 2003, March 2003.", "copy of the NATO page, 2024, 2024.",
                 "reposted 18 December 2024, December 2024.", "state of February 2014, 2014."):
        assert YEAR_TWICE.search(text), text
    for text in ("Press release, June 2010.", "updated to about 2011, 2010.", "(stored copy), January 2014."):
        assert not YEAR_TWICE.search(text), text


def test_no_entry_prints_its_year_twice(entries, bib):
    keys = {citations.anchor(k): k for k in bib}
    twice = [f"{keys.get(i, i)}: ...{m.group(0)}" for i, text in entries.items()
             if (m := YEAR_TWICE.search(text))]
    assert not twice, f"{PAGE}: entries print their date twice in a row:\n" + "\n".join(twice)


# -- citations that link to the Bibliography -------------------------------------------------------

class Links(HTMLParser):
    """(href, text, classes) of every link of a page."""

    def __init__(self):
        super().__init__()
        self.links: list[list] = []
        self._open = None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            attrs = dict(attrs)
            self._open = [attrs.get("href") or "", "", attrs.get("class") or ""]
            self.links.append(self._open)

    def handle_endtag(self, tag):
        if tag == "a":
            self._open = None

    def handle_data(self, data):
        if self._open is not None:
            self._open[1] += data


def pages(built_book):
    return sorted(p for p in built_book.rglob("*.html") if "_static" not in p.parts)


@pytest.fixture(scope="module")
def book_labels(built_book):
    """{key: the text of the book's own citations of it} from every {cite} link of the book."""
    found: dict[str, set[str]] = {}
    for path in pages(built_book):
        parser = Links()
        parser.feed(path.read_text(encoding="utf-8"))
        for href, text, cls in parser.links:
            url = urlparse(href)
            if url.path.endswith(PAGE.split("/")[-1]) and url.fragment.startswith("bib-") \
                    and "jesc-cite" not in cls:
                found.setdefault(url.fragment, set()).add(re.sub(r"\s+", " ", text).strip())
    assert found, "no page of the book cites an entry of the Bibliography by its bib-<key> anchor"
    return found


def _resolves(built_book: Path, page: Path, href: str, entries) -> str | None:
    """None when ``href`` (from ``page``) is the Bibliography page at an entry's id, else why not."""
    target = urlparse(urljoin(page.relative_to(built_book).as_posix(), href))
    if target.path != PAGE:
        return f"links {target.path!r}, not {PAGE}"
    if target.fragment not in entries:
        return f"links #{target.fragment}, which no entry of {PAGE} has"
    return None


def test_quiz_and_table_citations_link_their_entry_with_the_books_label(built_book, entries, bib,
                                                                        book_labels):
    labels = citations.labels(REPO / "references.bib")
    bad, checked, compared = [], 0, 0
    for path in pages(built_book):
        text = path.read_text(encoding="utf-8")
        where = path.relative_to(built_book).as_posix()
        cites = []  # (key, href, text) of quiz explanations (in the quiz data) and table cells
        for blob in re.findall(r'<script type="application/json" class="jesc-quiz-data">(.*?)</script>',
                               text, re.S):
            for q in json.loads(blob)["questions"]:
                if "cite" not in q:
                    bad.append(f"{where}: quiz question {q['id']!r} has no citation of its source")
                    continue
                cites.append((q["source"], q["cite"]["href"], q["cite"]["text"]))
        parser = Links()
        parser.feed(text)
        cites += [(None, href, t) for href, t, cls in parser.links if "jesc-cite" in cls.split()]
        for key, href, shown in cites:
            checked += 1
            why = _resolves(built_book, path, html.unescape(href), entries)
            if why:
                bad.append(f"{where}: citation {shown!r} {why}")
                continue
            anchor = urlparse(href).fragment
            key = key or next((k for k in bib if citations.anchor(k) == anchor), None)
            if key is None or citations.anchor(key) != anchor:
                bad.append(f"{where}: citation {shown!r} links #{anchor}, not its own entry")
            elif key in labels and shown == labels[key]:
                # the quiz label is the book's own: compare where the text cites the same key
                if anchor in book_labels:
                    compared += 1
                    if shown not in book_labels[anchor]:
                        bad.append(f"{where}: {shown!r} for {key}, the book cites it as "
                                   f"{sorted(book_labels[anchor])}")
    assert not bad, "\n".join(bad)
    assert checked >= 50, f"only {checked} citations of quizzes and tables found in the built book"
    assert compared >= 10, f"only {compared} quiz citations could be compared with the book's own"
