"""The public tree (``bash tools/publish-public.sh DIR``): the repository students see.

Exported once into a scratch folder; every file is read and searched for what must stay with the
instructors, derived from the real files as ``tests/browser/test_editions.py`` derives it: each
assignment's solution lines and hidden tests, the sentences of the instructor notes, and the
sentences of the essay keys and rubrics. The tree keeps what the student edition and its tests
need (chapters, data, the course package, the tools and the other tests), and no page includes
a file the tree lacks. (Building the student edition from it is slow: it is done by hand, see
the report in chapters/instructors/running.md.)
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "browser"))
from test_editions import _norm, _texts, assignment_secrets, note_sentences  # noqa: E402


def essay_key_sentences() -> list[str]:
    out = []
    for path in sorted((REPO / "exercises" / "assignments").glob("*/essay-*.md")):
        text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
        text = text.replace("**", "").replace("`", "")
        for para in text.split("\n\n"):
            out += [s for s in re.split(r"(?<=[.:;])\s+", _norm(para)) if len(s) >= 40
                    and not s.startswith(("#", "|"))]
    assert out, "no essay key found"
    return out


@pytest.fixture(scope="module")
def public(tmp_path_factory):
    out = tmp_path_factory.mktemp("public") / "course"
    done = subprocess.run(["bash", str(REPO / "tools" / "publish-public.sh"), str(out)],
                          capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert "public tree:" in done.stdout
    return out


def test_public_tree_keeps_what_students_need(public):
    for rel in ("_config.yml", "_toc.yml", "references.bib", "pyproject.toml",
                "requirements/lock.txt", "binder/requirements.txt", "data/datapackage.json",
                "src/jesc/__init__.py", "src/jesc/assignments.py", "tools/build-book.sh",
                "tools/run-tests.sh", "chapters/instructors/index.md", "tests/conftest.py"):
        assert (public / rel).is_file(), f"the public tree lacks {rel}"
    tracked = set(subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True,
                                 text=True, check=True).stdout.splitlines())
    for line in (REPO / "_toc.yml").read_text(encoding="utf-8").splitlines():
        match = re.search(r"file:\s*(\S+)", line)
        if match:  # every page of the book that git tracks (generated pages are made at build)
            for suffix in (".md", ".ipynb"):
                if f"{match[1]}{suffix}" in tracked:
                    assert (public / f"{match[1]}{suffix}").is_file(), f"lacks {match[1]}"
    assert not (public / "exercises" / "assignments").exists()
    assert not (public / "exercises" / "instructor-notes").exists()
    for test in ("test_assignments.py", "test_grading.py", "test_public_tree.py"):
        assert not (public / "tests" / test).exists()


def test_public_tree_holds_no_key_hidden_test_or_note(public):
    # An import line of a solution (``from jesc import pko_list``) reveals nothing.
    forbidden = [s for s in assignment_secrets() if not re.match(r"(from \S+ )?import ", s)]
    forbidden += note_sentences() + essay_key_sentences()
    leaks, files = [], 0
    for path in sorted(public.rglob("*")):
        if not path.is_file():
            continue
        files += 1
        try:
            texts = _texts(path)
        except (UnicodeDecodeError, OSError):
            continue
        for secret in forbidden:
            if any(secret in t or _norm(secret) in t for t in texts):
                leaks.append(f"{path.relative_to(public)}: {secret[:70]!r}")
    assert files > 100, f"only {files} files exported"
    assert not leaks, "the public tree holds instructor material:\n" + "\n".join(leaks[:40])


def test_pages_include_only_files_of_the_public_tree(public):
    for page in public.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert "````{only} instructor" not in text, f"{page}: an instructor-only block is left"
        for include in re.findall(r"```\{include\}\s+(\S+)", text):
            assert (page.parent / include).exists(), f"{page}: includes missing {include}"


def test_export_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "x").write_text("keep", encoding="utf-8")
    done = subprocess.run(["bash", str(REPO / "tools" / "publish-public.sh"), str(tmp_path)],
                          capture_output=True, text=True, cwd=REPO)
    assert done.returncode != 0 and "not empty" in done.stderr
