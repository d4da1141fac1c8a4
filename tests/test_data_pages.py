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
    assert len(changed) == len(data.tables()) + 1
    assert pages.write_pages(tmp_path) == []  # unchanged content is not rewritten


def test_pipes_in_cells_are_escaped():
    assert pages._cell("a|b") == "a\\|b"
    assert pages._cell(None) == ""
