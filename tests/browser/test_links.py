"""No dead ends in the built book: every link and anchor resolves, every page is in the table of contents.

* ``test_every_local_link_and_anchor_resolves``: every ``href``, ``src`` and ``srcset`` of every built page
  (parsed with the standard library's html.parser, see ``site_pages.crawl``) that stays in the book names
  a file of the build, and its ``#fragment`` is an ``id`` in the target page.
  The language switch counts too: it must name the same page of the Japanese edition built beside this
  one, and where none is built (the README's first command builds only English) it has no address.
* ``test_no_external_resource_is_loaded``: links to other sites are listed (not fetched: the tests run
  offline); none of them is a loaded resource (script, stylesheet, image, font, frame).
* ``test_every_page_is_in_the_table_of_contents``: every built page is linked from the sidebar table of
  contents (of the landing page or of any page), except the search and general-index pages that Sphinx
  writes for every book and the header links to; every toc link names a built page.
* ``test_cross_references_and_citations_resolve``: the session's scratch build (``-W -n``, nitpicky) logged
  no unresolved reference, citation or missing document, and no page shows an unresolved citation.
"""

from __future__ import annotations

import re

import pytest

from site_pages import SERVICE_PAGES, built_pages, crawl, toc_pages

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def crawled(built_book):
    # the Japanese edition where tools/edition.sh builds it beside this one (it may not be built: then
    # no page may show a language switch with an address)
    return crawl(built_book, built_book.parent / "ja" / "_build" / "html")


def test_every_local_link_and_anchor_resolves(crawled):
    print(f"\nlinks: {crawled.checked} local hrefs/srcs checked on {len(crawled.pages)} pages; "
          f"{len(crawled.external)} distinct external URLs listed, not fetched")
    assert crawled.checked > 0 and len(crawled.pages) > 1
    assert not crawled.broken, f"{len(crawled.broken)} broken link(s):\n" + "\n".join(crawled.broken[:100])


def test_no_external_resource_is_loaded(crawled):
    print("\nexternal links (not fetched):\n" + "\n".join(
        f"  {url}  <- {', '.join(sorted(pages)[:3])}" for url, pages in sorted(crawled.external.items())))
    assert not crawled.external_loads, "pages load resources from other sites:\n" + "\n".join(
        crawled.external_loads)


def test_every_page_is_in_the_table_of_contents(built_book):
    pages = set(built_pages(built_book, service=False))
    in_toc = toc_pages(built_book)
    assert "index.html" in pages
    missing = sorted(pages - in_toc)
    assert not missing, f"built pages no table of contents links to: {missing}"
    dangling = sorted(p for p in in_toc if not (built_book / p).is_file())
    assert not dangling, f"table-of-contents links to pages that were not built: {dangling}"
    # The pages left out are only Sphinx's own, which every page's header reaches (search, index).
    assert set(built_pages(built_book)) - pages <= set(SERVICE_PAGES)


_UNRESOLVED = re.compile(r"WARNING: .*(undefined label|unknown document|reference target not found|"
                         r"could not find bibtex key|citation not found|unknown target|"
                         r"Unknown target name|failed to create a cross reference)", re.I)


def test_cross_references_and_citations_resolve(scratch_build):
    html, done = scratch_build
    log = done.stdout + done.stderr
    unresolved = [line for line in log.splitlines() if _UNRESOLVED.search(line)]
    assert not unresolved, "unresolved references in the -n build:\n" + "\n".join(unresolved[:50])
    assert done.returncode == 0, log[-4000:]
    shown = []
    for relative in built_pages(html):
        text = (html / relative).read_text(encoding="utf-8")
        # sphinxcontrib-bibtex shows an unresolved {cite} as a bold "[key]"; docutils as a "problematic" span
        for m in re.finditer(r'class="problematic"|<strong>\[[A-Za-z0-9_:.-]+\]</strong>', text):
            shown.append(f"{relative}: {text[m.start():m.start() + 120]!r}")
    assert not shown, "pages show unresolved references:\n" + "\n".join(shown[:50])
