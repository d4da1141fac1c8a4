"""Piracy incidents per year, Gulf of Aden/Somali basin vs elsewhere, 1993-2020.

Input: ../shared/data/maritime-pirate-attacks-1993-2020/pirate_attacks.csv (Benden et al., "Crime at Sea: A Global
Database of Maritime Pirate Attacks (1993-2020)", CC BY 4.0; 7,511 incidents from IMB reports and Prins' "Mapping
Piracy" data). Output: data/piracy_incidents.csv, one row per year and area with the number of incidents.

Area rule: an incident counts for ``gulf-of-aden-somalia`` when the dataset's ``nearest_country`` is Somalia, Yemen,
Djibouti, Eritrea or Oman (the coasts of the Gulf of Aden, the southern Red Sea and the Somali basin where Atalanta
and Japan's counter-piracy mission patrol); ``elsewhere`` for any other nearest country; ``unassigned`` when the
dataset gives no nearest country (19 incidents).
"""

from __future__ import annotations

import csv
from collections import Counter

from _common import arguments, write_csv

HORN = {"SOM", "YEM", "DJI", "ERI", "OMN"}
AREAS = ["gulf-of-aden-somalia", "elsewhere", "unassigned"]


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    src = args.shared / "maritime-pirate-attacks-1993-2020" / "pirate_attacks.csv"
    counts: Counter = Counter()
    sources: dict[tuple[int, str], Counter] = {}
    with open(src, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            year = int(row["date"][:4])
            nearest = row["nearest_country"]
            area = "unassigned" if nearest in ("", "NA") else ("gulf-of-aden-somalia" if nearest in HORN else "elsewhere")
            counts[year, area] += 1
            sources.setdefault((year, area), Counter())[row["data_source"]] += 1
    years = range(min(y for y, _ in counts), max(y for y, _ in counts) + 1)
    rows = []
    for year in years:
        for area in AREAS:
            src_counts = sources.get((year, area), Counter())
            rows.append([str(year), area, str(counts[year, area]), str(src_counts["imb"]), str(src_counts["mappingpiracy"])])
    write_csv(args.out / "piracy_incidents.csv", ["year", "area", "incidents", "from_imb", "from_mappingpiracy"], rows)


if __name__ == "__main__":
    main()
