"""The language of the edition being read: English (the default) or Japanese.

The book's Japanese edition is built with ``JESC_LANGUAGE=ja`` (``tools/build-book.sh --language
ja``); the kernels that execute its notebooks inherit the variable, so that what a notebook renders
(quizzes, their buttons and feedback) is in the edition's language. Anywhere else (Colab, Binder, a
plain Jupyter) the variable is unset and everything is English.
"""

from __future__ import annotations

import os

from jesc.errors import CourseError

LANGUAGES = ("en", "ja")


def language() -> str:
    """``"en"`` or ``"ja"``, from the environment variable ``JESC_LANGUAGE`` (default ``"en"``)."""
    value = os.environ.get("JESC_LANGUAGE", "").strip().lower() or "en"
    if value not in LANGUAGES:
        raise CourseError(f"JESC_LANGUAGE={value!r}: expected one of {', '.join(LANGUAGES)}")
    return value
