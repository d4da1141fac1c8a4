"""The two languages of the book: English (the default) and Japanese.

The language is chosen by the environment variable ``JESC_LANGUAGE`` (``en`` or ``ja``;
``tools/build-book.sh --language ja`` sets it), for the same reason as the edition (see
``editions.py``): Jupyter Book 1 has no option for it, and ``--config`` replaces the whole
``_config.yml``. The Japanese edition uses Sphinx's own translation workflow: the text of every
page comes from ``locales/ja/LC_MESSAGES/<page>.po`` (``tools/update-catalogs.sh`` extracts the
English messages and updates the catalogs; ``gettext_compact: false`` gives one catalog a page).

With ``JESC_LANGUAGE=ja`` this extension

* sets ``language = "ja"`` and loads Sphinx's and the themes' Japanese messages again (Sphinx loads
  them before any extension runs, with the language of ``_config.yml``);
* gives the edition its own execution cache, ``_build/.jupyter_cache-ja``: the kernels inherit
  ``JESC_LANGUAGE``, so that quizzes render in Japanese (``jesc.quiz.translate``), and a notebook's
  outputs differ between the languages;
* translates what the theme writes in English whatever the language (the search box's text, the
  code-cell toggles) and, once the pages are written, the sidebar's part captions, which Jupyter
  Book inserts after Sphinx has translated the pages (from the root page's catalog), and the
  accessible names that ``course_html.py`` and myst-nb write in English (``ACCESSIBLE_NAMES``);
* translates the figures' alternative texts, which myst-nb adds after Sphinx's own translation
  step, from the page's catalog (the gettext builder puts them there: ``add_alt_texts_to_catalogs``);
* relies on ``_static/jesc-search-ja.js`` (Jupyter Book loads every script of ``_static/`` on
  every page; it does nothing outside Japanese pages), which splits a typed query into words with the browser's
  ``Intl.Segmenter`` (Sphinx's search would look up 安全保障協力 as one word).

In both languages every page gets a language switch (``templates/jesc-language-switch.html``, in
the article header) to the same page of the other edition. When the two are served together the
Japanese edition lives in ``ja/`` of the English site: ``/chapters/x.html`` and
``/ja/chapters/x.html``. The switch is written hidden and without an address: a book built alone
(the README's first command builds only the English edition) never links to a page that is not
there. Once a build finishes, :func:`link_editions` looks for the other edition where
``tools/edition.sh`` builds it (``_build/html`` and ``_build/ja/_build/html``; the instructor
editions ``_build/instructor/...`` and ``_build/instructor-ja/...``) and, in both editions, turns
on the switch of every page whose counterpart exists there. Whichever edition is built second
links both.

In the Japanese edition, a page whose catalog translates fewer than half of its messages shows a
notice that it is not yet translated (:func:`mark_untranslated`).
"""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path

from sphinx.errors import ConfigError
from sphinx.locale import init as init_catalog
from sphinx.util import logging

logger = logging.getLogger(__name__)

LANGUAGES = ("en", "ja")
HERE = Path(__file__).resolve().parent
# The edition that the switch leads to, and how it names itself there.
OTHER = {"en": ("ja", "日本語", "この本の日本語版"), "ja": ("en", "English", "This page in English")}
# Strings the themes write in English in every language.
THEME_TEXT = {
    "ja": {
        "search_bar_text": "この本を検索…",
        "nb_code_prompt_show": "コードセルを表示",
        "nb_code_prompt_hide": "コードセルを隠す",
        # _static/jesc-table.js, for tables that jesc.tables.show did not write (window.jescUI)
        "tableCue": "横にスクロールするとすべての列が見られる \u2192",
        "table": "表",
        "tableOf": "{0}（表）",
    },
}
#: The keys of THEME_TEXT that the pages' scripts read from ``window.jescUI``.
SCRIPT_TEXT = ("tableCue", "table", "tableOf")


def language() -> str:
    value = os.environ.get("JESC_LANGUAGE", "").strip().lower() or "en"
    if value not in LANGUAGES:
        raise ConfigError(f"JESC_LANGUAGE={value!r}: expected one of {', '.join(LANGUAGES)}")
    return value


def _reload_messages(app, lang: str) -> None:
    """Sphinx's and every loaded extension's own catalogs, in ``lang``."""
    app._init_i18n()  # Sphinx's messages, and the book's own sphinx.po if there is one
    for name in sorted(app.extensions):
        module = app.extensions[name].module
        folder = Path(getattr(module, "__file__", "") or ".").parent
        # locale/ (pydata-sphinx-theme, sphinx-togglebutton) or locales/ (sphinx-book-theme)
        for mo in sorted(folder.glob(f"**/locale*/{lang}/LC_MESSAGES/*.mo")):
            init_catalog([str(mo.parents[2])], lang, mo.stem)


def set_language(app, config):
    lang = language()
    app.jesc_language = lang
    config.templates_path = list(config.templates_path or []) + [str(HERE / "templates")]
    options = dict(config.html_theme_options or {})
    header = list(options.get("article_header_end") or ["article-header-buttons.html"])
    options["article_header_end"] = ["jesc-language-switch.html"] + header
    if lang == "en":
        config.html_theme_options = options
        return
    config.language = lang
    _reload_messages(app, lang)
    if not config.nb_execution_cache_path:
        config.nb_execution_cache_path = str(Path(app.srcdir) / "_build" / f".jupyter_cache-{lang}")
    text = THEME_TEXT.get(lang, {})
    options["search_bar_text"] = text.get("search_bar_text", options.get("search_bar_text"))
    config.html_theme_options = options
    for key in ("nb_code_prompt_show", "nb_code_prompt_hide"):
        if key in text:
            setattr(config, key, text[key])
    ui = {key: text[key] for key in SCRIPT_TEXT if key in text}
    if ui:
        app.add_js_file(None, body=f"window.jescUI = {json.dumps(ui, ensure_ascii=False)};", priority=200)
    # The book's title (sidebar, window title) from the root page's catalog.
    title = catalog_messages(Path(app.srcdir), lang).get(config.html_title or config.project)
    if title:
        config.html_title = title


def other_edition(pagename: str, lang: str) -> dict:
    """Where the switch of page ``pagename`` in edition ``lang`` leads (a relative URL)."""
    target, label, title = OTHER[lang]
    up = "../" * pagename.count("/")
    href = f"{up}ja/{pagename}.html" if lang == "en" else f"{up}../{pagename}.html"
    return {"href": href, "lang": target, "label": label, "title": title}


def add_switch(app, pagename, templatename, context, doctree):
    context["jesc_other_edition"] = other_edition(pagename, getattr(app, "jesc_language", "en"))


# ------------------------------------------------------------------ the switch between two builds
_SWITCH = re.compile(r'<a class="([^"]*\bjesc-language-switch\b[^"]*)" (?:href="[^"]*" )?'
                     r'data-jesc-other="([^"]*)"([^>]*?)( hidden)?>')


def edition_folders(srcdir: Path, outdir: Path, lang: str) -> tuple[Path, Path] | None:
    """(English HTML folder, Japanese HTML folder) of the edition built into ``outdir``, as
    ``tools/edition.sh`` lays them out, or None for an output folder it does not make."""
    build = Path(srcdir).resolve() / "_build"
    out = Path(outdir).resolve()
    if out.name != "html" or out.parent.name != "_build":
        return None
    base = out.parent.parent
    if lang == "en":
        name = "student" if base == build.parent else base.name if base.parent == build else None
    else:
        name = base.name[: -len(f"-{lang}")] if base.name.endswith(f"-{lang}") else (
            "student" if base.name == lang else None)
        if base.parent != build:
            name = None
    if name is None:
        return None
    english = build / "html" if name == "student" else build / name / "_build" / "html"
    japanese = build / ("ja" if name == "student" else f"{name}-ja") / "_build" / "html"
    return english, japanese


def link_switches(root: Path, other: Path) -> tuple[int, int]:
    """Give every switch of the pages under ``root`` the address of the other edition's page where
    ``other`` holds it, and hide (with no address) the others. Returns (linked, hidden)."""
    counts = [0, 0]
    for path in root.rglob("*.html"):
        rel = path.relative_to(root)
        if rel.parts[0] in ("_static", "_sources", "_images"):
            continue
        text = path.read_text(encoding="utf-8")

        def one(m):
            target = m.group(2)
            # the address is the same page of the other edition as the two are served together
            # (other_edition); on disk, that page is at the same path in the other edition's folder
            exists = (other / rel).is_file()
            counts[0 if exists else 1] += 1
            href = f' href="{target}"' if exists else ""
            return (f'<a class="{m.group(1)}"{href} data-jesc-other="{target}"{m.group(3)}'
                    f'{"" if exists else " hidden"}>')
        fixed = _SWITCH.sub(one, text)
        if fixed != text:
            path.write_text(fixed, encoding="utf-8")
    return counts[0], counts[1]


def link_editions(app, exception):
    """After an HTML build: link the switches of this edition and of the other one, if built."""
    if exception is not None or app.builder.format != "html":
        return
    lang = getattr(app, "jesc_language", "en")
    folders = edition_folders(Path(app.srcdir), Path(app.outdir), lang)
    if folders is None:
        return
    english, japanese = folders
    if english.is_dir() and japanese.is_dir():
        link_switches(english, japanese)
        link_switches(japanese, english)


# ------------------------------------------------------------------ pages not yet translated
#: Shown at the top of a Japanese page listed in untranslated.txt or whose catalog translates fewer
#: than half of its messages.
UNTRANSLATED = {"ja": "このページはまだ日本語に翻訳されていません。英語の原文を表示しています。"}


def _translated_share(po: Path) -> float:
    from babel.messages.pofile import read_po

    if not po.is_file():
        return 0.0
    with po.open("rb") as f:
        messages = [m for m in read_po(f) if m.id and isinstance(m.id, str)]
    done = sum(1 for m in messages if m.string and not m.fuzzy)
    return done / len(messages) if messages else 1.0


def _marked_untranslated(locales: Path) -> set[str]:
    """The pages listed in ``locales/<lang>/untranslated.txt``: English text not yet translated, which
    the completeness gate (tests/test_translation_gate.py) accepts for these pages only."""
    path = locales / "untranslated.txt"
    if not path.is_file():
        return set()
    return {line.split("#")[0].strip() for line in path.read_text(encoding="utf-8").splitlines()} - {""}


def mark_untranslated(app, doctree, docname):
    lang = getattr(app, "jesc_language", "en")
    if lang == "en" or lang not in UNTRANSLATED or app.builder.format != "html":
        return
    locales = Path(app.srcdir) / "locales" / lang
    po = locales / "LC_MESSAGES" / f"{docname}.po"
    if docname not in _marked_untranslated(locales) and _translated_share(po) >= 0.5:
        return
    from docutils import nodes

    sections = list(doctree.findall(nodes.section))
    if not sections:
        return
    notice = nodes.container(classes=["jesc-untranslated"])
    notice += nodes.paragraph(text=UNTRANSLATED[lang])
    title = next((i for i, child in enumerate(sections[0].children) if isinstance(child, nodes.title)), -1)
    sections[0].insert(title + 1, notice)


def catalog_messages(srcdir: Path, lang: str) -> dict[str, str]:
    """Every translated, non-fuzzy message of the book's ``lang`` catalogs."""
    out: dict[str, str] = {}
    for po in sorted((srcdir / "locales" / lang / "LC_MESSAGES").glob("**/*.po")):
        for key, text in _read_messages(po).items():
            out.setdefault(key, text)
    return out


def _read_messages(po: Path) -> dict[str, str]:
    from babel.messages.pofile import read_po

    with po.open("rb") as f:
        return {m.id: m.string for m in read_po(f)
                if m.id and isinstance(m.id, str) and m.string and not m.fuzzy}


_CAPTION = re.compile(r'(<span class="caption-text">)([^<]*)(</span>)')
# Accessible names that course_html.py and myst-nb write in English (pattern, replacement).
ACCESSIBLE_NAMES = {
    "ja": [
        (re.compile(r'aria-label="Sections of ([^"]*)"'), r'aria-label="\1の節"'),
        (re.compile(r'role="navigation" aria-label="Course"'), 'role="navigation" aria-label="コース"'),
    ],
}


def translate_captions(text: str, messages: dict[str, str]) -> str:
    def one(m):
        found = messages.get(html.unescape(m.group(2)).strip())
        return m.group(1) + html.escape(found, quote=False) + m.group(3) if found else m.group(0)
    return _CAPTION.sub(one, text)


#: Sphinx's own catalog leaves these strings of its page scripts empty in some languages, so that the
#: search page would end with an empty summary: (English, translation) written into translations.js.
SCRIPT_STRINGS = {
    "ja": {"Search finished, found ${resultCount} page(s) matching the search query.":
           "検索が完了し、${resultCount} ページが見つかりました。"},
}


def fix_script_translations(outdir: Path, lang: str) -> None:
    path = Path(outdir) / "_static" / "translations.js"
    if not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    for english, translated in SCRIPT_STRINGS.get(lang, {}).items():
        key = json.dumps(english)
        for empty in (f"{key}: \"\"", f"{key}:\"\""):
            text = text.replace(empty, f"{key}: {json.dumps(translated)}")
    path.write_text(text, encoding="utf-8")


def fix_captions(app, exception):
    lang = getattr(app, "jesc_language", "en")
    if exception is not None or lang == "en" or app.builder.format != "html":
        return
    fix_script_translations(Path(app.outdir), lang)
    messages = catalog_messages(Path(app.srcdir), lang)
    for path in Path(app.outdir).rglob("*.html"):
        if path.relative_to(app.outdir).parts[0] in ("_static", "_sources"):
            continue
        text = path.read_text(encoding="utf-8")
        fixed = translate_captions(text, messages)
        for pattern, replacement in ACCESSIBLE_NAMES.get(lang, []):
            fixed = pattern.sub(replacement, fixed)
        if fixed != text:
            path.write_text(fixed, encoding="utf-8")


def _notebook_alt_texts(path: Path) -> list[str]:
    """The alternative texts a notebook gives its figures (``mystnb: image: alt:`` of a cell)."""
    import json

    out = []
    for cell in json.loads(path.read_text(encoding="utf-8")).get("cells", []):
        alt = ((cell.get("metadata", {}).get("mystnb") or {}).get("image") or {}).get("alt")
        if isinstance(alt, str) and alt.strip():
            out.append(" ".join(alt.split()))
    return out


def add_alt_texts_to_catalogs(app, exception):
    """gettext builder: add the figures' alternative texts to their page's message catalog.

    myst-nb makes a figure's image node from the notebook's output after Sphinx has extracted
    the messages, so its ``alt`` would never reach a catalog; :func:`translate_alt_texts` then
    translates it from the page's catalog in the Japanese edition."""
    if exception is not None or app.builder.name != "gettext":
        return
    from babel.messages.pofile import read_po, write_po

    for docname in sorted(app.env.found_docs):
        source = Path(app.env.doc2path(docname))
        if source.suffix != ".ipynb":
            continue
        alts = _notebook_alt_texts(source)
        pot = Path(app.outdir) / f"{docname}.pot"
        if not alts or not pot.is_file():
            continue
        with pot.open("rb") as f:
            catalog = read_po(f)
        for alt in alts:
            catalog.add(alt, locations=[(os.path.relpath(source, app.outdir), 0)])
        with pot.open("wb") as f:
            write_po(f, catalog, width=0)


def _page_messages(app, docname: str) -> dict[str, str]:
    cache = app.__dict__.setdefault("jesc_page_messages", {})
    if docname not in cache:
        po = Path(app.srcdir) / "locales" / app.jesc_language / "LC_MESSAGES" / f"{docname}.po"
        cache[docname] = _read_messages(po) if po.is_file() else {}
    return cache[docname]


def translate_alt_texts(app, doctree, docname):
    if getattr(app, "jesc_language", "en") == "en":
        return
    from docutils import nodes

    messages = _page_messages(app, docname)
    for image in doctree.findall(nodes.image):
        alt = " ".join((image.get("alt") or "").split())
        if alt in messages:
            image["alt"] = messages[alt]


# ------------------------------------------------------------------ glued values in translated text
# Sphinx translates a paragraph by parsing its msgstr into a new, empty document
# (sphinx.transforms.i18n.publish_msgstr); myst-nb's {glue:…} roles look their values up on the
# document they are parsed in (its "nb_renderer", which myst-nb removes once the page is parsed),
# so every glued number of a translated page would be "No key … found". The page's renderer is
# kept when myst-nb removes it, and lent to the msgstr's document of the same page.
_PAGE_RENDERER: dict = {}


class _KeepRenderer(dict):
    """A document's attributes that remember the renderer myst-nb pops at the end of parsing."""

    docname = ""

    def pop(self, key, *default):
        value = dict.pop(self, key, *default)
        if key == "nb_renderer":
            _PAGE_RENDERER.clear()
            _PAGE_RENDERER[self.docname] = value
        return value


def _lend_glue_data():
    from myst_nb import sphinx_
    from myst_nb.ext.glue import directives, roles, utils

    if getattr(utils, "_jesc_lent", False):
        return
    original_lookup = utils.retrieve_glue_data
    original_parse = sphinx_.Parser.parse

    def parse(self, inputstring, document):
        attributes = _KeepRenderer(document.attributes)
        attributes.docname = document.settings.env.docname
        document.attributes = attributes
        return original_parse(self, inputstring, document)

    def retrieve_glue_data(document, key):
        env = getattr(document.settings, "env", None)
        lent = _PAGE_RENDERER.get(getattr(env, "docname", None))
        if "nb_renderer" in document or lent is None:
            return original_lookup(document, key)
        # as myst-nb's own lookup does, without storing the renderer on the (pickled) document
        glue_data = lent.renderer.nb_client.glue_data
        if key not in glue_data:
            raise utils.RetrievalError(f"No key {key!r} found in glue data for this document.")
        return utils.VariableOutput(data=glue_data[key]["data"], metadata=glue_data[key].get("metadata", {}),
                                    nb_renderer=lent, vtype="glue")

    for module in (utils, roles, directives):
        module.retrieve_glue_data = retrieve_glue_data
    sphinx_.Parser.parse = parse
    utils._jesc_lent = True


def lend_glue_data(app, config):
    if language() != "en":
        _lend_glue_data()


def setup(app):
    app.connect("config-inited", lend_glue_data)
    # Before editions.py's handler, which gives the English editions their shared cache.
    app.connect("config-inited", set_language, priority=400)
    app.connect("html-page-context", add_switch)
    # After course_html.py has written its accessible names (priority 500).
    app.connect("build-finished", fix_captions, priority=600)
    app.connect("build-finished", add_alt_texts_to_catalogs)
    app.connect("doctree-resolved", translate_alt_texts)
    app.connect("doctree-resolved", mark_untranslated)
    app.connect("build-finished", link_editions, priority=700)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
