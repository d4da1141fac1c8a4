"""Execute the book's notebooks in parallel into the execution cache before Sphinx reads them.

myst-nb's ``cache`` mode (``execute_notebooks: cache`` in ``_config.yml``) executes a notebook when
Sphinx reads it, one after another. This extension runs first (Sphinx's ``env-before-read-docs``
event, which lists the pages about to be read): every notebook among them that has no valid record
in the execution cache is executed, across the machine's cores (one kernel per process, as many
processes as cores; ``JESC_EXECUTE_JOBS`` overrides the number), and stored in the cache. myst-nb
then finds every notebook in the cache and only renders it.

A record is *valid* when it was made from the same code (jupyter-cache's key: the code cells and
their metadata) **and** the same inputs: :func:`inputs_fingerprint` hashes what the notebooks read
besides their own code (the course package ``src/``, ``data/``, the quiz files, ``references.bib``,
the pinned dependencies). A record made from other inputs, or by myst-nb itself (no fingerprint),
is executed again. So a build from an empty ``_build`` shows exactly what the code produces now, a
copy of a valid cache (the browser tests' scratch copy, ``tests/browser/book.py``) executes nothing,
and ``tests/test_notebook_pairs.py`` can compare every stored ``.ipynb`` with the cache's fresh run
instead of executing it once more (nbval's guarantee, see CONTRIBUTING.md).

Which cache: ``_build/.jupyter_cache`` for both English editions (``editions.py``),
``_build/.jupyter_cache-ja`` for the Japanese ones (``languages.py``): an edition changes what is
added to a page, never what a notebook computes, while the language changes the quizzes' text.

A notebook that raises fails the build: the error names the notebook, the cell (its number among
the notebook's cells, its execution count and its first line) and the exception; every failing
notebook of the batch is listed, not just the first.

:func:`execute_into_cache` is a plain function, used by the tests too.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from sphinx.errors import SphinxError
from sphinx.util import logging

logger = logging.getLogger(__name__)

# What notebooks read besides their own code, relative to the book's folder (a folder: every file
# below it, sorted by path). Cache records made from other contents are executed again.
INPUTS = ("src", "data", "exercises/quizzes", "references.bib", "pyproject.toml", "requirements/lock.txt")
SKIPPED_PARTS = {"__pycache__", ".ipynb_checkpoints", ".pytest_cache"}
FINGERPRINT_KEY = "jesc_inputs"
# Run in each build kernel before the notebook. `from myst_nb import glue` imports nbformat, whose
# jsonschema imports rfc3987_syntax at once, and that compiles 39 Lark grammars: about 1.5 s a
# kernel, a quarter of an average notebook (python-jsonschema/jsonschema#1428). No notebook
# schema uses the IRI formats it checks, so the build's kernels skip it; jsonschema expects that
# optional module may be missing (jesc/grading/worker.py does the same for grading's kernels). The
# outputs stay the same: tests/test_notebook_pairs.py compares them with the stored notebooks.
KERNEL_EXEC_LINES = "import sys; sys.modules.setdefault('rfc3987_syntax', None)"


class NotebookExecutionError(SphinxError):
    category = "Notebook execution error"


@dataclass
class Failure:
    notebook: str
    cell: int | None  # 1-based position among the notebook's cells
    execution_count: int | None
    first_line: str
    error: str

    def __str__(self) -> str:
        if self.cell is None:
            return f"{self.notebook}: {self.error}"
        count = f", In [{self.execution_count}]" if self.execution_count else ""
        return (f"{self.notebook}: cell {self.cell}{count} ({self.first_line!r}) raised "
                f"{self.error}")


def inputs_fingerprint(root: Path) -> str:
    """A hash of the files the notebooks of the book at ``root`` read besides their code."""
    digest = hashlib.sha256()
    for name in INPUTS:
        path = Path(root) / name
        files = [path] if path.is_file() else sorted(
            p for p in path.rglob("*") if p.is_file() and not SKIPPED_PARTS & set(p.parts)
            and p.suffix not in (".pyc", ".mo") and not any(part.endswith(".egg-info") for part in p.parts))
        for file in files:
            digest.update(file.relative_to(root).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


def _first_line(source: str) -> str:
    lines = [line for line in source.splitlines() if line.strip()]
    return lines[0][:70] if lines else ""


def _execute(job: tuple[str, str, int, bool]):
    """In a worker process: execute one notebook in its folder; (path, notebook or None, seconds, Failure)."""
    import nbformat
    from jupyter_cache.executors.utils import single_nb_execution

    path, label, timeout, allow_errors = job
    nb = nbformat.read(path, as_version=4)
    for attempt in (1, 2):
        try:
            result = single_nb_execution(
                nb, cwd=str(Path(path).parent), timeout=timeout, allow_errors=allow_errors,
                meta_override=True, extra_arguments=[f"--IPKernelApp.exec_lines={KERNEL_EXEC_LINES}"])
            break
        except Exception as err:  # the kernel died or did not start (a busy machine): not a cell's error
            if attempt == 2:
                return path, None, 0.0, Failure(label, None, None, "", f"{type(err).__name__}: {err}")
            nb = nbformat.read(path, as_version=4)  # once more, from the file
    if result.err is None:
        return path, nbformat.writes(nb), result.time, None
    failure = Failure(label, None, None, "", f"{type(result.err).__name__}: {result.err}")
    for index, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code":
            continue
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if errors:
            failure = Failure(label, index, cell.get("execution_count"), _first_line(cell.source),
                              f"{errors[0].get('ename')}: {errors[0].get('evalue')}")
            break
    if failure.cell is None:  # a timeout: the cell that was running has no execution count yet
        running = next((i for i, c in enumerate(nb.cells, start=1) if c.cell_type == "code"
                        and c.get("execution_count") is None), None)
        if running is not None:
            failure = Failure(label, running, None, _first_line(nb.cells[running - 1].source),
                              f"{type(result.err).__name__} (timeout {timeout} s)")
    return path, None, result.time, failure


def jobs() -> int:
    """Processes to execute notebooks with: ``JESC_EXECUTE_JOBS``, or the machine's cores. ``0``
    leaves execution to myst-nb (each notebook when Sphinx reads it, one after another: the build
    before this extension, which the benchmark's ``--baseline`` measures)."""
    value = os.environ.get("JESC_EXECUTE_JOBS", "").strip()
    return max(0, int(value)) if value else (os.cpu_count() or 1)


def stale_notebooks(cache, paths: list[Path], fingerprint: str) -> list[Path]:
    """The notebooks of ``paths`` without a record of their code made from inputs ``fingerprint``."""
    import nbformat

    out = []
    for path in paths:
        try:
            record = cache.match_cache_notebook(nbformat.read(path, as_version=4))
        except KeyError:
            out.append(path)
            continue
        if (record.data or {}).get(FINGERPRINT_KEY) != fingerprint:
            out.append(path)
    return out


def execute_into_cache(cache_path: Path, paths: list[Path], root: Path, *, timeout: int = 60,
                       allow_errors: bool = False, log=print) -> tuple[list[Path], list[Failure]]:
    """Execute, in parallel, every notebook of ``paths`` that has no valid record in the cache at
    ``cache_path`` and store the results there; ``root`` is the book's folder (for the inputs'
    fingerprint and the notebooks' names). Returns (notebooks executed, failures)."""
    import nbformat
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    root = Path(root)
    fingerprint = inputs_fingerprint(root)
    cache = get_cache(str(cache_path))
    todo = stale_notebooks(cache, [Path(p) for p in paths], fingerprint)
    if not todo:
        return [], []

    def label(path: Path) -> str:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return str(path)

    workers = min(jobs(), len(todo))
    log(f"executing {len(todo)} notebook(s) into {cache_path} with {workers} process(es)")
    start = time.perf_counter()
    failures, done = [], []
    # The largest notebooks first (a rough guess of the slowest), so that no core idles at the end.
    work = [(str(p), label(p), timeout, allow_errors)
            for p in sorted(todo, key=lambda p: p.stat().st_size, reverse=True)]
    # fork: the workers need nothing but this module's function; Sphinx forks for -j too
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(_execute, job) for job in work]
        for future in as_completed(futures):
            path, text, seconds, failure = future.result()
            if failure is not None:
                failures.append(failure)
                log(f"  FAILED {failure}")
                continue
            cache.cache_notebook_bundle(
                CacheBundleIn(nbformat.reads(text, as_version=4), str(path),
                              data={"execution_seconds": seconds, FINGERPRINT_KEY: fingerprint}),
                check_validity=False, overwrite=True)
            done.append(Path(path))
            log(f"  {label(Path(path))}: {seconds:.1f} s")
    log(f"executed {len(done)} notebook(s) in {time.perf_counter() - start:.1f} s")
    failures.sort(key=lambda f: f.notebook)
    return sorted(done), failures


def _notebooks_to_read(app, env, docnames) -> list[Path]:
    from sphinx.util.matching import Matcher

    excluded = Matcher(list(app.config.nb_execution_excludepatterns or []))
    out = []
    for docname in sorted(docnames):
        path = Path(env.doc2path(docname))
        if path.suffix == ".ipynb" and path.is_file() and not excluded(docname):
            out.append(path)
    return out


def execute_before_reading(app, env, docnames):
    if app.config.nb_execution_mode != "cache" or jobs() == 0:
        return  # "off", "force", "auto", "inline", or JESC_EXECUTE_JOBS=0: myst-nb's own behaviour
    paths = _notebooks_to_read(app, env, docnames)
    if not paths:
        return
    _, failures = execute_into_cache(
        Path(app.config.nb_execution_cache_path), paths, Path(app.srcdir),
        timeout=app.config.nb_execution_timeout, allow_errors=app.config.nb_execution_allow_errors,
        log=logger.info)
    if failures:
        raise NotebookExecutionError(
            "these notebooks raised an error (run them with tools/sync-notebooks.sh to see the "
            "whole traceback):\n" + "\n".join(f"  {f}" for f in failures))


def setup(app):
    # After editions.py and languages.py have chosen the cache (config-inited).
    app.connect("env-before-read-docs", execute_before_reading)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
