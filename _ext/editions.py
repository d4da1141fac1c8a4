"""The two editions of the book: student (the default) and instructor.

The edition is chosen by the environment variable ``JESC_EDITION`` (``student`` or ``instructor``;
``tools/build-book.sh --edition instructor`` sets it). Jupyter Book 1's ``build`` command has no
option for Sphinx tags (``-t``), and a tag set in ``_config.yml`` would need a second copy of the
whole file (``--config`` replaces it), so this extension adds the tag itself:

* the Sphinx tag ``instructor`` or ``student`` is added, so that ``{only} instructor`` blocks
  appear in the instructor edition only (Sphinx removes them before it writes a page *and* before
  it indexes it for search). Instructor-only text lives in files outside the table of contents,
  pulled in with ``{include}`` inside the ``only`` block, so that the Markdown source Sphinx copies
  to ``_sources/`` holds the include line, never the text;
* in the instructor edition every quiz in the HTML (found by its ``data-jesc-quiz`` element, so
  every quiz page works without an edit to its notebook) is followed by its answer key, rendered by
  :func:`jesc.quiz.key.page_key` from the quiz file and the values the page computed;
* in the instructor edition's PDF, the keys of a part's quizzes follow the part (:func:`add_print_keys`);
* the directive ``{assignment-keys}`` shows the answer key of every assignment in
  ``exercises/assignments/`` in the instructor edition and nothing in the student edition;
* both editions share one execution cache, ``<book>/_build/.jupyter_cache``: an edition changes
  only what is added to a page, never what a notebook computes, so the second edition executes
  nothing that the first has run.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx.errors import ConfigError

EDITIONS = ("student", "instructor")
QUIZ_RE = re.compile(r'<script type="application/json" class="jesc-quiz-data">(.*?)</script>', re.S)


def edition() -> str:
    value = os.environ.get("JESC_EDITION", "student").strip() or "student"
    if value not in EDITIONS:
        raise ConfigError(f"JESC_EDITION={value!r}: expected 'student' or 'instructor'")
    return value


def share_cache(app, config):
    if not config.nb_execution_cache_path:
        config.nb_execution_cache_path = str(Path(app.srcdir) / "_build" / ".jupyter_cache")
    if app.tags.has("instructor"):
        options = dict(config.html_theme_options or {})
        options["announcement"] = ("Instructor edition: answer keys, solutions and grading notes. "
                                   "Do not publish it to students.")
        config.html_theme_options = options


def add_quiz_keys(app, doctree, docname):
    if not app.tags.has("instructor"):
        return
    from jesc.citations import BIBLIOGRAPHY_PAGE
    from jesc.quiz.key import page_key

    # the Bibliography page relative to this page, for the keys' linked sources
    bibliography = os.path.relpath(BIBLIOGRAPHY_PAGE, os.path.dirname(docname) or ".")
    for raw in list(doctree.findall(nodes.raw)):
        if "html" not in raw.get("format", "") or "jesc-quiz-data" not in raw.astext():
            continue
        keys = []
        for blob in QUIZ_RE.findall(raw.astext()):
            keys.append(page_key(json.loads(blob), bibliography=bibliography))
        if not keys:
            continue
        html = "".join('<div class="admonition jesc-instructor-only"><p class="admonition-title">'
                       f"Instructor edition: answer key</p>{k}</div>" for k in keys)
        raw.parent.insert(raw.parent.index(raw) + 1, nodes.raw("", html, format="html"))


def add_print_keys(app, doctree, docname):
    """Instructor edition, PDF: the answer keys of a part's quizzes at the end of the part.

    The LaTeX builder resolves the whole book as one tree, in which sphinx-jupyterbook-latex has
    made each part of ``_toc.yml`` a section (its ``docname`` is the part's caption). A quiz prints
    its questions only (:mod:`jesc.quiz.text`) with its data in an HTML comment, which LaTeX drops;
    the keys are made from that data, as the HTML edition's keys are from the page's JSON.
    """
    if app.builder.format != "latex" or not app.tags.has("instructor"):
        return
    from jesc.quiz.key import key_items, page_quiz
    from jesc.quiz.text import find_print_data

    for part in list(doctree.findall(nodes.section)):
        title = part.next_node(nodes.title)
        if title is None or part.get("docname") != title.astext():
            continue  # not a part made from a caption of _toc.yml
        quizzes = [page_quiz(data) for raw in part.findall(nodes.raw) if "html" in raw.get("format", "")
                   for data in find_print_data(raw.astext())]
        if not quizzes:
            continue
        caption = f"Answer keys: {title.astext()}"
        section = nodes.section(ids=[nodes.make_id(caption)], names=[nodes.fully_normalize_name(caption)])
        section["docname"] = part["docname"]
        section += nodes.title(text=caption)
        section += nodes.paragraph(text="Instructor edition: the answers of this part's quizzes. Do not "
                                        "give these pages to students.")
        for quiz in quizzes:
            para = nodes.paragraph()
            para += nodes.strong(text=f"Quiz: {quiz.title}")
            questions = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
            for prompt, answers, why in key_items(quiz):
                item = nodes.list_item()
                item += nodes.paragraph(text=prompt)
                answer_list = nodes.bullet_list(bullet="-")
                for line in answers:
                    # the key's letters count the file's order, not the shuffled printed one: the text only
                    answer_list += nodes.list_item("", nodes.paragraph(text=re.sub(r"^\([A-Z]\) ", "", line)))
                item += answer_list
                item += nodes.paragraph(text=f"Why: {why}")
                questions += item
            section += [para, questions]
        part += section


class AssignmentKeys(Directive):
    """``{assignment-keys}``: every assignment's answer key (instructor edition only)."""

    has_content = False

    def run(self):
        env = self.state.document.settings.env
        if not env.app.tags.has("instructor"):
            return []
        from jesc.assignments import answer_key
        from jesc.paths import REPO_ROOT

        out = []
        for folder in sorted((REPO_ROOT / "exercises" / "assignments").iterdir()):
            if folder.is_dir() and (folder / f"{folder.name}.ipynb").is_file():
                env.note_dependency(str(folder / f"{folder.name}.ipynb"))
                para = nodes.paragraph()
                para += nodes.strong(text=f"Assignment {folder.name}")
                out += [para, nodes.literal_block(text=answer_key(folder))]
        return out


def setup(app):
    app.tags.add(edition())
    app.connect("config-inited", share_cache)
    app.connect("doctree-resolved", add_quiz_keys)
    app.connect("doctree-resolved", add_print_keys)
    app.add_directive("assignment-keys", AssignmentKeys)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
