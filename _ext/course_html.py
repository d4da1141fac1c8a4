"""HTML adjustments the course needs on every page.

* Thebe (live code in the page) is off: it would load from a CDN, and sphinx-thebe 0.3.1 declares its
  configuration twice per page, which is a JavaScript error in every page's console. Jupyter Book 1
  always loads the extension, so its scripts are dropped here.
"""

from __future__ import annotations


def _is_thebe(script) -> bool:
    filename = getattr(script, "filename", None) or ""
    body = (getattr(script, "attributes", {}) or {}).get("body", "")
    return filename.endswith("sphinx-thebe.js") or "THEBE_JS_URL" in body


def drop_thebe_scripts(app, pagename, templatename, context, doctree):
    if "script_files" in context:
        context["script_files"] = [s for s in context["script_files"] if not _is_thebe(s)]


def setup(app):
    app.connect("html-page-context", drop_thebe_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
