"""Graded assignments on Otter-Grader (a shim: the code lives in ``jesc.grading``).

Assignment notebooks import ``self_check``, ``whole_number`` and ``counts_by_label`` from here, and
the README's commands run ``python -m jesc.assignments ...``; both keep working. See
``jesc.grading`` for the modules and ``python -m jesc.assignments --help`` for the commands.
"""

from __future__ import annotations

import sys

from jesc.grading.collect import collect
from jesc.grading.report import feedback_text, write_csv, write_feedback
from jesc.grading.run import Graded, TestResult, grade_folder, grade_one, read_submission
from jesc.grading.source import (BUILD_DIR, answer_cell, answer_key, assign, autograder_zip,
                                 plausible_mistakes, question_names, questions, source_notebook)
from jesc.grading.student import counts_by_label, self_check, whole_number

__all__ = ["BUILD_DIR", "Graded", "TestResult", "answer_cell", "answer_key", "assign",
           "autograder_zip", "collect", "counts_by_label", "feedback_text", "grade_folder", "grade_one",
           "main", "plausible_mistakes", "question_names", "questions", "read_submission",
           "self_check", "source_notebook", "submissions_in", "whole_number", "write_csv",
           "write_feedback"]


def submissions_in(folder):
    """Every student's entry of a submissions folder (sub-folders searched)."""
    return collect(folder)


def main(argv: list[str] | None = None) -> int:
    from jesc.grading.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
