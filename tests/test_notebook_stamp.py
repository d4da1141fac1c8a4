"""What the notebook sync tool stamps into every notebook (tools/execute_notebooks.py, issue 18).

* The course repository's URL has one home, ``repository.url`` in ``_config.yml``: every
  ``pip install git+...`` of a notebook (``.ipynb`` and ``.nb.md``), every URL of a set-up cell, and
  every GitHub link of the Binder files, the README and CONTRIBUTING names that URL and no other.
* Every notebook opens with the hidden note on what to do in JupyterLab before Run All.
* The tool itself, run on a copy of a real notebook pair with another URL in a copy of ``_config.yml``,
  writes that URL into both files.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
from pathlib import Path

import nbformat
import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("execute_notebooks", REPO / "tools" / "execute_notebooks.py")
tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tool)

NOTEBOOKS = sorted(p for folder in ("chapters", "exercises")
                   for p in (REPO / folder).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
TWINS = [p.with_suffix(".nb.md") for p in NOTEBOOKS]
GIT_INSTALL = re.compile(r"git\+https?://[^\s\"'\\]+")
# Any URL of a git install or of a GitHub repository, wherever it is written.
REPO_URL = re.compile(r"git\+(https?://[^\s\"'\\]+)|(https?://github\.com/[^\s\"'\\)>]+)")


def config_url() -> str:
    return yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))["repository"]["url"].rstrip("/")


def rel(path: Path) -> str:
    return str(path.relative_to(REPO))


def foreign_urls(text: str, url: str) -> list[str]:
    found = [m.group(1) or m.group(2) for m in REPO_URL.finditer(text)]
    return [u for u in found if u.rstrip("/") != url and not u.startswith(url + "/")]


def test_there_are_notebooks_with_twins():
    assert len(NOTEBOOKS) > 10 and all(t.is_file() for t in TWINS)


@pytest.mark.parametrize("path", NOTEBOOKS + TWINS, ids=rel)
def test_every_notebook_installs_from_the_configured_repository(path):
    url = config_url()
    text = path.read_text(encoding="utf-8")
    assert f"git+{url}" in text, f"{rel(path)}: its set-up cell does not install git+{url}"
    # Every git install anywhere in the file, and every URL of a set-up cell (a GitHub link in the
    # text may name another project, e.g. a data source).
    urls = [m.group(0) for m in GIT_INSTALL.finditer(text)]
    if path.suffix == ".ipynb":
        urls += [u for c in nbformat.read(path, as_version=4).cells if tool.is_setup_cell(c)
                 for u in re.findall(r"https?://[^\s\"']+", c.source)]
    others = sorted({u for u in urls if u.removeprefix("git+").rstrip("/") != url})
    assert not others, (f"{rel(path)}: names {others}, not the repository.url of _config.yml ({url}); "
                        "run bash tools/sync-notebooks.sh --stamp-only to stamp it")


def test_binder_and_readme_name_no_other_repository():
    url = config_url()
    files = [REPO / "README.md", REPO / "CONTRIBUTING.md", *sorted((REPO / "binder").iterdir())]
    offenders = [f"{rel(f)}: {u}" for f in files for u in foreign_urls(f.read_text(encoding="utf-8"), url)]
    assert not offenders, "another repository URL than _config.yml's:\n" + "\n".join(offenders)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=rel)
def test_every_notebook_opens_with_the_jupyterlab_note(path):
    cells = nbformat.read(path, as_version=4).cells
    first = next(i for i, c in enumerate(cells) if c.cell_type != "raw")  # Otter's config cell may lead
    note = cells[first]
    assert note.cell_type == "markdown" and "Run All" in note.source and "trust" in note.source, (
        f"{rel(path)}: the first cell is not the note on Run All / trusting the notebook "
        "(bash tools/sync-notebooks.sh adds it)")
    assert note.source == tool.NOTE
    assert "remove-cell" in note.metadata.get("tags", []), f"{rel(path)}: the note must be hidden in the book"
    assert tool.NOTE in path.with_suffix(".nb.md").read_text(encoding="utf-8"), f"{rel(path)}: twin lacks the note"


def test_the_tool_stamps_the_configured_url_into_both_files(tmp_path):
    # An assignment notebook too, where the tree has one (the public tree has none).
    names = ["chapters/introduction/puzzle"] + [
        n for n in ["exercises/assignments/nato/nato"] if (REPO / f"{n}.ipynb").is_file()]
    for name in names:
        for suffix in (".ipynb", ".nb.md"):
            shutil.copy(REPO / f"{name}{suffix}", tmp_path / f"{Path(name).name}{suffix}")
    config = tmp_path / "_config.yml"
    config.write_text("repository:\n  url: https://github.com/a-fork/course/\n", encoding="utf-8")
    url = tool.repository_url(config)
    assert url == "https://github.com/a-fork/course"
    for notebook in [tmp_path / f"{Path(n).name}.ipynb" for n in names]:
        tool.stamp_file(notebook, url)
        for path in (notebook, notebook.with_suffix(".nb.md")):
            text = path.read_text(encoding="utf-8")
            assert "git+https://github.com/a-fork/course" in text, path.name
            assert foreign_urls(text, url) == [], path.name
        assert notebook.with_suffix(".nb.md").read_text(encoding="utf-8").count(tool.NOTE) == 1
        nb = nbformat.read(notebook, as_version=4)
        assert [c.source for c in nb.cells].count(tool.NOTE) == 1
        assert tool.stamp(nb, url) is False  # a second stamp changes nothing


def test_a_config_without_url_is_named(tmp_path):
    config = tmp_path / "_config.yml"
    config.write_text("title: x\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"_config\.yml: no repository\.url"):
        tool.repository_url(config)
