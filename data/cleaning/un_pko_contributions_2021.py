"""UN peacekeeping uniformed personnel by contributing country and sex, 31 January 2021 (selected countries).

Input: ../shared/data/un-pko-contribution-rank-jan2021/Rank.csv (UN Peacekeeping open-data contribution ranking, last
reporting date 31 January 2021; copied in an MIT-licensed student repository). Output:
data/un_pko_contributions_2021.csv: the five largest contributors for scale, Japan, every EU member state that
contributed, and other comparison countries (UK, US, China, Russia, Republic of Korea, Australia, Canada, Norway).
The rank is the UN's own rank among all 122 contributors.
"""

from __future__ import annotations

import csv

from _common import arguments, write_csv

EU27 = {"AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "IRL", "ITA", "LVA",
        "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE"}
OTHERS = {"JPN", "GBR", "USA", "CHN", "RUS", "KOR", "AUS", "CAN", "NOR"}
TOP = 5


def group(code: str, rank: int) -> str:
    if code == "JPN":
        return "Japan"
    if code in EU27:
        return "EU member state"
    if code in OTHERS:
        return "comparison"
    return "top contributor"


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    src = args.shared / "un-pko-contribution-rank-jan2021" / "Rank.csv"
    rows = []
    with open(src, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            code, rank = row["ISOCode3"], int(row["Personnel_Contribution_Rank"])
            if code in EU27 or code in OTHERS or rank <= TOP:
                rows.append([code, row["Contributing_Country"], group(code, rank), str(rank), row["Female_Personnel"],
                             row["Male_Personnel"], row["Total_Uniformed_Personnel"], "2021-01-31"])
    rows.sort(key=lambda r: (int(r[3]), r[0]))
    write_csv(args.out / "un_pko_contributions_2021.csv",
              ["country", "country_name", "group", "rank", "female", "male", "total", "as_of"], rows)


if __name__ == "__main__":
    main()
