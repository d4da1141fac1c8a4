"""Shared helpers of the cleaning scripts in data/cleaning/.

Each script reads a public dataset under ``../shared/data/`` (relative to the repository root, i.e. beside the
clone; override with ``--shared``) and writes one clean CSV into ``data/`` (override with ``--out``, used by
tests/test_data_cleaning.py to re-run every script into a temporary directory and compare with the committed file).
Output is deterministic: rows sorted, integers without decimals, numbers with fixed rounding, ``\\n`` line ends.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED_DEFAULT = REPO.parent / "shared" / "data"
OUT_DEFAULT = REPO / "data"


def arguments(description: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--shared", type=Path, default=SHARED_DEFAULT,
                        help="folder holding the third-party copies (default: ../shared/data beside the repository)")
    parser.add_argument("--out", type=Path, default=OUT_DEFAULT, help="folder to write the clean CSV into (default: data/)")
    args = parser.parse_args()
    if not args.shared.is_dir():
        parser.error(f"{args.shared}: folder of third-party datasets not found (expected ../shared/data beside the clone)")
    args.out.mkdir(parents=True, exist_ok=True)
    return args


def fmt(value, digits: int | None = None) -> str:
    """Format a cell: empty for missing, integers as integers, floats rounded to ``digits`` without trailing zeros."""
    if value is None:
        return ""
    try:
        import math

        if isinstance(value, float) and math.isnan(value):
            return ""
    except TypeError:
        pass
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if digits is None:
            if value.is_integer():
                return str(int(value))
            return repr(value)
        text = f"{value:.{digits}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return "0" if text in ("-0", "") else text
    return str(value)


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    print(f"wrote {path} ({len(rows)} rows)")
