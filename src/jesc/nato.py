"""Part I (How Japan uses NATO): the computations its sections share, and the US-troops explorer.

In a notebook::

    import jesc
    from jesc import nato
    ops = jesc.load("nato_operations")
    deployments = jesc.load("japan_deployments")
    nato.running_per_year(ops, by="region")          # operations running each year
    nato.side_by_side(ops, deployments)               # Japan's deployments in the same theatre
    troops = jesc.load("us_troops_abroad")
    nato.troops_by_group(troops)                      # US troops in European and Asian hosts
    nato.share_of_exercises(jesc.load("mme_japan_europe_exercises"), by="decade")
    nato.troops_explorer(troops)                      # year slider: live widget, static HTML

Every function checks that it got the table it expects and raises :class:`NatoError` (a
:class:`jesc.errors.CourseError`) naming the table, the column or the argument that is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping

import pandas as pd

from jesc import checks
from jesc.citations import cite_html, cite_text
from jesc.data import active_in, end_status, known_until, resource
from jesc.errors import CourseError
from jesc.i18n import script_templates, t, tf
from jesc.static_html import (dom_id, dual_bundle, escape_html, json_for_script, markdown_table, print_form,
                               t_html, tf_html)

__all__ = [
    "NatoError", "THEATRES", "HOST_GROUPS", "running_per_year", "side_by_side", "troops_by_group",
    "share_of_exercises", "spending_gap", "troops_explorer", "render_troops_html", "TroopsExplorer",
]

#: Which countries of ``japan_deployments`` lie in which region of ``nato_operations``. Only the
#: regions where Japan deployed in the course data: NATO's two "Middle East" rows (NTM-I and NATO
#: Mission Iraq) are both in Iraq, so the Golan Heights and Sinai are deliberately not included.
THEATRES: dict[str, tuple[str, ...]] = {
    "Afghanistan": ("AFG",),
    "Horn of Africa and Indian Ocean": ("DJI", "SOM"),
    "Middle East": ("IRQ",),
}

#: US host countries of ``us_troops_abroad`` by region.
HOST_GROUPS: dict[str, tuple[str, ...]] = {
    "Europe": ("DEU", "ITA", "GBR"),
    "Asia": ("JPN", "KOR"),
}


class NatoError(CourseError):
    """A bad request to the Part I helpers: wrong table, unknown column, bad year or group."""


def _table(obj: Any, name: str, columns: Iterable[str]) -> pd.DataFrame:
    return checks.table(obj, name, columns, NatoError, "nato")


def _year(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise NatoError(f"nato: {what} must be a year as an integer, got {value!r}")
    return value


# ------------------------------------------------------------------------------- operations
def running_per_year(ops: pd.DataFrame, by: str = "region", first: int | None = None,
                     last: int = 2024) -> pd.DataFrame:
    """Operations of ``nato_operations`` running in each year (rows) by ``by`` (columns).

    An operation counts in every calendar year in which it runs on at least one day
    (:func:`jesc.data.active_in`): an ongoing row up to ``last``, a row whose end is unknown only in
    the year of its start (an unknown end is never counted as "still running").
    """
    ops = _table(ops, "nato_operations", ("id", "start", "end", "region", "kind"))
    if not isinstance(by, str) or by not in ("region", "kind"):
        raise NatoError(f"nato.running_per_year: by must be 'region' or 'kind', got {by!r}")
    last = _year(last, "last")
    starts = ops["start"].dt.year
    first = int(starts.min()) if first is None else _year(first, "first")
    if first > last:
        raise NatoError(f"nato.running_per_year: first ({first}) is after last ({last})")
    cats = sorted(ops[by].astype(str).unique())
    table = pd.DataFrame(0, index=pd.RangeIndex(first, last + 1, name="year"), columns=cats)
    groups = ops[by].astype(str)
    for year in table.index:
        counts = groups[active_in(ops, int(year))].value_counts()
        for c, n in counts.items():
            table.loc[year, c] = int(n)
    table.columns.name = by
    table["total"] = table.sum(axis=1)
    return table


def side_by_side(ops: pd.DataFrame, deployments: pd.DataFrame,
                 theatres: Mapping[str, Iterable[str]] | None = None) -> pd.DataFrame:
    """Pairs of a NATO operation and a Japanese deployment in the same theatre at the same time.

    A deployment whose end is unknown counts only if it *started* while the operation ran, and its
    overlap ends with its start's period (:func:`jesc.data.known_until`: the data do not show that it
    lasted); an ongoing one runs on with the operation. Columns: operation,
    acronym, deployment, how (the deployment's framework), overlap_from, overlap_to, years
    (length of the overlap, one decimal) and end_known.
    """
    ops = _table(ops, "nato_operations", ("id", "acronym", "start", "end", "region"))
    dep = _table(deployments, "japan_deployments", ("id", "name", "framework", "country",
                                                   "start", "end"))
    ops = ops.assign(_last=known_until(ops))
    dep = dep.assign(_last=known_until(dep), _status=end_status(dep))
    theatres = THEATRES if theatres is None else theatres
    if not isinstance(theatres, Mapping):
        raise NatoError(f"nato.side_by_side: theatres must map a region to country codes, "
                        f"got {type(theatres).__name__}")
    rows = []
    for _, op in ops.iterrows():
        codes = set(theatres.get(str(op["region"]), ()))
        if not codes:
            continue
        op_end = op["_last"]
        for _, d in dep.iterrows():
            here = set(str(d["country"]).split(";")) if pd.notna(d["country"]) else set()
            if not here & codes:
                continue
            end_known = d["_status"] == "ended"
            if d["_status"] == "unknown" and not op["start"] <= d["start"] <= op_end:
                continue
            lo, hi = max(op["start"], d["start"]), min(op_end, d["_last"])
            if lo > hi:
                continue
            to = hi if hi != pd.Timestamp.max else pd.NaT
            years = round((to - lo).days / 365.25, 1) if pd.notna(to) else float("nan")
            rows.append({"operation": str(op["id"]), "acronym": str(op["acronym"]),
                         "deployment": str(d["id"]), "how": str(d["framework"]),
                         "overlap_from": lo, "overlap_to": to, "years": years,
                         "end_known": bool(end_known)})
    cols = ["operation", "acronym", "deployment", "how", "overlap_from", "overlap_to", "years",
            "end_known"]
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["overlap_from", "operation"], kind="stable").reset_index(drop=True)


# ----------------------------------------------------------------------------------- troops
def troops_by_group(troops: pd.DataFrame,
                    groups: Mapping[str, Iterable[str]] | None = None) -> pd.DataFrame:
    """US troops per year (rows) summed over each group of host countries (columns), plus
    ``share_<group>`` columns (per cent of the hosts in the table, one decimal)."""
    troops = _table(troops, "us_troops_abroad", ("country", "year", "troops"))
    groups = HOST_GROUPS if groups is None else groups
    if not isinstance(groups, Mapping) or not groups:
        raise NatoError("nato.troops_by_group: groups must map a name to country codes, "
                        "e.g. {'Europe': ['DEU'], 'Asia': ['JPN']}")
    known = set(troops["country"].astype(str))
    wide = troops.pivot_table(index="year", columns="country", values="troops", aggfunc="sum")
    out = pd.DataFrame(index=wide.index)
    for name, codes in groups.items():
        codes = [codes] if isinstance(codes, str) else list(codes)
        bad = [c for c in codes if c not in known]
        if bad:
            raise NatoError(f"nato.troops_by_group: no host {bad} in us_troops_abroad; "
                            f"the table has {', '.join(sorted(known))}")
        out[name] = wide[codes].sum(axis=1, min_count=len(codes))
    total = out[list(groups)].sum(axis=1)
    for name in groups:
        out[f"share_{name}"] = (out[name] / total * 100).round(1)
    out = out.dropna()
    out[list(groups)] = out[list(groups)].astype(int)
    return out


# -------------------------------------------------------------------------------- exercises
def share_of_exercises(mme: pd.DataFrame, by: str = "decade") -> pd.DataFrame:
    """Exercises with Japan and with Japan and a European state, summed per decade (or per
    year), with the share (per cent, one decimal) that included a European state."""
    mme = _table(mme, "mme_japan_europe_exercises",
                 ("year", "with_japan", "with_japan_and_european_state"))
    if by not in ("decade", "year"):
        raise NatoError(f"nato.share_of_exercises: by must be 'decade' or 'year', got {by!r}")
    key = mme["year"] // 10 * 10 if by == "decade" else mme["year"]
    out = mme.groupby(key.rename(by))[["with_japan", "with_japan_and_european_state"]].sum()
    share = out["with_japan_and_european_state"] / out["with_japan"].where(out["with_japan"] > 0)
    out["share_european"] = (share * 100).round(1)
    return out


# ---------------------------------------------------------------------------------- spending
def spending_gap(milex: pd.DataFrame, country: str = "Japan",
                 others: Iterable[str] = ("France", "Germany", "Italy", "United Kingdom")
                 ) -> pd.DataFrame:
    """Military spending as a share of GDP: ``country`` against the median of ``others``, per
    year where all are known. Columns: the country, the others' median and the gap (points)."""
    milex = _table(milex, "military_expenditure_recent", ("entity", "year", "share_gdp"))
    others = [others] if isinstance(others, str) else list(others)
    names = set(milex["entity"].astype(str))
    bad = [e for e in [country, *others] if e not in names]
    if bad or not others:
        raise NatoError(f"nato.spending_gap: unknown entity {bad or 'none given'}; the table has "
                        f"{', '.join(sorted(names))}")
    wide = milex.pivot_table(index="year", columns="entity", values="share_gdp")
    wide = wide[[country, *others]].dropna()
    out = pd.DataFrame({country: wide[country], "median of others": wide[others].median(axis=1)})
    out["gap"] = (out[country] - out["median of others"]).round(2)
    return out


# --------------------------------------------------------------------------- the explorer
_e = escape_html


def _troop_series(troops: pd.DataFrame) -> tuple[list[int], list[dict[str, Any]]]:
    troops = _table(troops, "us_troops_abroad", ("country", "country_name", "year", "troops"))
    wide = troops.pivot_table(index="year", columns="country", values="troops", aggfunc="sum")
    wide = wide.dropna().astype(int)
    names = troops.drop_duplicates("country").set_index("country")["country_name"]
    region = {c: g for g, cs in HOST_GROUPS.items() for c in cs}
    hosts = [{"code": c, "name": str(names[c]), "region": region.get(c, "other"),
              "troops": [int(v) for v in wide[c]]} for c in wide.columns]
    return [int(y) for y in wide.index], hosts


TROOPS_TITLE = "US troops by host country and year"
TROOPS_NO_SCRIPT = ("The table shows {0}. With JavaScript on, the slider changes the year; in a running "
                    "notebook the slider is a live widget.")
#: Templates that the page's script fills too (``_static/jesc-troops.js``): the status and the caption.
TROOPS_STATUS = "{0}. US troops in the hosts of the table, {1}."
TROOPS_CAPTION = ("US active-duty troops in {0}, by host country (bar length relative to the largest count in "
                  "the table, {1})")


def render_troops_html(troops: pd.DataFrame, dom: str = "jesc-troops",
                       year: int | None = None) -> str:
    """Self-contained HTML: a year slider, a bar per host and a table of the chosen year (the
    table is right without JavaScript; ``_static/jesc-troops.js`` makes the slider work)."""
    years, hosts = _troop_series(troops)
    if not years:
        raise NatoError("nato.troops_explorer: us_troops_abroad has no year with every host")
    year = years[-1] if year is None else _year(year, "year")
    if year not in years:
        raise NatoError(f"nato.troops_explorer: year {year} is not in the table "
                        f"({years[0]}–{years[-1]})")
    i = years.index(year)
    top = max(max(h["troops"]) for h in hosts) or 1
    d = _e(dom)
    out = [f'<section class="jesc-troops" id="{d}" aria-labelledby="{d}-title">',
           f'<h3 class="jesc-tr-title" id="{d}-title">{t_html(TROOPS_TITLE)}</h3>',
           f'<p class="jesc-tr-nojs">{tf_html(TROOPS_NO_SCRIPT, year)}</p>',
           f'<div class="jesc-tr-controls" hidden><label for="{d}-year">{t_html("Year")}</label> '
           f'<input type="range" id="{d}-year" min="{years[0]}" max="{years[-1]}" step="1" '
           f'value="{year}" aria-describedby="{d}-status"> '
           f'<output id="{d}-out" for="{d}-year">{year}</output></div>',
           f'<p class="jesc-tr-status" id="{d}-status" role="status" aria-live="polite">'
           f'{_e(_status(hosts, year, i))}</p>',
           f'<table class="jesc-tr-table"><caption>{tf_html(TROOPS_CAPTION, year, f"{top:,}")}</caption>',
           f'<thead><tr><th scope="col">{t_html("Host")}</th><th scope="col">{t_html("Region")}</th>'
           f'<th scope="col">{t_html("Troops")}</th><th scope="col"><span class="jesc-tr-sr">'
           f'{t_html("Bar")}</span></th></tr></thead><tbody>']
    for h in hosts:
        v = h["troops"][i]
        out.append(f'<tr data-code="{_e(h["code"])}"><th scope="row">{_e(h["name"])}</th>'
                   f'<td>{_e(t(h["region"]))}</td><td class="jesc-tr-num">{v:,}</td>'
                   f'<td class="jesc-tr-barcell" aria-hidden="true"><span class="jesc-tr-bar '
                   f'jesc-tr-{_e(h["region"])}" style="width:{v / top * 100:.1f}%"></span></td>'
                   '</tr>')
    out.append("</tbody></table>")
    out.append(f'<p class="jesc-tr-source">{tf_html("Source: {0}.", cite_html(_troops_sources()))}</p>')
    data = {"years": years, "hosts": hosts, "top": top}
    # the script's templates and the regions' names in the edition's language (it knows the English)
    ui = script_templates(TROOPS_STATUS, TROOPS_CAPTION, *dict.fromkeys(h["region"] for h in hosts))
    if ui:
        data["ui"] = ui
    out.append(f'<script type="application/json" class="jesc-troops-data">'
               f'{json_for_script(data)}</script>')
    out.append("</section>")
    return "\n".join(out)


def _troops_sources() -> str:
    """The bibliography keys of ``us_troops_abroad`` (its ``jesc:citation`` in datapackage.json)."""
    return "; ".join(resource("us_troops_abroad").get("jesc:citation", []))


def _status(hosts: list[dict[str, Any]], year: int, i: int) -> str:
    by_region: dict[str, int] = {}
    for h in hosts:
        by_region[h["region"]] = by_region.get(h["region"], 0) + h["troops"][i]
    parts = "; ".join(f"{t(r)}: {v:,}" for r, v in by_region.items())
    return tf(TROOPS_STATUS, year, parts)


@dataclass
class TroopsExplorer:
    """The year slider over ``us_troops_abroad`` as one display object."""

    troops: pd.DataFrame
    year: int | None = None

    def _repr_mimebundle_(self, include=None, exclude=None):
        html = render_troops_html(self.troops, dom_id("troops"), self.year)
        years, hosts = _troop_series(self.troops)
        plain = tf("US troops explorer: {0} hosts, {1}–{2}", len(hosts), years[0], years[-1])
        year = years[-1] if self.year is None else self.year
        i, j = years.index(year), 0
        table = markdown_table([t("Host country"), tf("Troops {0}", years[j]), tf("Troops {0}", year)],
                               [(h["name"], f"{h['troops'][j]:,}", f"{h['troops'][i]:,}") for h in hosts])
        printed = print_form(t(TROOPS_TITLE), plain + ".",
                             [(tf("US active-duty troops by host country, {0} and {1}. Source: {2}", years[j],
                                  year, cite_text(_troops_sources())), table)])
        return dual_bundle(plain, html, lambda: make_widget(self.troops, self.year), printed)

    def __repr__(self) -> str:
        return "<US troops explorer>"


def troops_explorer(troops: pd.DataFrame, year: int | None = None) -> TroopsExplorer:
    """The year slider over US troops by host (display it by ending a cell with it)."""
    years, _ = _troop_series(troops)
    if year is not None and _year(year, "year") not in years:
        raise NatoError(f"nato.troops_explorer: year {year} is not in the table "
                        f"({years[0]}–{years[-1]})")
    return TroopsExplorer(troops, year)


def make_widget(troops: pd.DataFrame, year: int | None = None):
    """Live version: an integer slider and the bars and table of the chosen year."""
    import ipywidgets as w

    years, hosts = _troop_series(troops)
    slider = w.IntSlider(value=year or years[-1], min=years[0], max=years[-1],
                         description=t("Year"), continuous_update=False)
    out = w.HTML()
    top = max(max(h["troops"]) for h in hosts) or 1
    source = cite_html(_troops_sources())

    def refresh(_change=None):
        i = years.index(slider.value)
        rows = "".join(
            f"<tr><th>{_e(h['name'])}</th><td>{_e(t(h['region']))}</td>"
            f"<td style='text-align:right'>{h['troops'][i]:,}</td><td><div style='background:"
            f"#0072B2;height:0.8em;width:{h['troops'][i] / top * 300:.0f}px'></div></td></tr>"
            for h in hosts)
        out.value = (f"<p>{_e(_status(hosts, slider.value, i))}</p>"
                     f"<table>{rows}</table><p>{tf_html('Source: {0}.', source)}</p>")

    slider.observe(refresh, names="value")
    refresh()
    return w.VBox([slider, out])
