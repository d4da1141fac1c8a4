"""Load the class hub with simulated students and time a notebook run.

    .venv/bin/python benchmarks/hub_load.py [--students 1 2 4]
        [--part introduction] [--notebook lens.ipynb]

Starts the hub of tools/hub.sh on a free port (a local bare repository of
the part's notebooks stands in for the public tree), logs in as many
students as the largest ``--students`` value with the class password, starts
their servers and has each pull the part with its nbgitpuller link. Then,
for each ``--students`` value N, N students run the notebook at the same
time, each in a new kernel of their own server through the server's kernel
API (tests/hub_client.py). It reports the median and 95th percentile of the
notebook's time (from the kernel's start to the last cell's reply), the
peak resident memory of each student's server with its kernel (sampled
every half second), the largest N whose p95 stays under 10 s as students
per core, and the load average of the machine beside them; results go to
benchmarks/results/hub-load-<time>.json. A figure to report, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
from hub_client import Hub, Student, make_part_repo  # noqa: E402

GOAL_SECONDS = 10.0


def server_trees(names: set[str]) -> dict[str, list[psutil.Process]]:
    """Each student's single-user server and its descendants (kernels)."""
    trees: dict[str, list[psutil.Process]] = {}
    for proc in psutil.process_iter(["cmdline"]):
        cmdline = " ".join(proc.info["cmdline"] or [])
        if "jupyterhub-singleuser" not in cmdline:
            continue
        try:
            user = proc.environ().get("JUPYTERHUB_USER")
        except psutil.Error:
            continue
        if user in names:
            trees[user] = [proc, *proc.children(recursive=True)]
    return trees


def sample_memory(names: set[str], peaks: dict[str, int],
                  unique: dict[str, int], stop: threading.Event) -> None:
    """Peak resident memory (RSS) of each student's processes, and peak
    memory unique to them (USS: without the libraries they share)."""
    while not stop.is_set():
        for user, procs in server_trees(names).items():
            rss = uss = 0
            for proc in procs:
                try:
                    info = proc.memory_full_info()
                except psutil.Error:
                    continue
                rss, uss = rss + info.rss, uss + info.uss
            peaks[user] = max(peaks.get(user, 0), rss)
            unique[user] = max(unique.get(user, 0), uss)
        stop.wait(0.5)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
    return ordered[index]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--part", default="introduction")
    parser.add_argument("--notebook", default="lens.ipynb")
    args = parser.parse_args()

    largest = max(args.students)
    names = [f"student-{number:03d}" for number in range(largest)]
    notebooks = sorted(p.name for p in (REPO / "chapters" / args.part)
                       .glob("*.ipynb"))
    results = {"part": args.part, "notebook": args.notebook,
               "cpus": os.cpu_count(), "goal_p95_seconds": GOAL_SECONDS,
               "load_average_before": os.getloadavg(), "runs": []}
    with tempfile.TemporaryDirectory(prefix="hub-load-") as scratch:
        folder = Path(scratch)
        url = make_part_repo(folder, args.part, notebooks)
        hub = Hub(folder, names, url)
        try:
            hub.wait_ready()
            students = [Student(hub, name) for name in names]
            started = time.monotonic()
            for student in students:
                student.login()
                student.start()
            for student in students:
                student.wait_ready()
            results["servers_ready_seconds"] = round(
                time.monotonic() - started, 1)
            with ThreadPoolExecutor(largest) as pool:
                list(pool.map(lambda s: s.pull(args.part), students))
            path = f"course/chapters/{args.part}/{args.notebook}"
            for count in args.students:
                group = students[:count]
                peaks: dict[str, int] = {}
                unique: dict[str, int] = {}
                stop = threading.Event()
                sampler = threading.Thread(
                    target=sample_memory,
                    args=({s.name for s in group}, peaks, unique, stop))
                sampler.start()
                load = os.getloadavg()
                try:
                    with ThreadPoolExecutor(count) as pool:
                        seconds = list(pool.map(
                            lambda s: s.run_notebook(path), group))
                finally:
                    stop.set()
                    sampler.join()
                mib = [peak / 2**20 for peak in peaks.values()] or [0.0]
                run = {"students": count,
                       "p50_seconds": round(statistics.median(seconds), 2),
                       "p95_seconds": round(percentile(seconds, 0.95), 2),
                       "max_seconds": round(max(seconds), 2),
                       "rss_per_student_mib_max": round(max(mib), 1),
                       "rss_per_student_mib_mean": round(
                           statistics.mean(mib), 1),
                       "uss_per_student_mib_max": round(
                           max(unique.values(), default=0) / 2**20, 1),
                       "load_average_at_start": load,
                       "load_average_at_end": os.getloadavg()}
                results["runs"].append(run)
                print(json.dumps(run))
        finally:
            hub.stop()
    within = [run["students"] for run in results["runs"]
              if run["p95_seconds"] < GOAL_SECONDS]
    results["students_within_goal"] = max(within, default=0)
    results["students_per_core"] = round(
        results["students_within_goal"] / (os.cpu_count() or 1), 2)
    results["load_average_after"] = os.getloadavg()
    out = (REPO / "benchmarks" / "results"
           / f"hub-load-{time.strftime('%Y%m%dT%H%M%S')}.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"students per core with p95 under {GOAL_SECONDS:.0f} s: "
          f"{results['students_per_core']} "
          f"({results['students_within_goal']} on {os.cpu_count()} cores); "
          f"wrote {out}")


if __name__ == "__main__":
    main()
