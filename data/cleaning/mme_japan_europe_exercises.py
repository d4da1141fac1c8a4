"""Multinational military exercises per year with Japan, and with Japan and at least one European state, 1980-2010.

Input: ../shared/data/mme-multinational-military-exercises-v7/mme_v7.csv (Multinational Military Exercises dataset
v7, D'Orazio and Galambos, Harvard Dataverse doi:10.7910/DVN/KHFODX; one row per exercise). The licence of the MME
data was not verified, so ONLY these derived yearly counts are committed, never the exercise rows.
Output: data/mme_japan_europe_exercises.csv.

"European state" here means a current EU member state (or its predecessor: Federal Republic of Germany, German
Democratic Republic, Czechoslovakia), the United Kingdom or Norway, as named in the participant columns StateA...;
Russia and other European states outside the EU/NATO core are not counted. A year with no exercise involving Japan
is written with zeros. The year is the exercise's start year (s.year).
"""

from __future__ import annotations

import csv

from _common import arguments, write_csv

EUROPEAN = {
    "Austria", "Belgium", "Bulgaria", "Croatia", "Cyprus", "Czechia", "Denmark", "Estonia", "Finland", "France",
    "Germany", "Greece", "Hungary", "Ireland", "Italy", "Latvia", "Lithuania", "Luxembourg", "Malta", "Netherlands",
    "Poland", "Portugal", "Romania", "Slovakia", "Slovenia", "Spain", "Sweden",
    "Federal Republic of Germany", "German Democratic Republic", "Czechoslovakia", "United Kingdom", "Norway",
}


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    src = args.shared / "mme-multinational-military-exercises-v7" / "mme_v7.csv"
    years: set[int] = set()
    with_japan: dict[int, int] = {}
    with_europe: dict[int, int] = {}
    with open(src, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            year = int(row["s.year"])
            years.add(year)
            states = {v.strip() for k, v in row.items() if k and k.startswith("State") and v and v.strip()}
            if "Japan" not in states:
                continue
            with_japan[year] = with_japan.get(year, 0) + 1
            if states & EUROPEAN:
                with_europe[year] = with_europe.get(year, 0) + 1
    rows = [[str(y), str(with_japan.get(y, 0)), str(with_europe.get(y, 0))] for y in range(min(years), max(years) + 1)]
    write_csv(args.out / "mme_japan_europe_exercises.csv", ["year", "with_japan", "with_japan_and_european_state"], rows)


if __name__ == "__main__":
    main()
