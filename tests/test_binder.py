"""``binder/`` installs exactly the pinned lock, the course package and a supported Python.

Binder, and a JupyterHub image built with repo2docker, read ``binder/`` instead of the repository's
root, so a pin added there, an old copy of the lock or a Python the course does not support would
give students an environment that the tests never ran. The requirement files are read as pip reads
them (``-r`` relative to the file that includes it, comments and blank lines ignored).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[1]
LOCK = REPO / "requirements" / "lock.txt"
BINDER = REPO / "binder"


class Mismatch(AssertionError):
    pass


def requirement_lines(path: Path, seen: frozenset = frozenset()) -> list[tuple[Path, int, str]]:
    """Every requirement of a pip requirements file, following ``-r``/``--requirement``."""
    if path.resolve() in seen:
        raise Mismatch(f"{path}: includes itself through -r")
    if not path.is_file():
        raise Mismatch(f"{path}: no such requirements file")
    out = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = re.sub(r"(^|\s)#.*$", "", raw).strip()
        if not line:
            continue
        include = re.match(r"^(?:-r|--requirement)[\s=]+(\S+)$", line)
        if include:
            out += requirement_lines(path.parent / include.group(1), seen | {path.resolve()})
        else:
            out.append((path, number, line))
    return out


def pins(lines) -> dict[str, str]:
    """{normalised name: exact version} of ``name==version`` lines; anything else is an error."""
    found = {}
    for path, number, line in lines:
        requirement = Requirement(line)
        specs = list(requirement.specifier)
        if len(specs) != 1 or specs[0].operator != "==":
            raise Mismatch(f"{path}, line {number}: {line!r} is not pinned with ==")
        found[canonicalize_name(requirement.name)] = specs[0].version
    return found


def check_binder(binder: Path, lock: Path) -> None:
    """Raise ``Mismatch`` naming the file and line when ``binder`` does not install exactly ``lock``."""
    lines = requirement_lines(binder / "requirements.txt")
    project = [(p, n, l) for p, n, l in lines if l in ("-e .", "--editable .", ".")]
    if not project:
        raise Mismatch(f"{binder / 'requirements.txt'}: does not install the course package ('-e .')")
    others = [(p, n, l) for p, n, l in lines if (p, n, l) not in project]
    installed, locked = pins(others), pins(requirement_lines(lock))
    extra = {k: v for k, v in installed.items() if locked.get(k) != v}
    missing = sorted(set(locked) - set(installed))
    if extra or missing:
        raise Mismatch(f"{binder / 'requirements.txt'} is out of step with {lock}: "
                       f"pins that differ from the lock {extra}, pins of the lock it leaves out {missing}")


def test_binder_installs_exactly_the_lock():
    check_binder(BINDER, LOCK)
    assert "otter-grader" in pins(requirement_lines(LOCK)), "the lock has no otter-grader: grader.check fails on Binder"


def test_binder_python_is_one_the_course_supports():
    runtime = (BINDER / "runtime.txt").read_text(encoding="utf-8").strip()
    match = re.fullmatch(r"python-(3\.\d+)", runtime)
    assert match, f"{BINDER / 'runtime.txt'}: expected 'python-3.X', found {runtime!r}"
    requires = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    assert match.group(1) + ".0" in SpecifierSet(requires), (
        f"{BINDER / 'runtime.txt'} asks for Python {match.group(1)}, outside requires-python {requires!r}")


@pytest.mark.parametrize("binder_text, message", [
    ("-r ../lock.txt\n-e .\nrequests==0.0.1\n", "pins that differ from the lock {'requests': '0.0.1'}"),
    ("-r ../lock.txt\n", "does not install the course package"),
    ("-e .\nsix==1.0\n", "pins of the lock it leaves out ['otter-grader']"),
    ("-r ../nothing.txt\n-e .\n", "no such requirements file"),
    ("-r ../lock.txt\n-e .\npandas>=2\n", "'pandas>=2' is not pinned with =="),
])
def test_a_binder_out_of_step_is_named(tmp_path, binder_text, message):
    (tmp_path / "lock.txt").write_text("# lock\nsix==1.0\notter-grader==7.0.0\n", encoding="utf-8")
    (tmp_path / "binder").mkdir()
    (tmp_path / "binder" / "requirements.txt").write_text(binder_text, encoding="utf-8")
    with pytest.raises(Mismatch, match=re.escape(message)):
        check_binder(tmp_path / "binder", tmp_path / "lock.txt")
