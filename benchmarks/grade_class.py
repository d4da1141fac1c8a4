"""Grade a made-up class of 200 in the sandbox, as an instructor would, and time it.

    .venv/bin/python benchmarks/grade_class.py [nato] [--students 200] [--jobs 1 2]
        [--out _build/grade-class]

Makes the assignment's student version and autograder once (``assign``), then a Moodle download
of ``--students`` students (one folder each, ``<Full Name>_<id>_assignsubmission_file_/``) whose
notebooks are, in turn, the submissions the grading tests make (the solution, the untouched
student version, each plausible mistake of ``mistakes.yml``, the two cheats, numbers copied from
public tests, a file that is not JSON, a cell that raises, a deleted question) and, once each,
the hostile files of ``tests/test_grading.py`` (an endless loop, a fork bomb, a 10 GB allocation,
reads of the grader's files, writes outside, a socket, 100 MB of output, a long sleep). It grades
the download with ``python -m jesc.assignments grade ... --jobs N`` (the default limits) for each
``--jobs`` value and reports submissions a minute, the median and 95th percentile of the time a
submission takes, the peak memory of the grading command with its sandboxes (sampled every half
second), and the load average of the machine beside them. A figure to report, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
# The class is made of the grading tests' own submissions (one definition of each).
from test_assignments import make_submissions  # noqa: E402
from test_grading import HOSTILE, _solution_with  # noqa: E402

from jesc.grading import source  # noqa: E402


def make_class(name: str, built: Path, zip_path: Path, folder: Path, students: int) -> dict:
    """Write the download; return how many submissions of each kind it holds."""
    base = folder.parent / "base"
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    make_submissions(name, built, base)
    kinds = sorted(base.iterdir())
    solution = nbformat.read(built / "autograder" / f"{name}.ipynb", as_version=4)
    question = source.question_names(REPO / "exercises" / "assignments" / name)[0]
    values = {"ssh": str(Path.home() / ".ssh" / "id_ed25519"),
              "home_ssh": str(Path.home() / ".ssh" / "id_rsa"), "zip": str(zip_path),
              "other": str(folder), "outside": str(folder.parent / "outside.txt"),
              "repo_file": str(REPO / "hostile-was-here.txt"), "port": 22}
    counts: dict[str, int] = {}
    hostile = list(HOSTILE.items())[:max(0, min(len(HOSTILE), students // 2))]
    for number in range(students):
        student = folder / f"Student {number:03d}_{1000 + number}_assignsubmission_file_"
        student.mkdir(parents=True)
        target = student / f"{name}.ipynb"
        if number < len(hostile):
            kind, code = hostile[number]
            nbformat.write(_solution_with(solution, question, code.format(**values)), target)
            kind = f"hostile {kind}"
        else:
            path = kinds[(number - len(hostile)) % len(kinds)]
            shutil.copyfile(path, target)
            kind = re.sub(r"-\d+$", "", path.stem.split("--", 1)[1])
        counts[kind] = counts.get(kind, 0) + 1
    return counts


def peak_memory(proc: subprocess.Popen, samples: list[int]) -> None:
    """Sample the resident memory of the command and all its descendants until it ends."""
    import psutil

    try:
        root = psutil.Process(proc.pid)
    except psutil.NoSuchProcess:
        return
    while proc.poll() is None:
        total = 0
        try:
            for p in [root, *root.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
        except psutil.Error:
            pass
        samples.append(total)
        time.sleep(0.5)


def grade(name: str, folder: Path, zip_path: Path, out: Path, jobs: int) -> dict:
    """The documented command, with the autograder this run made."""
    import threading

    csv_path = out / f"grades-jobs{jobs}.csv"
    cmd = [sys.executable, "-m", "jesc.assignments", "grade", f"exercises/assignments/{name}",
           str(folder), "--csv", str(csv_path), "--jobs", str(jobs),
           "--autograder", str(zip_path)]
    load_before = os.getloadavg()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    samples: list[int] = []
    sampler = threading.Thread(target=peak_memory, args=(proc, samples), daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    seconds = time.perf_counter() - start
    sampler.join(timeout=5)
    if proc.returncode:
        raise SystemExit(f"grade failed ({proc.returncode}):\n{stderr[-3000:]}")
    per = [float(m) for m in re.findall(r"\(([\d.]+) s\)$", stderr, re.M)]
    per.sort()
    n = len(per)
    return {
        "jobs": jobs, "submissions": n, "seconds": round(seconds, 1),
        "per_minute": round(n / seconds * 60, 1),
        "p50_s": round(statistics.median(per), 1) if per else None,
        "p95_s": round(per[min(n - 1, int(0.95 * n))], 1) if per else None,
        "max_s": round(per[-1], 1) if per else None,
        "peak_memory_mb": round(max(samples, default=0) / 2**20),
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in os.getloadavg()],
        "csv": str(csv_path), "summary": stdout.strip().splitlines()[-1:],
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name", nargs="?", default="nato")
    parser.add_argument("--students", type=int, default=200)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--out", type=Path, default=REPO / "_build" / "grade-class")
    args = parser.parse_args(argv)
    shutil.rmtree(args.out, ignore_errors=True)
    args.out.mkdir(parents=True)
    start = time.perf_counter()
    built = source.assign(REPO / "exercises" / "assignments" / args.name, args.out / "built")
    zip_path = source.autograder_zip(built)
    assign_seconds = time.perf_counter() - start
    folder = args.out / "download"
    counts = make_class(args.name, built, zip_path, folder, args.students)
    print(f"assign (once for the class): {assign_seconds:.1f} s; the class: "
          + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    results = {"assignment": args.name, "students": args.students, "cpus": os.cpu_count(),
               "assign_seconds": round(assign_seconds, 1), "kinds": counts, "runs": []}
    for jobs in args.jobs:
        run = grade(args.name, folder, zip_path, args.out, jobs)
        results["runs"].append(run)
        print(json.dumps(run))
    out = REPO / "benchmarks" / "results" / f"grade-class-{args.name}-{time.strftime('%Y%m%dT%H%M%S')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
