"""Grading a real class (``jesc.grading``): LMS downloads, the sandbox, essays and the gradebook.

* **LMS layouts**: a made-up download with Moodle sub-folders, Moodle flat names, Canvas flat names
  (one late), a stray PDF, a student who handed in only a PDF and a notebook whose Otter metadata
  was lost; every student gets one row with name and id, nothing is skipped silently.
* **Hostile submissions**, graded in bubblewrap with short limits beside an honest one: an endless
  loop, a fork bomb, a 10 GB allocation, reading the grader's ``~/.ssh``, the autograder zip and
  another submission, writing outside its folder, a socket to 127.0.0.1, 100 MB of output and a
  sleep past the limit. Each scores 0 on the question it touches with its reason; the honest
  submissions keep full marks; nothing outside the scratch folders changes.
* **Essays and gradebook**: the class CSV has an empty column per essay and totals out of the
  full points; ``merge`` adds graders' scores (errors for an unknown student or a score out of
  range); the essay export shows each student's answer; the Moodle and Canvas gradebook CSVs have
  the documented columns.

The autograder of ``timeline-data`` (the smallest assignment) is made once a module.
"""

from __future__ import annotations

import copy
import csv
import json
import os
import shutil
import socket
import threading
from dataclasses import replace
from pathlib import Path

import nbformat
import pytest

from jesc.errors import GradingError
from jesc.grading import collect, essays, report, run, sandbox, source

REPO = Path(__file__).resolve().parents[1]
ROOT = REPO / "exercises" / "assignments"
NAME = "timeline-data"
SECRET = "jesc-test-secret-5be1f0"


def _solution_with(nb, question: str, code: str):
    nb = copy.deepcopy(nb)
    source.answer_cell(nb, question).source = code
    return nb


# --------------------------------------------------------------------------------- LMS layouts
def _write(path: Path, nb=None, text: str | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if nb is not None:
        nbformat.write(nb, path)
    else:
        path.write_text(text or "", encoding="utf-8")
    return path


def _tiny_notebook(name: str | None = NAME):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    if name:
        nb.metadata["otter"] = {"assignment_name": name}
    return nb


def test_moodle_and_canvas_layouts_give_one_row_per_student(tmp_path):
    down = tmp_path / "download"
    _write(down / "Aiko Tanaka_101_assignsubmission_file_" / f"{NAME}.ipynb", _tiny_notebook())
    _write(down / "Aiko Tanaka_101_assignsubmission_file_" / "notes.pdf", text="%PDF-1.4")
    _write(down / "Ben Müller_102_assignsubmission_file_" / "work" / "answers.ipynb",
           _tiny_notebook())
    _write(down / "Chloé Martin_103_assignsubmission_file_" / "essay.pdf", text="%PDF-1.4")
    _write(down / f"Dan Ito_104_assignsubmission_file_{NAME}.ipynb", _tiny_notebook())
    _write(down / f"smithjane_2001_90001_{NAME}.ipynb", _tiny_notebook(None))
    _write(down / f"leekim_LATE_2002_90002_{NAME}-1.ipynb", _tiny_notebook())
    _write(down / "stray.pdf", text="%PDF-1.4")
    _write(down / "__MACOSX" / "._stray.pdf", text="junk")
    _write(down / ".DS_Store", text="junk")
    entries = {e.key: e for e in collect.collect(down, NAME)}
    assert set(entries) == {"Aiko Tanaka_101_assignsubmission_file_",
                            "Ben Müller_102_assignsubmission_file_",
                            "Chloé Martin_103_assignsubmission_file_", "Dan Ito_104",
                            "smithjane_2001", "leekim_2002", "stray.pdf"}
    aiko = entries["Aiko Tanaka_101_assignsubmission_file_"]
    assert (aiko.student, aiko.student_id, aiko.layout) == ("Aiko Tanaka", "101", "moodle")
    assert aiko.notebook.name == f"{NAME}.ipynb" and aiko.others == ["notes.pdf"]
    ben = entries["Ben Müller_102_assignsubmission_file_"]
    assert ben.notebook.name == "answers.ipynb", "a notebook in a sub-sub-folder was not found"
    chloe = entries["Chloé Martin_103_assignsubmission_file_"]
    assert chloe.notebook is None and any("no notebook (.ipynb) handed in" in n and "essay.pdf"
                                          in n for n in chloe.notes)
    dan = entries["Dan Ito_104"]
    assert (dan.student, dan.student_id, dan.layout) == ("Dan Ito", "104", "moodle")
    jane = entries["smithjane_2001"]
    assert (jane.student, jane.student_id, jane.layout) == ("smithjane", "2001", "canvas")
    kim = entries["leekim_2002"]
    assert kim.late and any("late" in n for n in kim.notes)
    stray = entries["stray.pdf"]
    assert stray.notebook is not None and stray.layout == "plain"  # read, then reported


def test_rows_that_could_not_be_graded_have_an_empty_total_and_the_reason(tmp_path):
    rows = [run.Graded("a.pdf", "a", problems=["a.pdf: not a Jupyter notebook"]),
            run.Graded("b.ipynb", "b", scores={"q": 2.0}, possible={"q": 2.0}, graded=True)]
    questions = [source.Question("q", 2, False), source.Question("essay_2", 4, True)]
    path = report.write_csv(rows, tmp_path / "g.csv", questions)
    got = {r["submission"]: r for r in report.read_csv(path)}
    assert got["a.pdf"]["total"] == "" and got["a.pdf"]["status"] == "not graded"
    assert "not a Jupyter notebook" in got["a.pdf"]["problems"]
    assert got["b.ipynb"]["total"] == "2" and got["b.ipynb"]["possible"] == "6"
    assert got["b.ipynb"]["essay_2"] == "" and got["b.ipynb"]["status"] == "essays to grade"


def test_missing_bubblewrap_is_a_clear_refusal(monkeypatch, tmp_path):
    monkeypatch.setattr(sandbox, "bwrap", lambda: None)
    zip_path = tmp_path / "a.zip"
    zip_path.write_bytes(b"PK")
    with pytest.raises(GradingError, match=r"bubblewrap.*--no-sandbox"):
        run.Grader(zip_path)
    run.Grader(zip_path, sandboxed=False)  # the explicit choice is accepted


@pytest.mark.parametrize("message, plain", [
    ("x should be a float, not a ellipsis", "x has no answer yet (still ...): it should be a float"),
    ("x should be a pandas Series, not a NoneType",
     "x has no answer yet (None): it should be a pandas Series"),
    ("TypeError: type ellipsis doesn't define __round__ method",
     "TypeError: the placeholder ... (no answer yet) doesn't define __round__ method"),
])
def test_feedback_in_plain_words(message, plain):
    assert report.plain_words(message) == plain


# ------------------------------------------------------------------------- sandbox and hostiles
HOSTILE = {
    "endless-loop": "while True:\n    pass",
    "fork-bomb": "import os\nwhile True:\n    os.fork()",
    "huge-allocation": "block = bytearray(10 * 1024 ** 3)",
    "read-ssh": "answer = open({ssh!r}).read() + open({home_ssh!r}).read()",
    "read-autograder": "answer = open({zip!r}, 'rb').read()",
    "read-other": "answer = open({other!r}).read()",
    "write-outside": "open({outside!r}, 'w').write('x')\nopen({repo_file!r}, 'w').write('x')",
    "socket": "import socket\nsocket.create_connection(('127.0.0.1', {port}), timeout=3)",
    "big-output": "print('x' * 100_000_000)",
    "sleep": "import time\ntime.sleep(10 ** 6)",
}
#: The reason each hostile submission's row must give. A fork bomb's children are copies of the
#: kernel: stopped by the process limit, they may leave the kernel unable to answer, and the
#: wall-clock limit then stops the submission (an empty total and that reason), or the question
#: scores 0.
REASONS = {
    "endless-loop": "ran past the limit", "sleep": "ran past the limit",
    "fork-bomb": "", "huge-allocation": "MemoryError",
    "read-ssh": "FileNotFoundError", "read-autograder": "FileNotFoundError",
    "read-other": "FileNotFoundError", "write-outside": "Error",
    "socket": "ConnectionRefusedError", "big-output": "",
}


def _tree_state(*folders: Path) -> dict[str, tuple[int, int]]:
    state = {}
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                st = path.stat()
                state[str(path)] = (st.st_size, st.st_mtime_ns)
    return state


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("built")
    made = source.assign(ROOT / NAME, out / NAME)
    return {"out": made, "zip": source.autograder_zip(made),
            "solution": nbformat.read(made / "autograder" / f"{NAME}.ipynb", as_version=4),
            "student": nbformat.read(made / "student" / f"{NAME}.ipynb", as_version=4)}


@pytest.fixture(scope="module")
def hostile_class(built, tmp_path_factory):
    if sandbox.bwrap() is None:
        pytest.fail("bubblewrap (bwrap) is missing: tools/run-tests.sh installs it")
    base = tmp_path_factory.mktemp("hostile")
    down = base / "download"
    home = base / "instructor-home"
    _write(home / ".ssh" / "id_ed25519", text=SECRET)
    outside = base / "outside.txt"
    repo_file = REPO / "src" / "jesc" / "grading" / "hostile-was-here.txt"
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.5)
    accepted = []

    def serve():
        while not stop.is_set():
            try:
                accepted.append(server.accept())
            except OSError:
                pass

    stop = threading.Event()
    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    solution, question = built["solution"], source.question_names(ROOT / NAME)[0]
    honest = [f"Honest Student {i}_{500 + i}_assignsubmission_file_" for i in range(2)]
    for folder in honest:
        _write(down / folder / f"{NAME}.ipynb", solution)
    other = down / honest[0] / f"{NAME}.ipynb"
    values = {"ssh": str(home / ".ssh" / "id_ed25519"),
              "home_ssh": str(Path.home() / ".ssh" / "id_ed25519"), "zip": str(built["zip"]),
              "other": str(other), "outside": str(outside), "repo_file": str(repo_file),
              "port": server.getsockname()[1]}
    for number, (kind, code) in enumerate(HOSTILE.items()):
        nb = _solution_with(solution, question, code.format(**values))
        _write(down / f"Hostile {kind}_{600 + number}_assignsubmission_file_" / f"{NAME}.ipynb",
               nb)
    # The lost-metadata notebook of the Canvas layout is graded with --assignment.
    stripped = copy.deepcopy(solution)
    stripped.metadata.pop("otter", None)
    _write(down / f"pastedcopy_3001_91001_{NAME}.ipynb", stripped)
    _write(down / "stray.pdf", text="%PDF-1.4 not a notebook")
    before = _tree_state(down, home, REPO / "src", REPO / "data")
    limits = replace(sandbox.Limits(), cell_seconds=15, wall_seconds=200, cpu_seconds=90,
                     memory_mb=2048, processes=64)
    grader = run.Grader(built["zip"], limits, assignment=NAME, scratch_root=base)
    rows = run.grade_entries(collect.collect(down, NAME), grader, jobs=2)
    stop.set()
    thread.join()
    server.close()
    csv_path = report.write_csv(rows, base / "grades.csv", source.questions(ROOT / NAME))
    after = _tree_state(down, home, REPO / "src", REPO / "data")
    return {"rows": {r.submission: r for r in rows}, "csv": csv_path, "before": before,
            "after": after, "outside": outside, "repo_file": repo_file, "accepted": accepted,
            "question": question, "base": base}


def _row(hostile_class, kind):
    return next(r for k, r in hostile_class["rows"].items() if k.startswith(f"Hostile {kind}_"))


def test_honest_submissions_keep_full_marks_beside_hostile_ones(hostile_class):
    honest = [r for k, r in hostile_class["rows"].items() if k.startswith("Honest")]
    assert len(honest) == 2
    for r in honest:
        assert r.graded and r.total == sum(r.possible.values()) > 0, (r.scores, r.problems)


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_hostile_submission_scores_zero_on_what_it_touches_with_its_reason(hostile_class, kind):
    row, question = _row(hostile_class, kind), hostile_class["question"]
    text = " | ".join(row.problems)
    assert SECRET not in text and SECRET not in json.dumps([t.message for t in row.tests])
    if row.graded:
        assert row.scores[question] == 0, (kind, row.scores, text)
        others = {q: s for q, s in row.scores.items() if q != question}
        assert all(s == row.possible[q] for q, s in others.items()), (kind, others, text)
    else:  # the whole submission was stopped: an empty total and the reason
        assert text, kind
    assert REASONS[kind] in text, (kind, text)


def test_nothing_outside_the_scratch_folders_changed(hostile_class):
    assert not hostile_class["outside"].exists()
    assert not hostile_class["repo_file"].exists()
    assert hostile_class["before"] == hostile_class["after"]
    assert not hostile_class["accepted"], "a submission reached a socket of the machine"
    left = [p for p in hostile_class["base"].iterdir() if p.name.startswith("jesc-grading-")]
    assert not left, f"scratch folders left behind: {left}"


def test_lost_metadata_is_graded_with_assignment_and_pdf_is_listed(hostile_class):
    rows = hostile_class["rows"]
    pasted = rows["pastedcopy_3001"]
    assert pasted.graded and pasted.total == sum(pasted.possible.values()), pasted.problems
    assert pasted.student_id == "3001" and any("--assignment" in p for p in pasted.problems)
    stray = rows["stray.pdf"]
    assert not stray.graded and "not a Jupyter notebook" in " ".join(stray.problems)
    with open(hostile_class["csv"], encoding="utf-8") as handle:
        got = {r["submission"]: r for r in csv.DictReader(handle)}
    assert set(got) == set(rows), "a student has no row"
    assert got["stray.pdf"]["total"] == ""


def test_lost_metadata_without_assignment_says_what_to_do(built, tmp_path):
    stripped = copy.deepcopy(built["solution"])
    stripped.metadata.pop("otter", None)
    _write(tmp_path / "d" / "pasted.ipynb", stripped)
    grader = run.Grader(built["zip"], sandboxed=True)
    row = grader.grade(collect.collect(tmp_path / "d")[0])
    assert not row.graded and "grade it with --assignment NAME" in row.problems[0]


# ----------------------------------------------------------------------- essays and gradebook
ESSAY_NAME = "nato"


def _essay_questions():
    return source.questions(ROOT / ESSAY_NAME)


def test_essays_are_questions_with_their_points():
    questions = _essay_questions()
    manual = [q for q in questions if q.manual]
    assert manual and all(q.name.startswith("essay_") for q in manual)
    assert sum(q.points for q in questions) == 12, "nato is worth 12 points with its essay"


def _class_csv(tmp_path):
    questions = _essay_questions()
    auto = [q for q in questions if not q.manual]
    rows = []
    for sid in ("101", "102"):
        rows.append(run.Graded(f"Student {sid}_{sid}_assignsubmission_file_", f"Student {sid}",
                               sid, "moodle", scores={q.name: q.points for q in auto},
                               possible={q.name: q.points for q in auto}, graded=True))
    rows.append(run.Graded("stray.pdf", "stray", problems=["stray.pdf: not a Jupyter notebook"]))
    return report.write_csv(rows, tmp_path / "grades.csv", questions), questions


def test_merge_adds_essay_scores_and_totals_out_of_full_points(tmp_path):
    grades, questions = _class_csv(tmp_path)
    essay = next(q for q in questions if q.manual)
    filled = tmp_path / "filled.csv"
    filled.write_text(f"student id,{essay.name}\n101,3.5\n", encoding="utf-8")
    merged = report.read_csv(report.merge(grades, filled, questions, tmp_path / "m.csv"))
    first = merged[0]
    assert first[essay.name] == "3.5" and first["total"] == "11.5" and first["possible"] == "12"
    assert first["status"] == "graded" and merged[1]["status"] == "essays to grade"
    assert merged[2]["total"] == "" and merged[2]["status"] == "not graded"


@pytest.mark.parametrize("content, error", [
    ("student id,{essay}\n999,2\n", r"row 2: unknown student \(student id '999'"),
    ("student id,{essay}\n101,5\n", r"row 2 \(Student 101\), question essay_\d+: score 5 is out "
                                    r"of range \(0 to 4\)"),
    ("student id,{essay}\n101,good\n", r"'good' is not a number"),
    ("student id,{essay}\n101,1\n101,2\n", r"row 3: the same student as row 2"),
    ("student id,comment\n101,fine\n", r"no column named after an essay question"),
])
def test_merge_errors_name_row_student_and_question(tmp_path, content, error):
    grades, questions = _class_csv(tmp_path)
    essay = next(q for q in questions if q.manual)
    filled = tmp_path / "filled.csv"
    filled.write_text(content.format(essay=essay.name), encoding="utf-8")
    with pytest.raises(GradingError, match=error):
        report.merge(grades, filled, questions, tmp_path / "m.csv")


def test_essay_export_shows_each_students_answer_escaped(tmp_path):
    nb = nbformat.read(source.source_notebook(ROOT / ESSAY_NAME), as_version=4)
    essay = next(q.name for q in _essay_questions() if q.manual)
    answered = copy.deepcopy(nb)
    for cell in answered.cells:
        if cell.cell_type == "markdown" and "*Write your answer in this cell" in cell.source:
            cell.source = cell.source.replace(
                "*Write your answer in this cell (double-click to edit), replacing this line.*",
                "Japan and NATO went beyond the four uses. <script>alert(1)</script>")
    got = essays.answers(answered, nb)
    assert got[essay].startswith("Japan and NATO went beyond"), got
    assert essays.answers(nb, nb)[essay] == "", "the prompt counted as an answer"
    rows = [{"student": "Aiko Tanaka", "student id": "101", "submission": "a", "answers": got},
            {"student": "Ben", "student id": "102", "submission": "b", "answers": {}}]
    headings = source.essay_headings(nb)
    pages = essays.export(rows, headings, tmp_path / "by-student")
    assert len(pages) == 2
    text = pages[0].read_text(encoding="utf-8")
    assert "Aiko Tanaka" in text and "went beyond the four uses" in text
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "No answer." in pages[1].read_text(encoding="utf-8")
    by_question = essays.export(rows, headings, tmp_path / "by-question", by="question")
    assert [p.name for p in by_question] == [f"{essay}.html"]


@pytest.mark.parametrize("lms", ["moodle", "canvas"])
def test_gradebook_matches_the_documented_columns(tmp_path, lms):
    grades, questions = _class_csv(tmp_path)
    essay = next(q for q in questions if q.manual)
    filled = tmp_path / "filled.csv"
    filled.write_text(f"student id,{essay.name}\n101,4\n", encoding="utf-8")
    merged = report.merge(grades, filled, questions, tmp_path / "m.csv")
    rows = [r for r in report.read_csv(merged) if r["student id"]]
    merged_ids = tmp_path / "ids.csv"
    with open(merged_ids, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    out = report.gradebook(merged_ids, lms, "Assignment 1: NATO", tmp_path / f"{lms}.csv")
    with open(out, newline="", encoding="utf-8") as handle:
        table = list(csv.reader(handle))
    expected = [c.format(title="Assignment 1: NATO") for c in report.GRADEBOOK_COLUMNS[lms]]
    assert table[0] == expected
    documented = (REPO / "chapters" / "instructors" / "running.md").read_text(encoding="utf-8")
    assert all(f"`{c}`" in documented for c in report.GRADEBOOK_COLUMNS[lms] if "{" not in c), (
        "running.md does not document every gradebook column")
    if lms == "moodle":
        assert table[1] == ["Participant 101", "Student 101", "12", "12", ""]
        assert table[2][:4] == ["Participant 102", "Student 102", "", "12"]
    else:
        assert table[1][0] == "Points Possible" and table[1][-1] == "12"
        assert table[2] == ["Student 101", "101", "", "", "", "12"]
        assert table[3][-1] == "", "a student whose essay is not graded has no grade yet"


# ----------------------------------------------------------------------------- smaller problems
def test_every_printed_serve_command_binds_localhost():
    files = [*sorted((REPO / "tools").glob("*.sh")), REPO / "README.md", REPO / "CONTRIBUTING.md",
             *sorted((REPO / "chapters").rglob("*.md")), *sorted((REPO / "exercises").rglob("*.md"))]
    found = 0
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if "http.server" in line:
                found += 1
                assert "--bind 127.0.0.1" in line, f"{path}:{number} serves on every interface"
    assert found, "no serve command found: the test reads the wrong files"


def test_class_grading_files_are_git_ignored():
    ignored = (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()
    for entry in ("submissions/", "grades.csv", "feedback/"):
        assert entry in ignored, f".gitignore lacks {entry}"


def test_untouched_float_answer_does_not_raise_on_run_all(built):
    """The student version's ``round(x, 1)`` display below ``x = ...`` runs while untouched."""
    checked = 0
    for assignment in sorted(p for p in ROOT.iterdir() if p.is_dir()):
        nb = nbformat.read(source.source_notebook(assignment), as_version=4)
        for cell in nb.cells:
            for line in cell.source.splitlines():
                if source._DISPLAY.match(line.strip()):
                    checked += 1
    student = built["out"] / "student"
    tmp = student / "guarded.ipynb"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("share = ...\nround(share, 1)")])
    nbformat.write(nb, tmp)
    source._guard_untouched_displays(tmp)
    code = nbformat.read(tmp, as_version=4).cells[0].source
    namespace: dict = {}
    exec(compile(code, "cell", "exec"), namespace)  # no TypeError on the placeholder
    namespace.clear()
    exec(compile(code.replace("share = ...", "share = 12.345"), "cell", "exec"), namespace)
    assert checked, "no round(x, n) display in any assignment: the guard is no longer needed"


def test_command_line_essays_merge_and_gradebook(tmp_path, capsys):
    """The documented commands, end to end on a Moodle download (no grading needed)."""
    from jesc.grading.cli import main

    nb = nbformat.read(source.source_notebook(ROOT / ESSAY_NAME), as_version=4)
    answered = copy.deepcopy(nb)
    for cell in answered.cells:
        if cell.cell_type == "markdown" and "*Write your answer in this cell" in cell.source:
            cell.source += "\n\nMy position: beyond the four uses."
    down = tmp_path / "download"
    _write(down / "Aiko Tanaka_101_assignsubmission_file_" / f"{ESSAY_NAME}.ipynb", answered)
    _write(down / "Ben Ono_102_assignsubmission_file_" / "essay.pdf", text="%PDF")
    assert main(["essays", str(ROOT / ESSAY_NAME), str(down), "--out",
                 str(tmp_path / "essays")]) == 0
    pages = sorted((tmp_path / "essays").glob("*.html"))
    assert len(pages) == 2 and "beyond the four uses" in pages[0].read_text(encoding="utf-8")
    grades, questions = _class_csv(tmp_path)
    essay = next(q for q in questions if q.manual)
    filled = tmp_path / "filled.csv"
    filled.write_text(f"student id,{essay.name}\n999,2\n", encoding="utf-8")
    assert main(["merge", str(ROOT / ESSAY_NAME), str(grades), str(filled), "--csv",
                 str(tmp_path / "m.csv")]) == 2
    assert "unknown student" in capsys.readouterr().err
    filled.write_text(f"student id,{essay.name}\n101,2\n102,4\n", encoding="utf-8")
    assert main(["merge", str(ROOT / ESSAY_NAME), str(grades), str(filled), "--csv",
                 str(tmp_path / "m.csv")]) == 0
    rows = [r for r in report.read_csv(tmp_path / "m.csv") if r["student id"]]
    with open(tmp_path / "ids.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert main(["gradebook", str(tmp_path / "ids.csv"), "--lms", "canvas", "--title", "NATO",
                 "--out", str(tmp_path / "canvas.csv")]) == 0
    table = list(csv.reader(open(tmp_path / "canvas.csv", encoding="utf-8")))
    assert table[2] == ["Student 101", "101", "", "", "", "10"]


def test_students_check_speaks_plain_words(tmp_path, monkeypatch):
    """``grader.check`` on an untouched float answer says "no answer yet", not "ellipsis"."""
    from jesc.grading.student import _plain_notebook

    monkeypatch.chdir(tmp_path)
    tests = tmp_path / "tests"
    tests.mkdir()
    (tests / "share.py").write_text(
        "from otter.test_files import test_case\n\nOK_FORMAT = False\nname = 'share'\n"
        "points = 1\n\n@test_case(points=1, hidden=False)\ndef test_share(share):\n"
        "    assert type(share) is float, (\n"
        "        f'share should be a float, not a {type(share).__name__}')\n",
        encoding="utf-8")
    grader = _plain_notebook()(tests_dir=str(tests))
    result = grader.check("share", global_env={"share": ...})
    text = " ".join(t.message or "" for t in result.test_case_results)
    assert "share has no answer yet (still ...): it should be a float" in text, text
    assert "ellipsis" not in text and "ellipsis" not in repr(result)


def test_students_check_reads_the_notebooks_variables(tmp_path, monkeypatch):
    """The plain-words ``grader`` still tests the caller's variables, as Otter's does."""
    from jesc.grading.student import _plain_notebook

    monkeypatch.chdir(tmp_path)
    tests = tmp_path / "tests"
    tests.mkdir()
    (tests / "share.py").write_text(
        "from otter.test_files import test_case\n\nOK_FORMAT = False\nname = 'share'\n"
        "points = 1\n\n@test_case(points=1, hidden=False)\ndef test_share(share):\n"
        "    assert share == 12.5, 'share is wrong'\n", encoding="utf-8")
    grader = _plain_notebook()(tests_dir=str(tests))
    namespace = {"grader": grader, "share": 12.5}
    exec("result = grader.check('share')", namespace)
    assert namespace["result"].passed_all
