"""Each submission runs in a bubblewrap sandbox (Debian's ``bubblewrap``, the ``bwrap`` command).

What the sandbox gives the grading process and the student's kernel:

* no network: a network namespace of its own (``--unshare-net``) holding only its own loopback,
  so even a socket to 127.0.0.1 reaches nothing of the machine's;
* the system read-only: ``/usr`` (and ``/bin``, ``/lib`` through it), a few files of ``/etc``,
  the Python installation and virtual environment that grade, and the course package with its
  data package (hidden tests recompute their answers with ``jesc.load``); the root of the sandbox
  is read-only too;
* one writable folder: the submission's scratch folder (``HOME``, ``TMPDIR`` and ``/tmp`` are
  in it), holding a copy of this one notebook and of the autograder zip; nothing else of the
  machine is visible (no home folder, keys, other submissions, the assignment's source or the
  original autograder);
* limits, set with ``prlimit`` inside the sandbox on every process: address space (memory),
  processes, CPU seconds, size of a written file; and a wall-clock limit on the whole sandbox,
  after which it is killed with everything in it (its own PID namespace).

As root, the sandbox's processes also run as an unprivileged user of their own (``setpriv``), so
that the process limit applies (the kernel exempts root from it) and no capability remains.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from jesc.errors import GradingError

#: The user ids the sandboxes run as when grading as root: ROOT_UID_BASE + (n % USERS) for the
#: n-th sandbox, so that no two sandboxes running together share a process limit.
ROOT_UID_BASE = 61000
USERS = 4000
#: Where the scratch folder appears inside the sandbox.
INSIDE = Path("/grading")
#: Files of /etc that Python, matplotlib's fonts and the C library read; nothing else of /etc.
ETC_FILES = ("hosts", "ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "fonts", "nsswitch.conf",
             "passwd", "group", "mime.types", "alternatives")


@dataclass(frozen=True)
class Limits:
    """What one submission may use. Defaults fit the course's assignments with a wide margin
    (a solution is graded in about 5 s on a quiet core)."""

    wall_seconds: float = 180.0     # the whole submission, sandbox start to result
    cell_seconds: float = 60.0      # one cell (Otter's kernel is interrupted, the row goes on)
    cpu_seconds: int = 240          # CPU time of each process
    memory_mb: int = 3072           # address space of each process
    processes: int = 256            # processes and threads of the sandbox's user
    file_mb: int = 256              # the largest file a process may write


def bwrap() -> str | None:
    """The ``bwrap`` command, or None."""
    return shutil.which("bwrap")


def require_bwrap() -> str:
    found = bwrap()
    if found is None:
        raise GradingError(
            "bubblewrap (the bwrap command) is not installed, so submissions cannot be graded in "
            "a sandbox: install it (Debian/Ubuntu: sudo apt-get install bubblewrap), or grade "
            "with --no-sandbox on a machine or account that holds nothing of value (student code "
            "then runs with your rights, your network and your files)")
    return found


def read_only_paths() -> list[Path]:
    """What grading reads: the Python that runs, its environment, the course package and data."""
    import jesc
    from jesc.paths import REPO_ROOT, data_dir

    paths = {Path(sys.base_prefix).resolve(), Path(sys.prefix).resolve(),
             Path(sys.executable).resolve().parent.parent,
             Path(jesc.__file__).resolve().parent.parent, data_dir().resolve()}
    bib = (REPO_ROOT / "references.bib")
    if bib.is_file():
        paths.add(bib.resolve())
    # A path inside another one is mounted with it.
    ordered = sorted(paths, key=lambda p: len(p.parts))
    kept: list[Path] = []
    for path in ordered:
        if not any(path == k or k in path.parents for k in kept):
            kept.append(path)
    return [p for p in kept if p.exists()]


def _dirs(path: Path, made: set[Path]) -> list[str]:
    """bwrap arguments making every parent of ``path`` a directory others may enter."""
    args = []
    for parent in reversed(path.parents):
        if parent == Path("/") or parent in made:
            continue
        made.add(parent)
        args += ["--perms", "0755", "--dir", str(parent)]
    return args


def command(inner: list[str], scratch: Path, limits: Limits, slot: int = 0) -> list[str]:
    """The full command that runs ``inner`` in the sandbox, ``scratch`` its one writable folder."""
    made: set[Path] = set()
    args = [require_bwrap(), "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
            "--unshare-cgroup-try", "--die-with-parent", "--new-session",
            "--hostname", "grading"]
    as_root = os.geteuid() == 0
    if not as_root:
        args.append("--unshare-user")
    for name in ("usr", "bin", "sbin", "lib", "lib64", "lib32"):
        source = Path("/") / name
        if source.is_symlink():
            args += ["--symlink", os.readlink(source), str(source)]
        elif source.is_dir():
            args += ["--ro-bind", str(source), str(source)]
    args += ["--perms", "0755", "--dir", "/etc"]
    for name in ETC_FILES:
        source = Path("/etc") / name
        if source.exists():
            args += ["--ro-bind", str(source), str(source)]
    # The scratch /tmp first, then what grading reads on top of it: a checkout or environment that
    # lives under /tmp (a CI clone in a temporary folder) must stay visible, not be hidden by it.
    args += ["--dev", "/dev", "--proc", "/proc",
             "--bind", str(scratch), str(INSIDE), "--bind", str(scratch / "tmp"), "/tmp"]
    made.add(Path("/tmp"))
    for path in read_only_paths():
        args += _dirs(path, made) + ["--ro-bind", str(path), str(path)]
    args += ["--chdir", str(INSIDE), "--clearenv"]
    for key, value in environment(INSIDE).items():
        args += ["--setenv", key, value]
    args += ["--remount-ro", "/", "--"]
    if as_root:
        uid = str(ROOT_UID_BASE + slot)
        args += ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups",
                 "--inh-caps=-all", "--bounding-set=-all", "--"]
    return args + prlimit(limits) + inner


def environment(folder: Path) -> dict[str, str]:
    """The grading process's whole environment: nothing of the grader's (no tokens, no keys)."""
    env = {"HOME": str(folder / "home"), "TMPDIR": str(folder / "tmp"),
           "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "LANG": "C.UTF-8",
           "PYTHONDONTWRITEBYTECODE": "1", "MPLBACKEND": "Agg",
           "MPLCONFIGDIR": str(folder / "home" / "mpl"),
           "IPYTHONDIR": str(folder / "home" / "ipython"),
           "JUPYTER_RUNTIME_DIR": str(folder / "home" / "runtime"),
           "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    if "JESC_DATA_DIR" in os.environ:
        env["JESC_DATA_DIR"] = os.environ["JESC_DATA_DIR"]
    return env


def prlimit(limits: Limits) -> list[str]:
    """``prlimit`` with the per-process limits (inherited by the kernel and its children)."""
    return ["prlimit", f"--as={limits.memory_mb * 1024 * 1024}",
            f"--nproc={limits.processes}", f"--cpu={limits.cpu_seconds}",
            f"--fsize={limits.file_mb * 1024 * 1024}", "--core=0", "--"]


def prepare(scratch: Path, slot: int = 0) -> None:
    """Make the scratch folder's layout; as root, hand it to the sandbox's user."""
    for sub in ("tmp", "home"):
        (scratch / sub).mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        uid = ROOT_UID_BASE + slot
        for path in [scratch, *scratch.rglob("*")]:
            os.chown(path, uid, uid)
