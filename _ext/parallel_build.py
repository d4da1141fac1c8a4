"""Sphinx reads and writes the HTML pages in parallel (Sphinx's ``-j``), one process per core.

Jupyter Book 1's ``build`` command has no ``-j`` option (it always asks Sphinx for one process),
so this extension sets the number itself, when the configuration is read and before the builder
starts: ``JESC_SPHINX_JOBS`` (a number, or ``auto``: the machine's cores, the default; ``1``: serial).

Sphinx reads in parallel only when every loaded extension declares that it may. Two extensions that
Jupyter Book loads declare nothing, and Sphinx would fall back to serial reading with a warning
(an error with ``-W``); both were checked (sphinx-multitoc-numbering 0.1.3,
sphinx-jupyterbook-latex 1.0.0) and are declared here:

* sphinx-multitoc-numbering replaces Sphinx's ``assign_section_numbers``, which runs in the main
  process after the reading processes have merged their results; it keeps nothing per page;
* sphinx-jupyterbook-latex's reading transform changes only the root page's doctree, and only for
  the LaTeX builder, whose later steps (post-transforms on the whole book) run in the main process;
  its ``builder-inited`` handler sets two attributes of the environment before any process starts.

The course's own extensions in ``_ext/`` keep no state per page between events (their handlers of
``doctree-resolved`` and ``build-finished`` run in the main process; ``html-page-context`` handlers
only read the configuration), so all declare ``parallel_read_safe`` and ``parallel_write_safe``.
Only the HTML builders run in parallel; the LaTeX (PDF) and gettext builders stay serial.
"""

from __future__ import annotations

import os

from sphinx.errors import ConfigError

CHECKED = ("sphinx_multitoc_numbering", "sphinx_jupyterbook_latex")
PARALLEL_BUILDERS = ("html", "dirhtml", "singlehtml")


def jobs() -> int:
    value = os.environ.get("JESC_SPHINX_JOBS", "auto").strip().lower() or "auto"
    if value == "auto":
        return os.cpu_count() or 1
    try:
        return max(1, int(value))
    except ValueError:
        raise ConfigError(f"JESC_SPHINX_JOBS={value!r}: expected a number or 'auto'") from None


def set_jobs(app):
    if app.builder.name not in PARALLEL_BUILDERS:
        return
    for name in CHECKED:
        if name in app.extensions and app.extensions[name].parallel_read_safe is None:
            app.extensions[name].parallel_read_safe = True
    app.parallel = jobs()


def setup(app):
    app.connect("builder-inited", set_jobs)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
