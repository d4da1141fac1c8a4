"""Cyber incidents per year by receiver (Japan, EU member states, EU institutions, United States, all), 2000-2023.

Inputs: ../shared/data/eurepoc-cyber-incidents-v1.1/EuRepoC_Global_Database_1.1.csv (incident start dates) and
EuRepoC_Receiver_dataset_1.1.csv (one row per incident and receiver), European Repository of Cyber Incidents v1.1
(Zenodo record 7848941). The licence of the EuRepoC data was not verified (possibly CC BY-NC), so ONLY these derived
yearly counts are committed, never incident rows. Output: data/eurepoc_cyber_incidents.csv.

An incident counts once per receiver group, in the year of its start date, when at least one of its receivers
(receiver_country) belongs to the group: ``japan`` (Japan), ``eu-member-states`` (any of the 27 current EU member
states), ``eu-institutions`` (receivers EuRepoC codes as the country
"EU (region)"), ``united-states``, and ``all`` (every incident). Incidents without a start date (16) are left out.
"""

from __future__ import annotations

import csv

from _common import arguments, write_csv

EU27 = {"Austria", "Belgium", "Bulgaria", "Croatia", "Cyprus", "Czech Republic", "Denmark", "Estonia", "Finland",
        "France", "Germany", "Greece", "Hungary", "Ireland", "Italy", "Latvia", "Lithuania", "Luxembourg", "Malta",
        "Netherlands", "Poland", "Portugal", "Romania", "Slovakia", "Slovenia", "Spain", "Sweden"}
GROUPS = ["japan", "eu-member-states", "eu-institutions", "united-states", "all"]


def group_of(country: str) -> str | None:
    if country == "Japan":
        return "japan"
    if country in EU27:
        return "eu-member-states"
    if country == "EU (region)":
        return "eu-institutions"
    if country == "United States":
        return "united-states"
    return None


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    folder = args.shared / "eurepoc-cyber-incidents-v1.1"
    start: dict[str, int] = {}
    with open(folder / "EuRepoC_Global_Database_1.1.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["start_date"][:4].isdigit():
                start[row["ID"]] = int(row["start_date"][:4])
    members: dict[str, set[str]] = {g: set() for g in GROUPS}
    members["all"] = set(start)
    with open(folder / "EuRepoC_Receiver_dataset_1.1.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            g = group_of(row["receiver_country"])
            if g and row["ID"] in start:
                members[g].add(row["ID"])
    years = range(min(start.values()), max(start.values()) + 1)
    rows = []
    for year in years:
        for g in GROUPS:
            rows.append([str(year), g, str(sum(1 for i in members[g] if start[i] == year))])
    write_csv(args.out / "eurepoc_cyber_incidents.csv", ["year", "receiver", "incidents"], rows)


if __name__ == "__main__":
    main()
