"""Export the public tree: the repository as students see it, without what graders keep.

    bash tools/publish-public.sh DIR        (this script: python tools/publish_public.py DIR)

The full repository (kept by the instructors) holds every assignment's source notebook with its
solutions and hidden tests, the essay keys and the instructor notes. The public tree is the one
students read, link to and install from (Binder, Colab, ``pip install``): every file git tracks,
except

* ``exercises/assignments/`` (source notebooks, hidden tests, essay keys and rubrics; students
  receive each assignment's student version from the learning platform) and
  ``exercises/instructor-notes/``;
* what only works with them: the grading tests (``tests/test_assignments.py``,
  ``tests/test_grading.py``), the editions test (it builds the instructor edition), this
  export's own test (``tests/test_public_tree.py``), ``benchmarks/grade_*.py``;

with every ``{only} instructor`` block that includes an instructor note taken out of the
pages that hold one, and with every message of the translation catalogs (``locales/``) whose
English text comes from an instructor note or an essay key taken out (the gettext builder
extracts the text of ``only`` blocks too; the Japanese edition then shows nothing of it, as the
English student edition). It then checks that no excluded path is left and no page includes a file
that is not there. ``DIR`` must not exist or be empty.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PRIVATE_DIRS = ("exercises/assignments/", "exercises/instructor-notes/")
PRIVATE_FILES = ("tests/test_assignments.py", "tests/test_grading.py",
                 "tests/test_public_tree.py", "tests/browser/test_editions.py",
                 "benchmarks/grade_demo.py", "benchmarks/grade_class.py")
#: ````{only} instructor ... ```` blocks (four backticks, as CONTRIBUTING.md writes them).
ONLY_BLOCK = re.compile(r"\n?````\{only\} instructor\n.*?\n````\n", re.S)


def private(path: str) -> bool:
    return path.startswith(PRIVATE_DIRS) or path in PRIVATE_FILES


def tracked() -> list[str]:
    out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True)
    return [p for p in out.stdout.decode("utf-8").split("\0") if p]


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[*`]", "", text)).strip()


def private_text() -> str:
    """The instructor notes' and essay keys' text, flattened, to recognise their messages."""
    files = [*sorted((ROOT / "exercises" / "instructor-notes").glob("*.md")),
             *sorted((ROOT / "exercises" / "assignments").glob("*/essay-*.md"))]
    return "\n".join(_plain(p.read_text(encoding="utf-8")) for p in files)


def _msgid(entry: str) -> str:
    match = re.search(r'^msgid ((?:".*"\n?)+)', entry + "\n", re.M)
    if not match:
        return ""
    return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', match[1])).replace('\\"', '"')


def strip_catalog(text: str, secret: str) -> str:
    """A .po catalog without the messages whose English text is in ``secret``."""
    entries = text.split("\n\n")
    kept = [e for e in entries
            if not ((m := _plain(_msgid(e))) and len(m) >= 20 and m in secret)]
    return "\n\n".join(kept)


def export(target: Path) -> list[Path]:
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise SystemExit(f"error: {target} is not empty")
    target.mkdir(parents=True, exist_ok=True)
    written = []
    secret = private_text()
    for rel in tracked():
        source = ROOT / rel
        if private(rel) or not source.is_file():
            continue
        dest = target / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix == ".md" and "{only} instructor" in source.read_text(encoding="utf-8"):
            text = ONLY_BLOCK.sub("\n", source.read_text(encoding="utf-8"))
            dest.write_text(text, encoding="utf-8")
        elif source.suffix == ".po":
            dest.write_text(strip_catalog(source.read_text(encoding="utf-8"), secret),
                            encoding="utf-8")
        else:
            shutil.copy2(source, dest)
        written.append(dest)
    check(target)
    return written


def check(target: Path) -> None:
    """No private path, and no page that includes a file the public tree does not have."""
    problems = []
    for path in sorted(target.rglob("*")):
        rel = path.relative_to(target).as_posix()
        if path.is_file() and private(rel):
            problems.append(f"{rel}: private file in the public tree")
        if path.suffix == ".md" and path.is_file():
            text = path.read_text(encoding="utf-8")
            if "{only} instructor" in text and "````{only} instructor" in text:
                problems.append(f"{rel}: an instructor-only block is left")
            for include in re.findall(r"```\{include\}\s+(\S+)", text):
                if not (path.parent / include).exists():
                    problems.append(f"{rel}: includes {include}, which is not in the public tree")
    if problems:
        raise SystemExit("error: the public tree is not clean:\n" + "\n".join(problems))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: bash tools/publish-public.sh DIR", file=sys.stderr)
        return 2
    written = export(Path(args[0]))
    print(f"public tree: {len(written)} files in {args[0]} (no assignment sources, hidden tests, "
          f"essay keys or instructor notes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
