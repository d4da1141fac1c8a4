"""Argument checks shared by the course's tools: a table given where a tool expects one of the data
package's tables, and a day given as a date. Each tool passes its own error class and name, so a
message still says which tool refused the input and how to get the right table."""

from __future__ import annotations

from typing import Any, Iterable

import pandas as pd

from .errors import CourseError


def table(obj: Any, name: str, columns: Iterable[str], error: type[CourseError], tool: str,
          get: str | None = None) -> pd.DataFrame:
    """``obj`` itself when it is a DataFrame with ``columns``; otherwise ``error`` naming the tool, the
    table it expected, how to get it (``get``, by default ``jesc.load(name)``) and what was wrong."""
    get = get or f"jesc.load({name!r})"
    if not isinstance(obj, pd.DataFrame):
        raise error(f"{tool}: expected the {name} table as a pandas DataFrame ({get}), "
                    f"got {type(obj).__name__}")
    missing = [c for c in columns if c not in obj.columns]
    if missing:
        raise error(f"{tool}: the table given as {name} lacks the column(s) {missing}; expected {get}")
    return obj


def day(value: Any, error: type[CourseError], tool: str, what: str = "day",
        example: str = "2010-10-31") -> pd.Timestamp:
    """``value`` as a Timestamp; ``error`` when it is not a date (booleans and None included)."""
    message = f"{tool}: {what} {value!r} is not a date (expected e.g. {example!r})"
    if isinstance(value, bool) or value is None:
        raise error(message)
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError):
        raise error(message) from None
    if pd.isna(ts):
        raise error(message)
    return ts
