"""SIPRI military expenditure, recent years (2000 onwards), from Our World in Data's chart exports.

Inputs: ../shared/data/owid-grapher-sipri-milex-latest/military-spending-sipri.csv (spending in constant US$; the base
year is not stated in the file) and .../military-spending-as-a-share-of-gdp-sipri.csv (share of GDP, to 2024); both
OWID grapher downloads of the SIPRI Military Expenditure Database, copied by third parties.
Output: data/military_expenditure_recent.csv, in millions of constant US$ (unstated base year) and per cent of GDP.

Use military_expenditure (constant 2019 US$, to 2020) for long series and this table for the years since 2021;
never mix the two (different base years). ``EU-27 (sum)`` is computed here as the sum of the 27 current member states
for years in which all 27 have a value. The exports also hold an entity "European Union (SIPRI)" whose values (about
0.01 per cent of GDP) are clearly not the member states' total; what it covers is not documented in the copy, so it
is left out.
"""

from __future__ import annotations

import csv

from _common import arguments, fmt, write_csv

FIRST = 2000
ENTITIES = {
    "Japan": "JPN", "United States": "USA", "China": "CHN", "Russia": "RUS", "Germany": "DEU", "France": "FRA",
    "United Kingdom": "GBR", "Italy": "ITA", "Spain": "ESP", "Netherlands": "NLD", "Poland": "POL", "Sweden": "SWE",
    "World": "",
}
EU27 = ["Austria", "Belgium", "Bulgaria", "Croatia", "Cyprus", "Czechia", "Denmark", "Estonia", "Finland", "France",
        "Germany", "Greece", "Hungary", "Ireland", "Italy", "Latvia", "Lithuania", "Luxembourg", "Malta", "Netherlands",
        "Poland", "Portugal", "Romania", "Slovakia", "Slovenia", "Spain", "Sweden"]


def _read(path, column):
    out = {}
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            year = int(row["Year"])
            if (row["Entity"] in ENTITIES or row["Entity"] in EU27) and year >= FIRST and row[column] not in ("", "NA"):
                out[row["Entity"], year] = float(row[column])
    return out


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    folder = args.shared / "owid-grapher-sipri-milex-latest"
    spend = _read(folder / "military-spending-sipri.csv", "Military expenditure")
    share = _read(folder / "military-spending-as-a-share-of-gdp-sipri.csv", "Military expenditure (% of GDP)")
    rows = []
    for entity, code in ENTITIES.items():
        years = sorted({y for e, y in spend if e == entity} | {y for e, y in share if e == entity})
        for year in years:
            s = spend.get((entity, year))
            rows.append([entity, code, str(year), fmt(None if s is None else s / 1e6, 1), fmt(share.get((entity, year)), 2)])
    for year in sorted({y for _, y in spend}):
        parts = [spend.get((c, year)) for c in EU27]
        if all(p is not None for p in parts):
            rows.append(["EU-27 (sum)", "", str(year), fmt(sum(parts) / 1e6, 1), ""])
    write_csv(args.out / "military_expenditure_recent.csv",
              ["entity", "country", "year", "spending_musd_constant", "share_gdp"], rows)


if __name__ == "__main__":
    main()
