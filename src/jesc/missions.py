"""The EU's CSDP missions and operations (table ``csdp_missions``): counts on a date, per year, durations,
and the mission explorer of Part II.

In a notebook::

    import jesc
    from jesc import missions
    m = jesc.load("csdp_missions")
    missions.counts_on(m, "2010-10-31")        # launched and running on a day, by kind
    missions.per_year(m)                        # missions active each year, by kind
    missions.per_year(m, what="launched", by="region")
    missions.durations(m, until="2024-12-31")   # years each mission lasted (running ones to `until`)
    missions.explorer(m, jesc.load("japan_deployments"))   # live widgets; static HTML in the book

"Running on a day" is :func:`jesc.data.running_on`: started on or before the day and not yet ended; an
end given only as a month or a year counts to the last day of that period; a row marked ongoing (a dated
record says it was still running) counts from its start on; an unknown end counts only in the period of
its start, never to today. "Active in a year" (:func:`jesc.data.active_in`) means running on at least
one day of that year.

The explorer is one display object (``jesc.static_html``): ipywidgets in a running notebook, static HTML
in the book whose behaviour lives in ``_static/jesc-missions.js`` and ``.css``; no CDN, no kernel.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from jesc import checks
from jesc.citations import bibliography_href, cite_html, cite_text
from jesc.data import end_status, end_text, known_until
from jesc.errors import CourseError
from jesc.i18n import script_templates, t, tf
from jesc.static_html import (dom_id, dual_bundle, escape_html, json_for_script, markdown_table, print_form,
                               t_html, tf_html)

__all__ = [
    "MissionsError", "KINDS", "KIND_LABELS", "running_on", "launched_by", "counts_on", "per_year",
    "durations", "explorer", "render_html", "Explorer",
]

#: Kinds of the data package's enum, in order, and how the book names them.
KINDS = ("civilian", "military", "civilian-military")
KIND_LABELS = {"civilian": "civilian", "military": "military",
               "civilian-military": "civilian and military"}
#: Columns the functions need (the ``csdp_missions`` table has them).
REQUIRED = ("id", "acronym", "name", "kind", "start", "start_label", "end", "end_precision",
            "end_label", "region", "main_task", "source")
#: Columns the explorer needs from ``japan_deployments``.
DEPLOYMENT_COLUMNS = ("id", "name", "framework", "start", "start_label", "end", "end_precision",
                      "end_label", "contribution", "source")


class MissionsError(CourseError):
    """A bad request about the CSDP missions: wrong table, unknown grouping, a date that is not a date."""


# --------------------------------------------------------------------------------------- computing
def _check(table: Any, columns: tuple[str, ...] = REQUIRED, name: str = "csdp_missions") -> pd.DataFrame:
    return checks.table(table, name, columns, MissionsError, "missions")


def _day(day: Any, what: str = "day") -> pd.Timestamp:
    return checks.day(day, MissionsError, "missions", what)


def _last_days(table: pd.DataFrame) -> pd.Series:
    """The last day each row counts as running (:func:`jesc.data.known_until`): Timestamp.max for an
    ongoing row, the end of its start's period for an unknown end."""
    return known_until(table)


def running_on(missions: pd.DataFrame, day: Any) -> pd.DataFrame:
    """The missions running on ``day`` (started on or before it, not yet ended)."""
    m = _check(missions)
    d = _day(day)
    mask = (m["start"] <= d) & (_last_days(m) >= d)
    return m[mask].sort_values(["start", "id"], kind="stable")


def launched_by(missions: pd.DataFrame, day: Any) -> pd.DataFrame:
    """The missions started on or before ``day``."""
    m = _check(missions)
    return m[m["start"] <= _day(day)].sort_values(["start", "id"], kind="stable")


def _by_kind(table: pd.DataFrame, prefix: str) -> dict[str, int]:
    k = table["kind"].astype(str).value_counts()
    return {f"{prefix}_total": int(len(table)), f"{prefix}_civilian": int(k.get("civilian", 0)),
            f"{prefix}_military": int(k.get("military", 0)),
            f"{prefix}_mixed": int(k.get("civilian-military", 0))}


def counts_on(missions: pd.DataFrame, day: Any) -> dict[str, int]:
    """Missions launched by ``day`` and running on it, by kind, with the column names of the
    ``csdp_counts`` table (``launched_total``, ``running_civilian``, ...; ``mixed`` = civilian and
    military), so that a source's count can be set beside the table's."""
    return {**_by_kind(launched_by(missions, day), "launched"),
            **_by_kind(running_on(missions, day), "running")}


def per_year(missions: pd.DataFrame, what: str = "active", by: str = "kind",
             first: int | None = None, last: int | None = None) -> pd.DataFrame:
    """Missions per year (rows) and ``by`` (columns, zeros kept, plus ``total``).

    ``what="active"`` counts the missions running on at least one day of the year;
    ``what="launched"`` the missions that started in the year. ``by`` is ``"kind"`` or ``"region"``.
    The years run from ``first`` (default: the first start) to ``last`` (default: the last start).
    """
    m = _check(missions)
    if what not in ("active", "launched"):
        raise MissionsError(f"missions.per_year: what must be 'active' or 'launched', got {what!r}")
    if by not in ("kind", "region"):
        raise MissionsError(f"missions.per_year: by must be 'kind' or 'region', got {by!r}")
    for name, val in (("first", first), ("last", last)):
        if val is not None and (isinstance(val, bool) or not isinstance(val, int)):
            raise MissionsError(f"missions.per_year: {name} must be a year (an integer), got {val!r}")
    cats = list(KINDS) if by == "kind" else sorted(m["region"].astype(str).unique())
    if m.empty:
        empty = pd.DataFrame(columns=[*cats, "total"], dtype=int)
        empty.index.name, empty.columns.name = "year", by
        return empty
    starts = m["start"].dt.year
    ends = _last_days(m).map(lambda t: 9999 if t == pd.Timestamp.max else t.year)
    first = int(starts.min()) if first is None else first
    last = int(starts.max()) if last is None else last
    if last < first:
        raise MissionsError(f"missions.per_year: last ({last}) is before first ({first})")
    rows = {}
    for year in range(first, last + 1):
        mask = (starts == year) if what == "launched" else (starts <= year) & (ends >= year)
        counts = m.loc[mask, by].astype(str).value_counts()
        rows[year] = {c: int(counts.get(c, 0)) for c in cats}
    table = pd.DataFrame.from_dict(rows, orient="index")[cats]
    table.index.name, table.columns.name = "year", by
    table["total"] = table.sum(axis=1)
    return table.astype(int)


def durations(missions: pd.DataFrame, until: Any) -> pd.DataFrame:
    """How long each mission lasted, in years (one decimal): from its start to its last day, or to
    ``until`` for a mission still running then. Columns: id, acronym, kind, region, start, end (labels),
    years, running (True when counted to ``until``) and exact (False when a date is known only to the
    month or year). Missions that start after ``until`` are left out."""
    m = _check(missions)
    stop = _day(until, "until")
    m = m[m["start"] <= stop]
    last = _last_days(m)
    unknown = (end_status(m) == "unknown").fillna(False).astype(bool)
    running = (last > stop) & ~unknown
    to = last.where(~running, stop)
    years = ((to - m["start"]).dt.days / 365.25).round(1).where(~unknown)
    exact = (m["start_precision"].astype(str) == "day") & ~unknown & (
        running | (m["end_precision"].astype(str) == "day"))
    ends = pd.Series([end_text(r) for _, r in m.iterrows()], index=m.index, dtype=object)
    out = pd.DataFrame({
        "id": m["id"].astype(str), "acronym": m["acronym"].astype(str), "kind": m["kind"].astype(str),
        "region": m["region"].astype(str), "start": m["start_label"].astype(str),
        "end": ends.where(~running, "running").astype(str), "years": years,
        "running": running, "exact": exact,
    })
    return out.sort_values(["years", "id"], ascending=[False, True], kind="stable").reset_index(drop=True)


# ------------------------------------------------------------------------------------------ display
_e = escape_html


def _year_span(table: pd.DataFrame) -> tuple[dict[Any, int], dict[Any, int | None]]:
    """First year and last year each row counts as active, by index (None when ongoing; the start's
    year for an unknown end, :func:`jesc.data.known_until`). Plain dicts, not
    Series: a Series would turn None into NaN, which is not valid JSON for the page's script."""
    last = _last_days(table)
    starts = {i: int(t.year) for i, t in table["start"].items()}
    ends = {i: None if t == pd.Timestamp.max else int(t.year) for i, t in last.items()}
    return starts, ends


def _mission_records(m: pd.DataFrame) -> list[dict[str, Any]]:
    m = m.sort_values(["start", "id"], kind="stable")
    starts, ends = _year_span(m)
    out = []
    for i, r in m.iterrows():
        out.append({"id": str(r["id"]), "acronym": str(r["acronym"]), "name": str(r["name"]),
                    "kind": str(r["kind"]), "region": str(r["region"]), "task": str(r["main_task"]),
                    "start": str(r["start_label"]), "end": end_text(r),
                    "from": int(starts[i]), "to": ends[i], "source": str(r["source"])})
    return out


def _deployment_records(d: pd.DataFrame) -> list[dict[str, Any]]:
    d = d.sort_values(["start", "id"], kind="stable")
    starts, ends = _year_span(d)
    out = []
    for i, r in d.iterrows():
        out.append({"id": str(r["id"]), "name": str(r["name"]), "framework": str(r["framework"]),
                    "contribution": str(r["contribution"]), "start": str(r["start_label"]),
                    "end": end_text(r), "from": int(starts[i]),
                    "to": ends[i], "source": str(r["source"])})
    return out


def _active(rec: dict[str, Any], year: int) -> bool:
    return rec["from"] <= year and (rec["to"] is None or rec["to"] >= year)


#: Templates that the page's script fills too (``_static/jesc-missions.js``): the missions active in a
#: year (with the count of each kind, "{0} " + its label), the count shown, Japan's deployments.
SUMMARY = "{0} missions active in {1} ({2})"
SHOWING = "{0}; showing {1} of {2} missions."
DEPLOYMENTS = "{0} active in {1}."
JAPAN, JAPAN_ACTIVE = "Japan's deployments abroad", "Japan's deployments active in {0}: {1}"
NO_SCRIPT = ("All missions and deployments are listed below with their dates. With JavaScript on, the filters "
             "narrow the lists to one year; in a running notebook the same filters are live widgets.")


def _summary(recs: list[dict[str, Any]], year: int) -> str:
    on = [r for r in recs if _active(r, year)]
    parts = [tf("{0} " + KIND_LABELS[k], sum(r["kind"] == k for r in on)) for k in KINDS]
    return tf(SUMMARY, len(on), year, ", ".join(parts))


def render_html(missions: pd.DataFrame, deployments: pd.DataFrame, dom_id: str = "jesc-missions",
                title: str = "Mission explorer", year: int | None = None) -> str:
    """Self-contained HTML of the explorer: a year slider, kind and region filters, the missions active
    in the chosen year and Japan's deployments active in it. Every mission and deployment is in the HTML
    (visible without JavaScript); ``_static/jesc-missions.js`` makes the filters work."""
    recs = _mission_records(_check(missions))
    deps = _deployment_records(_check(deployments, DEPLOYMENT_COLUMNS, "japan_deployments"))
    dom = _e(dom_id)
    years = [r["from"] for r in recs] + [r["to"] for r in recs if r["to"] is not None]
    first, last = (min(years), max(years)) if years else (2003, 2003)
    year = last if year is None else year
    if isinstance(year, bool) or not isinstance(year, int) or not first <= year <= last:
        raise MissionsError(f"missions.render_html: year must be an integer from {first} to {last}, got {year!r}")
    kinds = [k for k in KINDS if any(r["kind"] == k for r in recs)]
    regions = sorted({r["region"] for r in recs})
    page = bibliography_href()
    out = [f'<section class="jesc-missions" id="{dom}" aria-labelledby="{dom}-title">',
           f'<h3 class="jesc-ms-title" id="{dom}-title">{_e(t(title))}</h3>',
           f'<p class="jesc-ms-nojs">{t_html(NO_SCRIPT)}</p>',
           f'<form class="jesc-ms-filters" aria-label="{_e(t("Filter the missions"))}" '
           f'data-default-year="{year}" hidden>',
           f'<div class="jesc-ms-year"><label for="{dom}-year">{t_html("Year")}</label> '
           f'<input type="range" id="{dom}-year" name="year" min="{first}" max="{last}" step="1" '
           f'value="{year}" aria-describedby="{dom}-count"> '
           f'<output id="{dom}-year-out" for="{dom}-year">{year}</output></div>',
           f'<fieldset><legend>{t_html("Kind")}</legend>']
    for k in kinds:
        kid = f"{dom}-kind-{_e(k)}"
        out.append(f'<span class="jesc-ms-opt"><input type="checkbox" id="{kid}" name="kind" value="{_e(k)}" '
                   f'checked><label for="{kid}"><span class="jesc-ms-key jesc-ms-{_e(k)}" aria-hidden="true">'
                   f'</span>{_e(t(KIND_LABELS[k]))}</label></span>')
    out.append('</fieldset><div class="jesc-ms-selects">')
    out.append(f'<label for="{dom}-region">{t_html("Region")}</label> <select id="{dom}-region" name="region">'
               f'<option value="">{t_html("All regions")}</option>'
               + "".join(f'<option value="{_e(g)}">{_e(g)}</option>' for g in regions) + "</select> ")
    out.append(f'<button type="reset">{t_html("Reset")}</button></div></form>')
    out.append(f'<p class="jesc-ms-count" id="{dom}-count" role="status" aria-live="polite">'
               f'{tf_html("{0}; all {1} missions listed.", _e(_summary(recs, year)), len(recs))}</p>')
    out.append('<div class="jesc-ms-columns">')
    out.append(f'<div class="jesc-ms-col"><h4 id="{dom}-mtitle">{t_html("EU missions and operations (CSDP)")}</h4>'
               f'<ol class="jesc-ms-list" id="{dom}-list" aria-labelledby="{dom}-mtitle">')
    for r in recs:
        end = r["end"]
        out.append(
            f'<li class="jesc-ms-item" id="{dom}-m-{_e(r["id"])}" data-id="{_e(r["id"])}" '
            f'data-kind="{_e(r["kind"])}" data-region="{_e(r["region"])}" data-from="{r["from"]}" '
            f'data-to="{"" if r["to"] is None else r["to"]}"><details><summary>'
            f'<span class="jesc-ms-badge jesc-ms-{_e(r["kind"])}">{_e(t(KIND_LABELS[r["kind"]]))}</span> '
            f'<b>{_e(r["acronym"])}</b> <span class="jesc-ms-dates">{_e(r["start"])} – {_e(end)}</span>'
            '</summary><p>'
            + tf_html("{0}. Region: {1}. Main task: {2}. Source: {3}.", _e(r["name"]), _e(r["region"]),
                      _e(r["task"]), cite_html(r["source"], page))
            + '</p></details></li>')
    out.append("</ol></div>")
    out.append(f'<div class="jesc-ms-col"><h4 id="{dom}-dtitle">{t_html(JAPAN)}</h4>'
               f'<p class="jesc-ms-dcount" id="{dom}-dcount">'
               + tf_html("{0} active in {1}; all {2} listed.", sum(_active(d, year) for d in deps), year, len(deps))
               + '</p>'
               f'<ol class="jesc-ms-list" id="{dom}-deps" aria-labelledby="{dom}-dtitle">')
    for d in deps:
        end = d["end"]
        out.append(
            f'<li class="jesc-ms-dep" id="{dom}-d-{_e(d["id"])}" data-id="{_e(d["id"])}" '
            f'data-from="{d["from"]}" data-to="{"" if d["to"] is None else d["to"]}">'
            f'<details><summary>{_e(d["name"])} '
            f'<span class="jesc-ms-dates">{_e(d["start"])} – {_e(end)}</span></summary>'
            '<p>' + tf_html("{0} ({1}). Source: {2}.", _e(d["contribution"]), _e(d["framework"]),
                            cite_html(d["source"], page)) + '</p>'
            f'</details></li>')
    out.append("</ol></div></div>")
    data = {"first": first, "last": last, "year": year, "total": len(recs), "kinds": kinds,
            "labels": {k: KIND_LABELS[k] for k in kinds}, "regions": regions,
            "missions": [{k: r[k] for k in ("id", "kind", "region", "from", "to")} for r in recs],
            "deployments": [{k: d[k] for k in ("id", "from", "to")} for d in deps]}
    ui = script_templates(SUMMARY, SHOWING, DEPLOYMENTS, *("{0} " + KIND_LABELS[k] for k in kinds))
    if ui:  # the script's templates in the edition's language (it knows the English ones)
        data["ui"] = ui
    out.append(f'<script type="application/json" class="jesc-missions-data">{json_for_script(data)}</script>')
    out.append("</section>")
    return "\n".join(out)


@dataclass
class Explorer:
    """The mission explorer as one display object (widget live, HTML in the book, text in plain)."""

    missions: pd.DataFrame
    deployments: pd.DataFrame
    title: str = "Mission explorer"
    year: int | None = None

    def _plain(self) -> str:
        recs = _mission_records(self.missions)
        last = max([r["from"] for r in recs] + [r["to"] for r in recs if r["to"] is not None])
        return tf("{0}: {1} CSDP missions; {2}", t(self.title), len(recs), _summary(recs, self.year or last))

    def _repr_mimebundle_(self, include=None, exclude=None):
        html = render_html(self.missions, self.deployments, dom_id("missions"), self.title, self.year)
        return dual_bundle(self._plain(), html,
                           lambda: make_widget(self.missions, self.deployments, self.year), self._printed())

    def _printed(self) -> str:
        recs = _mission_records(_check(self.missions))
        deps = _deployment_records(_check(self.deployments, DEPLOYMENT_COLUMNS, "japan_deployments"))
        missions = markdown_table([t(c) for c in ("Mission", "Kind", "Region", "From", "To", "Source")],
                                  [(r["acronym"], t(KIND_LABELS[r["kind"]]), r["region"], r["start"],
                                    r["end"], cite_text(r["source"])) for r in recs])
        japan = markdown_table([t(c) for c in ("Japan's deployment", "Framework", "From", "To", "Source")],
                               [(d["name"], d["framework"], d["start"], d["end"],
                                 cite_text(d["source"])) for d in deps])
        return print_form(t(self.title), self._plain() + ".",
                          [(t("Every CSDP mission of the explorer"), missions),
                           (t("Japan's deployments of the explorer"), japan)])

    def __repr__(self) -> str:
        return f"<Mission explorer: {len(self.missions)} missions, {len(self.deployments)} deployments>"


def explorer(missions: pd.DataFrame, deployments: pd.DataFrame, title: str = "Mission explorer",
             year: int | None = None) -> Explorer:
    """The interactive explorer (display it by ending a cell with it). ``year`` is the year shown first
    (default: the last year of the data)."""
    m = _check(missions)
    d = _check(deployments, DEPLOYMENT_COLUMNS, "japan_deployments")
    render_html(m, d, "jesc-missions-check", title, year)  # validates year now, not at display
    return Explorer(m, d, title, year)


def make_widget(missions: pd.DataFrame, deployments: pd.DataFrame, year: int | None = None):
    """Live version: a year slider, a checkbox per kind, a region menu, the two lists below."""
    import ipywidgets as w

    recs = _mission_records(_check(missions))
    deps = _deployment_records(_check(deployments, DEPLOYMENT_COLUMNS, "japan_deployments"))
    years = [r["from"] for r in recs] + [r["to"] for r in recs if r["to"] is not None]
    first, last = min(years), max(years)
    slider = w.IntSlider(value=year or last, min=first, max=last, description=t("Year"))
    boxes = {k: w.Checkbox(value=True, description=t(KIND_LABELS[k]), indent=False,
                           layout=w.Layout(width="auto")) for k in KINDS if any(r["kind"] == k for r in recs)}
    region = w.Dropdown(options=[(t("All regions"), "")] + [(g, g) for g in sorted({r["region"] for r in recs})],
                        description=t("Region"))
    out = w.HTML()
    page = bibliography_href()

    def refresh(_change=None):
        y = slider.value
        kinds = [k for k, b in boxes.items() if b.value]
        shown = [r for r in recs if _active(r, y) and r["kind"] in kinds
                 and (not region.value or r["region"] == region.value)]
        items = "".join(f"<li><b>{_e(r['acronym'])}</b> [{_e(t(KIND_LABELS[r['kind']]))}, {_e(r['region'])}] "
                        f"{_e(r['start'])} – {_e(r['end'])}"
                        f" <small>({cite_html(r['source'], page)})</small></li>"
                        for r in shown)
        jd = [d for d in deps if _active(d, y)]
        ditems = "".join(f"<li>{_e(d['name'])}: {_e(d['start'])} – {_e(d['end'])}"
                         f" <small>({cite_html(d['source'], page)})</small></li>"
                         for d in jd)
        out.value = (f"<p>{tf_html(SHOWING, _e(_summary(recs, y)), len(shown), len(recs))}</p>"
                     f"<ol>{items}</ol><p><b>{tf_html(JAPAN_ACTIVE, y, len(jd))}"
                     f"</b></p><ol>{ditems}</ol>")

    for widget in (slider, *boxes.values(), region):
        widget.observe(refresh, names="value")
    refresh()
    return w.VBox([slider, w.HBox(list(boxes.values())), region, out])
