"""Grade a class: every student's notebook in its own sandbox, some at a time, one row each."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from jesc.errors import GradingError
from jesc.grading import sandbox
from jesc.grading.collect import Entry, collect
from jesc.grading.student import assignment_name


@dataclass
class TestResult:
    question: str
    name: str
    hidden: bool
    points: float
    passed: bool
    message: str


@dataclass
class Graded:
    """One student's grade, in plain data: what the CSV, the gradebook and feedback use.

    ``graded`` is False when nothing could be graded (no notebook, not a notebook, a limit that
    stopped the whole submission): its total is then empty, never 0, and ``problems`` says why."""

    submission: str
    student: str = ""
    student_id: str = ""
    layout: str = "plain"
    scores: dict[str, float] = field(default_factory=dict)
    possible: dict[str, float] = field(default_factory=dict)
    tests: list[TestResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)
    manual: dict[str, float] = field(default_factory=dict)
    graded: bool = False
    seconds: float = 0.0

    @property
    def total(self) -> float:
        return sum(self.scores.values()) + sum(self.manual.values())

    def failed_messages(self) -> list[str]:
        """``question (test, hidden|public): message`` for each failed test, for the instructor."""
        from jesc.grading.words import last_line

        return [f"{t.question} ({t.name}, {'hidden' if t.hidden else 'public'}): "
                f"{last_line(t.message)}" for t in self.tests if not t.passed]


def read_submission(path: Path):
    """The submission as a notebook, or a GradingError saying why it is not one."""
    import nbformat

    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        kind = path.suffix.lower() or "no extension"
        raise GradingError(f"{path.name}: not a Jupyter notebook ({kind} file, not UTF-8 text: "
                           f"{exc.reason})") from None
    try:
        json.loads(text)
    except ValueError as exc:
        raise GradingError(f"{path.name}: not a Jupyter notebook (not valid JSON: {exc}); "
                           f"ask the student to hand in the .ipynb file again") from None
    try:
        return nbformat.reads(text, as_version=4)
    except Exception as exc:  # nbformat raises several kinds for JSON that is not a notebook
        raise GradingError(f"{path.name}: valid JSON but not a Jupyter notebook "
                           f"({type(exc).__name__}: {exc})") from None


class Grader:
    """Grades entries with one autograder; ``sandboxed=False`` only with an explicit choice."""

    def __init__(self, autograder: str | Path, limits: sandbox.Limits | None = None,
                 sandboxed: bool = True, assignment: str | None = None,
                 scratch_root: str | Path | None = None):
        self.autograder = Path(autograder).resolve()
        if not self.autograder.is_file():
            raise GradingError(f"{autograder}: no autograder zip (run the assign command first)")
        self.limits = limits or sandbox.Limits()
        self.sandboxed = sandboxed
        if sandboxed:
            sandbox.require_bwrap()
        self.assignment = assignment
        self.scratch_root = Path(scratch_root) if scratch_root else None
        self._sandboxes = itertools.count()

    def grade(self, entry: Entry, slot: int | None = None) -> Graded:
        """One entry's row. ``slot`` numbers the sandbox's user (as root); by default each
        sandbox gets a user of its own, so that no process left by one (a fork bomb's, while the
        kernel kills them) counts against the process limit of the next."""
        start = time.perf_counter()
        if slot is None:
            slot = next(self._sandboxes) % sandbox.USERS
        graded = Graded(entry.key, entry.student, entry.student_id, entry.layout,
                        others=list(entry.others), problems=list(entry.notes))
        if entry.notebook is not None:
            self._grade(entry.notebook, graded, slot)
        graded.seconds = time.perf_counter() - start
        return graded

    def _grade(self, path: Path, graded: Graded, slot: int) -> None:
        import nbformat

        try:
            nb = read_submission(path)
        except GradingError as exc:
            graded.problems.append(str(exc))
            return
        name = assignment_name(nb)
        if name is None:
            if not self.assignment:
                graded.problems.append(
                    f"{path.name}: its Otter metadata is lost (pasted into a new notebook?), so "
                    f"its assignment is unknown: grade it with --assignment NAME")
                return
            nb.metadata.setdefault("otter", {})["assignment_name"] = self.assignment
            graded.problems.append(f"no Otter metadata: graded as assignment "
                                   f"{self.assignment!r} (--assignment)")
        base = Path(tempfile.mkdtemp(prefix="jesc-grading-", dir=self.scratch_root))
        try:
            scratch = base / "scratch"
            scratch.mkdir()
            nbformat.write(nb, scratch / "submission.ipynb")
            shutil.copyfile(self.autograder, scratch / "autograder.zip")
            sandbox.prepare(scratch, slot)
            result, problem = self._run(scratch, slot)
        finally:
            shutil.rmtree(base, ignore_errors=True)
        if problem:
            graded.problems.append(problem)
        if result is None:
            return
        if not result.get("possible") and not result.get("problems"):
            result["problems"] = ["Otter returned no test result (no test ran): not graded"
                                  + (f" [{result['log']}]" if result.get("log") else "")]
        graded.scores = result.get("scores", {})
        graded.possible = result.get("possible", {})
        graded.tests = [TestResult(**t) for t in result.get("tests", [])]
        graded.problems.extend(result.get("problems", []))
        graded.graded = bool(graded.possible)

    def _run(self, scratch: Path, slot: int) -> tuple[dict | None, str]:
        read, write = os.pipe()
        inner = [sys.executable, str(Path(__file__).with_name("worker.py")), "submission.ipynb",
                 "autograder.zip", "--cell-seconds", str(self.limits.cell_seconds),
                 "--result-fd", str(write)]
        if self.sandboxed:
            cmd, cwd, env = sandbox.command(inner, scratch, self.limits, slot), None, None
        else:
            cmd = (sandbox.prlimit(self.limits) if shutil.which("prlimit") else []) + inner
            cwd, env = scratch, sandbox.environment(scratch)
            env["PYTHONPATH"] = os.pathsep.join(sys.path)
        log = open(scratch.parent / "log.txt", "wb")
        try:
            proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                    stdout=log, stderr=log, pass_fds=(write,),
                                    start_new_session=True)
        finally:
            os.close(write)
        chunks: list[bytes] = []
        import threading

        def drain():
            while True:
                chunk = os.read(read, 1 << 16)
                if not chunk:
                    break
                chunks.append(chunk)

        reader = threading.Thread(target=drain, daemon=True)
        reader.start()
        problem = ""
        try:
            proc.wait(timeout=self.limits.wall_seconds)
        except subprocess.TimeoutExpired:
            _kill(proc)
            problem = (f"stopped after {self.limits.wall_seconds:g} s (the wall-clock limit of a "
                       f"submission): not graded")
        reader.join(timeout=10)
        os.close(read)
        log.close()
        text = b"".join(chunks)
        if problem:
            return None, problem
        tail = (scratch.parent / "log.txt").read_bytes()[-600:].decode("utf-8", "replace")
        try:
            result = json.loads(text.decode("utf-8"))
            result["log"] = " / ".join(tail.strip().splitlines()[-3:])[-400:]
            return result, ""
        except ValueError:
            code = proc.returncode
            why = (f"killed by signal {-code}" if code < 0 else f"exit status {code}")
            return None, (f"the grading process ended without a result ({why}; a limit on "
                          f"memory, processes or CPU time, or the code ended it): not graded"
                          + (f" [{tail.strip().splitlines()[-1][:200]}]" if tail.strip() else ""))


def _kill(proc: subprocess.Popen) -> None:
    """Kill the sandbox and everything in it (its PID namespace dies with its first process)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


def grade_entries(entries: list[Entry], grader: Grader, jobs: int = 1,
                  progress=None) -> list[Graded]:
    """Grade every entry, ``jobs`` at a time; rows in the entries' order."""
    def one(entry: Entry) -> Graded:
        graded = grader.grade(entry)
        if progress:
            progress(graded)
        return graded

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return list(pool.map(one, entries))


def grade_one(submission: str | Path, autograder: str | Path, sandboxed: bool = True,
              limits: sandbox.Limits | None = None, assignment: str | None = None) -> Graded:
    """Grade one notebook file (a row of its own, named by the file); never raises for a bad
    submission: a file that is not a notebook is reported before any sandbox or kernel starts."""
    path = Path(submission)
    entry = Entry(path.name, path.stem, notebook=path)
    try:
        read_submission(path)
    except GradingError as exc:
        return Graded(entry.key, entry.student, problems=[str(exc)])
    return Grader(autograder, limits, sandboxed, assignment).grade(entry)


def grade_folder(folder: str | Path, autograder: str | Path, jobs: int = 1,
                 sandboxed: bool = True, limits: sandbox.Limits | None = None,
                 assignment: str | None = None) -> list[Graded]:
    """Grade every student's hand-in of a downloaded folder (sub-folders searched)."""
    grader = Grader(autograder, limits, sandboxed, assignment)
    return grade_entries(collect(folder, assignment), grader, jobs)
