"""The course's own errors: every message names where the problem is and what was expected."""


class CourseError(Exception):
    """Base class for errors caused by bad course input (data, quiz files, answers)."""


class DataError(CourseError):
    """A dataset file, row or field breaks its schema."""


class QuizError(CourseError):
    """A quiz file or question is malformed, or an answer has the wrong type."""


class GradingError(CourseError):
    """An assignment folder, its mistakes file or a submission does not follow the conventions."""
