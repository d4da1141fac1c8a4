"""The Datasets appendix and the Glossary page are generated from data/ (see _ext/generated_pages.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from jesc import data

REPO = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("generated_pages", REPO / "_ext" / "generated_pages.py")
pages = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pages)


def test_one_page_per_table_and_a_glossary(tmp_path):
    changed = pages.write_pages(tmp_path)
    for name in data.tables():
        text = (tmp_path / "appendices" / "datasets" / f"{name}.md").read_text(encoding="utf-8")
        res = data.resource(name)
        assert text.startswith(f"# {res['title']}")
        for field in res["schema"]["fields"]:
            assert f"`{field['name']}`" in text
        assert "## Preview" in text and "Licence:" in text
    glossary = (tmp_path / "appendices" / "glossary.md").read_text(encoding="utf-8")
    assert "```{glossary}" in glossary and "\nCSDP\n  **Common Security and Defence Policy**" in glossary
    assert len(changed) == len(data.tables()) + 2  # a page per table, the Datasets index, the Glossary
    assert pages.write_pages(tmp_path) == []  # unchanged content is not rewritten


def test_pipes_in_cells_are_escaped():
    assert pages._cell("a|b") == "a\\|b"
    assert pages._cell(None) == ""


def csv_rows(path: Path) -> int:
    import csv

    with path.open(encoding="utf-8", newline="") as f:
        return sum(1 for _ in csv.DictReader(f))


def test_datasets_index_lists_every_table_with_rows_and_licence(tmp_path):
    pages.write_pages(tmp_path)
    index = (tmp_path / "appendices" / "datasets" / "index.md").read_text(encoding="utf-8")
    assert index.startswith("# Datasets") and "will hold" not in index
    rows = {line.split("`")[1].split()[0]: line for line in index.splitlines() if line.startswith("| {doc}`")}
    package = data.package()["resources"]
    assert sorted(rows) == sorted(r["name"] for r in package), "the index must list every table once"
    for res in package:
        cells = [c.strip() for c in rows[res["name"]].strip("|").split("|")]
        assert cells[0] == f"{{doc}}`{res['name']} <{res['name']}>`"
        assert cells[1] == res["title"]
        assert cells[2] == str(csv_rows(data.data_dir() / res["path"])), f"{res['name']}: row count"
        for lic in res["licenses"]:
            assert lic["title"] in cells[3], f"{res['name']}: licence"
    assert f"holds {len(package)} tables" in index
