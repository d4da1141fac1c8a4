"""The book's search finds what students type (issue 25): resolution and task-force numbers, years and
acronyms. Sphinx indexes numbers, but its page script skips every query word made only of digits;
``_ext/course_html.py`` (``search_numbers``) removes that skip from the built ``searchtools.js``.

Each query is typed into the search page of the built book (headless Chromium, offline) and must list
the page that explains it.
"""

from __future__ import annotations

import pytest

from book import open_built

pytestmark = pytest.mark.browser

#: query -> the page that explains it (at least this one among the results)
QUERIES = {
    "1325": "chapters/peacekeeping/wps.html",  # UN Security Council Resolution 1325, Women, Peace and Security
    "2015": "chapters/peacekeeping/civilian.html",  # Japan's 2015 legislation
    "Atalanta": "chapters/eu/operational-partner.html",  # EU NAVFOR Atalanta
    "ISAF": "chapters/nato/operational-partner.html",
    "CTF-151": "chapters/nato/operational-partner.html",  # Combined Task Force 151 (counter-piracy)
    "151": "chapters/nato/operational-partner.html",
}


def results(page, query: str) -> list[str]:
    open_built(page, "search.html?q=" + query.replace("+", "%2B"))
    page.wait_for_function(
        # Sphinx lists results a few at a time: wait for its closing summary ("Search finished,
        # found N pages" or "did not match"), not for the first result.
        "() => { const s = document.querySelector('#search-results'); return s && "
        "/Search finished|did not match any documents/.test(s.textContent); }",
        timeout=20000)
    links = page.locator("#search-results ul.search li a")
    return [(links.nth(i).get_attribute("href") or "").split("?")[0].split("#")[0] for i in range(links.count())]


def test_the_search_script_keeps_numbers(built_book):
    script = (built_book / "_static" / "searchtools.js").read_text(encoding="utf-8")
    assert "queryTerm.match(/^\\d+$/)" not in script, "searchtools.js still skips query words made of digits"


@pytest.mark.parametrize("query, expected", QUERIES.items(), ids=list(QUERIES))
def test_a_search_finds_the_page_that_explains_it(page, built_book, query, expected):
    if not (built_book / expected).is_file():
        pytest.fail(f"{expected} is not in the book")
    found = results(page, query)
    assert any(h.endswith(expected) for h in found), (
        f"searching {query!r} does not list {expected}; it lists {found[:10] or 'nothing'}"
        + ("" if query in (built_book / expected).read_text(encoding="utf-8") else
           f" ({expected} does not contain {query!r}: the content is missing)"))
