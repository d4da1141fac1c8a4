"""Objects launched into outer space per year for Japan, European actors, the US, China and Russia, 1957-2023.

Input: ../shared/data/owid-unoosa-objects-launched/yearly-number-of-objects-launched-into-outer-space.csv (Our World in
Data chart export based on the UNOOSA Online Index of Objects Launched into Outer Space; copied by a third party).
Output: data/space_objects_launched.csv, one row per entity and year with at least one object (OWID omits zero years).

Entities are as UNOOSA registers them: launches by the European Space Agency, the European Union and EUMETSAT are
listed separately from launches registered by France, Germany, Italy and other states. "Russia" in the index includes
the Soviet Union before 1992.

Every member state of the EU-27 (the Union as of 1 February 2020) that has a row in the export is kept, so that a sum
over the member states is the EU-27's, not a selection's: Croatia, Cyprus and Malta have no row in the export (no
object registered in any year). The United Kingdom is kept as a row of its own (not an EU member state from
1 February 2020).
"""

from __future__ import annotations

import csv

from _common import arguments, write_csv

#: The 27 member states of the EU as of 1 February 2020, with their ISO 3166-1 alpha-3 codes.
EU27 = {
    "Austria": "AUT", "Belgium": "BEL", "Bulgaria": "BGR", "Croatia": "HRV", "Cyprus": "CYP", "Czechia": "CZE",
    "Denmark": "DNK", "Estonia": "EST", "Finland": "FIN", "France": "FRA", "Germany": "DEU", "Greece": "GRC",
    "Hungary": "HUN", "Ireland": "IRL", "Italy": "ITA", "Latvia": "LVA", "Lithuania": "LTU", "Luxembourg": "LUX",
    "Malta": "MLT", "Netherlands": "NLD", "Poland": "POL", "Portugal": "PRT", "Romania": "ROU", "Slovakia": "SVK",
    "Slovenia": "SVN", "Spain": "ESP", "Sweden": "SWE",
}
ENTITIES = {
    "Japan": "JPN", "United States": "USA", "China": "CHN", "Russia": "RUS",
    "European Space Agency": "", "European Union": "", "EUMETSAT": "",
    **EU27, "United Kingdom": "GBR", "World": "",
}
COLUMN = "Annual number of objects launched into outer space"


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    src = args.shared / "owid-unoosa-objects-launched" / "yearly-number-of-objects-launched-into-outer-space.csv"
    rows = []
    with open(src, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["Entity"] in ENTITIES:
                rows.append([row["Entity"], ENTITIES[row["Entity"]], row["Year"], str(int(float(row[COLUMN])))])
    order = list(ENTITIES)
    rows.sort(key=lambda r: (order.index(r[0]), int(r[2])))
    write_csv(args.out / "space_objects_launched.csv", ["entity", "country", "year", "objects"], rows)


if __name__ == "__main__":
    main()
