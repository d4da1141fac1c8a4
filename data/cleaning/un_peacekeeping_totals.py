"""UN peacekeeping world totals per year, 1947-2021: missions, force size and (from 1992) its breakdown.

Input: ../shared/data/owid-un-peacekeeping-size-1947-2021/United Nations Peacekeeping.csv (Our World in Data, from UN
Peacekeeping December monthly summaries and, for 1947-1991 force size, the Global Policy Forum).
Output: data/un_peacekeeping_totals.csv. The breakdown columns (police, observers, troops) are 0 in the input before
1992 because they were not collected; they are written empty here. Years without a force size (2022) are written with
the mission count only.
"""

from __future__ import annotations

import csv

from _common import arguments, fmt, write_csv

COLS = {
    "missions": "Number of peacekeeping missions (United Nations Peacekeeping)",
    "total_force": "Size of total peacekeeping force (United Nations Peacekeeping)",
    "police": "Civilian police (peacekeepers) (United Nations Peacekeeping)",
    "observers": "Military Observers and staff officers (peacekeepers) (United Nations Peacekeeping)",
    "troops": "Troops (peacekeepers) (United Nations Peacekeeping)",
}


def _int(text: str) -> int | None:
    return None if text in ("", "NA") else int(float(text))


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    src = args.shared / "owid-un-peacekeeping-size-1947-2021" / "United Nations Peacekeeping.csv"
    rows = []
    with open(src, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["Entity"] != "World":
                continue
            year = int(row["Year"])
            vals = {k: _int(row[c]) for k, c in COLS.items()}
            if year < 1992:
                for k in ("police", "observers", "troops"):
                    vals[k] = None  # 0 means "not collected" before 1992
            rows.append([str(year)] + [fmt(vals[k]) for k in COLS])
    rows.sort(key=lambda r: int(r[0]))
    write_csv(args.out / "un_peacekeeping_totals.csv", ["year"] + list(COLS), rows)


if __name__ == "__main__":
    main()
