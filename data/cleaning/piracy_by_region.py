"""Piracy incidents per year in three sea regions: Gulf of Aden/Somali basin, South-East Asia, elsewhere, 1993-2020.

Input: ../shared/data/maritime-pirate-attacks-1993-2020/pirate_attacks.csv (Benden et al., "Crime at Sea: A Global
Database of Maritime Pirate Attacks (1993-2020)", CC BY 4.0; 7,511 incidents from IMB reports and Prins' "Mapping
Piracy" data). Output: data/piracy_by_region.csv, one row per year and region with the number of incidents.

Region rule, from the dataset's ``nearest_country``: ``gulf-of-aden-somalia`` for Somalia, Yemen, Djibouti, Eritrea
and Oman (the same rule as piracy_incidents.py); ``south-east-asia`` for the ten ASEAN members and Timor-Leste
(the coasts of the Straits of Malacca and Singapore, the Indonesian archipelago and the South China Sea);
``elsewhere`` for any other nearest country; ``unassigned`` when the dataset gives none. The totals per year equal
those of piracy_incidents.csv.
"""

from __future__ import annotations

import csv
from collections import Counter

from _common import arguments, write_csv

HORN = {"SOM", "YEM", "DJI", "ERI", "OMN"}
SOUTH_EAST_ASIA = {"BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM", "TLS"}
REGIONS = ["gulf-of-aden-somalia", "south-east-asia", "elsewhere", "unassigned"]


def region(nearest: str) -> str:
    if nearest in ("", "NA"):
        return "unassigned"
    if nearest in HORN:
        return "gulf-of-aden-somalia"
    return "south-east-asia" if nearest in SOUTH_EAST_ASIA else "elsewhere"


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    src = args.shared / "maritime-pirate-attacks-1993-2020" / "pirate_attacks.csv"
    counts: Counter = Counter()
    with open(src, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            counts[int(row["date"][:4]), region(row["nearest_country"])] += 1
    years = range(min(y for y, _ in counts), max(y for y, _ in counts) + 1)
    rows = [[str(year), r, str(counts[year, r])] for year in years for r in REGIONS]
    write_csv(args.out / "piracy_by_region.csv", ["year", "region", "incidents"], rows)


if __name__ == "__main__":
    main()
