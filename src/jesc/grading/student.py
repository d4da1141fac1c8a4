"""What a student's notebook and the tests' authors use: ``self_check`` and type-first checks.

Imported by every assignment's set-up cell (through ``jesc.assignments``): it imports nothing heavy
at module level.
"""

from __future__ import annotations

import json
import numbers
import tempfile
from pathlib import Path


def no_answer(value) -> bool:
    """True for what an untouched answer holds: ``...`` (Otter's placeholder) or ``None``."""
    return value is None or value is Ellipsis


def kind_of(value) -> str:
    """A value's kind in plain words, for feedback ("a float", "a pandas Series", "no answer
    yet"), never a Python type name such as "ellipsis" or "NoneType"."""
    if value is Ellipsis:
        return "no answer yet (still ...)"
    if value is None:
        return "no answer yet (None: run the cell that sets it)"
    name = type(value).__name__
    words = {"int": "a whole number (int)", "float": "a number with decimals (float)",
             "str": "a text (str)", "bool": "True or False (bool)", "list": "a list",
             "dict": "a dict", "tuple": "a tuple", "Series": "a pandas Series",
             "DataFrame": "a pandas DataFrame"}
    return words.get(name, f"a {name}")


def whole_number(value, name: str) -> int:
    """``value`` as a plain ``int``, or an ``AssertionError`` naming ``name`` and what it is.

    Only exact types pass (``int`` or a NumPy integer, no subclass): a subclass could make ``==``
    always answer True."""
    import numpy as np

    if value is None:
        raise AssertionError(f"{name} is not defined: run the cell that sets it")
    if value is Ellipsis:
        raise AssertionError(f"{name} has no answer yet: replace ... with your answer")
    exact = {int, np.int8, np.int16, np.int32, np.int64,
             np.uint8, np.uint16, np.uint32, np.uint64}
    if type(value) not in exact:
        raise AssertionError(f"{name} should be a whole number (an int), not {kind_of(value)}")
    return int(value)


def counts_by_label(series, name: str) -> list[tuple[int, int]]:
    """A pandas Series of whole numbers indexed by whole numbers, as ``(label, count)`` pairs."""
    import pandas as pd

    if series is None:
        raise AssertionError(f"{name} is not defined: run the cell that sets it")
    if series is Ellipsis:
        raise AssertionError(f"{name} has no answer yet: replace ... with your answer")
    if type(series) is not pd.Series:
        raise AssertionError(f"{name} should be a pandas Series, not {kind_of(series)}")
    pairs = []
    for label, count in zip(pd.Series.to_list(series.index.to_series()),
                            pd.Series.to_list(series)):
        if not isinstance(label, numbers.Integral) or isinstance(label, bool):
            raise AssertionError(f"the index of {name} should hold whole numbers (years), "
                                 f"found {label!r}")
        if not isinstance(count, numbers.Integral) or isinstance(count, bool):
            raise AssertionError(f"the values of {name} should be counts (whole numbers), "
                                 f"found {count!r}")
        pairs.append((int(label), int(count)))
    return pairs


class _NoChecks:
    """Stands in for Otter's ``grader`` when the public tests cannot be found."""

    def __init__(self, message: str):
        self.message = message

    def check(self, question: str, *args, **kwargs):
        print(f"Cannot check {question!r}: {self.message}")

    def check_all(self, *args, **kwargs):
        print(f"Cannot check this notebook: {self.message}")


def _colab_notebook():
    """The running notebook's JSON on Google Colab (where it is not a file), else None."""
    try:
        from google.colab import _message  # type: ignore[import-not-found]
    except ImportError:
        return None
    reply = _message.blocking_request("get_ipynb", timeout_sec=30)
    return (reply or {}).get("ipynb")


def assignment_name(nb) -> str | None:
    """The Otter assignment name a notebook's metadata carries (None when it was lost)."""
    return ((nb.get("metadata", {}) or {}).get("otter") or {}).get("assignment_name")


def self_check(name: str, folder: str | Path = "."):
    """The ``grader`` object of an assignment's set-up cell: ``grader.check("question")``.

    Otter keeps the public tests in the notebook's metadata and finds them by the notebook's file
    name. This finds them also in a renamed copy (the one notebook of ``folder`` made for this
    assignment) and on Colab (which gives the notebook over its own API), writes them to a
    temporary tests folder that Otter reads, and otherwise says plainly what to do.
    """
    folder = Path(folder)
    expected = folder / f"{name}.ipynb"
    nb = None
    if expected.is_file():
        nb = json.loads(expected.read_text(encoding="utf-8"))
    else:
        nb = _colab_notebook()
        if nb is None:
            copies = []
            for path in sorted(folder.glob("*.ipynb")):
                try:
                    candidate = json.loads(path.read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    continue
                if assignment_name(candidate) == name:
                    copies.append((path, candidate))
            if len(copies) == 1:
                nb = copies[0][1]
            else:
                found = ", ".join(p.name for p, _ in copies) or "none"
                message = (f"the checks of assignment {name!r} are stored in the notebook "
                           f"{name}.ipynb, and no file of that name is in {folder.resolve()} "
                           f"(copies of this assignment found there: {found}). Rename your "
                           f"notebook to {name}.ipynb, keep only one copy in the folder, and "
                           f"run this cell again.")
                print(message)
                return _NoChecks(message)
    tests = (nb.get("metadata", {}).get("otter") or {}).get("tests") or {}
    tests_dir = Path(tempfile.mkdtemp(prefix=f"{name}-checks-"))
    for question, source in tests.items():
        if not isinstance(source, str):
            source = json.dumps(source)
        (tests_dir / f"{question}.py").write_text(source, encoding="utf-8")
    return _plain_notebook()(tests_dir=str(tests_dir))


def _plain_notebook():
    """Otter's ``Notebook`` whose ``check`` shows failed tests' messages in plain words ("no
    answer yet", never "not a ellipsis")."""
    import otter

    from jesc.grading.words import plain_words

    class Notebook(otter.Notebook):
        def check(self, question, global_env=None):
            if global_env is None:  # Otter reads its caller's frame: the notebook's, not ours
                import inspect

                global_env = inspect.currentframe().f_back.f_globals
            result = super().check(question, global_env=global_env)
            for tcr in getattr(result, "test_case_results", None) or []:
                try:
                    if tcr.message:
                        tcr.message = plain_words(tcr.message)
                except AttributeError:  # a frozen result in another Otter: shown as it is
                    break
            return result

    return Notebook
