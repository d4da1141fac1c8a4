"""Update the kernel catalogs ``locales/<lang>/kernel.po``: what the notebooks write, to translate.

    python tools/kernel_catalog.py [--jobs N] [lang ...]        (default: ja; tools/update-catalogs.sh runs it)

Sphinx's catalogs hold the pages' prose. The text a notebook *computes* — a figure's labels, ticks,
legends and source line, a table's caption and headers, an explorer's interface — is written by the
kernel and translated by :func:`jesc.i18n.t`. This tool runs every notebook of ``_toc.yml`` in
English with ``JESC_COLLECT_MESSAGES`` set, so that each message the kernel looks up is recorded with
the notebook that wrote it, and merges them into each language's catalog: a new message comes in
untranslated, a message no notebook writes any more is dropped (unless a comment ``# keep: why``
marks it: a branch the current data do not reach), a translation is kept. The notebooks
are executed in memory (nothing in the checkout changes but the catalogs).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from jesc.i18n import COLLECT_ENV, catalog_path  # noqa: E402


def notebooks() -> list[Path]:
    """The notebooks of the book, in the order of ``_toc.yml``."""
    found: list[Path] = []

    def walk(entries):
        for entry in entries or []:
            if "root" in entry:
                walk([{"file": entry["root"]}])
            if "file" in entry:
                path = ROOT / (entry["file"] + ".ipynb")
                if path.is_file() and path not in found:
                    found.append(path)
            for key in ("sections", "chapters", "parts"):
                walk(entry.get(key))

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    walk([toc])
    return found


def collect(path: Path) -> tuple[str, list[str]]:
    """Run ``path`` in English; the messages its kernel looked up, in order, each once."""
    with tempfile.NamedTemporaryFile("r", suffix=".jsonl", encoding="utf-8") as out:
        os.environ.update({COLLECT_ENV: out.name, "JESC_LANGUAGE": "en"})
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        seen = dict.fromkeys(json.loads(line) for line in out if line.strip())
    return path.relative_to(ROOT).as_posix(), list(seen)


def merge(lang: str, found: list[tuple[str, list[str]]]) -> tuple[int, int, int]:
    """Merge the messages into ``lang``'s catalog; (messages, new, dropped)."""
    path = catalog_path(lang)
    old = {}
    if path.is_file():
        with path.open("rb") as f:
            old = {m.id: m for m in read_po(f) if m.id}
    catalog = Catalog(locale=lang, project="Japan and Europe in Security Cooperation",
                      header_comment="# What the course's notebooks write (figures, tables, explorers), "
                                     "for jesc.i18n.t.\n# Updated by tools/kernel_catalog.py: edit msgstr only.")
    for notebook, messages in found:
        for msg in messages:
            if msg in catalog:
                catalog[msg].locations.append((notebook, 0))
                continue
            before = old.get(msg)
            catalog.add(msg, before.string if before else "", locations=[(notebook, 0)],
                        flags=("python-brace-format",) if "{0}" in msg else (),
                        user_comments=before.user_comments if before else ())
            if before and before.fuzzy:
                catalog[msg].flags.add("fuzzy")
    # A message the current data do not reach (a branch no notebook takes today) is kept when a
    # translator's comment in the catalog starts with "keep" and says why.
    for msg, before in old.items():
        if msg not in catalog and any(c.strip().lower().startswith("keep") for c in before.user_comments):
            catalog.add(msg, before.string, locations=before.locations, flags=before.flags,
                        user_comments=before.user_comments)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        write_po(f, catalog, width=0, omit_header=False, include_lineno=False)
    new = sum(1 for m in catalog if m.id and m.id not in old)
    return len([m for m in catalog if m.id]), new, len(set(old) - {m.id for m in catalog if m.id})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("langs", nargs="*", default=["ja"])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    paths = notebooks()
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        found = list(pool.map(collect, paths))
    for lang in args.langs:
        total, new, dropped = merge(lang, found)
        print(f"{catalog_path(lang).relative_to(ROOT)}: {total} messages from {len(paths)} notebooks "
              f"({new} new, {dropped} dropped)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
