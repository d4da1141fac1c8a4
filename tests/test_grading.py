"""The instructor tools on the real assignment: student version, autograder, clear errors."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from jesc.errors import GradingError
from jesc.grading import grade, main, student_version, write_student_version

KEY = Path(__file__).resolve().parents[1] / "exercises" / "assignments" / "timeline-data.ipynb"


@pytest.fixture(scope="module")
def student(tmp_path_factory):
    return write_student_version(KEY, tmp_path_factory.mktemp("student"))


def code_of(path):
    return "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")


def test_student_version_hides_answers_and_checks(student):
    nb = nbformat.read(student, as_version=4)
    code = code_of(student)
    assert "int((events[\"framework\"] == \"EU\").sum())" in code_of(KEY)
    assert "int((events[\"framework\"] == \"EU\").sum())" not in code
    assert "BEGIN SOLUTION" not in code and "assert" not in code
    assert "eu_events = ...  # your answer here" in code
    assert all(c.get("outputs") == [] for c in nb.cells if c.cell_type == "code")
    assert not any("grader" in c.metadata.get("tags", []) for c in nb.cells)
    assert "jupytext" not in nb.metadata  # the student's copy is not paired with the key's text


def test_key_earns_every_point():
    report = grade(KEY, KEY)
    assert (report.points, report.possible) == (6, 6), report.as_text()


def test_blank_student_version_earns_nothing(student):
    report = grade(KEY, student)
    assert report.points == 0 and report.possible == 6
    assert all(r.messages for r in report.results), report.as_text()


def test_one_right_answer_earns_its_points(student, tmp_path):
    nb = nbformat.read(student, as_version=4)
    for cell in nb.cells:
        if "eu_events = ..." in cell.source:
            cell.source = 'eu_events = int((events["framework"] == "EU").sum())\neu_events'
    submission = tmp_path / "alice.ipynb"
    nbformat.write(nb, submission)
    report = grade(KEY, submission)
    by_exercise = {r.exercise: r.points for r in report.results}
    assert by_exercise == {"eu-events": 2, "spa-days": 0, "nato-decades": 0}


def broken_key(tmp_path, change):
    nb = nbformat.read(KEY, as_version=4)
    change(nb)
    path = tmp_path / "key.ipynb"
    nbformat.write(nb, path)
    return path


def test_unclosed_solution_block_names_cell_and_exercise(tmp_path):
    def unclose(nb):
        cell = next(c for c in nb.cells if "solution" in c.metadata.get("tags", []))
        cell.source = cell.source.replace("# END SOLUTION", "")
    with pytest.raises(GradingError, match=r"key\.ipynb, cell \d+ \(exercise 'eu-events'\).*never closed"):
        student_version(broken_key(tmp_path, unclose))


def test_grader_cell_without_points_is_refused(tmp_path):
    def no_points(nb):
        cell = next(c for c in nb.cells if "grader" in c.metadata.get("tags", []))
        del cell.metadata["jesc"]["points"]
    with pytest.raises(GradingError, match=r"exercise 'eu-events'.*points must be a positive number"):
        student_version(broken_key(tmp_path, no_points))


def test_solution_without_grader_is_refused(tmp_path):
    def orphan(nb):
        nb.cells = [c for c in nb.cells
                    if not ("grader" in c.metadata.get("tags", []) and c.metadata["jesc"]["exercise"] == "spa-days")]
    with pytest.raises(GradingError, match=r"exercise 'spa-days', which no grader cell grades"):
        student_version(broken_key(tmp_path, orphan))


def test_a_file_that_is_not_a_notebook_is_named(tmp_path, capsys):
    bogus = tmp_path / "essay.ipynb"
    bogus.write_text("this is not JSON")
    assert main(["grade", str(KEY), str(bogus)]) == 2
    assert "essay.ipynb: not a readable Jupyter notebook" in capsys.readouterr().err


def test_cli_writes_student_version_and_grade_csv(tmp_path, capsys):
    assert main(["student", str(KEY), "-o", str(tmp_path)]) == 0
    out = tmp_path / KEY.name
    assert out.is_file()
    sheet = tmp_path / "grades.csv"
    assert main(["grade", str(KEY), str(KEY), "--csv", str(sheet)]) == 0
    rows = sheet.read_text().splitlines()
    assert rows[0] == "submission,exercise,points,possible,messages"
    assert len(rows) == 4 and all(",2.0,2.0," in r for r in rows[1:])
