"""Test messages in plain words (imports nothing: the sandbox's worker loads it as a script's
neighbour, without the course package and its pandas)."""

from __future__ import annotations

import re

_TYPE_WORDS = [
    (r"\ban? ellipsis\b", "no answer yet (still ...)"),
    (r"\ban? NoneType\b", "no answer yet (None)"),
    (r"'ellipsis' object", "the placeholder ... (no answer yet)"),
    (r"'NoneType' object", "None (no answer yet)"),
    (r"\btype ellipsis\b", "the placeholder ... (no answer yet)"),
]


def plain_words(message: str) -> str:
    """A test's message with the Python type names of an unanswered question in plain words:
    "x should be a float, not a ellipsis" reads "x has no answer yet (still ...): it should be
    a float"."""
    text = message or ""
    text = re.sub(r"should be (.*?), not an? (ellipsis|NoneType)\b",
                  lambda m: f"has no answer yet ({'still ...' if m[2] == 'ellipsis' else 'None'})"
                  f": it should be {m[1]}", text)
    for pattern, replacement in _TYPE_WORDS:
        text = re.sub(pattern, replacement, text)
    return text


def last_line(message: str) -> str:
    lines = [line.strip() for line in (message or "").strip().splitlines() if line.strip()]
    return lines[-1] if lines else "failed"
