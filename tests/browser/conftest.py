"""Fixtures for tests of the built book: one scratch build per session, one Chromium per session.

`built_book` is the HTML root of a fresh build of the whole book in a temporary directory;
`page` is a Playwright page in Debian's headless Chromium in which every request that leaves the
local server is aborted and recorded (`page.external_requests`), as are console errors
(`page.console_errors`). `book.open_built(page, "chapters/nato/index.html")` loads a built page
(import it from `book`, not from `conftest`: two conftest modules share that name).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import time

from book import both_languages, build_edition, build_from_scratch, build_pdf, guarded_page, open_built, serve

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    # Without these Chromium phones home at start-up; on a closed network those calls fail noisily.
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def scratch_build(repo, tmp_path_factory):
    """(HTML root, finished build process) of one from-scratch build for the whole session; the
    scratch copy starts from the checkout's execution caches (`book.share_caches`), so a notebook
    that `tools/build-book.sh` executed before the tests is not executed again."""
    return build_from_scratch(repo, tmp_path_factory.mktemp("scratch-build"))


@pytest.fixture(scope="session")
def built_book(scratch_build) -> Path:
    html, done = scratch_build
    if done.returncode != 0:
        pytest.fail("the book does not build:\n" + (done.stdout + done.stderr)[-6000:])
    return html


@pytest.fixture(scope="session")
def instructor_book(built_book) -> Path:
    """HTML root of the instructor edition, built once a session from the same scratch copy as
    `built_book` (the student edition) and with its execution cache."""
    html, done = build_edition(built_book.parent.parent, "instructor")
    if done.returncode != 0:
        pytest.fail("the instructor edition does not build:\n" + (done.stdout + done.stderr)[-6000:])
    return html


def _pdf(source: Path, edition: str, language: str = "en") -> Path:
    pdf, done = build_pdf(source, edition, language)
    if done.returncode != 0 or not pdf.is_file():
        pytest.fail(f"the {edition} edition's PDF ({language}) does not build:\n"
                    + (done.stdout + done.stderr)[-6000:])
    return pdf


@pytest.fixture(scope="session")
def japanese_pdf(japanese_book) -> Path:
    """The Japanese edition's PDF, built once a session from the scratch copy, with the Japanese
    execution cache that `japanese_book` filled."""
    return _pdf(japanese_book.parents[3], "student", "ja")


@pytest.fixture(scope="session")
def student_pdf(built_book) -> Path:
    """The student edition's PDF, built once a session from the scratch copy of `built_book`
    (with its execution cache: no notebook runs again)."""
    return _pdf(built_book.parent.parent, "student")


@pytest.fixture(scope="session")
def instructor_pdf(built_book) -> Path:
    """The instructor edition's PDF, built once a session like `student_pdf`."""
    return _pdf(built_book.parent.parent, "instructor")


@pytest.fixture(scope="session")
def japanese_book(built_book) -> Path:
    """HTML root of the Japanese edition, built once a session from the same scratch copy as
    `built_book` (warnings are errors), with its own execution cache."""
    start = time.monotonic()
    html, done = build_edition(built_book.parent.parent, "student", "ja")
    if done.returncode != 0:
        pytest.fail("the Japanese edition does not build:\n" + (done.stdout + done.stderr)[-6000:])
    print(f"\nJapanese edition built in {time.monotonic() - start:.0f} s")
    return html


@pytest.fixture(scope="session")
def both_url(built_book, japanese_book, tmp_path_factory):
    """Base URL of the two editions served together (English at the root, Japanese in ja/)."""
    url, server = serve(both_languages(built_book, japanese_book, tmp_path_factory.mktemp("both")))
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def book_url(built_book):
    url, server = serve(built_book)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(executable).exists():
        # In CI a missing browser is a failure, not a skip: tools/run-tests.sh installs it.
        pytest.fail("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, book_url):
    """A fresh page in which only the local book server can be reached."""
    page, close = guarded_page(browser, book_url)
    page.book_url = book_url
    yield page
    close()


@pytest.fixture
def open_page(page):
    """Load a built page by its path and return the Playwright page."""
    def _open(relative: str):
        open_built(page, relative)
        return page
    return _open
