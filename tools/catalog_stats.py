"""Print the translated, fuzzy and untranslated message counts of every catalog of a language.

``python tools/catalog_stats.py [lang ...]`` (default ``ja``); ``tools/update-catalogs.sh`` runs it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]


def counts(po: Path) -> tuple[int, int, int]:
    with po.open("rb") as f:
        catalog = read_po(f)
    done = fuzzy = todo = 0
    for m in catalog:
        if not m.id:
            continue
        if m.fuzzy:
            fuzzy += 1
        elif m.string and (not isinstance(m.string, tuple) or all(m.string)):
            done += 1
        else:
            todo += 1
    return done, fuzzy, todo


def main(langs: list[str]) -> None:
    for lang in langs or ["ja"]:
        folder = ROOT / "locales" / lang / "LC_MESSAGES"
        print(f"{lang}: translated / fuzzy / untranslated")
        total = [0, 0, 0]
        for po in sorted(folder.glob("**/*.po")):
            c = counts(po)
            total = [a + b for a, b in zip(total, c)]
            print(f"  {po.relative_to(folder).with_suffix('')}: {c[0]} / {c[1]} / {c[2]}")
        print(f"  all: {total[0]} / {total[1]} / {total[2]}")


if __name__ == "__main__":
    main(sys.argv[1:])
