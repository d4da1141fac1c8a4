"""SIPRI military expenditure (constant 2019 US$ and share of GDP), 1990-2020, for the course's countries.

Input: ../shared/data/owid-sipri-milex-1949-2020/SIPRI Military Expenditure Database.csv (SIPRI Military Expenditure
Database as packaged by Our World in Data, retrieved from SIPRI on 24 February 2022; constant 2019 US$).
Output: data/military_expenditure.csv with spending in millions of constant 2019 US$ and the share of GDP in per cent.

Entities: Japan, the United States, China, Russia, the six largest EU spenders plus Sweden, the United Kingdom, and
SIPRI's own aggregates (Europe, NATO members, World). ``EU-27 (sum)`` is computed here as the sum of the 27 current EU
member states, only for years in which SIPRI reports all 27 (1993 onwards); it has no share of GDP.
"""

from __future__ import annotations

import csv

from _common import arguments, fmt, write_csv

FIRST, LAST = 1990, 2020
COUNTRIES = {
    "Japan": "JPN", "United States": "USA", "China": "CHN", "Russia": "RUS", "Germany": "DEU", "France": "FRA",
    "United Kingdom": "GBR", "Italy": "ITA", "Spain": "ESP", "Netherlands": "NLD", "Poland": "POL", "Sweden": "SWE",
}
AGGREGATES = ["Europe", "NATO members", "World"]
EU27 = ["Austria", "Belgium", "Bulgaria", "Croatia", "Cyprus", "Czechia", "Denmark", "Estonia", "Finland", "France",
        "Germany", "Greece", "Hungary", "Ireland", "Italy", "Latvia", "Lithuania", "Luxembourg", "Malta", "Netherlands",
        "Poland", "Portugal", "Romania", "Slovakia", "Slovenia", "Spain", "Sweden"]


def _num(text: str) -> float | None:
    return float(text) if text not in ("", "NA") else None


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    src = args.shared / "owid-sipri-milex-1949-2020" / "SIPRI Military Expenditure Database.csv"
    values: dict[tuple[str, int], tuple[float | None, float | None]] = {}
    with open(src, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            year = int(row["Year"])
            if FIRST <= year <= LAST:
                values[row["Entity"], year] = (_num(row["military_expenditure"]), _num(row["military_expenditure_share_gdp"]))
    rows = []
    for entity in list(COUNTRIES) + AGGREGATES:
        for year in range(FIRST, LAST + 1):
            spend, share = values.get((entity, year), (None, None))
            if spend is None and share is None:
                continue
            rows.append([entity, COUNTRIES.get(entity, ""), str(year),
                         fmt(None if spend is None else spend / 1e6, 1), fmt(share, 2)])
    for year in range(FIRST, LAST + 1):
        parts = [values.get((c, year), (None, None))[0] for c in EU27]
        if all(p is not None for p in parts):
            rows.append(["EU-27 (sum)", "", str(year), fmt(sum(parts) / 1e6, 1), ""])
    write_csv(args.out / "military_expenditure.csv", ["entity", "country", "year", "spending_musd_2019", "share_gdp"], rows)


if __name__ == "__main__":
    main()
