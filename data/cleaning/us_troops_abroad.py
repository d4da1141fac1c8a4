"""US active-duty military personnel in Japan, Germany, Italy, the United Kingdom and South Korea, 1950-2024.

Input: ../shared/data/us-troop-deployments-troopdata/troopdata-rebuild-country-year.csv (troopdata by Michael Flynn et
al.; Kane/Heritage Foundation figures to 2005 and Defense Manpower Data Center reports after; GPL-3.0-or-later
package, DMDC counts are US government works). Output: data/us_troops_abroad.csv with active-duty troops (troops_ad).
"Germany" is the troopdata series for (West) Germany; the German Democratic Republic is a separate series (a few dozen
personnel in some years) and is left out.
"""

from __future__ import annotations

import csv

from _common import arguments, write_csv

HOSTS = ["JPN", "DEU", "ITA", "GBR", "KOR"]


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    src = args.shared / "us-troop-deployments-troopdata" / "troopdata-rebuild-country-year.csv"
    rows = []
    with open(src, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["iso3c"] in HOSTS and row["troops_ad"] not in ("", "NA"):
                rows.append([row["iso3c"], row["countryname"], row["year"], str(int(float(row["troops_ad"])))])
    rows.sort(key=lambda r: (HOSTS.index(r[0]), int(r[2])))
    write_csv(args.out / "us_troops_abroad.csv", ["country", "country_name", "year", "troops"], rows)


if __name__ == "__main__":
    main()
