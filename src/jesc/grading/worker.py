"""The grading process inside the sandbox: Otter grades one notebook, the result goes to a pipe.

    python .../jesc/grading/worker.py SUBMISSION.ipynb AUTOGRADER.zip --cell-seconds 60 --result-fd 3

Runs Otter's own grading without Docker (``otter.api.grade_submission``: the notebook executed in
a fresh kernel, then its tests). A cell that runs past ``--cell-seconds`` is interrupted and the
next cells run, so an endless loop costs only its own question. The result (plain JSON: scores,
tests, problems) is written to the file descriptor ``--result-fd``, which the student's kernel
does not inherit; this process also makes itself non-dumpable, so that the kernel (the same user)
cannot reach that descriptor through ``/proc``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

if __package__:  # imported as jesc.grading.worker
    from jesc.grading.words import plain_words
else:  # run as a script in the sandbox: no course package (and no pandas) in this process
    from words import plain_words  # type: ignore[no-redef]

#: jsonschema (through nbformat, in Otter) imports the optional rfc3987-syntax, which builds a
#: parser for IRIs at import: seconds of CPU in every grading process and kernel, for a check
#: that grading never makes. The grading process and its kernel import it as absent.
SKIP_MODULES = ("rfc3987_syntax",)
KERNEL_STARTUP = "import sys\nfor _m in {mods!r}:\n    sys.modules.setdefault(_m, None)\n"


def _skip_slow_imports() -> None:
    for name in SKIP_MODULES:
        sys.modules.setdefault(name, None)
    ipython = os.environ.get("IPYTHONDIR")
    if ipython:
        startup = Path(ipython) / "profile_default" / "startup"
        startup.mkdir(parents=True, exist_ok=True)
        (startup / "00-grading.py").write_text(KERNEL_STARTUP.format(mods=SKIP_MODULES))


def _not_dumpable() -> None:
    try:
        import ctypes

        ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE = 4
    except (OSError, AttributeError):
        pass


def _limit_cells(seconds: float, sources: set[str]) -> None:
    """Otter's executor with a time limit on each of the submission's cells (``sources``): an
    overlong cell is interrupted and the next one runs. The cells Otter adds (its set-up and the
    tests) have none: only the wall-clock limit of the whole submission bounds them."""
    import nbconvert.preprocessors as pre

    base = pre.ExecutePreprocessor

    class Limited(base):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.timeout_func = lambda cell: int(seconds) if cell.source in sources else None
            self.interrupt_on_timeout = True
            self.record_timing = False

    pre.ExecutePreprocessor = Limited


def grade(notebook: str, autograder: str, cell_seconds: float) -> dict:
    """Grade one notebook with Otter, here and now; plain data for ``run.Graded``."""
    import nbformat

    submitted = nbformat.read(notebook, as_version=4)
    _limit_cells(cell_seconds, {c.source for c in submitted.cells if c.cell_type == "code"})
    from otter.api import grade_submission

    result = {"scores": {}, "possible": {}, "tests": [], "problems": []}
    try:
        results = grade_submission(notebook, autograder, quiet=True)
    except Exception as exc:  # Otter stops with a traceback; the class goes on
        name = type(exc).__name__
        if name == "DeadKernelError":
            result["problems"].append("the notebook's kernel died (a memory, process or CPU "
                                      "limit, or the code ended it): nothing graded")
        else:
            result["problems"].append(f"Otter could not grade it ({name}: "
                                      f"{plain_words(str(exc))[:300]})")
        return result
    error = getattr(results, "_catastrophic_error", None)
    if error is not None:
        result["problems"].append(f"grading stopped ({type(error).__name__}: {error})")
    code = [c for c in submitted.cells if c.cell_type == "code"]
    for question, test_file in results.results.items():
        result["scores"][question] = float(test_file.score)
        result["possible"][question] = float(test_file.possible)
        for tcr in test_file.test_case_results:
            tc = tcr.test_case
            result["tests"].append({
                "question": question, "name": tc.name, "hidden": bool(tc.hidden),
                "points": float(tc.points or 0), "passed": bool(tcr.passed),
                "message": "" if tcr.passed else plain_words(tcr.message or "")[-2000:]})
        if not any(f'grader.check("{question}")' in c.source for c in code):
            result["problems"].append(f"question {question} is missing (its cell "
                                      f"grader.check(\"{question}\") was deleted): no answer "
                                      f"graded")
    result["problems"].extend(raised_cells(submitted, results.notebook, cell_seconds))
    return result


def raised_cells(submitted, executed, cell_seconds: float) -> list[str]:
    """'cell N raised ...' for each submitted code cell whose run ended in an error."""
    if executed is None:
        return []
    sources = [c.source for c in submitted.cells]
    problems = []
    for cell in executed.cells:
        if cell.get("cell_type") != "code":
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") != "error":
                continue
            where = (f"cell {sources.index(cell.source) + 1}" if cell.source in sources
                     else "a cell")
            first = next((line for line in cell.source.splitlines() if line.strip()), "")
            if output.get("ename") == "KeyboardInterrupt":
                problems.append(f"{where} ({first.strip()[:60]!r}) ran past the limit of "
                                f"{cell_seconds:g} s a cell and was stopped")
                continue
            problems.append(f"{where} ({first.strip()[:60]!r}) raised {output.get('ename')}: "
                            f"{plain_words(str(output.get('evalue')))[:300]}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m jesc.grading.worker")
    parser.add_argument("notebook")
    parser.add_argument("autograder")
    parser.add_argument("--cell-seconds", type=float, default=60.0)
    parser.add_argument("--result-fd", type=int, default=None)
    args = parser.parse_args(argv)
    _not_dumpable()
    _skip_slow_imports()
    out = os.fdopen(args.result_fd, "w") if args.result_fd is not None else None
    try:
        result = grade(args.notebook, args.autograder, args.cell_seconds)
    except MemoryError:
        result = {"problems": ["the grading process ran out of memory (the memory limit)"]}
    text = json.dumps(result)
    if out is None:
        print(text)
    else:
        out.write(text)
        out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
