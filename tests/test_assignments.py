"""Every assignment in ``exercises/assignments/<name>/`` graded by Otter through ``jesc.assignments``.

For each assignment folder (discovered, not listed): the solution scores full marks; the untouched
student version scores zero; each plausible mistake of its ``mistakes.yml`` scores part of the
points with feedback naming it; an object whose ``==`` always answers True, and a number copied
from a public test, score nothing on the hidden tests; the student version holds no solution text
and no hidden test; a file that is not JSON, a cell that raises and a deleted question each get a
clear message in their CSV row while the rest of the folder is graded. The autograder is made once
a session and every submission of every assignment is graded in one folder, two at a time.
"""

from __future__ import annotations

import ast
import copy
import csv
import json
import re
from pathlib import Path

import nbformat
import pytest
import yaml

from jesc import assignments as A
from jesc.errors import CourseError, GradingError

REPO = Path(__file__).resolve().parents[1]
ROOT = REPO / "exercises" / "assignments"
FOLDERS = sorted(p for p in ROOT.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
NAMES = [p.name for p in FOLDERS]

ALWAYS_EQUAL = '''class AlwaysEqual:
    def __eq__(self, other):
        return True
    def __ne__(self, other):
        return False
{assign}'''
EQUAL_INT = '''class EqualInt(int):
    def __eq__(self, other):
        return True
    def __ne__(self, other):
        return False
    __hash__ = int.__hash__
{assign}'''


def test_assignments_are_discovered():
    assert FOLDERS, f"no assignment folder in {ROOT}"
    for folder in FOLDERS:
        assert (folder / f"{folder.name}.ipynb").is_file(), f"{folder}: no {folder.name}.ipynb"
        assert (folder / f"{folder.name}.nb.md").is_file(), f"{folder}: no {folder.name}.nb.md"
    assert not list(ROOT.glob("*.ipynb")), "an assignment notebook outside its folder"


def answer_variables(student_nb, question):
    """Names the student's answer cell asks for (``name = ...``)."""
    names = re.findall(r"^(\w+)\s*=\s*\.\.\.", A.answer_cell(student_nb, question).source, re.M)
    assert names, f"question {question}: its answer cell assigns no name to ..."
    return names


def public_numbers(student_nb, question):
    """Integer literals of a question's public tests (except the points)."""
    source = student_nb.metadata["otter"]["tests"][question]
    # Otter's own lines (the points of the question and of each test) are not the author's.
    source = "\n".join(line for line in source.splitlines()
                       if not re.match(r"\s*(points\s*=|@test_case\()", line))
    numbers = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and type(node.value) is int:
            numbers.add(node.value)
    return sorted(numbers)


def with_answers(nb, answers):
    """A copy of ``nb`` whose answer cells of the given questions hold the given code."""
    nb = copy.deepcopy(nb)
    for question, code in answers.items():
        A.answer_cell(nb, question).source = code
    return nb


def make_submissions(name, built, folder):
    """Write the submissions of one assignment; return what each should score."""
    student = nbformat.read(built / "student" / f"{name}.ipynb", as_version=4)
    solution = nbformat.read(built / "autograder" / f"{name}.ipynb", as_version=4)
    questions = A.question_names(A.source_notebook(ROOT / name))
    cases = {}

    def write(stem, nb, expect):
        nbformat.write(nb, folder / f"{name}--{stem}.ipynb")
        cases[f"{name}--{stem}.ipynb"] = expect

    write("solution", solution, ("full",))
    write("untouched", student, ("zero",))
    for question, mistakes in A.plausible_mistakes(ROOT / name).items():
        for number, mistake in enumerate(mistakes, start=1):
            write(f"mistake-{question}-{number}", with_answers(solution, {question: mistake["code"]}),
                  ("partial", question, mistake))
    for stem, template in (("cheat-always-equal", ALWAYS_EQUAL), ("cheat-equal-int", EQUAL_INT)):
        cls = template.split("(")[0].split()[1].rstrip(":")
        answers = {q: template.format(assign="\n".join(f"{v} = {cls}()" if cls == "AlwaysEqual"
                                                       else f"{v} = {cls}(1)"
                                                       for v in answer_variables(student, q)))
                   for q in questions}
        write(stem, with_answers(student, answers), ("no-hidden",))
    numbers = {q: public_numbers(student, q) for q in questions}
    for k in range(max((len(n) for n in numbers.values()), default=0)):
        answers = {q: "\n".join(f"{v} = {n[k]}" for v in answer_variables(student, q))
                   for q, n in numbers.items() if len(n) > k}
        write(f"copied-number-{k + 1}", with_answers(student, answers), ("no-hidden",))
    # Malformed: not JSON; a cell that raises (the first question); the last question deleted.
    (folder / f"{name}--not-json.ipynb").write_text('{"cells": [', encoding="utf-8")
    cases[f"{name}--not-json.ipynb"] = ("not-json",)
    first, last = questions[0], questions[-1]
    write("raises", with_answers(solution, {first: "raise KeyError('no such column')"}),
          ("raises", first))
    deleted = copy.deepcopy(solution)
    answer = A.answer_cell(deleted, last)
    deleted.cells = [c for c in deleted.cells
                     if c is not answer and c.source.strip() != f'grader.check("{last}")']
    write("missing-question", deleted, ("missing", last))
    return cases


@pytest.fixture(scope="session")
def graded(tmp_path_factory):
    """Every assignment made with Otter once, all submissions graded in one folder."""
    out = tmp_path_factory.mktemp("assignments")
    folder = out / "submissions"
    folder.mkdir()
    built, cases, zips = {}, {}, {}
    for name in NAMES:
        built[name] = A.assign(ROOT / name, out / name)
        zips[name] = A.autograder_zip(built[name])
        cases.update(make_submissions(name, built[name], folder))
    # One folder per assignment for the grader (its own autograder), graded two at a time.
    grades = {}
    for name in NAMES:
        mine = out / f"submissions-{name}"
        mine.mkdir()
        for path in folder.glob(f"{name}--*"):
            path.rename(mine / path.name)
        rows = A.grade_folder(mine, zips[name], jobs=2)
        A.write_csv(rows, out / f"{name}.csv", A.questions(ROOT / name))
        grades.update({g.submission: g for g in rows})
    return {"built": built, "cases": cases, "grades": grades, "out": out}


def cases_of(graded, kind):
    found = [(s, e) for s, e in graded["cases"].items() if e[0] == kind]
    assert found, f"no {kind} submission was made"
    return found


def test_solution_scores_full_marks(graded):
    for submission, _ in cases_of(graded, "full"):
        g = graded["grades"][submission]
        assert g.possible and g.total == sum(g.possible.values()), g.failed_messages()
        assert not g.problems, g.problems


def test_untouched_student_version_scores_zero(graded):
    for submission, _ in cases_of(graded, "zero"):
        g = graded["grades"][submission]
        assert g.possible and g.total == 0, g.scores


def test_plausible_mistakes_score_partially_with_feedback(graded):
    for submission, (_, question, mistake) in cases_of(graded, "partial"):
        g = graded["grades"][submission]
        assert 0 < g.scores[question] < g.possible[question], (submission, g.scores)
        messages = [m for m in g.failed_messages() if m.startswith(question)]
        assert any(mistake["feedback"] in m for m in messages), (
            f"{submission}: the feedback {mistake['feedback']!r} of mistake {mistake['name']!r} "
            f"is not among {messages}")
        others = {q: s for q, s in g.scores.items() if q != question}
        assert all(s == g.possible[q] for q, s in others.items()), others


def test_cheats_score_nothing_on_hidden_tests(graded):
    for submission, _ in cases_of(graded, "no-hidden"):
        g = graded["grades"][submission]
        passed = [t for t in g.tests if t.hidden and t.passed]
        assert not passed, f"{submission}: hidden tests passed: {[t.name for t in passed]}"


def test_student_version_has_no_solution_and_no_hidden_test(graded):
    for name in NAMES:
        student_path = graded["built"][name] / "student" / f"{name}.ipynb"
        text = student_path.read_text(encoding="utf-8")
        source = nbformat.read(A.source_notebook(ROOT / name), as_version=4)
        solution_lines, hidden_names = [], []
        block = None
        for cell in source.cells:
            first = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
            if cell.cell_type == "raw" and first.startswith("# BEGIN "):
                block = first[len("# BEGIN "):]
            elif cell.cell_type == "raw" and first.startswith("# END "):
                block = None
            elif block == "SOLUTION":
                inside = False
                for line in cell.source.splitlines():
                    marker = line.strip()
                    if marker.startswith("# BEGIN SOLUTION"):
                        inside = True
                    elif marker == "# END SOLUTION":
                        inside = False
                    elif inside and marker:
                        solution_lines.append(marker)
                    elif marker.endswith("# SOLUTION"):
                        solution_lines.append(marker.split("=", 1)[-1].replace("# SOLUTION", "")
                                              .strip())
            elif block == "TESTS" and re.search(r"hidden:\s*true", cell.source):
                hidden_names += re.findall(r"def (test_\w+)", cell.source)
        assert solution_lines and hidden_names, f"{name}: found no solution or no hidden test"
        for line in solution_lines:
            assert json.dumps(line)[1:-1] not in text, f"{name}: solution text {line!r} in {student_path}"
        for test in hidden_names:
            assert test not in text, f"{name}: hidden test {test} in {student_path}"
        assert "hidden=True" not in text and "SOLUTION" not in text


def test_feedback_for_students_shows_public_results_only(graded):
    for submission, (_, question, mistake) in cases_of(graded, "partial"):
        g = graded["grades"][submission]
        text = A.feedback_text(g)
        assert mistake["feedback"] not in text, f"{submission}: a hidden test's message in {text}"
        assert not any(t.name in text for t in g.tests if t.hidden)
        assert f"{question}: {g.scores[question]:g} / {g.possible[question]:g}" in text
    paths = A.write_feedback(list(graded["grades"].values()), graded["out"] / "feedback")
    assert len(paths) == len(graded["grades"])


def test_malformed_submissions_get_a_clear_message_and_the_folder_goes_on(graded):
    rows = {}
    for name in NAMES:
        with open(graded["out"] / f"{name}.csv", encoding="utf-8") as handle:
            rows.update({r["submission"]: r for r in csv.DictReader(handle)})
    assert set(rows) == set(graded["cases"]), "a submission has no CSV row"
    for submission, (kind, *rest) in graded["cases"].items():
        problems = rows[submission]["problems"]
        if kind == "not-json":
            assert "not a Jupyter notebook (not valid JSON" in problems, problems
        elif kind == "raises":
            assert re.search(r"cell \d+ .*raised KeyError: .*no such column", problems), problems
            g = graded["grades"][submission]
            assert all(g.scores[q] == g.possible[q] for q in g.scores if q != rest[0])
        elif kind == "missing":
            assert f"question {rest[0]} is missing" in problems, problems
            g = graded["grades"][submission]
            assert all(g.scores[q] == g.possible[q] for q in g.scores if q != rest[0])
        elif kind == "full":
            g = graded["grades"][submission]
            assert rows[submission]["total"] == f"{sum(g.possible.values()):g}" != ""
            full = sum(q.points for q in A.questions(ROOT / submission.split("--")[0]))
            assert rows[submission]["possible"] == f"{full:g}", "possible omits the essays"


def test_answer_key_prints_every_question():
    for name in NAMES:
        key = A.answer_key(ROOT / name)
        for question in A.question_names(A.source_notebook(ROOT / name)):
            assert question in key
        assert "SOLUTION" not in key


def test_self_check_finds_a_renamed_copy_or_says_why(graded, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    name = NAMES[0]
    student = graded["built"][name] / "student" / f"{name}.ipynb"
    copy_path = tmp_path / f"Copy of {name}.ipynb"
    copy_path.write_bytes(student.read_bytes())
    grader = A.self_check(name)
    question = A.question_names(A.source_notebook(ROOT / name))[0]
    result = grader.check(question, global_env={})
    assert not result.passed_all, "a public check passed with no answer"
    (tmp_path / f"Second copy of {name}.ipynb").write_bytes(student.read_bytes())
    grader = A.self_check(name)
    assert f"Rename your notebook to {name}.ipynb" in capsys.readouterr().out
    grader.check(question)
    assert f"Cannot check {question!r}" in capsys.readouterr().out


def test_mistakes_file_errors_name_file_and_question(tmp_path):
    folder = tmp_path / NAMES[0]
    folder.mkdir()
    (folder / f"{NAMES[0]}.ipynb").write_bytes((FOLDERS[0] / f"{NAMES[0]}.ipynb").read_bytes())
    (folder / "mistakes.yml").write_text(yaml.safe_dump({"no_such_question": []}))
    with pytest.raises(GradingError, match=r"mistakes\.yml: question 'no_such_question' is not in"):
        A.plausible_mistakes(folder)
    question = A.question_names(folder / f"{NAMES[0]}.ipynb")[0]
    (folder / "mistakes.yml").write_text(yaml.safe_dump({question: [{"name": "x"}]}))
    with pytest.raises(GradingError, match=rf"question '{question}', mistake 1: needs exactly"):
        A.plausible_mistakes(folder)


def test_bad_paths_give_course_errors(tmp_path):
    for fn, args in [(A.source_notebook, (tmp_path / "none",)),
                     (A.autograder_zip, (tmp_path,)),
                     (A.submissions_in, (tmp_path / "none",)),
                     (A.submissions_in, (tmp_path,))]:
        with pytest.raises(CourseError):
            fn(*args)


@pytest.mark.parametrize("value, ok", [(3, True), (-2, True), (True, False), (3.0, False),
                                       ("3", False), (None, False), (..., False)])
def test_whole_number_checks_type_before_value(value, ok):
    if ok:
        assert A.whole_number(value, "x") == value
    else:
        with pytest.raises(AssertionError, match=r"^x "):
            A.whole_number(value, "x")
