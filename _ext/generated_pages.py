"""Sphinx extension: write the Datasets appendix (index and one page per table) and the Glossary page from ``data/``.

``write_pages(root)`` is a plain function (unit-tested in tests/test_data_pages.py); ``setup(app)`` runs it on
``config-inited`` (early, before the table of contents is read). Files are rewritten only when their content
changes, so incremental builds stay incremental. The generated files are gitignored.
"""

from __future__ import annotations

from pathlib import Path

PREVIEW_ROWS = 5
#: A preview cell longer than this is cut (with "…"): the preview shows what the rows hold, not every
#: note in full, so that its rows stay a line or two high (the whole table scrolls in its own box).
PREVIEW_CHARS = 60


def _cell(value) -> str:
    text = "" if value is None or (isinstance(value, float) and value != value) else str(value)
    if text in ("<NA>", "NaT", "nan"):
        text = ""
    return text.replace("|", "\\|").replace("\n", " ")


def _preview_cell(value, column: str, key_columns=("source", "sources"), keys=()) -> str:
    text = _cell(value)
    if len(text) > PREVIEW_CHARS:
        text = text[: PREVIEW_CHARS - 1].rstrip() + "…"
    if column in key_columns and text:
        return "`" + text.replace("`", "") + "`"  # a stored key, shown as code (the Bibliography cites it)
    if keys and text:
        # a key named inside a note, shown as code too: the preview shows the CSV as stored
        import re
        pattern = re.compile(r"(?<![\w`-])(" + "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
                             + r")(?![\w`-])")
        text = pattern.sub(lambda m: "`" + m.group(1) + "`", text)
    return text


def _cite_keys(text: str, keys) -> str:
    """``text`` with every bibliography key it names as a citation ({cite:p}), so that a reader sees
    "(Author, year)", linked, never a raw key."""
    import re

    if not keys:
        return text
    pattern = re.compile(r"(?<![\w`-])(" + "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
                         + r")(?![\w`-])")
    return pattern.sub(lambda m: "{cite:p}`" + m.group(1) + "`", text)


def dataset_page(res: dict, preview, bib_keys=()) -> str:
    """Markdown page for one table of the data package (``bib_keys``: the keys of references.bib,
    cited where a caveat names one)."""
    name = res["name"]
    lines = [f"# {res.get('title', name)}", "", res.get("description", ""), ""]
    lines += [f"Load it with `jesc.load(\"{name}\")`; file `data/{res['path']}`, {len(preview)} rows.", ""]
    lines += ["## Columns", "", "| column | type | required | description |", "|---|---|---|---|"]
    for f in res["schema"]["fields"]:
        kind = f.get("jesc:kind") or f.get("type", "string")
        cons = f.get("constraints", {})
        desc = f.get("description", "")
        if "enum" in cons:
            desc += " One of: " + ", ".join(f"`{v}`" for v in cons["enum"]) + "."
        lines.append(f"| `{f['name']}` | {kind} | {'yes' if cons.get('required') else 'no'} | {_cell(desc)} |")
    lines += ["", "## Source and licence", ""]
    for s in res.get("sources", []):
        lines.append(f"- Source: {s.get('title', '')}" + (f" <{s['path']}>" if s.get("path") else ""))
    for lic in res.get("licenses", []):
        lines.append(f"- Licence: {lic.get('title', lic.get('name'))}" + (f" <{lic['path']}>" if lic.get("path") else ""))
    if res.get("jesc:citation"):
        lines.append("- Cite: " + "; ".join(f"{{cite}}`{k}`" for k in res["jesc:citation"])
                     + " (the upstream publisher, not the copy).")
    if res.get("jesc:cleaning"):
        lines.append(f"- Produced by `data/{res['jesc:cleaning']}` from the public copy under `../shared/data/`;"
                     " re-run it rather than editing the CSV (a test checks that it reproduces the file).")
    if "source" in preview.columns:
        keys = sorted({k for v in preview["source"].dropna().astype(str) for k in v.replace(";", " ").split()})
        lines.append("- Rows cite: {cite:p}`" + ",".join(keys) + "`.")
    caveats = res.get("jesc:caveats", [])
    if caveats:
        lines += ["", "## Caveats", ""] + [f"- {_cite_keys(c, bib_keys)}" for c in caveats]
    lines += ["", "## Preview", "", "First rows as stored in the CSV file (long cells cut; the table scrolls "
              "sideways in its own box):", ""]
    cols = [f["name"] for f in res["schema"]["fields"]]
    # columns that hold a references.bib key (source, end_source): shown as code
    key_columns = {f["name"] for f in res["schema"]["fields"] if f.get("jesc:kind") == "bibkey"} | {"source", "sources"}
    lines += ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for _, row in preview.head(PREVIEW_ROWS).iterrows():
        lines.append("| " + " | ".join(_preview_cell(row[c], c, key_columns, bib_keys) for c in cols) + " |")
    return "\n".join(lines) + "\n"


def _licences(res: dict) -> str:
    return "; ".join(lic.get("title", lic.get("name", "")) for lic in res.get("licenses", []))


def datasets_index(resources: list[tuple[dict, int]]) -> str:
    """The Datasets appendix's opening page: one line per table (what it holds, rows, licence).

    ``resources`` pairs each resource of ``datapackage.json`` with the number of data rows of its CSV.
    """
    lines = ["# Datasets", "",
             "The course's data live in one Frictionless Data Package in the repository's `data/` folder "
             "(`data/datapackage.json`), and every notebook reads them through `jesc.load(\"<table>\")`. "
             "Each table has a page of its own: description, columns, sources, licence, caveats and a preview.",
             "", f"The package holds {len(resources)} tables:", "",
             "| table | what it holds | rows | licence |", "|---|---|---|---|"]
    for res, rows in resources:
        name = res["name"]
        lines.append(f"| {{doc}}`{name} <{name}>` | {_cell(res.get('title', name))} | {rows} "
                     f"| {_cell(_licences(res))} |")
    return "\n".join(lines) + "\n"


def glossary_page(glossary) -> str:
    """Markdown page with a MyST ``{glossary}`` directive, so that ``{term}`` roles link to its entries."""
    lines = ["# Glossary", "", "Terms and acronyms used in the course, generated from the `glossary` table.", "",
             "```{glossary}"]
    for _, row in glossary.sort_values("term", key=lambda s: s.str.lower()).iterrows():
        expansion = f"**{row['expansion']}**. " if isinstance(row["expansion"], str) and row["expansion"] else ""
        lines += [str(row["term"]), f"  {expansion}{row['definition']} (Introduced in: {{doc}}`/chapters/{row['chapter']}/index`; source {{cite}}`{row['source']}`.)", ""]
    lines += ["```", ""]
    return "\n".join(lines)


def _write(path: Path, text: str) -> bool:
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def write_pages(root: Path) -> list[Path]:
    """Write ``appendices/datasets/index.md``, ``appendices/datasets/<table>.md`` and ``appendices/glossary.md``
    under ``root``; return the changed files."""
    import pandas as pd

    from jesc import data

    changed, listed = [], []
    folder = Path(root) / "appendices" / "datasets"
    bib = Path(root) / "references.bib"
    bib_keys = data.bib_keys(bib) if bib.is_file() else set()
    for res in data.package()["resources"]:
        raw = pd.read_csv(data.data_dir() / res["path"], dtype=str, keep_default_na=False)
        data.load(res["name"])  # validate: a broken table fails the build with the loader's message
        listed.append((res, len(raw)))
        path = folder / f"{res['name']}.md"
        if _write(path, dataset_page(res, raw, bib_keys)):
            changed.append(path)
    if _write(folder / "index.md", datasets_index(listed)):
        changed.append(folder / "index.md")
    path = Path(root) / "appendices" / "glossary.md"
    if _write(path, glossary_page(data.load("glossary"))):
        changed.append(path)
    return changed


def _on_config_inited(app, config) -> None:
    write_pages(Path(app.srcdir))


def setup(app):
    app.connect("config-inited", _on_config_inited, priority=100)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
