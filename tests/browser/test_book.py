"""The built book as a reader meets it: it builds clean, its parts can be reached, search works."""

from __future__ import annotations

import re
import shutil
import subprocess

import yaml

from book import jupyter_book_command
from book import open_built


def toc_parts(repo):
    """[(caption, [file, ...])] from _toc.yml, in reading order."""
    toc = yaml.safe_load((repo / "_toc.yml").read_text())
    return [(p["caption"], [c["file"] for c in p["chapters"] if "file" in c]) for p in toc["parts"]]


def test_book_builds_from_scratch_without_warnings(scratch_build):
    html, done = scratch_build
    log = done.stdout + done.stderr
    assert done.returncode == 0, log[-6000:]
    # Sphinx warnings only: a kernel's own "[IPKernelApp] WARNING | ..." start-up line is not one.
    warnings = [line for line in log.splitlines() if "WARNING" in line and "IPKernelApp" not in line]
    assert warnings == [], warnings[:20]
    assert (html / "index.html").is_file()


def test_a_failing_cell_fails_the_build(repo, tmp_path):
    """With the course's configuration, an exception in a notebook cell is a failed build."""
    book = tmp_path / "book"
    book.mkdir()
    shutil.copy(repo / "_config.yml", book)
    shutil.copy(repo / "references.bib", book)
    shutil.copytree(repo / "_ext", book / "_ext")
    (book / "_toc.yml").write_text("format: jb-book\nroot: index\n")
    (book / "index.md").write_text(
        "---\njupytext:\n  text_representation:\n    format_name: myst\n"
        "kernelspec:\n  name: python3\n  display_name: Python 3\n---\n"
        "# Broken\n\n```{code-cell} python\nraise RuntimeError('this cell fails')\n```\n"
    )
    done = subprocess.run(jupyter_book_command() + ["build", str(book), "-W", "-n", "--keep-going"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode != 0
    assert "this cell fails" in done.stdout + done.stderr


def test_landing_page_loads_offline(page):
    open_built(page, "index.html")
    assert page.title().startswith("Japan and Europe in Security Cooperation")
    assert page.locator("h1").first.inner_text().strip().startswith("Japan and Europe")
    assert page.external_requests == []
    assert page.console_errors == []


def test_navigation_reaches_every_part(page, repo):
    """Every part's caption is in the sidebar, and following each of its links opens a page."""
    open_built(page, "index.html")
    sidebar = page.locator("nav.bd-docs-nav")
    captions = [c.strip() for c in sidebar.locator("p.caption").all_inner_texts()]
    for caption, files in toc_parts(repo):
        assert caption in captions, f"part {caption!r} missing from the sidebar {captions}"
        for file in files:
            # From the landing page, sidebar links are relative to the book's root.
            link = sidebar.locator(f'a[href="{file}.html"]')
            assert link.count() == 1, f"no sidebar link to {file} under {caption!r}"
            link.click()
            page.wait_for_load_state("load")
            assert page.url.endswith(f"{file}.html"), (file, page.url)
            assert page.locator("main h1").count() >= 1, f"{file}: no heading"
            page.go_back()
    assert page.external_requests == []
    assert page.console_errors == []


def test_search_finds_the_nato_part(page):
    open_built(page, "search.html?q=multilateral+school")
    results = page.locator("#search-results ul.search li")
    results.first.wait_for(timeout=15000)
    links = results.locator("a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert any(re.search(r"chapters/nato/", href or "") for href in links), links
    assert page.external_requests == []


def test_notebook_pages_offer_binder_colab_and_download(page):
    """A section page links its own .ipynb for Binder and Colab, and offers the source download."""
    open_built(page, "chapters/introduction/timeline.html")
    hrefs = page.locator("a").evaluate_all("els => els.map(a => a.href)")
    assert any(h.startswith("https://mybinder.org/") and h.endswith("chapters/introduction/timeline.ipynb")
               for h in hrefs), "no Binder link to the page's notebook"
    assert any(h.startswith("https://colab.research.google.com/github/")
               and h.endswith("chapters/introduction/timeline.ipynb") for h in hrefs), "no Colab link"
    download = page.locator(".btn-download-source-button")
    assert download.count() == 1
    assert page.external_requests == []
