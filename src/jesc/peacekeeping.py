"""Japan's deployments and the EU's missions on one time axis: tables, counts and an explorer (Part III).

In a notebook::

    import jesc
    from jesc import peacekeeping as missions
    dep, eu = jesc.load("japan_deployments"), jesc.load("csdp_missions")
    both = missions.combined(dep, eu)               # one table, two lanes ("Japan", "EU")
    missions.running_at(eu, "2021-07-01")           # EU missions running on a day
    missions.running_by_year(eu, 2003, 2024)        # running missions per year and kind, civilian share
    missions.matching_dates(eu, total=17, civilian=11)   # when the table shows a count a source gives
    missions.explorer(dep, eu)                      # live widgets; self-contained HTML in the book

Dates follow the data package: a start known to the month counts from the first day of that month, an end
known to the month from its last day (:func:`period_end`); "running on a day" is :func:`jesc.data.running_on`
(an ongoing row counts from its start on, an unknown end only in the period of its start).
The explorer is one display object (see :mod:`jesc.static_html`): ipywidgets in a running notebook, HTML whose
filters work through ``_static/jesc-peacekeeping.js`` in the book. Element ids are deterministic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pandas as pd

from jesc import checks
from jesc.citations import bibliography_href, cite_html, cite_text
from jesc.data import end_status, end_text, known_until, period_end, running_on
from jesc.errors import CourseError
from jesc.i18n import script_templates, t, tf
from jesc.static_html import (dom_id, dual_bundle, escape_html, json_for_script, markdown_table, print_form,
                               t_html, tf_html)

__all__ = ["MissionsError", "KINDS", "LANES", "JAPAN_REGIONS", "CAPACITY_TASKS", "AS_OF", "japan_kind",
           "acronyms", "period_end", "combined", "running_at", "running_by_year", "matching_dates",
           "plot_gantt", "explorer", "render_html", "Explorer"]

#: Kinds of mission, as in the ``csdp_missions`` table (Japan's rows are classified by :func:`japan_kind`).
KINDS = ("civilian", "military", "civilian-military")
LANES = ("Japan", "EU")
#: The day open-ended bars run to: the latest date the course's tables were checked against their sources.
AS_OF = pd.Timestamp("2024-12-31")
#: Region of each country Japan deployed to, in the region names of ``csdp_missions``.
JAPAN_REGIONS = {
    "AGO": "Africa", "MOZ": "Africa", "SSD": "Africa", "SDN": "Africa", "COD": "Africa",
    "KHM": "Asia", "TLS": "Asia", "NPL": "Asia", "AFG": "Asia",
    "SYR": "Middle East", "ISR": "Middle East", "IRQ": "Middle East", "EGY": "Middle East",
    "DJI": "Horn of Africa and Indian Ocean", "": "Horn of Africa and Indian Ocean",
    "SLV": "Americas", "HTI": "Americas",
}
#: Main tasks of ``csdp_missions`` that build a partner's own capacity (training soldiers, police, judges,
#: border and coast guards; advising on security sector reform). A reading of the course, not an EU category.
CAPACITY_TASKS = ("police", "security sector reform", "training", "rule of law", "capacity building",
                  "maritime capacity building", "military advice", "aviation security", "military partnership",
                  "border management", "border assistance")
_MILITARY_WORDS = ("SDF", "staff officer", "movement control", "military", "p-3c")
_CIVILIAN_WORDS = ("civilian", "electoral observer")


class MissionsError(CourseError):
    """A bad request: wrong table, unknown kind or lane, a date that cannot be read."""


def _need(table: Any, columns: tuple[str, ...], what: str) -> pd.DataFrame:
    return checks.table(table, what, columns, MissionsError, "missions")


def _day(date: Any) -> pd.Timestamp:
    return checks.day(date, MissionsError, "missions", "the date", "2021-07-01")


def japan_kind(contribution: str) -> str:
    """'military' when Japan sent SDF units or officers, 'civilian' when it sent only civilians (police,
    electoral observers, development experts), 'civilian-military' when it sent both."""
    low = str(contribution).lower()
    mil = "sdf" in low or any(w in low for w in _MILITARY_WORDS[1:])
    civ = any(w in low for w in _CIVILIAN_WORDS)
    if mil and civ:
        return "civilian-military"
    return "military" if mil else "civilian"


_MISSION_COLS = ("id", "acronym", "name", "kind", "start", "start_precision", "end", "end_precision",
                 "region", "source")
_DEPLOY_COLS = ("id", "name", "contribution", "country", "start", "start_precision", "end", "end_precision",
                "source")


def combined(deployments: pd.DataFrame, missions: pd.DataFrame) -> pd.DataFrame:
    """Japan's deployments and the EU's missions in one table, sorted by lane then start.

    Columns: lane, id, label (short name), name, kind, region, start, end (last day; NaT if open),
    start_label, end_label, source, end_status (ended / ongoing / unknown), last (the last day the row
    counts as running, :func:`jesc.data.known_until`), dates_end (what a reader is told: the end,
    "ongoing as of ..." or "end not known") and open (no end recorded: ongoing or unknown).
    """
    dep = _need(deployments, _DEPLOY_COLS, "japan_deployments")
    eu = _need(missions, _MISSION_COLS, "csdp_missions")
    jp = pd.DataFrame({
        "lane": "Japan", "id": dep["id"].astype(str), "label": dep["name"].astype(str).map(_short),
        "name": dep["name"].astype(str), "kind": dep["contribution"].map(japan_kind),
        "region": dep["country"].fillna("").astype(str).map(lambda c: JAPAN_REGIONS.get(c.split(";")[0],
                                                                                       "other")),
        "start": dep["start"], "end": period_end(dep["end"], dep["end_precision"]),
        "start_label": dep["start_label"].astype(str), "end_label": dep["end_label"].astype("string"),
        "source": dep["source"].astype(str), "end_status": end_status(dep), "last": known_until(dep),
        "dates_end": [end_text(r) for _, r in dep.iterrows()]})
    ew = pd.DataFrame({
        "lane": "EU", "id": eu["id"].astype(str), "label": eu["acronym"].astype(str),
        "name": eu["name"].astype(str), "kind": eu["kind"].astype(str), "region": eu["region"].astype(str),
        "start": eu["start"], "end": period_end(eu["end"], eu["end_precision"]),
        "start_label": eu["start_label"].astype(str), "end_label": eu["end_label"].astype("string"),
        "source": eu["source"].astype(str), "end_status": end_status(eu), "last": known_until(eu),
        "dates_end": [end_text(r) for _, r in eu.iterrows()]})
    out = pd.concat([jp, ew], ignore_index=True)
    out["open"] = out["end"].isna()
    out["lane"] = pd.Categorical(out["lane"], categories=list(LANES))
    out["kind"] = pd.Categorical(out["kind"], categories=list(KINDS))
    return out.sort_values(["lane", "start", "id"], kind="stable").reset_index(drop=True)


def acronyms(name: str) -> list[str]:
    """The acronyms in parentheses in a deployment's name, in order: 'UN Transitional Administration in
    East Timor (UNTAET) and UN Mission of Support in East Timor (UNMISET)' -> ['UNTAET', 'UNMISET']."""
    return re.findall(r"\(([A-Z][A-Z0-9-]+(?: [IVX]+)?)\)", str(name))


def _short(name: str) -> str:
    """'United Nations Mission in Sudan (UNMIS)' -> 'UNMIS'; '... (UNMIT): military liaison officers' ->
    'UNMIT (military liaison officers)'; names without an acronym stay whole."""
    acronyms_ = acronyms(name)
    if not acronyms_:
        return name
    label = "/".join(acronyms_)
    if "): " in name:
        label += f" ({name.split('): ', 1)[1]})"
    return label


def running_at(missions: pd.DataFrame, date: Any) -> pd.DataFrame:
    """The missions (rows of ``csdp_missions`` or ``japan_deployments``) running on ``date``."""
    t = _need(missions, ("start", "start_precision", "end", "end_precision"), "csdp_missions")
    return t[running_on(t, _day(date))].reset_index(drop=True)


def running_by_year(missions: pd.DataFrame, first: int, last: int, month_day: str = "07-01") -> pd.DataFrame:
    """EU missions running on one day of each year (default 1 July), by kind, with the total and the
    civilian share (civilian missions / all missions, in per cent, one decimal)."""
    t = _need(missions, ("kind", "start", "end", "end_precision"), "csdp_missions")
    for v, name in ((first, "first"), (last, "last")):
        if isinstance(v, bool) or not isinstance(v, int):
            raise MissionsError(f"missions.running_by_year: {name} must be a year (int), got {v!r}")
    if last < first:
        raise MissionsError(f"missions.running_by_year: last ({last}) is before first ({first})")
    rows = []
    for year in range(first, last + 1):
        on = running_at(t, f"{year}-{month_day}")
        counts = on["kind"].astype(str).value_counts()
        row = {"year": year, **{k: int(counts.get(k, 0)) for k in KINDS}}
        row["total"] = sum(row[k] for k in KINDS)
        row["civilian_share"] = round(100 * row["civilian"] / row["total"], 1) if row["total"] else float("nan")
        rows.append(row)
    return pd.DataFrame(rows).set_index("year")


def matching_dates(missions: pd.DataFrame, total: int, civilian: int | None = None,
                   first: str = "2003-01-01", last: str | pd.Timestamp = AS_OF) -> pd.DataFrame:
    """Periods (first day, last day, days) in which the table shows ``total`` running missions (and, if
    given, ``civilian`` civilian ones): the dates at which a source's count would be right."""
    t = _need(missions, ("kind", "start", "start_precision", "end", "end_precision"), "csdp_missions")
    days = pd.date_range(_day(first), _day(last), freq="D")
    start = t["start"].to_numpy()
    end = known_until(t).to_numpy()
    civ = (t["kind"].astype(str) == "civilian").to_numpy()
    ok = []
    for d in days.to_numpy():
        on = (start <= d) & (end >= d)
        ok.append(on.sum() == total and (civilian is None or (on & civ).sum() == civilian))
    flags = pd.Series(ok, index=days)
    runs, begin = [], None
    for d, f in flags.items():
        if f and begin is None:
            begin = d
        if not f and begin is not None:
            runs.append((begin, d - pd.Timedelta(days=1)))
            begin = None
    if begin is not None:
        runs.append((begin, days[-1]))
    return pd.DataFrame([{"from": a, "to": b, "days": (b - a).days + 1} for a, b in runs],
                        columns=["from", "to", "days"])


# ------------------------------------------------------------------------------------------ display
_e = escape_html
#: Okabe–Ito colours of the kinds (see jesc.style.OKABE_ITO); patterns add a second channel.
_FILL = {"civilian": "#009E73", "military": "#D55E00", "civilian-military": "#CC79A7"}
_W, _LEFT, _RIGHT, _ROW, _TOP, _GAP = 760, 150, 16, 11, 22, 22
#: How the explorer names its two lanes, and the count that the page's script fills too.
LANE_TITLES = {"Japan": "Japan", "EU": "EU (CSDP)"}
COUNT = "Showing {0} of {1} missions and deployments."
NO_SCRIPT = ("All missions and deployments are listed below. With JavaScript on, the filters narrow the list; "
             "in a running notebook the same filters are live widgets.")
LEGEND = ("Bars: dark fill civilian, hatched military, dotted civilian-military. A bar ending in an arrow head "
          "is ongoing as of a dated record (its date is in the list) and is drawn to {0}; a bar ending in a "
          "faint dashed stub and \"?\" has an end that no record gives: it is drawn over its start only, never "
          "to today.")


def _records(both: pd.DataFrame, as_of: pd.Timestamp) -> list[dict[str, Any]]:
    out = []
    for _, r in both.iterrows():
        status = str(r["end_status"])
        end = as_of if status == "ongoing" else min(r["last"], as_of)
        out.append({
            "id": f"{r['lane']}-{r['id']}", "lane": str(r["lane"]), "label": str(r["label"]),
            "name": str(r["name"]), "kind": str(r["kind"]), "region": str(r["region"]),
            "start": float(r["start"].year + (r["start"].day_of_year - 1) / 366),
            "end": float(end.year + (end.day_of_year - 1) / 366),
            "from": int(r["start"].year), "to": int(end.year), "open": bool(r["open"]), "status": status,
            "dates": tf("{0} to {1}", r["start_label"], r["dates_end"]),
            "source": str(r["source"])})
    return out


def _chart(dom: str, recs: list[dict[str, Any]], first: int, last: int) -> str:
    n_jp = sum(1 for r in recs if r["lane"] == "Japan")
    height = _TOP + _ROW * len(recs) + _GAP + 30
    span = max(last - first, 1)

    def x(year: float) -> float:
        return _LEFT + (year - first) / span * (_W - _LEFT - _RIGHT)

    out = [f'<svg class="jesc-pk-chart" viewBox="0 0 {_W} {height}" aria-hidden="true" focusable="false">',
           f'<defs><pattern id="{dom}-p-military" width="6" height="6" patternUnits="userSpaceOnUse" '
           f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{_FILL["military"]}"/>'
           '<line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="2"/></pattern>'
           f'<pattern id="{dom}-p-civilian-military" width="5" height="5" patternUnits="userSpaceOnUse">'
           f'<rect width="5" height="5" fill="{_FILL["civilian-military"]}"/>'
           '<circle cx="2.5" cy="2.5" r="1.1" fill="#000"/></pattern></defs>']
    fills = {"civilian": _FILL["civilian"], "military": f"url(#{dom}-p-military)",
             "civilian-military": f"url(#{dom}-p-civilian-military)"}
    for year in range((first // 5) * 5, last + 1, 5):
        if year >= first:
            out.append(f'<line class="jesc-pk-tick" x1="{x(year):.1f}" x2="{x(year):.1f}" y1="{_TOP - 6}" '
                       f'y2="{height - 26}"/><text class="jesc-pk-axis" x="{x(year):.1f}" y="{height - 12}" '
                       f'text-anchor="middle">{year}</text>')
    out.append(f'<text class="jesc-pk-lane" x="4" y="{_TOP - 8}">{t_html(LANE_TITLES["Japan"])}</text>'
               f'<text class="jesc-pk-lane" x="4" y="{_TOP + _ROW * n_jp + _GAP - 8}">'
               f'{t_html(LANE_TITLES["EU"])}</text>')
    for i, r in enumerate(recs):
        y = _TOP + _ROW * i + (_GAP if r["lane"] == "EU" else 0)
        x0, x1 = x(r["start"]), max(x(r["end"]), x(r["start"]) + 2)
        stub = ""
        if r["status"] == "unknown":  # a fading dashed stub and "?", never drawn to today
            w = (_W - _LEFT - _RIGHT) / span * 1.5
            stub = (f'<rect class="jesc-pk-rect jesc-pk-open" fill="{fills.get(r["kind"], "#999")}" '
                    f'fill-opacity="0.3" x="{x1:.1f}" y="{y + 3}" width="{w:.1f}" height="{_ROW - 6}"/>'
                    f'<text class="jesc-pk-axis" x="{x1 + w + 2:.1f}" y="{y + 8}">?</text>')
        elif r["status"] == "ongoing":
            stub = (f'<text class="jesc-pk-axis" x="{x1 + 2:.1f}" y="{y + 8}">&#9656;</text>')
        out.append(f'<g class="jesc-pk-bar" data-id="{_e(r["id"])}" data-kind="{_e(r["kind"])}">'
                   f'<title>{_e(r["label"])}: {_e(r["dates"])} ({_e(t(r["kind"]))})</title>'
                   f'<text class="jesc-pk-axis" x="{_LEFT - 6}" y="{y + 8}" text-anchor="end">'
                   f'{_e(r["label"][:24])}</text>'
                   f'<rect class="jesc-pk-rect" '
                   f'fill="{fills.get(r["kind"], "#999")}" x="{x0:.1f}" y="{y + 1}" width="{x1 - x0:.1f}" '
                   f'height="{_ROW - 2}"/>{stub}</g>')
    out.append("</svg>")
    return "".join(out)


def render_html(both: pd.DataFrame, dom_id: str = "jesc-pk-explorer", title: str = "Missions explorer",
                as_of: pd.Timestamp = AS_OF) -> str:
    """Self-contained HTML: filters (kind, region, years), a two-lane Gantt chart and the list of missions
    (all visible without JavaScript; ``_static/jesc-peacekeeping.js`` makes the filters work)."""
    _need(both, ("lane", "id", "label", "kind", "region", "start", "end", "open", "end_status", "last",
                 "dates_end"), "combined")
    recs = _records(both, as_of)
    dom = _e(dom_id)
    first = min([r["from"] for r in recs] or [2000])
    last = max([r["to"] for r in recs] or [2001]) + 1
    regions = sorted({r["region"] for r in recs})
    kinds = [k for k in KINDS if any(r["kind"] == k for r in recs)]
    n = len(recs)
    page = bibliography_href()
    out = [f'<section class="jesc-pk-explorer" id="{dom}" aria-labelledby="{dom}-title">',
           f'<h3 class="jesc-pk-title" id="{dom}-title">{_e(t(title))}</h3>',
           f'<p class="jesc-pk-nojs">{t_html(NO_SCRIPT)}</p>',
           f'<form class="jesc-pk-filters" aria-label="{_e(t("Filter the missions"))}" hidden>',
           f'<fieldset><legend>{t_html("Kind of mission")}</legend>']
    for k in kinds:
        kid = f"{dom}-kind-{_e(k)}"
        out.append(f'<span class="jesc-pk-opt"><input type="checkbox" id="{kid}" name="kind" value="{_e(k)}" '
                   f'checked><label for="{kid}"><span class="jesc-pk-key jesc-pk-{_e(k)}" aria-hidden="true">'
                   f'</span>{_e(t(k))}</label></span>')
    out.append('</fieldset><div class="jesc-pk-selects">')
    out.append(f'<label for="{dom}-region">{t_html("Region")}</label> <select id="{dom}-region" name="region">'
               f'<option value="">{t_html("All regions")}</option>'
               + "".join(f'<option value="{_e(g)}">{_e(g)}</option>' for g in regions) + "</select> ")
    years = range(first, last)
    out.append(f'<label for="{dom}-from">{t_html("From")}</label> <select id="{dom}-from" name="from">'
               + "".join(f'<option value="{y}"{" selected" if y == first else ""}>{y}</option>' for y in years)
               + "</select> ")
    out.append(f'<label for="{dom}-to">{t_html("to")}</label> <select id="{dom}-to" name="to">'
               + "".join(f'<option value="{y}"{" selected" if y == last - 1 else ""}>{y}</option>'
                         for y in years) + "</select> ")
    out.append(f'<button type="reset">{t_html("Show all")}</button></div></form>')
    out.append(f'<p class="jesc-pk-count" id="{dom}-count" role="status" aria-live="polite">'
               f'{tf_html(COUNT, n, n)}</p>')
    out.append(_chart(dom, recs, first, last))
    out.append(f'<p class="jesc-pk-legend">{tf_html(LEGEND, as_of.year)}</p>')
    for lane in LANES:
        out.append(f'<h4 class="jesc-pk-lane-title">{t_html(LANE_TITLES[lane])}</h4>'
                   f'<ol class="jesc-pk-list" id="{dom}-list-{lane}">')
        for r in recs:
            if r["lane"] != lane:
                continue
            out.append(
                f'<li id="{dom}-item-{_e(r["id"])}" class="jesc-pk-item" data-id="{_e(r["id"])}" '
                f'data-lane="{_e(lane)}" data-kind="{_e(r["kind"])}" data-region="{_e(r["region"])}" '
                f'data-from="{r["from"]}" data-to="{r["to"]}"><details><summary>'
                f'<span class="jesc-pk-label">{_e(r["label"])}</span> '
                f'<span class="jesc-pk-badge jesc-pk-{_e(r["kind"])}">{_e(t(r["kind"]))}</span> '
                f'{_e(r["dates"])}</summary><p>'
                + tf_html("{0}. Region: {1}. Source: {2}.", _e(r["name"]), _e(r["region"]),
                          cite_html(r["source"], page))
                + '</p></details></li>')
        out.append("</ol>")
    data = {"total": n, "first": first, "last": last - 1,
            "items": [{k: r[k] for k in ("id", "lane", "kind", "region", "from", "to")} for r in recs]}
    ui = script_templates(COUNT)
    if ui:  # the count's template in the edition's language (the script knows the English one)
        data["ui"] = ui
    out.append(f'<script type="application/json" class="jesc-pk-data">{json_for_script(data)}</script>')
    out.append("</section>")
    return "\n".join(out)


def _matches(both: pd.DataFrame, kinds: list[str], region: str, first: int, last: int,
             as_of: pd.Timestamp = AS_OF) -> pd.DataFrame:
    status = both["end_status"].astype(str)
    last_day = both["last"].where(status != "ongoing", as_of).clip(upper=as_of)
    end_year = last_day.dt.year
    on = both["kind"].astype(str).isin(kinds) & (both["start"].dt.year <= last) & (end_year >= first)
    if region:
        on &= both["region"] == region
    return both[on]


@dataclass
class Explorer:
    """The missions explorer as one display object (widget live, HTML in the book, text in plain)."""

    both: pd.DataFrame
    title: str = "Missions explorer"

    def _plain(self) -> str:
        lanes = self.both["lane"].astype(str).value_counts()
        return tf("{0}: {1} Japanese deployments and {2} EU missions, {3} to {4}", t(self.title),
                  lanes.get("Japan", 0), lanes.get("EU", 0), self.both["start"].dt.year.min(),
                  self.both["start"].dt.year.max())

    def _repr_mimebundle_(self, include=None, exclude=None):
        html = render_html(self.both, dom_id("pk-explorer"), self.title)
        return dual_bundle(self._plain(), html, lambda: make_widget(self.both), self._printed())

    def _printed(self) -> str:
        recs = _records(self.both, AS_OF)
        table = markdown_table([t(c) for c in ("Lane", "Mission or deployment", "Kind", "Region", "Dates",
                                               "Source")],
                               [(t(r["lane"]), r["label"], t(r["kind"]), r["region"], r["dates"],
                                 cite_text(r["source"])) for r in recs])
        return print_form(t(self.title), self._plain() + ".", [(t("Every row of the explorer"), table)])

    def __repr__(self) -> str:
        return f"<Missions explorer: {len(self.both)} rows>"


def explorer(deployments: pd.DataFrame, missions: pd.DataFrame, title: str = "Missions explorer") -> Explorer:
    """The interactive two-lane explorer (display it by ending a cell with it)."""
    return Explorer(combined(deployments, missions), title)


def make_widget(both: pd.DataFrame):
    """Live version: a checkbox per kind, a region menu, a year-range slider, the filtered lists."""
    import ipywidgets as w

    kinds = [k for k in KINDS if (both["kind"].astype(str) == k).any()]
    boxes = {k: w.Checkbox(value=True, description=t(k), indent=False, layout=w.Layout(width="auto"))
             for k in kinds}
    region = w.Dropdown(options=[(t("All regions"), "")] + [(g, g) for g in sorted(both["region"].unique())],
                        description=t("Region"))
    first = int(both["start"].dt.year.min())
    last = int(AS_OF.year if (both["end_status"].astype(str) == "ongoing").any()
               else both["last"].dt.year.max())
    years = w.IntRangeSlider(value=(first, last), min=first, max=last, description=t("Years"))
    out = w.HTML()
    page = bibliography_href()

    def refresh(_change=None):
        chosen = [k for k, b in boxes.items() if b.value]
        sub = _matches(both, chosen, region.value, *years.value)
        parts = []
        for lane in LANES:
            rows = sub[sub["lane"] == lane]
            items = "".join(f"<li><b>{_e(r['label'])}</b> [{_e(t(r['kind']))}, {_e(r['region'])}] "
                            f"{tf_html('{0} to {1}', _e(r['start_label']), _e(r['dates_end']))}"
                            f" <small>({cite_html(r['source'], page)})</small></li>"
                            for _, r in rows.iterrows())
            parts.append(f"<h4>{t_html(lane)}: {len(rows)}</h4><ol>{items}</ol>")
        out.value = f"<p>{tf_html(COUNT, len(sub), len(both))}</p>" + "".join(parts)

    for widget in (*boxes.values(), region, years):
        widget.observe(refresh, names="value")
    refresh()
    return w.VBox([w.HBox(list(boxes.values())), w.HBox([region, years]), out])


# --------------------------------------------------------------------------------------------- figure
_HATCH = {"civilian": "", "military": "////", "civilian-military": ".."}


def plot_gantt(both: pd.DataFrame, lane: str | None = None, as_of: pd.Timestamp = AS_OF,
               source: str | None = None):
    """A Gantt chart of one lane ("Japan" or "EU"), or of both (Japan above), in the course style.

    Colour and hatching both encode the kind; each bar's end is drawn by :func:`jesc.style.period_bar`: an
    ongoing row (a dated record says it was still running) to ``as_of`` with an arrow head, an unknown end
    as a fading dashed stub with "?" (never to ``as_of``). ``as_of`` is also the right edge of the axis.
    Display the figure with ``jesc.style.show(fig)``.
    """
    import textwrap

    import matplotlib.dates as mdates
    from matplotlib.patches import Patch

    from jesc import style

    t = _need(both, ("lane", "label", "kind", "start", "end", "open", "end_status", "last"), "combined")
    lanes = LANES if lane is None else (lane,)
    if any(name not in LANES for name in lanes):
        raise MissionsError(f"plot_gantt: unknown lane {lane!r}; expected one of {', '.join(LANES)}")
    t = t[t["lane"].astype(str).isin(lanes)]
    names = [textwrap.fill(str(label), 34) for label in t["label"]]
    row = 0.44 if any("\n" in n for n in names) else 0.27
    fig, ax = style.figure(8.0, max(3.2, row * len(t) + 2.4))
    labels, ys = [], []
    y = 0.0
    for name in lanes:
        for _, r in t[t["lane"].astype(str) == name].iterrows():
            style.period_bar(ax, y, r["start"], r["last"], str(r["end_status"]), until=as_of,
                             color=_FILL[str(r["kind"])], hatch=_HATCH[str(r["kind"])])
            prefix = f"{'Japan' if name == 'Japan' else 'EU'}: " if lane is None else ""
            labels.append(prefix + textwrap.fill(str(r["label"]), 34))
            ys.append(y)
            y += 1
        if lane is None and name == "Japan":
            ax.axhline(y - 0.5 + 0.75, color="black", linewidth=0.8)
            y += 1.5
    ax.set_yticks(ys, labels, fontsize=10)
    ax.set_ylim(y - 0.4, -0.6)
    first = pd.Timestamp(f"{int(t['start'].min().year) - 1}-01-01")
    ax.set_xlim(first, as_of + pd.Timedelta(days=366))
    ax.xaxis.set_major_locator(mdates.YearLocator(5))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.tick_params(axis="x", labelsize=10)
    ax.grid(axis="x", color="#d0d0d0", linewidth=0.6)
    ax.grid(axis="y", visible=False)
    what = {"Japan": "Japan's deployment", "EU": "EU mission or operation"}
    style.label(ax, x="Year (start to end of each row)",
                y=what[lane] if lane else "Japan above, EU below")
    handles = [Patch(facecolor=_FILL[k], hatch=_HATCH[k], edgecolor="black", label=k) for k in KINDS]
    handles.extend(style.period_legend_handles())
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.0, 1.0), fontsize=10, ncols=2)
    default = {"Japan": "Course data: Japan's deployments; the kind is read from what Japan sent.",
               "EU": "Course data: the EU's CSDP missions and operations."}
    style.source(fig, source or default.get(lane, "Course data: Japan's deployments and the EU's CSDP "
                                            "missions."))
    return fig
