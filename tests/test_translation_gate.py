"""The Japanese edition stays complete (issue 26): the gate that a new English paragraph must pass.

* Every published page's catalog (``sphinx-intl stat``, which exits non-zero since 2.4.0 when a
  message is untranslated or fuzzy) is complete, unless the page is listed in
  ``locales/ja/untranslated.txt``, in which case the Japanese page says that it is not yet
  translated (``_ext/languages.py``) and the list must not name a page that is in fact complete.
* What the notebooks write (``locales/ja/kernel.po``: figures, tables, explorers) is complete too.
* Every translation keeps its English's role targets, code spans and links (``tools/po_check.py``).

CONTRIBUTING.md ("Changing English text") says what to do when this fails.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tools"))
import po_check  # noqa: E402

STAT = re.compile(r"^(?P<po>.+\.po): (?P<done>\d+) translated, (?P<fuzzy>\d+) fuzzy, (?P<todo>\d+) untranslated\.$")


def untranslated_pages(locales: Path, lang: str = "ja") -> set[str]:
    """The pages a maintainer marked as not yet translated (one docname a line, # comments)."""
    path = locales / lang / "untranslated.txt"
    if not path.is_file():
        return set()
    return {line.split("#")[0].strip() for line in path.read_text(encoding="utf-8").splitlines()} - {""}


def gate(locales: Path, lang: str = "ja") -> list[str]:
    """What keeps ``lang``'s edition from being complete, one line per page (empty: complete)."""
    sphinx_intl = Path(sys.executable).with_name("sphinx-intl")
    run = subprocess.run([str(sphinx_intl), "stat", "-d", str(locales), "-l", lang],
                         capture_output=True, text=True)
    folder = locales / lang / "LC_MESSAGES"
    marked = untranslated_pages(locales, lang)
    problems, seen = [], set()
    for line in run.stdout.splitlines():
        m = STAT.match(line.strip())
        if not m:
            continue
        po = Path(m["po"]).resolve()
        if not po.is_relative_to(folder.resolve()):
            continue  # kernel.po: checked below, with po_check
        page = po.relative_to(folder.resolve()).with_suffix("").as_posix()
        seen.add(page)
        left = int(m["fuzzy"]) + int(m["todo"])
        if left and page not in marked:
            problems.append(f"{lang}/{page}: {m['todo']} untranslated, {m['fuzzy']} fuzzy "
                            f"(translate them, or list the page in {lang}/untranslated.txt)")
        elif not left and page in marked:
            problems.append(f"{lang}/{page}: complete, but listed in {lang}/untranslated.txt (remove it)")
    if not seen:
        problems.append(f"sphinx-intl stat found no catalog in {folder} (exit {run.returncode}): {run.stderr[-300:]}")
    elif run.returncode != 0 and not problems and not marked:
        problems.append(f"sphinx-intl stat exited {run.returncode} with every page complete: {run.stderr[-300:]}")
    kernel = locales / lang / "kernel.po"
    if not kernel.is_file():
        problems.append(f"{lang}/kernel.po: missing (run python tools/kernel_catalog.py {lang})")
    else:
        problems += po_check.problems(kernel, complete=True)
    for po in sorted(folder.rglob("*.po")):
        problems += po_check.problems(po)
    return problems


def test_the_japanese_edition_is_complete():
    problems = gate(REPO / "locales")
    assert not problems, f"{len(problems)} problem(s) in the Japanese edition:\n" + "\n".join(problems)


def test_every_page_has_a_catalog():
    toc = (REPO / "_toc.yml").read_text(encoding="utf-8")
    pages = re.findall(r"file: (\S+)", toc)
    missing = [p for p in pages if not (REPO / "locales" / "ja" / "LC_MESSAGES" / f"{p}.po").is_file()]
    assert pages and not missing, f"pages without a Japanese catalog (run bash tools/update-catalogs.sh): {missing}"


@pytest.fixture
def scratch_locales(tmp_path):
    copy = tmp_path / "locales"
    shutil.copytree(REPO / "locales", copy)
    return copy


def _edit(po: Path, change) -> str:
    with po.open("rb") as f:
        catalog = read_po(f)
    message = next(m for m in catalog if m.id and m.string)
    change(message)
    with po.open("wb") as f:
        write_po(f, catalog, width=0)
    return message.id


def test_the_gate_names_a_page_with_an_untranslated_message(scratch_locales):
    po = scratch_locales / "ja" / "LC_MESSAGES" / "chapters" / "nato" / "index.po"
    _edit(po, lambda m: setattr(m, "string", ""))
    assert [p for p in gate(scratch_locales) if p.startswith("ja/chapters/nato/index: 1 untranslated")]


def test_the_gate_names_a_fuzzy_message_and_accepts_a_page_marked_untranslated(scratch_locales):
    po = scratch_locales / "ja" / "LC_MESSAGES" / "chapters" / "eu" / "index.po"
    _edit(po, lambda m: m.flags.add("fuzzy"))
    assert [p for p in gate(scratch_locales) if p.startswith("ja/chapters/eu/index: 0 untranslated, 1 fuzzy")]
    (scratch_locales / "ja" / "untranslated.txt").write_text("chapters/eu/index  # in progress\n", encoding="utf-8")
    assert not [p for p in gate(scratch_locales) if p.startswith("ja/chapters/eu/index")]


def test_the_gate_names_a_lost_citation_and_an_untranslated_kernel_message(scratch_locales):
    po = scratch_locales / "ja" / "LC_MESSAGES" / "chapters" / "introduction" / "lens.po"
    with po.open("rb") as f:
        catalog = read_po(f)
    cited = next(m for m in catalog if m.id and "{cite:p}`tsuruoka2010`" in m.string)
    cited.string = cited.string.replace("{cite:p}`tsuruoka2010`", "")
    with po.open("wb") as f:
        write_po(f, catalog, width=0)
    _edit(scratch_locales / "ja" / "kernel.po", lambda m: setattr(m, "string", ""))
    problems = gate(scratch_locales)
    assert [p for p in problems if "lens.po" in p and "lost {cite}tsuruoka2010" in p]
    assert [p for p in problems if "kernel.po" in p and "not translated" in p]
