"""The course package works on Python 3.12 (Colab's) and 3.13, installed from its wheel alone.

For each version: a fresh virtual environment gets the wheel and its dependencies (pinned by the lock), then
runs a chapter notebook and the chapter quiz's notebook from a folder outside the checkout, and loads and
grades a quiz. An interpreter is found as ``python3.X`` on PATH or through pyenv. A missing one is a skip on a
contributor's machine and a failure where ``JESC_REQUIRE_PYTHONS=1`` (CI sets it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
VERSIONS = ["3.12", "3.13"]
NOTEBOOKS = ["chapters/introduction/puzzle.ipynb", "chapters/introduction/quiz.ipynb"]
pytestmark = pytest.mark.pythons


def interpreter(version: str) -> str | None:
    """A python of ``version`` that runs: the newest pyenv install of it, else ``python3.X`` on PATH."""
    candidates = []
    try:
        root = subprocess.run(["pyenv", "root"], capture_output=True, text=True, check=True).stdout.strip()
        installs = sorted(Path(root, "versions").glob(f"{version}.*"),
                          key=lambda p: [int(x) for x in p.name.split(".") if x.isdigit()])
        candidates += [str(p / "bin" / "python") for p in reversed(installs)]
    except (OSError, subprocess.CalledProcessError):
        pass
    candidates += [c for c in [shutil.which(f"python{version}")] if c]
    for python in candidates:
        # A pyenv shim on PATH answers, but with an error, when its version is not selected.
        probe = subprocess.run([python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                               capture_output=True, text=True)
        if probe.returncode == 0 and probe.stdout.strip() == version:
            return python
    return None


def run(cmd, **kw):
    proc = subprocess.run(cmd, capture_output=True, text=True, **kw)
    assert proc.returncode == 0, f"{' '.join(map(str, cmd))} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(REPO)])
    [built] = out.glob("jesc-*.whl")
    return built


CHECK = r"""
import sys, json, pathlib
import nbformat
from nbclient import NotebookClient
import jesc, jesc.paths, jesc.quiz
root = jesc.paths.REPO_ROOT
assert "site-packages" in str(root), f"jesc reads its files from {root}, not from the wheel"
for name in sys.argv[1:]:
    nb = nbformat.read(name, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors, f"{name}: {errors}"
quiz = jesc.quiz.load_quiz("demo", answers={"civilian_share": 65})
result = quiz.check("spa-in-force", 0)
assert result.correct, result
print(json.dumps({"python": sys.version.split()[0], "root": str(root), "events": len(jesc.load("events"))}))
"""


@pytest.mark.parametrize("version", VERSIONS)
def test_wheel_runs_a_notebook_and_a_quiz(version, wheel, tmp_path):
    python = interpreter(version)
    if python is None:
        message = f"no Python {version} found (PATH or pyenv)"
        if os.environ.get("JESC_REQUIRE_PYTHONS") == "1":
            pytest.fail(message + "; JESC_REQUIRE_PYTHONS=1 makes it a failure")
        pytest.skip(message)
    venv = tmp_path / "venv"
    run([python, "-m", "venv", str(venv)])
    py = venv / "bin" / "python"
    # The wheel and what running a notebook needs, at the lock's versions.
    run([str(py), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-c", str(REPO / "requirements" / "lock.txt"), str(wheel), "nbclient", "ipykernel", "nbformat"])
    run([str(py), "-m", "ipykernel", "install", "--prefix", str(venv), "--name", "python3"])
    work = tmp_path / "student"  # a folder with the notebooks only: no checkout
    work.mkdir()
    for nb in NOTEBOOKS:
        shutil.copy(REPO / nb, work)
    env = {**os.environ, "JUPYTER_PATH": str(venv / "share" / "jupyter"), "PATH": f"{venv / 'bin'}:{os.environ['PATH']}"}
    env.pop("JESC_DATA_DIR", None)
    out = run([str(py), "-c", CHECK, *[Path(nb).name for nb in NOTEBOOKS]], cwd=work, env=env)
    assert f'"python": "{version}.' in out, out
