"""The whole book as one PDF (issue 15), built once a session from the browser tests' scratch copy.

What the tests expect is read from the sources (``_toc.yml``, the pages' headings, the figure cells'
captions, ``references.bib``, the quiz files), never written here, so that the PDF is checked
against the book as it is. Text is compared after :func:`_norm` (letters and digits only, case
folded), because LaTeX breaks lines, hyphenates and curls quotes.
"""

from __future__ import annotations

import re
import subprocess
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
# A role or directive of MyST that reached the page as text instead of being rendered.
RAW_MARKUP = re.compile(r"\{(cite|glue|term|ref|numref|doc|eval)(:\w+)?\}|:::|```")
ROLE = re.compile(r"\{[\w:-]+\}`[^`]*`")
QUIZ_MARKER = "answer it in the web book or in a notebook"
PRINT_MARKER = "printed here as a summary and tables"


def _norm(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


@lru_cache(maxsize=None)
def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


# The running head of a page: "274 Bibliography", "5.6. From strategic partnership … 145", "iv".
RUNNING_HEAD = re.compile(r"^((\d+|[ivxlc]+)( \S.*)?|.*\S (\d+|[ivxlc]+))$")


def _body(text: str) -> str:
    """The PDF's text without its running heads, which pdftotext puts first and last on a page and
    which would otherwise split a sentence that runs across a page break."""
    pages = []
    for page in text.split("\f"):
        lines = page.splitlines()
        if lines and lines[0].strip() == "Japan and Europe in Security Cooperation":
            lines = lines[1:]
        if lines and RUNNING_HEAD.match(lines[-1].strip()):
            lines = lines[:-1]
        pages.append("\n".join(lines))
    return "\n".join(pages)


@lru_cache(maxsize=None)
def _normtext(pdf: Path) -> str:
    return _norm(_body(_text(pdf)))


def _missing(pdf: Path, expected: dict[str, str]) -> list[str]:
    """The labels of ``expected`` ({label: text}) whose text the PDF does not hold."""
    body = _normtext(pdf)
    return [label for label, text in expected.items() if _norm(text) not in body]


def _fragments(markdown: str) -> list[str]:
    """The plain-text pieces of a line of MyST Markdown (around roles, emphasis and links)."""
    text = ROLE.sub("\0", markdown)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return [p for p in re.split(r"[\0*_`]", text) if len(_norm(p)) >= 4]


def _toc_files() -> list[tuple[str, str]]:
    """(part caption, page path without suffix) of every page of ``_toc.yml``, globs expanded."""
    toc = yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8"))
    out = []

    def walk(caption, entries):
        for entry in entries or []:
            if "file" in entry:
                out.append((caption, entry["file"]))
            elif "glob" in entry:
                for path in sorted(REPO.glob(entry["glob"] + ".md")):
                    name = str(path.relative_to(REPO).with_suffix(""))
                    if name not in {f for _, f in out}:
                        out.append((caption, name))
            walk(caption, entry.get("sections"))

    for part in toc["parts"]:
        walk(part["caption"], part["chapters"])
    return out


def _page_source(name: str) -> Path:
    for suffix in (".nb.md", ".md"):
        if (REPO / (name + suffix)).is_file():
            return REPO / (name + suffix)
    raise AssertionError(f"_toc.yml lists {name}, which has no .md or .nb.md source")


def _heading(path: Path) -> str | None:
    """The page's title: its first level-1 Markdown heading outside code."""
    fence = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(("```", "~~~")):
            fence = not fence
        elif not fence and line.startswith("# "):
            return line[2:].strip()
    return None


def _figure_captions() -> dict[str, str]:
    """{file: caption} of every figure cell (``mystnb: figure: caption``) of the book."""
    found = {}
    for _, name in _toc_files():
        path = _page_source(name)
        if not path.name.endswith(".nb.md"):
            continue
        text = path.read_text(encoding="utf-8")
        for n, block in enumerate(re.findall(r"```\{code-cell\}[^\n]*\n---\n(.*?)\n---\n", text, re.S)):
            meta = yaml.safe_load(block) or {}
            caption = ((meta.get("mystnb") or {}).get("figure") or {}).get("caption")
            if caption:
                found[f"{path.relative_to(REPO)} figure {n + 1}"] = caption
    return found


def _bib_titles() -> dict[str, str]:
    text = (REPO / "references.bib").read_text(encoding="utf-8")
    titles = {}
    for key, body in re.findall(r"@\w+\s*\{\s*([^,\s]+)\s*,(.*?)\n\}", text, re.S):
        m = re.search(r"\btitle\s*=\s*(\{(?:[^{}]|\{[^{}]*\})*\}|\"[^\"]*\")", body, re.I)
        if m:
            titles[key] = re.sub(r"[{}]|\\\w+", "", m.group(1)[1:-1])
    return titles


def _quizzes() -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted((REPO / "exercises" / "quizzes").glob("*.yml"))}


def _shown_quizzes() -> dict[str, dict]:
    """The quizzes a page of the book loads (``load_quiz("name"`` in a page's code)."""
    names = set()
    for _, name in _toc_files():
        names |= set(re.findall(r"load_quiz\(\s*\"([\w-]+)\"", _page_source(name).read_text(encoding="utf-8")))
    return {k: v for k, v in _quizzes().items() if k in names}


def test_sources_give_something_to_check():
    # the readers above find the book's parts, pages, figures, entries and quizzes
    assert len(_toc_files()) > 20 and len(_figure_captions()) > 10
    assert len(_bib_titles()) > 10 and _shown_quizzes()


def test_pdf_holds_every_part_and_page_heading(student_pdf):
    expected = {f"part {c!r}": c for c, _ in _toc_files()}
    for _, name in _toc_files():
        heading = _heading(_page_source(name))
        assert heading, f"{name}: no '# ' heading to look for"
        for i, piece in enumerate(_fragments(heading)):
            expected[f"{name} heading ({piece!r})"] = piece
    assert not _missing(student_pdf, expected)


def test_pdf_holds_every_figure_with_its_caption(student_pdf):
    captions = _figure_captions()
    expected = {f"{label} ({piece[:40]!r})": piece for label, caption in captions.items()
                for piece in _fragments(caption)}
    assert not _missing(student_pdf, expected)
    # each figure is an image in the PDF, numbered and captioned
    images = subprocess.run(["pdfimages", "-list", str(student_pdf)], capture_output=True, text=True,
                            check=True).stdout.splitlines()[2:]
    assert len(images) >= len(captions)
    assert len(set(re.findall(r"Fig\. (\d+\.\d+)", _text(student_pdf)))) >= len(captions)


def test_pdf_holds_the_whole_bibliography(student_pdf):
    titles = _bib_titles()
    expected = {f"{key} ({piece[:40]!r})": piece for key, title in titles.items()
                for piece in _fragments(title)}
    assert not _missing(student_pdf, expected)
    # citations are resolved to author-year labels, never left as keys
    assert not [key for key in titles if re.search(rf"\[{re.escape(key)}\]", _text(student_pdf))]


def test_pdf_shows_no_raw_markup_error_or_unresolved_reference(student_pdf):
    text = _text(student_pdf)
    assert not RAW_MARKUP.findall(text)
    assert "??" not in text
    for marker in ("LaTeX Error", "Undefined control sequence", "Traceback (most recent call last)"):
        assert marker not in text
    log = student_pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert not re.findall(r"^! .*|Missing character: .*|LaTeX Warning: .* undefined.*", log, re.M)


def test_japanese_text_prints_in_a_cjk_font(student_pdf):
    japanese = re.findall(r"[\u3040-\u30ff\u4e00-\u9fff]+", (REPO / "references.bib").read_text(encoding="utf-8"))
    assert japanese, "references.bib has no Japanese text to look for"
    text = "".join(_text(student_pdf).split())  # lines may break between Japanese characters
    assert [j for j in japanese if j not in text] == []
    fonts = subprocess.run(["pdffonts", str(student_pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"IPAex|Mincho|Gothic|CJK", fonts), fonts


def test_quizzes_print_their_questions_without_answers(student_pdf):
    quizzes = _shown_quizzes()
    text = _normtext(student_pdf)
    expected = {}
    for name, quiz in quizzes.items():
        expected[f"{name}: title"] = quiz["title"]
        for q in quiz["questions"]:
            expected[f"{name}/{q['id']}: prompt"] = q["prompt"].split("{")[0]
            for opt in q.get("options", []):
                expected[f"{name}/{q['id']}: option"] = opt["text"] if isinstance(opt, dict) else str(opt)
    assert not _missing(student_pdf, expected)
    assert text.count(_norm(QUIZ_MARKER)) >= len(quizzes)
    # the student edition prints no answer key: no key heading, no "Why: <explanation>" of a key
    assert _norm("Answer keys") not in text
    leaked = [f"{n}/{q['id']}" for n, quiz in quizzes.items() for q in quiz["questions"]
              if _why(q) in text]
    assert not leaked


def _why(question: dict) -> str:
    """How an answer key prints a question's explanation (up to any computed value)."""
    return _norm("Why: " + question["explanation"].split("{")[0])


def test_instructor_pdf_gives_each_parts_answers_at_its_end(instructor_pdf):
    text = _text(instructor_pdf)
    norm = _norm(text)
    quizzes = _shown_quizzes()
    parts = [c for c, _ in dict.fromkeys(_toc_files())]
    # chapter headings are set in capitals: compare case-folded
    keyed = [k.strip().casefold() for k in re.findall(r"^answer keys: (.+)$", text, re.M | re.I)]
    assert keyed and all(any(k.startswith(p.casefold()) for p in parts) for k in keyed), keyed
    for name, quiz in quizzes.items():
        asked = norm.index(_norm("Quiz: " + quiz["title"]))  # the quiz, printed where its part shows it
        for q in quiz["questions"]:
            # its key comes after the questions, in the first key section that follows them
            key_at = norm.find(_why(q), asked)
            assert key_at > asked, f"{name}/{q['id']}: no key after the quiz in the instructor PDF"
            next_key = norm.find(_norm("Answer keys"), asked)
            assert next_key != -1 and key_at > next_key, f"{name}/{q['id']}: key not at the part's end"


def test_interactive_elements_print_their_static_form(student_pdf):
    # every explorer, picker, sortable table and decision exercise a page displays
    calls = 0
    for _, name in _toc_files():
        src = _page_source(name).read_text(encoding="utf-8")
        calls += len(re.findall(r"^(?:\w+\.)?(?:explorer|troops_explorer|picker|sortable)\(", src, re.M))
        calls += len(re.findall(r"^exercise$", src, re.M))
    assert calls >= 6
    assert _normtext(student_pdf).count(_norm(PRINT_MARKER)) >= calls
    # no widget placeholder or object repr instead of the print form
    assert not re.search(r"<(jesc|Quiz|Timeline|Mission|Domain)[^>]*>", _text(student_pdf))


def _is_code(line: str) -> bool:
    """Whether a line holds code besides string literals: a line that only continues a list of
    labels (``"the bilateral track"]))``) carries prose that the page may print in its own words."""
    return bool(_norm(re.sub(r"(\"[^\"]*\"|'[^']*')", "", line)))


def test_hidden_setup_cells_stay_out(student_pdf):
    hidden = []
    for _, name in _toc_files():
        src = _page_source(name).read_text(encoding="utf-8")
        for body in re.findall(r"```\{code-cell\}[^\n]*\n:tags: \[remove-cell\]\n(.*?)```", src, re.S):
            hidden += [line for line in body.splitlines() if len(_norm(line)) > 15 and _is_code(line)]
    assert hidden, "no remove-cell cell found to check"
    body = _normtext(student_pdf)
    assert [line for line in hidden if _norm(line) in body] == []


# ---------------------------------------------------------------- the Japanese PDF (issue 26)
def _japanese_messages() -> dict[str, str]:
    from babel.messages.pofile import read_po

    out = {}
    for po in sorted((REPO / "locales" / "ja" / "LC_MESSAGES").rglob("*.po")):
        with po.open("rb") as f:
            out.update({m.id: m.string for m in read_po(f) if m.id and m.string and not m.fuzzy})
    return out


def test_japanese_pdf_holds_every_part_title_in_japanese(japanese_pdf):
    messages = _japanese_messages()
    captions = sorted({c for c, _ in _toc_files()})
    missing_translation = [c for c in captions if c not in messages]
    assert not missing_translation, f"part captions without a Japanese translation: {missing_translation}"
    text = "".join(_text(japanese_pdf).split())  # lines break between Japanese characters
    assert [c for c in captions if "".join(messages[c].split()) not in text] == []


def test_japanese_pdf_prints_every_page_heading_in_japanese(japanese_pdf):
    from babel.messages.pofile import read_po

    # the PDF's font maps the wave dash 〜 (U+301C) to the full-width tilde ～ (U+FF5E)
    def squeeze(value: str) -> str:
        return "".join(value.split()).replace("\u301c", "\uff5e")

    text = squeeze(_text(japanese_pdf))
    missing = []
    for _, name in _toc_files():
        heading = _heading(_page_source(name))
        po = REPO / "locales" / "ja" / "LC_MESSAGES" / f"{name}.po"
        with po.open("rb") as f:
            catalog = read_po(f)
        message = catalog.get(heading)
        if message is None or not message.string:
            missing.append(f"{name}: heading {heading!r} has no translation in {po.name}")
            continue
        pieces = [p for p in re.split(r"\{[\w:-]+\}`[^`]*`|[*_`]", message.string) if len("".join(p.split())) >= 2]
        missing += [f"{name}: {p!r} not in the PDF" for p in pieces if squeeze(p) not in text]
    assert not missing, "\n".join(missing)


def test_japanese_pdf_has_no_raw_markup_or_missing_glyph(japanese_pdf):
    text = _body(_text(japanese_pdf))
    assert not RAW_MARKUP.findall(text) and "??" not in text
    log = japanese_pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert not re.findall(r"^! .*|Missing character: .*|LaTeX Warning: .* undefined.*", log, re.M)
    fonts = subprocess.run(["pdffonts", str(japanese_pdf)], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines() if "IPAex" in line]
    assert cjk and all(" yes " in line for line in cjk), f"the CJK font is not embedded:\n{fonts}"
