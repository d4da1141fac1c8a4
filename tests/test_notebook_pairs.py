"""Every notebook has a MyST-Markdown twin with the same cells, carries stored outputs, and its stored
outputs are what a fresh run produces (in place of `pytest --nbval`, see below)."""

from __future__ import annotations

import copy
import os
import re
import sys
from pathlib import Path

import jupytext
import nbformat
import pytest
from nbval.plugin import coalesce_streams, get_sanitize_patterns, transform_streams_for_comparison

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "_ext"))
import notebook_cache  # noqa: E402  (the build's own execution, see _ext/notebook_cache.py)


NOTEBOOKS = sorted(p for folder in ("chapters", "exercises")
                   for p in (REPO / folder).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def cells(notebook):
    return [(c.cell_type, c.source.strip()) for c in notebook.cells]


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebook found under chapters/ or exercises/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(REPO)))
def test_pair_is_in_sync(path):
    twin = path.with_suffix(".nb.md")
    assert twin.is_file(), f"{twin.relative_to(REPO)} is missing: run tools/sync-notebooks.sh"
    stored = nbformat.read(path, as_version=4)
    text = jupytext.read(twin)
    assert cells(stored) == cells(text), (
        f"{path.relative_to(REPO)} and its .nb.md twin differ: edit one, then run tools/sync-notebooks.sh")
    assert stored.metadata.get("jupytext", {}).get("formats") == "ipynb,.nb.md:myst"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(REPO)))
def test_notebook_was_executed_in_order(path):
    """Outputs are stored, from one top-to-bottom run (execution counts 1, 2, 3, ...)."""
    code = [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
    counts = [c.get("execution_count") for c in code]
    assert counts == list(range(1, len(code) + 1)), (
        f"{path.relative_to(REPO)}: execution counts {counts}; re-execute with tools/sync-notebooks.sh")


# --- Stored outputs equal a fresh run (what `pytest --nbval` checked, without executing again) ---
#
# Every notebook is executed at most once per run: the fresh run is the record of the English
# execution cache `_build/.jupyter_cache` (the one `tools/build-book.sh` fills, in parallel, just
# before the tests in CI), valid only when it was made from the notebook's current code *and* the
# current inputs (`_ext/notebook_cache.py`: package, data, quizzes, bibliography, lock). A missing
# or stale record is executed here first, into the same cache, across the machine's cores. Each
# code cell's outputs are then compared as nbval compares them: the regexes of
# tests/nbval-sanitize.cfg applied to both sides, streams coalesced, images, metadata, execution
# counts and widget model ids left out.

CACHE = REPO / "_build" / ".jupyter_cache"
SANITIZE = get_sanitize_patterns((REPO / "tests" / "nbval-sanitize.cfg").read_text(encoding="utf-8"))
SKIP_COMPARE = {"metadata", "traceback", "prompt_number", "output_type", "name", "execution_count",
                "application/vnd.jupyter.widget-view+json", "image/png", "image/jpeg"}


@pytest.fixture(scope="session")
def fresh_runs(request):
    """The English execution cache, holding a valid fresh run of every selected notebook; failures by
    notebook."""
    selected = sorted({item.callspec.params["path"] for item in request.session.items
                       if getattr(item, "originalname", "") == "test_stored_outputs_match_a_fresh_run"})
    saved = os.environ.get("JESC_LANGUAGE")
    os.environ["JESC_LANGUAGE"] = "en"  # the kernels inherit it: English quizzes, as in the .ipynb
    try:
        _, failures = notebook_cache.execute_into_cache(CACHE, selected, REPO, timeout=120)
    finally:
        if saved is None:
            os.environ.pop("JESC_LANGUAGE")
        else:
            os.environ["JESC_LANGUAGE"] = saved
    from jupyter_cache import get_cache

    return get_cache(str(CACHE)), {f.notebook: f for f in failures}


def sanitize(value):
    if not isinstance(value, str):
        return value
    for regex, replace in SANITIZE:
        value = re.sub(regex, replace, value)
    return value


def comparable(outputs) -> dict:
    """nbval's view of a cell's outputs: MIME type (or stream name) -> sanitised values, in order."""
    out: dict = {}
    for output in transform_streams_for_comparison(coalesce_streams(copy.deepcopy(outputs))):
        for key, value in output.items():
            if key in SKIP_COMPARE:
                continue
            if key == "data":
                for mime, data in value.items():
                    if mime not in SKIP_COMPARE:
                        out.setdefault(mime, []).append(sanitize(data))
            else:
                out.setdefault(key, []).append(sanitize(value))
    return out


def first_difference(stored: list, fresh: list) -> str | None:
    """The first code cell whose stored outputs differ from the fresh run's, described; else None."""
    for number, (old, new) in enumerate(zip(stored, fresh), start=1):
        left, right = comparable(old.get("outputs", [])), comparable(new.get("outputs", []))
        if left == right:
            continue
        line = next((s for s in old.source.splitlines() if s.strip()), "")
        keys = sorted(set(left) | set(right))
        key = next(k for k in keys if left.get(k) != right.get(k))
        return (f"code cell {number} ({line[:60]!r}), output {key!r}:\n"
                f"stored: {str(left.get(key))[:800]}\nfresh:  {str(right.get(key))[:800]}")
    return None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(REPO)))
def test_stored_outputs_match_a_fresh_run(path, fresh_runs):
    cache, failures = fresh_runs
    name = path.relative_to(REPO).as_posix()
    assert name not in failures, f"{failures.get(name)}: fix the notebook, then run tools/sync-notebooks.sh"
    stored = nbformat.read(path, as_version=4)
    fresh = cache.get_cache_bundle(cache.match_cache_notebook(stored).pk).nb
    code = [c for c in stored.cells if c.cell_type == "code"]
    assert len(code) == len(fresh.cells)
    difference = first_difference(code, fresh.cells)
    assert difference is None, (
        f"{name}: a stored output is not what the code produces now, {difference}\n"
        f"re-execute it with: bash tools/sync-notebooks.sh {name}")
