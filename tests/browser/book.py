"""Build the book from scratch in a temporary directory and serve it on localhost."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

# What a fresh clone does not carry, or what a build makes: never copied into the scratch build.
NOT_COPIED = (".git", ".venv", "_build", "node_modules", ".pytest_cache", ".hypothesis",
              "__pycache__", ".ipynb_checkpoints")


def jupyter_book_command() -> list[str]:
    """The jupyter-book of the environment running the tests (not whatever is first on PATH)."""
    return [str(Path(sys.executable).with_name("jupyter-book"))]


# The execution caches of the two languages (_ext/editions.py, _ext/languages.py).
CACHES = (".jupyter_cache", ".jupyter_cache-ja")


def share_caches(repo: Path, source: Path) -> list[str]:
    """Copy the checkout's execution caches into the scratch copy ``source``; returns their names.

    Each notebook then runs once per language and run: what ``tools/build-book.sh`` executed before
    the tests (CI runs it first) is not executed again. A record counts only when it was made from
    the notebook's current code and the current inputs (``_ext/notebook_cache.py``), so the scratch
    build still shows exactly what the code produces now."""
    copied = []
    for name in CACHES:
        if (repo / "_build" / name).is_dir():
            shutil.copytree(repo / "_build" / name, source / "_build" / name)
            copied.append(name)
    return copied


def build_from_scratch(repo: Path, workdir: Path, *, reuse_executions: bool = True, timeout: int = 900
                       ) -> tuple[Path, subprocess.CompletedProcess]:
    """Copy the sources to ``workdir`` and build them with warnings as errors.

    With ``reuse_executions`` (the tests) the checkout's execution caches are copied too
    (:func:`share_caches`); without it (the benchmark's clean build) every notebook is executed.
    Returns the HTML root and the finished build process (its output holds every warning).
    """
    source = workdir / "book"
    shutil.copytree(repo, source, ignore=shutil.ignore_patterns(*NOT_COPIED))
    if reuse_executions:
        share_caches(repo, source)
    done = subprocess.run(
        jupyter_book_command() + ["build", str(source), "-W", "-n", "--keep-going"],
        capture_output=True, text=True, timeout=timeout,
        env={**os.environ, "JESC_EDITION": "student", "JESC_LANGUAGE": "en"},
    )
    return source / "_build" / "html", done


def build_edition(source: Path, edition: str, language: str = "en") -> tuple[Path, subprocess.CompletedProcess]:
    """Build another edition of the scratch copy ``source`` (after :func:`build_from_scratch`), as
    ``tools/build-book.sh --edition EDITION [--language ja]`` does: into
    ``source/_build/<edition>/_build/html`` (the Japanese student edition: ``_build/ja/...``),
    sharing the execution cache of the first build when the language is English, so that no
    notebook runs again (the Japanese edition has its own cache: its quizzes render in Japanese)."""
    folder = {("student", "ja"): "ja"}.get((edition, language), edition if language == "en"
                                          else f"{edition}-{language}")
    done = subprocess.run(
        jupyter_book_command() + ["build", str(source), "--path-output", str(source / "_build" / folder),
                                  "-W", "-n", "--keep-going"],
        capture_output=True, text=True, timeout=900,
        env={**os.environ, "JESC_EDITION": edition, "JESC_LANGUAGE": language},
    )
    return source / "_build" / folder / "_build" / "html", done


def both_languages(english: Path, japanese: Path, workdir: Path) -> Path:
    """A folder laid out as the two editions are served together: the English edition at the root,
    the Japanese in ``ja/`` (symbolic links, nothing copied)."""
    site = workdir / "site"
    site.mkdir()
    for entry in english.iterdir():
        (site / entry.name).symlink_to(entry)
    (site / "ja").symlink_to(japanese)
    return site


PDF_NAME = "japan-europe-security"  # latex_documents.targetname of _config.yml, without .tex


def build_pdf(source: Path, edition: str = "student", language: str = "en") -> tuple[Path, subprocess.CompletedProcess]:
    """Build the PDF of the scratch copy ``source`` (after :func:`build_from_scratch`, with its
    execution cache), as ``tools/build-pdf.sh [--edition EDITION] [--language ja]`` does; returns the
    PDF's path (under ``_build/latex``, ``_build/<name>/_build/latex`` with ``<name>`` the edition,
    ``ja`` or ``<edition>-ja``, as ``tools/edition.sh`` names them) and the finished build."""
    name = edition if language == "en" else ("ja" if edition == "student" else f"{edition}-ja")
    out = [] if name == "student" else ["--path-output", str(source / "_build" / name)]
    latex = source / "_build" / ("latex" if name == "student" else f"{name}/_build/latex")
    shutil.rmtree(latex, ignore_errors=True)
    done = subprocess.run(
        jupyter_book_command() + ["build", str(source), *out, "--builder", "pdflatex",
                                  "-W", "-n", "--keep-going"],
        capture_output=True, text=True, timeout=1800,
        env={**os.environ, "JESC_EDITION": edition, "JESC_LANGUAGE": language},
    )
    return latex / f"{PDF_NAME}.pdf", done


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output readable
        pass


def serve(directory: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve ``directory`` on a free localhost port; returns the base URL and the server."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def open_built(page, relative: str):
    """Load a page of the built book, e.g. ``open_built(page, "chapters/nato/index.html")``."""
    response = page.goto(page.book_url + relative, wait_until="load")
    assert response is not None and response.ok, f"{relative}: HTTP {response and response.status}"
    return response


def guarded_page(browser, base_url: str):
    """A fresh page in which only the server at ``base_url`` can be reached: every other request is
    aborted and listed in ``page.external_requests``, console errors in ``page.console_errors``.
    Returns (page, close)."""
    context = browser.new_context()
    local = urlparse(base_url).netloc
    page = context.new_page()
    page.external_requests = []
    page.console_errors = []

    def guard(route):
        url = route.request.url
        if urlparse(url).netloc == local or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            page.external_requests.append(url)
            route.abort()

    context.route("**/*", guard)
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    return page, context.close
