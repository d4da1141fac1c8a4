"""The two editions (`_ext/editions.py`): nothing an instructor keeps reaches the student edition.

The student edition is the session's scratch build (`built_book`); the instructor edition is built
once from the same copy (`instructor_book`). What must not leak is derived from the real files:
each quiz's answer-key heading (`jesc.quiz.key`), the solution lines and hidden tests of every
assignment's source notebook, and the sentences of the instructor-only notes
(`exercises/instructor-notes/`). Every file of the student edition's HTML folder is searched
(pages, `_sources/`, `_downloads/`, notebooks, `searchindex.js`), and the instructor edition must
show each of these things, so that the check can fail.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import nbformat
import pytest

import jesc.quiz
from jesc.paths import REPO_ROOT

pytestmark = pytest.mark.usefixtures("built_book")
TEXT_SUFFIXES = {".html", ".js", ".txt", ".ipynb", ".md", ".json", ".css", ".xml", ".py", ".csv", ".yml"}


def _norm(text: str) -> str:
    """Whitespace collapsed and Sphinx's curly quotes made straight, as the sources write them."""
    for curly, straight in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(curly, straight)
    return re.sub(r"\s+", " ", text).strip()


def _visible(text: str, sep: str = "") -> str:
    return _norm(html.unescape(re.sub(r"<[^>]+>", sep, text)))


def _book_sources() -> str:
    """The text of what the book is made of (pages, notebooks): a solution line that also appears
    there (``events = jesc.load("events")``) is no secret."""
    parts = []
    for folder in ("chapters", "appendices"):
        for p in (REPO_ROOT / folder).rglob("*"):
            if p.suffix in (".md", ".ipynb") and p.is_file():
                parts.append(p.read_text(encoding="utf-8"))
    return "\n".join(parts)


def quiz_markers() -> dict[str, str]:
    """{quiz title: the heading its answer key carries}, for every quiz file."""
    out = {}
    for path in sorted((REPO_ROOT / "exercises" / "quizzes").glob("*.yml")):
        quiz = jesc.quiz.load_quiz(path, allow_missing=True)
        out[quiz.name] = f"Answer key: {quiz.title}"
    assert out, "no quiz files found"
    return out


def assignment_secrets(hidden_tests: bool = True) -> list[str]:
    """Solution lines (and hidden-test lines) of every assignment's source notebook."""
    public = _book_sources()
    secrets = []
    for nb_path in sorted((REPO_ROOT / "exercises" / "assignments").glob("*/*.ipynb")):
        nb = nbformat.read(nb_path, as_version=4)
        block = None
        for cell in nb.cells:
            first = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
            if cell.cell_type == "raw" and first.startswith("# BEGIN SOLUTION"):
                block = "solution"
                continue
            if cell.cell_type == "raw" and first.startswith(("# END SOLUTION", "# END TESTS")):
                block = None
                continue
            if cell.cell_type == "raw" and first.startswith("# BEGIN TESTS"):
                block = "tests"
                continue
            if cell.cell_type != "code":
                continue
            hidden = hidden_tests and block == "tests" and re.search(r"^hidden:\s*true", cell.source, re.M)
            for line in cell.source.splitlines():
                if block == "solution" or hidden or line.rstrip().endswith("# SOLUTION"):
                    line = re.sub(r"\s*# SOLUTION( NO PROMPT)?$", "", line).strip()
                    if (len(line) >= 20 and line not in public and "TEST CONFIG" not in line
                            and not re.fullmatch(r"# (BEGIN|END) SOLUTION( NO PROMPT)?", line)):
                        secrets.append(line)
    assert secrets, "no solution or hidden-test lines found in exercises/assignments/"
    return secrets


def note_sentences() -> list[str]:
    """The sentences of the instructor-only notes (Markdown markup removed)."""
    out = []
    for p in sorted((REPO_ROOT / "exercises" / "instructor-notes").glob("*.md")):
        text = re.sub(r"<!--.*?-->", "", p.read_text(encoding="utf-8"), flags=re.S)
        text = re.sub(r"```.*?```", "", text, flags=re.S).replace("**", "").replace("`", "")
        for para in text.split("\n\n"):
            out += [s for s in re.split(r"(?<=[.:;])\s+", _norm(para)) if len(s) >= 30]
    assert out, "no instructor notes found"
    return out


def _files(root: Path):
    for p in sorted(root.rglob("*")):
        if p.is_file() and p.suffix in TEXT_SUFFIXES:
            yield p


def _texts(p: Path) -> list[str]:
    raw = p.read_text(encoding="utf-8", errors="replace")
    texts = [raw, _visible(raw), _visible(raw, " "), _norm(raw)]
    if p.suffix == ".ipynb":
        try:
            nb = json.loads(raw)
            texts.append(_norm(json.dumps(nb, ensure_ascii=False).replace("\\n", " ")))
            texts.append("\n".join("".join(c.get("source", "")) for c in nb.get("cells", [])))
        except ValueError:
            pass
    return texts


def test_student_edition_leaks_nothing(built_book):
    forbidden = (list(quiz_markers().values()) + ["jesc-answer-key", "Instructor edition"]
                 + assignment_secrets() + note_sentences())
    leaks = []
    for p in _files(built_book):
        texts = _texts(p)
        for s in forbidden:
            if any(s in t or _norm(s) in t for t in texts):
                leaks.append(f"{p.relative_to(built_book)}: {s[:70]!r}")
    assert not leaks, "the student edition holds instructor material:\n" + "\n".join(leaks[:40])


def test_student_links_reach_no_instructor_file(built_book):
    """Download, launch and source buttons never point at an assignment or the instructor notes."""
    bad = []
    for p in built_book.rglob("*.html"):
        for href in re.findall(r'href="([^"]+)"', p.read_text(encoding="utf-8")):
            if "exercises/assignments" in href or "instructor-notes" in href:
                bad.append(f"{p.relative_to(built_book)}: {href}")
    assert not bad, "\n".join(bad)


def _index_terms(root: Path) -> set[str]:
    text = (root / "searchindex.js").read_text(encoding="utf-8")
    data = json.loads(text[text.index("(") + 1:text.rindex(")")])
    return set(data["terms"])


def test_search_index_holds_no_instructor_word(built_book, instructor_book):
    """Words that only the instructor-only text uses are in the instructor edition's search index
    and not in the student edition's."""
    from sphinx.search.en import SearchEnglish

    stem = SearchEnglish({}).stem
    visible = " ".join(_visible(p.read_text(encoding="utf-8"), " ") for p in built_book.rglob("*.html")).lower()
    seen = set(re.findall(r"[a-z]+", visible))
    seen_stems = {stem(w) for w in seen}
    stems = {stem(w) for s in note_sentences() for w in re.findall(r"[a-z]+", s.lower())
             if len(w) >= 5} - seen_stems
    assert stems, "the instructor notes use no word of their own: nothing to check the index with"
    student, instructor = _index_terms(built_book), _index_terms(instructor_book)
    assert stems & instructor, f"none of {sorted(stems)} is in the instructor edition's index"
    assert not stems & student, f"the student edition's search index has {sorted(stems & student)}"


def test_instructor_edition_shows_keys_solutions_and_notes(instructor_book):
    pages = {p: p.read_text(encoding="utf-8") for p in instructor_book.rglob("*.html")}
    for name, marker in quiz_markers().items():
        quiz_pages = [p for p, t in pages.items() if f'data-jesc-quiz="{name}"' in t]
        if name == "demo" and not quiz_pages:
            continue
        assert quiz_pages, f"no page of the instructor edition shows quiz {name!r}"
        for p in quiz_pages:
            assert marker in html.unescape(pages[p]), f"{p.name}: quiz {name!r} has no answer key"
    guide = _visible(pages[instructor_book / "chapters" / "instructors" / "index.html"])
    missing = [s for s in assignment_secrets(hidden_tests=False) + note_sentences() if _norm(s) not in guide]
    assert not missing, "the instructors' page of the instructor edition lacks:\n" + "\n".join(missing[:10])
