"""The explorers and exercises write every reader-visible text through ``jesc.i18n`` (issue 26).

Each explorer is rendered with a pseudo-translation (every message becomes "《message》"): what is left
outside 《…》 in its HTML, print form, plain text and widgets must be data values (names, titles, regions
as stored), citations, numbers, dates or acronyms. An English label that skips ``t()`` stays visible and
fails the test, which names the explorer, the view and the text. The templates that the pages' scripts
fill must come translated in the explorer's JSON data ("ui").
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

import jesc
from jesc import citations, decision, domains, i18n, missions, nato, peacekeeping, timeline

ROOT = Path(__file__).resolve().parents[1]


class _Pseudo(dict):
    """Every message translated as 《message》."""

    def get(self, key, default=None):
        return f"\u300a{key}\u300b"


@pytest.fixture
def pseudo(monkeypatch):
    monkeypatch.setenv("JESC_LANGUAGE", "ja")
    monkeypatch.setattr(i18n, "_catalog", lambda lang: _Pseudo())


# ---------------------------------------------------------------------------------- what is visible
class _Visible(HTMLParser):
    """The texts of an HTML fragment a reader sees or hears, one per block (a paragraph, a list item,
    a label...): text (not scripts; a citation link counts as a space) and the attributes that name
    things; the JSON data of the page's scripts aside."""

    NAMED = ("aria-label", "title", "alt", "placeholder", "data-jesc-label", "data-jesc-cue")
    INLINE = ("a", "b", "strong", "em", "i", "span", "small", "code", "br")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts, self.scripts, self._skip, self._block = [], [], [], []

    def _flush(self):
        text = "".join(self._block)
        if text.strip():
            self.texts.append(text)
        self._block = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.texts += [v for k, v in attrs.items() if k in self.NAMED and v]
        if tag not in self.INLINE:
            self._flush()
        if tag in ("script", "style") or (tag == "a" and "jesc-cite" in (attrs.get("class") or "")):
            self._skip.append(tag)
            self._block.append(" ")

    def handle_endtag(self, tag):
        if self._skip and self._skip[-1] == tag:
            self._skip.pop()
        if tag not in self.INLINE:
            self._flush()

    def handle_data(self, data):
        if self._skip == ["script"]:
            self.scripts.append(data)
        elif not self._skip:
            self._block.append(data)

    def close(self):
        super().close()
        self._flush()


def visible(html: str) -> tuple[list[str], list[str]]:
    parser = _Visible()
    parser.feed(html)
    parser.close()
    return parser.texts, parser.scripts


_BRACKETED = re.compile("\u300a[^\u300a\u300b]*\u300b")
_MONTHS = r"January|February|March|April|May|June|July|August|September|October|November|December"
_LEFT = [re.compile(p) for p in (r"\b(?:" + _MONTHS + r")\b", r"\b[A-Z][A-Z0-9-]*[A-Z0-9]\b(?:s\b)?",
                                   r"\b[A-Z]\b")]


def untranslated(text: str, data: list[str]) -> str:
    """What of ``text`` is English interface text: translated parts, data values, citations,
    numbers, dates and acronyms taken out."""
    while _BRACKETED.search(text):
        text = _BRACKETED.sub(" ", text)
    text = text.replace("\\", "")  # Markdown's escapes
    for value in data:
        text = text.replace(value, " ")
    for pattern in _LEFT:
        text = pattern.sub(" ", text)
    return text if re.search(r"[A-Za-z]{2,}", text) else ""


def data_values(*frames: pd.DataFrame, skip: tuple[str, ...] = ()) -> list[str]:
    """Every text of the frames' cells (but the ``skip`` columns, categories whose labels are
    interface text), longest first, with the citations' author-year labels."""
    found = set(citations.labels().values())
    for frame in frames:
        for col in frame.columns:
            if col in skip or col == "source":
                continue
            for v in frame[col].dropna():
                if isinstance(v, str) and re.search(r"[A-Za-z]", v):
                    found |= {v, v.replace(";", ", "), v[:24]}
    return sorted(found, key=len, reverse=True)


def widget_texts(widget) -> list[str]:
    """The labels and HTML texts of an ipywidgets tree."""
    out = []
    for attr in ("description", "tooltip", "placeholder"):
        if getattr(widget, attr, None):
            out.append(getattr(widget, attr))
    out += [str(label) for label in getattr(widget, "_options_labels", ())]
    if type(widget).__name__ in ("HTML", "Label"):
        out += visible(widget.value)[0]
    for child in getattr(widget, "children", ()):
        out += widget_texts(child)
    return out


def problems(name: str, obj, widget, data: list[str]) -> list[str]:
    bundle = obj._repr_mimebundle_()
    texts, _ = visible(bundle["text/html"])
    views = {"HTML": texts, "print form": [bundle["text/markdown"]], "plain text": [bundle["text/plain"]]}
    if widget is not None:
        views["widget"] = widget_texts(widget())
    return [f"{name}, {view}: {left.strip()!r} in {text.strip()[:160]!r}"
            for view, found in views.items() for text in found if (left := untranslated(text, data))]


# ------------------------------------------------------------------------------------ the explorers
@pytest.fixture(scope="module")
def tables():
    return {name: jesc.load(name) for name in ("events", "csdp_missions", "japan_deployments",
                                                 "us_troops_abroad")}


def _explorers(tb):
    ev, eu, dep, troops = tb["events"], tb["csdp_missions"], tb["japan_deployments"], tb["us_troops_abroad"]
    both = peacekeeping.combined(dep, eu)
    scores = decision.exercise().scores_table().reset_index()
    return {
        "timeline": (timeline.explorer(ev), lambda: timeline.make_widget(ev),
                     data_values(ev, skip=("framework", "domain")), "jesc-timeline.js"),
        "missions": (missions.explorer(eu, dep, year=2010), lambda: missions.make_widget(eu, dep, 2010),
                     data_values(eu, dep, skip=("kind",)), "jesc-missions.js"),
        "peacekeeping": (peacekeeping.explorer(dep, eu), lambda: peacekeeping.make_widget(both),
                         data_values(both, dep, eu, skip=("lane", "kind", "dates_end")), "jesc-peacekeeping.js"),
        "decision": (decision.exercise(), lambda: decision.make_widget(decision.exercise()), data_values(),
                     "jesc-decision.js"),
        "proposals": (domains.proposals_exercise(), lambda: decision.make_widget(domains.proposals_exercise()),
                      data_values(), "jesc-decision.js"),
        "sortable": (decision.sortable(scores, "Scores of the options"),
                     lambda: decision._sortable_widget(decision.sortable(scores, "Scores of the options")),
                     data_values(scores), None),
        "domains": (domains.picker(ev), lambda: domains.make_widget(domains.picker(ev)),
                    data_values(ev, skip=("framework", "domain")), "jesc-domains.js"),
        "troops": (nato.troops_explorer(troops), lambda: nato.make_widget(troops), data_values(troops),
                   "jesc-troops.js"),
    }


NAMES = ("timeline", "missions", "peacekeeping", "decision", "proposals", "sortable", "domains", "troops")


@pytest.mark.parametrize("name", NAMES)
def test_every_interface_text_is_translated(name, pseudo, tables):
    obj, widget, data, _ = _explorers(tables)[name]
    found = problems(name, obj, widget, data)
    assert not found, "English interface text that does not go through jesc.i18n.t:\n" + "\n".join(found)


def _script_templates(script: str) -> set[str]:
    """The templates (string literals with a {0} placeholder and words) that a page's script fills."""
    text = re.sub(r'"\s*\+\s*"', "", (ROOT / "_static" / script).read_text(encoding="utf-8"))
    return {s for s in re.findall(r'"((?:[^"\\]|\\.)*)"', text)
            if re.search(r"\{\d+\}", s) and re.search(r"[A-Za-z]{2,}", s)}


@pytest.mark.parametrize("name", [n for n in NAMES if n not in ("sortable", "proposals")])
def test_the_scripts_get_their_templates_translated(name, pseudo, tables):
    obj, _, _, script = _explorers(tables)[name]
    _, blobs = visible(obj._repr_mimebundle_()["text/html"])
    data = json.loads(blobs[-1])
    ui = data.get("ui", {})
    wanted = _script_templates(script)
    assert wanted, f"{script}: no template found"
    missing = sorted(wanted - set(ui))
    assert not missing, f"{name}: {script} fills {missing}, which the explorer's data does not translate"
    assert all(v == f"\u300a{k}\u300b" for k, v in ui.items()), ui


def test_english_data_carries_no_templates(tables, monkeypatch):
    """In English the data are as before (no "ui"): the stored outputs of the notebooks do not change."""
    monkeypatch.delenv("JESC_LANGUAGE", raising=False)
    for name, (obj, *_rest) in _explorers(tables).items():
        html = obj._repr_mimebundle_()["text/html"]
        assert '"ui":' not in html and "data-jesc-cue" not in html, name


def test_the_check_finds_an_untranslated_label():
    # what the test above would report for a label left in English
    assert " ".join(untranslated("\u300a\u300b Region: Africa.", ["Africa"]).split()) == "Region: ."
    assert untranslated("\u300aShowing {0}\u300b 12 May 2010 NATO CSDP Tsuruoka, 2010",
                        ["Tsuruoka, 2010"]).strip() == ""
