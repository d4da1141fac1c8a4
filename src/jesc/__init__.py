"""Shared code for the course *Japan and Europe in Security Cooperation*.

Notebooks import everything they share from here: data loading, quizzes and plotting style.
"""

from jesc.errors import CourseError, DataError, GradingError, QuizError
from jesc.data import load

__all__ = ["CourseError", "DataError", "GradingError", "QuizError", "load"]
