"""UN peacekeeping operations, 1948 to the list's last update (19 February 2024): a clean copy of the UN's list.

Input: ../shared/data/un-pko-missions-list-psdata/DPPADPOSS-PKO.csv (UN Peace and Security Data Hub, dataset
DPPADPOSS-PKO; the same file is kept untouched in data/raw/un_pko_missions_list.csv for the cleaning exercise of
Part III). Output: data/un_pko_missions.csv, written by jesc.pko_list.clean (the steps the exercise teaches):
aggregate rows dropped, a cut-off name restored, Yes/No flags as booleans, decimal commas read as numbers, and
the coordinates of headquarters that the list gives in both orders left empty.
"""

from __future__ import annotations

from _common import arguments, write_csv

from jesc import pko_list


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    raw = pko_list.read_raw(args.shared / "un-pko-missions-list-psdata" / "DPPADPOSS-PKO.csv")
    rows = pko_list.to_rows(pko_list.clean(raw))
    write_csv(args.out / "un_pko_missions.csv", [*pko_list.CLEAN_COLUMNS, "source"], rows)


if __name__ == "__main__":
    main()
