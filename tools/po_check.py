"""Check translated messages against their English: what Sphinx and MyST must find again.

``python tools/po_check.py [--complete] FILE_OR_FOLDER ...`` (default: ``locales/ja/LC_MESSAGES``).

For every translated message of a catalog, the translation must keep, as a multiset:

* each role's target: ``{cite:p}`a;b``` (its keys), ``{glue:text}`name``` (the name),
  ``{doc}``/``{ref}``/``{term}`` (the target: ``{term}`自衛隊 <SDF>``` targets ``SDF``, as
  ``{term}`SDF``` does, so the shown text may be translated);
* every inline code span and every link target ``](…)``.

A lost or altered target is a broken link or a missing citation in the Japanese edition (and
with warnings as errors, a failed build). ``--complete`` also fails on an untranslated or fuzzy
message. Problems are printed as ``file:line: msgid…: what is wrong``; the exit status is 1 if
there is any.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
ROLE = re.compile(r"\{([\w:-]+)\}`([^`]*)`")
CODE = re.compile(r"(?<![`}])`([^`]+)`")
LINK = re.compile(r"\]\(([^)\s]+)\)")


def _target(role: str, body: str) -> list[str]:
    explicit = re.search(r"<([^<>]+)>\s*$", body)
    if role.startswith("cite"):
        return [k.strip() for k in body.split(";" if ";" in body else ",") if k.strip()]
    if explicit and role in ("term", "doc", "ref", "numref", "download"):
        return [explicit.group(1).strip()]
    return [body.strip()]


def anchors(text: str) -> Counter:
    """What a message must keep: role targets, code spans and link targets."""
    out: Counter = Counter()
    for role, body in ROLE.findall(text):
        for t in _target(role, body):
            out[f"{{{role.split(':')[0] if role.startswith('cite') else role}}}{t}"] += 1
    for code in CODE.findall(ROLE.sub("", text)):
        out[f"`{code}`"] += 1
    for url in LINK.findall(text):
        out[f"]({url})"] += 1
    return out


def problems(po: Path, complete: bool = False) -> list[str]:
    with po.open("rb") as f:
        catalog = read_po(f)
    out = []
    try:
        name = po.relative_to(ROOT)
    except ValueError:
        name = po
    for m in catalog:
        if not m.id:
            continue
        where = f"{name}:{m.lineno}: {m.id[:50]!r}"
        if m.fuzzy:
            if complete:
                out.append(f"{where}: fuzzy (the English changed; check the translation, then drop the flag)")
            continue
        if not m.string:
            if complete:
                out.append(f"{where}: not translated")
            continue
        want, got = anchors(m.id), anchors(m.string)
        lost, added = want - got, got - want
        if lost or added:
            detail = "; ".join(filter(None, [
                "lost " + ", ".join(sorted(lost)) if lost else "",
                "added " + ", ".join(sorted(added)) if added else ""]))
            out.append(f"{where}: {detail}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--complete", action="store_true", help="also fail on untranslated or fuzzy messages")
    args = parser.parse_args(argv)
    paths = args.paths or [ROOT / "locales" / "ja" / "LC_MESSAGES"]
    files = sorted(f for p in paths for f in ([p] if p.is_file() else p.rglob("*.po")))
    if not files:
        print(f"po_check: no .po file in {', '.join(map(str, paths))}", file=sys.stderr)
        return 1
    found = [line for f in files for line in problems(f.resolve(), args.complete)]
    print("\n".join(found) if found else f"po_check: {len(files)} catalog(s), no problem")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
