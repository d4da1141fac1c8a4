"""The build's execution cache (_ext/notebook_cache.py), on a small scratch book (correctness, not speed).

The scratch book has the course's real `_config.yml`, `_ext/` and `_static/` (so the real cache wiring
of editions.py and languages.py is tested) and two one-cell notebooks. Executions are counted by the
records of the execution cache: a notebook executed again gets a new record.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from jupyter_cache import get_cache

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "_ext"))
import notebook_cache  # noqa: E402

pytestmark = pytest.mark.build

TOC = """format: jb-book
root: index
chapters:
  - file: one
  - file: two
"""
CODE = {"one": "print(2 + 3)", "two": "print('two')"}


def write_notebook(path: Path, code: str, extra: str | None = None) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell(f"# Page {path.stem}"), nbformat.v4.new_code_cell(code)]
    if extra:
        nb.cells.append(nbformat.v4.new_code_cell(extra))
    nbformat.write(nb, path)


def make_book(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("_config.yml", "references.bib"):
        shutil.copy(REPO / name, folder / name)
    for name in ("_ext", "_static"):
        shutil.copytree(REPO / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "_toc.yml").write_text(TOC, encoding="utf-8")
    (folder / "index.md").write_text("# A scratch book\n\nTwo notebooks.\n", encoding="utf-8")
    for name, code in CODE.items():
        write_notebook(folder / f"{name}.ipynb", code)
    return folder


def build(book: Path, edition: str = "student", language: str = "en") -> subprocess.CompletedProcess:
    """``jupyter-book build`` as tools/build-book.sh runs it (warnings are errors)."""
    folder = {"student": None}.get(edition, edition) if language == "en" else (
        language if edition == "student" else f"{edition}-{language}")
    out = [] if folder is None else ["--path-output", str(book / "_build" / folder)]
    return subprocess.run(
        [str(Path(sys.executable).with_name("jupyter-book")), "build", str(book), *out,
         "-W", "-n", "--keep-going"],
        capture_output=True, text=True, timeout=900,
        env={**os.environ, "JESC_EDITION": edition, "JESC_LANGUAGE": language})


def records(book: Path, cache: str = ".jupyter_cache") -> dict[str, tuple[int, str]]:
    """The cache's records: notebook file name -> (record id, creation time)."""
    path = book / "_build" / cache
    if not path.is_dir():
        return {}
    return {Path(r.uri).name: (r.pk, str(r.created)) for r in get_cache(str(path)).list_cache_records()}


def output(done: subprocess.CompletedProcess) -> str:
    return (done.stdout + done.stderr)[-4000:]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The scratch book, student edition built once."""
    book = make_book(tmp_path_factory.mktemp("cache-book") / "book")
    done = build(book)
    assert done.returncode == 0, output(done)
    return book


def copy_of(built: Path, tmp_path: Path) -> Path:
    """A copy of the built scratch book, with its _build (cache, doctrees) for an incremental build."""
    return Path(shutil.copytree(built, tmp_path / "book", symlinks=True))


def test_both_editions_of_a_language_share_one_execution(built):
    first = records(built)
    assert sorted(first) == ["one.ipynb", "two.ipynb"], "each notebook executed once by the first build"
    done = build(built, "instructor")
    assert done.returncode == 0, output(done)
    assert records(built) == first, "the instructor edition executed a notebook again"
    assert not (built / "_build" / "instructor" / "_build" / ".jupyter_cache").exists()


def test_the_japanese_editions_share_their_own_cache(built):
    english = records(built)
    done = build(built, "student", "ja")
    assert done.returncode == 0, output(done)
    japanese = records(built, ".jupyter_cache-ja")
    assert sorted(japanese) == ["one.ipynb", "two.ipynb"]
    assert records(built) == english, "the Japanese edition must not write into the English cache"
    done = build(built, "instructor", "ja")
    assert done.returncode == 0, output(done)
    assert records(built, ".jupyter_cache-ja") == japanese, "the Japanese instructor edition executed again"


def test_a_changed_notebook_is_executed_again_and_shows_its_new_output(built, tmp_path):
    book = copy_of(built, tmp_path)
    before = records(book)
    write_notebook(book / "one.ipynb", "print(2 + 40)")
    done = build(book)
    assert done.returncode == 0, output(done)
    after = records(book)
    new = {name for name in after if after[name] != before.get(name)}
    assert "one.ipynb" in new and after["two.ipynb"] == before["two.ipynb"], (before, after)
    assert "42" in (book / "_build" / "html" / "one.html").read_text(encoding="utf-8")


def test_a_raising_notebook_fails_the_build_naming_notebook_and_cell(built, tmp_path):
    book = copy_of(built, tmp_path)
    write_notebook(book / "two.ipynb", CODE["two"], "value = 1\nraise ValueError('broken on purpose')")
    done = build(book)
    assert done.returncode != 0, "a notebook that raises must fail the build"
    assert "two.ipynb: cell 3, In [2] ('value = 1') raised ValueError: broken on purpose" in output(done)


def test_a_record_counts_only_for_the_same_inputs(tmp_path):
    """Without Sphinx: a second run executes nothing; a changed input (data, package...) executes again."""
    book = make_book(tmp_path / "book")
    (book / "data").mkdir()
    (book / "data" / "table.csv").write_text("a\n1\n", encoding="utf-8")
    cache = book / "_build" / ".jupyter_cache"
    notebooks = [book / "one.ipynb"]
    done, failures = notebook_cache.execute_into_cache(cache, notebooks, book, log=lambda *_: None)
    assert (done, failures) == (notebooks, [])
    assert notebook_cache.execute_into_cache(cache, notebooks, book, log=lambda *_: None) == ([], [])
    (book / "data" / "table.csv").write_text("a\n2\n", encoding="utf-8")
    assert notebook_cache.execute_into_cache(cache, notebooks, book, log=lambda *_: None) == (notebooks, [])
