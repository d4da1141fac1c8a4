"""The timeline explorer of the ``events`` table: filters, computed views and an interactive display.

In a notebook::

    import jesc
    from jesc import timeline
    events = jesc.load("events")
    timeline.filter_events(events, frameworks=["EU"], decades=[2010])
    timeline.per_decade(events)                      # events per decade and framework
    timeline.durations(events, timeline.SPA_STEPS)   # time from signature to entry into force
    timeline.explorer(events)                        # live widgets; self-contained HTML in the book

The explorer is one display object: in a running notebook it shows ipywidgets, in the built book it
shows static HTML (a chart, filter controls and the list of events) whose behaviour lives in
``_static/jesc-timeline.js`` and ``.css``; no CDN, no kernel. Every text from the data is escaped and
element ids are deterministic (``jesc-timeline-1`` for the first explorer of a kernel, ...).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Sequence

import pandas as pd

from jesc.citations import bibliography_href, cite_html, cite_text
from jesc.errors import CourseError
from jesc.i18n import script_templates, t, tf
from jesc.static_html import (dom_id, dual_bundle, escape_html, frame_table, json_for_script, markdown_table,
                               print_form, t_html, tf_html)

__all__ = [
    "TimelineError", "FRAMEWORKS", "DOMAINS", "SPA_STEPS", "EPA_STEPS", "decade", "filter_events",
    "per_decade", "durations", "explorer", "render_html", "Explorer",
]

#: Columns the timeline needs (the ``events`` table of the data package has them).
REQUIRED = ("id", "date", "date_precision", "date_label", "title", "description", "actors", "framework",
            "domain", "source")
#: Frameworks and domains in the order of the data package's enums.
FRAMEWORKS = ("NATO", "EU", "bilateral", "G7", "UN", "other")
DOMAINS = ("political", "operational", "maritime", "space", "cyber", "hybrid", "peacekeeping", "economic",
           "defence-industrial")
#: Commitment-to-implementation chains, as event ids of the ``events`` table.
SPA_STEPS = ("spa-signed", "spa-provisional-application", "spa-entry-into-force")
EPA_STEPS = ("epa-signed", "epa-entry-into-force")


class TimelineError(CourseError):
    """A bad request to the timeline: unknown framework, domain or event id, wrong table."""


# --------------------------------------------------------------------------------------- computing
def _check_table(events: Any) -> pd.DataFrame:
    if not isinstance(events, pd.DataFrame):
        raise TimelineError(f"timeline: expected the events table as a pandas DataFrame (jesc.load('events')), "
                            f"got {type(events).__name__}")
    missing = [c for c in REQUIRED if c not in events.columns]
    if missing:
        raise TimelineError(f"timeline: the table lacks the column(s) {missing}; expected the events table "
                            f"from jesc.load('events')")
    return events


def _values(arg: Any, allowed: Sequence[str], what: str) -> list[str] | None:
    if arg is None:
        return None
    if isinstance(arg, str):
        arg = [arg]
    try:
        items = list(arg)
    except TypeError:
        raise TimelineError(f"timeline: {what} must be a name or a list of names, got {arg!r}") from None
    bad = [x for x in items if x not in allowed]
    if bad:
        raise TimelineError(f"timeline: unknown {what} {bad}; expected some of {', '.join(allowed)}")
    return items


def decade(dates: pd.Series) -> pd.Series:
    """The decade of each date as an integer: 1983 -> 1980, 2025 -> 2020."""
    return (dates.dt.year // 10 * 10).astype("Int64")


def filter_events(events: pd.DataFrame, frameworks: Iterable[str] | str | None = None,
                  domains: Iterable[str] | str | None = None, decades: Iterable[int] | int | None = None,
                  ) -> pd.DataFrame:
    """The events matching every given filter (``None`` means no filter), sorted by date then id.

    ``frameworks`` and ``domains`` take names of the data package's enums; ``decades`` takes years
    ending in 0 (``1980``, ``2020``).
    """
    ev = _check_table(events)
    fw = _values(frameworks, FRAMEWORKS, "framework(s)")
    dom = _values(domains, DOMAINS, "domain(s)")
    mask = pd.Series(True, index=ev.index)
    if fw is not None:
        mask &= ev["framework"].astype(str).isin(fw)
    if dom is not None:
        mask &= ev["domain"].astype(str).isin(dom)
    if decades is not None:
        try:
            decs = [decades] if isinstance(decades, int) else list(decades)
        except TypeError:
            raise TimelineError(f"timeline: decades must be a year ending in 0 or a list of them, "
                                f"got {decades!r}") from None
        for d in decs:
            if isinstance(d, bool) or not isinstance(d, int) or d % 10 != 0:
                raise TimelineError(f"timeline: a decade is a year ending in 0 such as 1980 or 2020, got {d!r}")
        mask &= decade(ev["date"]).isin(decs).fillna(False).astype(bool)
    return ev[mask].sort_values(["date", "id"], kind="stable").reset_index(drop=True)


def per_decade(events: pd.DataFrame, by: str = "framework") -> pd.DataFrame:
    """Events per decade (rows) and ``by`` (columns: every category of the data package, zeros kept),
    with a ``total`` column."""
    ev = _check_table(events)
    cats = {"framework": FRAMEWORKS, "domain": DOMAINS}
    if not isinstance(by, str) or by not in cats:
        raise TimelineError(f"timeline.per_decade: by must be 'framework' or 'domain', got {by!r}")
    if ev.empty:  # nothing to count: an empty table with the usual columns
        empty = pd.DataFrame(columns=[*cats[by], "total"], dtype=int)
        empty.index.name, empty.columns.name = "decade", by
        return empty
    dec = decade(ev["date"]).rename("decade")
    table = pd.crosstab(dec, ev[by].astype(str)).reindex(columns=list(cats[by]), fill_value=0)
    first, last = int(dec.min()), int(dec.max())
    table = table.reindex(range(first, last + 10, 10), fill_value=0)
    table.index.name = "decade"
    table.columns.name = by
    table["total"] = table.sum(axis=1)
    return table.astype(int)


def durations(events: pd.DataFrame, steps: Sequence[str]) -> pd.DataFrame:
    """Time between consecutive steps of a commitment (event ids in order), one row per interval.

    Columns: from, to (titles), from_date, to_date (labels as precise as the sources), days, years
    (one decimal) and exact (False when either date is known only to the month or year: the days are
    then counted from the first day of that period and are approximate).
    """
    ev = _check_table(events)
    if isinstance(steps, str) or not isinstance(steps, Sequence) or len(steps) < 2 \
            or not all(isinstance(s, str) for s in steps):
        raise TimelineError(f"timeline.durations: steps must be a list of at least two event ids (strings), got {steps!r}")
    by_id = ev.set_index(ev["id"].astype(str))
    missing = [s for s in steps if s not in by_id.index]
    if missing:
        raise TimelineError(f"timeline.durations: no event with id {missing} in the events table")
    rows = []
    for a, b in zip(steps, steps[1:]):
        ra, rb = by_id.loc[a], by_id.loc[b]
        days = int((rb["date"] - ra["date"]).days)
        if days < 0:
            raise TimelineError(f"timeline.durations: step {b!r} ({rb['date_label']}) is before "
                                f"{a!r} ({ra['date_label']}); give the steps in chronological order")
        rows.append({
            "from": str(ra["title"]), "to": str(rb["title"]),
            "from_date": str(ra["date_label"]), "to_date": str(rb["date_label"]),
            "days": days, "years": round(days / 365.25, 1),
            "exact": str(ra["date_precision"]) == "day" and str(rb["date_precision"]) == "day",
        })
    return pd.DataFrame(rows, columns=["from", "to", "from_date", "to_date", "days", "years", "exact"])


# ------------------------------------------------------------------------------------------ display
_e = escape_html


def _records(ev: pd.DataFrame) -> list[dict[str, Any]]:
    ev = ev.sort_values(["date", "id"], kind="stable")
    out = []
    for _, r in ev.iterrows():
        out.append({
            "id": str(r["id"]), "date": str(r["date_label"]), "year": int(r["date"].year),
            "decade": int(r["date"].year) // 10 * 10, "framework": str(r["framework"]),
            "domain": str(r["domain"]), "title": str(r["title"]), "description": str(r["description"]),
            "actors": str(r["actors"]), "source": str(r["source"]),
        })
    return out


#: The count of shown events, as the page's script fills it too (``_static/jesc-timeline.js``).
COUNT = "Showing {0} of {1} events."

NO_SCRIPT = ("All events are listed below. With JavaScript on, the filters narrow the list; in a running "
             "notebook the same filters are live widgets.")

# Chart geometry (SVG user units).
_W, _LEFT, _RIGHT, _ROW, _TOP = 760, 90, 20, 26, 14
_SHAPES = {  # same shapes as jesc.style.FRAMEWORK_MARKERS, drawn as SVG
    "NATO": lambda x, y: f'<rect x="{x - 5:.1f}" y="{y - 5}" width="10" height="10"/>',
    "EU": lambda x, y: f'<circle cx="{x:.1f}" cy="{y}" r="5.5"/>',
    "bilateral": lambda x, y: f'<path d="M{x:.1f} {y - 6}L{x + 6:.1f} {y + 5}L{x - 6:.1f} {y + 5}Z"/>',
    "G7": lambda x, y: f'<path d="M{x:.1f} {y - 6}L{x + 6:.1f} {y}L{x:.1f} {y + 6}L{x - 6:.1f} {y}Z"/>',
    "UN": lambda x, y: f'<path d="M{x:.1f} {y + 6}L{x + 6:.1f} {y - 5}L{x - 6:.1f} {y - 5}Z"/>',
    "other": lambda x, y: (f'<path d="M{x - 2:.1f} {y - 6}h4v4h4v4h-4v4h-4v-4h-4v-4h4Z"/>'),
}


#: Each mark's target: a square of this many CSS px (WCAG 2.2, 2.5.8), one year wide; the events of
#: one framework in one year stack in their row, one target each, so no target overlaps another.
_CELL = 24


def _chart(dom: str, recs: list[dict[str, Any]], frameworks: list[str], first: int, last: int) -> str:
    """An SVG strip chart: one row per framework that has events (the same frameworks as the filter
    checkboxes), one mark per event; it repeats the list below for sighted mouse users (hidden from
    screen readers, marks not in the tab order). A year is :data:`_CELL` px wide and the events of a
    framework in one year stack in its row, so every mark has a target of 24 x 24 px of its own; the
    chart keeps that size (``min-width``) and scrolls sideways in its own box where the page is
    narrower (``_static/jesc-table.js``)."""
    span = max(last - first, 1)
    stack: dict[tuple[str, int], int] = {}
    place: list[int] = []
    for r in recs:
        key = (r["framework"], r["year"])
        place.append(stack.get(key, 0))
        stack[key] = place[-1] + 1
    depth = {fw: max([n for (f, _), n in stack.items() if f == fw] or [1]) for fw in frameworks}
    tops, y0 = {}, _TOP
    for fw in frameworks:
        tops[fw] = y0
        y0 += max(_ROW, depth[fw] * _CELL + 2)
    width = _LEFT + span * _CELL + _RIGHT
    height = y0 + 30

    def x(year_frac: float) -> float:
        return _LEFT + (year_frac - first) * _CELL

    def middle(fw: str) -> int:
        return tops[fw] + max(_ROW, depth[fw] * _CELL + 2) // 2

    # the name and cue of the chart's scroll box (_static/jesc-table.js), where they are translated
    names = "".join(f' data-jesc-{k}="{_e(v)}"' for k, v in (
        ("label", t("Timeline chart")), ("cue", t("Scroll sideways to see the whole chart \u2192")))
        if v not in ("Timeline chart", "Scroll sideways to see the whole chart \u2192"))
    out = [f'<svg class="jesc-tl-chart" viewBox="0 0 {width} {height}" style="min-width: {width}px" '
           f'aria-hidden="true" focusable="false"{names}>']
    for fw in frameworks:
        y = middle(fw)
        out.append(f'<g class="jesc-tl-row" data-fw="{_e(fw)}">'
                   f'<text class="jesc-tl-axis" x="{_LEFT - 10}" y="{y + 4}" text-anchor="end">{_e(t(fw))}</text>'
                   f'<line class="jesc-tl-grid" x1="{_LEFT}" x2="{width - _RIGHT}" y1="{y}" y2="{y}"/></g>')
    base = y0 + 4
    for year in range((first // 5) * 5, last + 1, 5):
        if year < first:
            continue
        out.append(f'<line class="jesc-tl-tick" x1="{x(year):.1f}" x2="{x(year):.1f}" y1="{_TOP}" y2="{base}"/>'
                   f'<text class="jesc-tl-axis" x="{x(year):.1f}" y="{base + 16}" text-anchor="middle">{year}</text>')
    for r, k in zip(recs, place):
        fw = r["framework"]
        n = stack[(fw, r["year"])]
        y = round(middle(fw) + (k - (n - 1) / 2) * _CELL)
        cx = x(r["year"] + 0.5)
        shape = _SHAPES[fw](cx, y)
        hit = (f'<rect class="jesc-tl-hit" x="{cx - _CELL / 2:.1f}" y="{y - _CELL / 2:.1f}" '
               f'width="{_CELL}" height="{_CELL}"/>')
        out.append(f'<a href="#{dom}-ev-{_e(r["id"])}" tabindex="-1" class="jesc-tl-mark" data-id="{_e(r["id"])}" '
                   f'data-fw="{_e(fw)}"><title>{_e(r["date"])}: {_e(r["title"])}</title>{shape}{hit}</a>')
    out.append("</svg>")
    return "".join(out)


def render_html(events: pd.DataFrame, dom_id: str = "jesc-timeline", title: str = "Timeline explorer") -> str:
    """Self-contained HTML of the explorer: filter controls, an SVG chart and the list of events
    (every event is visible without JavaScript; ``_static/jesc-timeline.js`` makes the filters work)."""
    ev = _check_table(events)
    recs = _records(ev)
    dom = _e(dom_id)
    years = [r["year"] for r in recs] or [2000]
    first, last = min(years), max(years) + 1
    decades = sorted({r["decade"] for r in recs})
    present_fw = [f for f in FRAMEWORKS if any(r["framework"] == f for r in recs)]
    present_dom = [d for d in DOMAINS if any(r["domain"] == d for r in recs)]
    n = len(recs)
    page = bibliography_href()
    out = [f'<section class="jesc-timeline" id="{dom}" aria-labelledby="{dom}-title">',
           f'<h3 class="jesc-tl-title" id="{dom}-title">{_e(t(title))}</h3>',
           f'<p class="jesc-tl-nojs">{t_html(NO_SCRIPT)}</p>',
           f'<form class="jesc-tl-filters" aria-label="{_e(t("Filter the timeline"))}" hidden>',
           f'<fieldset><legend>{t_html("Framework")}</legend>']
    for f in present_fw:
        fid = f"{dom}-fw-{_e(f)}"
        out.append(f'<span class="jesc-tl-opt"><input type="checkbox" id="{fid}" name="framework" value="{_e(f)}" '
                   f'checked><label for="{fid}"><span class="jesc-tl-key jesc-fw-{_e(f)}" aria-hidden="true">'
                   f'</span>{_e(t(f))}</label></span>')
    out.append('</fieldset><div class="jesc-tl-selects">')
    out.append(f'<label for="{dom}-domain">{t_html("Domain")}</label> <select id="{dom}-domain" name="domain">'
               f'<option value="">{t_html("All domains")}</option>'
               + "".join(f'<option value="{_e(d)}">{_e(t(d))}</option>' for d in present_dom) + "</select> ")
    out.append(f'<label for="{dom}-decade">{t_html("Decade")}</label> <select id="{dom}-decade" name="decade">'
               f'<option value="">{t_html("All decades")}</option>'
               + "".join(f'<option value="{d}">{tf_html("{0}s", d)}</option>' for d in decades) + "</select> ")
    out.append(f'<button type="reset">{t_html("Show all")}</button></div></form>')
    out.append(f'<p class="jesc-tl-count" id="{dom}-count" role="status" aria-live="polite">'
               f'{tf_html(COUNT, n, n)}</p>')
    out.append(_chart(dom, recs, present_fw, first, last))
    out.append(f'<ol class="jesc-tl-list" id="{dom}-list">')
    for r in recs:
        rid = f"{dom}-ev-{_e(r['id'])}"
        out.append(
            f'<li id="{rid}" class="jesc-tl-item" data-id="{_e(r["id"])}" data-framework="{_e(r["framework"])}" '
            f'data-domain="{_e(r["domain"])}" data-decade="{r["decade"]}"><details><summary>'
            f'<span class="jesc-tl-date">{_e(r["date"])}</span> '
            f'<span class="jesc-tl-badge jesc-fw-{_e(r["framework"])}">{_e(t(r["framework"]))}</span> '
            f'{_e(r["title"])}</summary>'
            f'<p>{_e(r["description"])}</p><p class="jesc-tl-meta">'
            + tf_html("Domain: {0}. Actors: {1}. Source: {2}.", _e(t(r["domain"])),
                      _e(r["actors"].replace(";", ", ")), cite_html(r["source"], page))
            + '</p></details></li>')
    out.append("</ol>")
    data = {"frameworks": present_fw, "domains": present_dom, "decades": decades, "total": n,
            "events": [{k: r[k] for k in ("id", "framework", "domain", "decade")} for r in recs]}
    ui = script_templates(COUNT)
    if ui:  # the count's template in the edition's language (the script knows the English one)
        data["ui"] = ui
    out.append(f'<script type="application/json" class="jesc-timeline-data">{json_for_script(data)}</script>')
    out.append("</section>")
    return "\n".join(out)


@dataclass
class Explorer:
    """The timeline explorer as one display object (widget live, HTML in the book, text in plain)."""

    events: pd.DataFrame
    title: str = "Timeline explorer"

    def _plain(self) -> str:
        table = per_decade(self.events)
        return tf("{0}: {1} events, {2}s to {3}s, frameworks {4}", t(self.title), len(self.events),
                  table.index.min(), table.index.max(),
                  ", ".join(t(f) for f in FRAMEWORKS if table[f].sum()))

    def _repr_mimebundle_(self, include=None, exclude=None):
        html = render_html(self.events, dom_id("timeline"), self.title)
        return dual_bundle(self._plain(), html, lambda: make_widget(self.events), self._printed())

    def _printed(self) -> str:
        recs = _records(_check_table(self.events))
        events = markdown_table([t(c) for c in ("Date", "Framework", "Domain", "Event", "Source")],
                                [(r["date"], t(r["framework"]), t(r["domain"]), r["title"],
                                  cite_text(r["source"])) for r in recs])
        counts = per_decade(self.events).rename(columns=t)
        counts.index.name = t("decade")
        return print_form(t(self.title), self._plain() + ".",
                          [(t("Events per decade and framework"), frame_table(counts, index=True)),
                           (t("Every event, in date order"), events)])

    def __repr__(self) -> str:
        return f"<Timeline explorer: {len(self.events)} events>"


def explorer(events: pd.DataFrame, title: str = "Timeline explorer") -> Explorer:
    """The interactive explorer of ``events`` (display it by ending a cell with it)."""
    return Explorer(_check_table(events), title)


def make_widget(events: pd.DataFrame):
    """Live version: checkboxes per framework, domain and decade menus, the filtered list below."""
    import ipywidgets as w

    ev = _check_table(events)
    recs = _records(ev)
    fws = [f for f in FRAMEWORKS if any(r["framework"] == f for r in recs)]
    boxes = {f: w.Checkbox(value=True, description=t(f), indent=False, layout=w.Layout(width="auto"))
             for f in fws}
    doms = [d for d in DOMAINS if any(r["domain"] == d for r in recs)]
    dom = w.Dropdown(options=[(t("All domains"), "")] + [(t(d), d) for d in doms], description=t("Domain"))
    decs = sorted({r["decade"] for r in recs})
    dec = w.Dropdown(options=[(t("All decades"), 0)] + [(tf("{0}s", d), d) for d in decs],
                     description=t("Decade"))
    out = w.HTML()
    page = bibliography_href()

    def refresh(_change=None):
        chosen = [f for f, b in boxes.items() if b.value]
        sub = filter_events(ev, frameworks=chosen, domains=dom.value or None,
                            decades=dec.value or None)
        items = "".join(f"<li><b>{_e(r['date_label'])}</b> [{_e(t(r['framework']))}, {_e(t(r['domain']))}] "
                        f"{_e(r['title'])}<br><small>{_e(r['description'])} "
                        f"{tf_html('Source: {0}.', cite_html(r['source'], page))}</small></li>"
                        for _, r in sub.iterrows())
        out.value = f"<p>{tf_html(COUNT, len(sub), len(ev))}</p><ol>{items}</ol>"

    for widget in (*boxes.values(), dom, dec):
        widget.observe(refresh, names="value")
    refresh()
    return w.VBox([w.HBox(list(boxes.values())), w.HBox([dom, dec]), out])
