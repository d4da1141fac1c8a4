"""Maps of the course: Natural Earth's countries (``data/basemap/countries-110m.json``, the npm
package world-atlas 2.0.2, public domain; see ``data/basemap/SOURCE.txt``), drawn with matplotlib
only, offline.

The course's tables name places by ISO 3166-1 alpha-3 codes (``country``: ``SOM``, ``SYR;ISR``).
A code becomes a point on a map through Natural Earth itself: :func:`point` is a representative
point of the country's largest polygon (its centroid when that lies inside, else the inside point
nearest to it), so no coordinate is typed by hand::

    from jesc import maps, style
    fig, ax = style.figure(8, 4.6)
    maps.draw(ax, extent=maps.EXTENTS["eurafrasia"])
    pts = maps.points(jesc.load("csdp_missions"), by="kind")
    maps.scatter(ax, pts, colours={...}, markers={...})

Natural Earth draws de facto boundaries; a map implies no position on a disputed territory. At this
scale Somaliland and Northern Cyprus are separate polygons without an ISO code: they are drawn, and
counted as part of Somalia (SOM) and Cyprus (CYP), the countries the ISO codes of the course's
tables name.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

import numpy as np
import pandas as pd

from jesc.errors import CourseError
from jesc.paths import data_dir

__all__ = ["MapError", "BASEMAP", "EXTENTS", "countries", "point", "points", "draw", "scatter",
           "shade", "SOURCE_LINE"]

#: The basemap file, relative to ``data/``.
BASEMAP = Path("basemap") / "countries-110m.json"
#: How a figure's source line names the basemap.
SOURCE_LINE = "basemap: Natural Earth (public domain), via world-atlas 2.0.2"
#: Map frames (west, east, south, north) in degrees.
EXTENTS: dict[str, tuple[float, float, float, float]] = {
    # from the Atlantic to Japan, from southern Africa to Scandinavia
    "eurafrasia": (-25.0, 150.0, -30.0, 62.0),
    # Europe, Africa and the Middle East
    "europe-africa": (-25.0, 75.0, -36.0, 62.0),
    # the Indian Ocean from the Gulf of Aden to the Straits of Malacca and the seas around Japan
    "indian-ocean": (30.0, 150.0, -15.0, 45.0),
}
# Polygons Natural Earth draws without an ISO code, and the ISO country they belong to.
_NO_CODE = {"Kosovo": "XKX", "Somaliland": "SOM", "N. Cyprus": "CYP"}
LAND = "#d9d9d9"
BORDER = "#ffffff"


class MapError(CourseError):
    """A country code the basemap does not draw, or a table a map cannot read."""


# ------------------------------------------------------------------------------ the TopoJSON
def _decode_arcs(topo: dict) -> list[np.ndarray]:
    """The arcs as arrays of (longitude, latitude): delta-decoded, then de-quantized."""
    scale = topo.get("transform", {}).get("scale", [1, 1])
    shift = topo.get("transform", {}).get("translate", [0, 0])
    out = []
    for arc in topo["arcs"]:
        a = np.cumsum(np.asarray(arc, dtype=float), axis=0) if "transform" in topo else np.asarray(arc, float)
        out.append(a * scale + shift)
    return out


def _ring(arcs: list[np.ndarray], indices: Iterable[int]) -> np.ndarray:
    parts = []
    for k, i in enumerate(indices):
        a = arcs[i] if i >= 0 else arcs[~i][::-1]
        parts.append(a if k == 0 else a[1:])
    return np.concatenate(parts)


@lru_cache(maxsize=2)
def _countries(path: str) -> dict[str, list[list[np.ndarray]]]:
    import pycountry

    try:
        topo = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise MapError(f"{path}: expected the world-atlas TopoJSON file ({e})") from None
    arcs = _decode_arcs(topo)
    out: dict[str, list[list[np.ndarray]]] = {}
    for g in topo["objects"]["countries"]["geometries"]:
        name = (g.get("properties") or {}).get("name", "")
        if g.get("id") is not None:
            found = pycountry.countries.get(numeric=str(g["id"]).zfill(3))
            code = found.alpha_3 if found else None
        else:
            code = _NO_CODE.get(name)
        if code is None:
            continue
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]] if g["type"] == "Polygon" else []
        out.setdefault(code, []).extend([[_east(_ring(arcs, r)) for r in poly] for poly in polys])
    return out


def _east(ring: np.ndarray) -> np.ndarray:
    """A ring that crosses the 180th meridian (Fiji, Russia's far east) drawn east of it, not as a
    band across the whole map."""
    if ring[:, 0].max() - ring[:, 0].min() > 180:
        ring = ring.copy()
        ring[ring[:, 0] < 0, 0] += 360
    return ring


def countries(path: Path | None = None) -> dict[str, list[list[np.ndarray]]]:
    """``{ISO alpha-3: [polygon, ...]}``, a polygon being a list of rings (arrays of lon, lat)."""
    return _countries(str(Path(path) if path is not None else data_dir() / BASEMAP))


def _area(ring: np.ndarray) -> float:
    x, y = ring[:, 0], ring[:, 1]
    return 0.5 * float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))


@lru_cache(maxsize=512)
def point(code: str) -> tuple[float, float]:
    """A representative point (longitude, latitude) of a country, from Natural Earth's polygons."""
    from matplotlib.path import Path as MplPath

    shapes = countries()
    if code not in shapes:
        raise MapError(f"maps.point: no country {code!r} in the basemap (Natural Earth 1:110m draws "
                       "ISO 3166-1 alpha-3 codes of countries large enough at that scale)")
    ring = max((poly[0] for poly in shapes[code]), key=lambda r: abs(_area(r)))
    a = _area(ring)
    x, y = ring[:, 0], ring[:, 1]
    cross = x * np.roll(y, -1) - np.roll(x, -1) * y
    cx = float(np.sum((x + np.roll(x, -1)) * cross) / (6 * a))
    cy = float(np.sum((y + np.roll(y, -1)) * cross) / (6 * a))
    outline = MplPath(ring)
    if outline.contains_point((cx, cy)):
        return round(cx, 2), round(cy, 2)
    # a concave shape: the inside point of a fine grid nearest to the centroid
    xs = np.linspace(x.min(), x.max(), 60)
    ys = np.linspace(y.min(), y.max(), 60)
    grid = np.array([(gx, gy) for gx in xs for gy in ys])
    inside = grid[outline.contains_points(grid)]
    best = inside[np.argmin(((inside - (cx, cy)) ** 2).sum(axis=1))]
    return round(float(best[0]), 2), round(float(best[1]), 2)


# ------------------------------------------------------------------------------ from the tables
def points(table: pd.DataFrame, by: str | None = None, column: str = "country",
           label: str | None = None) -> pd.DataFrame:
    """One row per country and group: ``country``, ``group`` (the value of ``by``, or ``"all"``),
    ``count`` (rows of ``table`` in that country and group), ``lon``, ``lat``, and ``labels`` (the
    values of ``label`` joined by ", ", if given). A row naming several countries (``SYR;ISR``)
    counts in each; a row with no country is left out, and so is a country too small for the
    1:110m basemap (the Seychelles): its code is listed in ``out.attrs["not_drawn"]``."""
    if not isinstance(table, pd.DataFrame):
        raise MapError(f"maps.points: expected a DataFrame, got {type(table).__name__}")
    missing = [c for c in (column, by, label) if c is not None and c not in table.columns]
    if missing:
        raise MapError(f"maps.points: no column {missing} in the table (columns: {list(table.columns)})")
    rows = []
    for _, r in table.iterrows():
        value = r[column]
        if value is None or (isinstance(value, float) and math.isnan(value)) or pd.isna(value):
            continue
        for code in str(value).replace(",", ";").split(";"):
            code = code.strip()
            if code:
                rows.append({"country": code, "group": str(r[by]) if by else "all",
                             "label": str(r[label]) if label else ""})
    if not rows:
        return pd.DataFrame(columns=["country", "group", "count", "labels", "lon", "lat"])
    df = pd.DataFrame(rows)
    shapes = countries()
    not_drawn = sorted(set(df.loc[~df["country"].isin(list(shapes)), "country"]))
    df = df[df["country"].isin(list(shapes))]
    out = (df.groupby(["country", "group"], sort=True)
             .agg(count=("label", "size"), labels=("label", lambda s: ", ".join(x for x in s if x)))
             .reset_index())
    xy = [point(c) for c in out["country"]]
    out["lon"] = [p[0] for p in xy]
    out["lat"] = [p[1] for p in xy]
    out.attrs["not_drawn"] = not_drawn
    return out


def _not_drawn(*frames: pd.DataFrame) -> str:
    """The source line's note on countries too small for the basemap, e.g. "; not drawn at this
    scale: SYC"."""
    codes = sorted({c for f in frames for c in f.attrs.get("not_drawn", [])})
    return f"; not drawn at this scale: {', '.join(codes)}" if codes else ""


# ------------------------------------------------------------------------------ drawing
def draw(ax, extent: tuple[float, float, float, float] | str = "eurafrasia",
         fill: Mapping[str, str] | None = None, land: str = LAND) -> None:
    """Draw every country (grey, white borders) in ``extent`` (west, east, south, north, or a name
    of :data:`EXTENTS`); ``fill`` colours chosen countries. The frame keeps true shapes at its
    middle latitude (equirectangular). Axes are labelled in degrees (the course's figures label
    every axis)."""
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath

    west, east, south, north = EXTENTS[extent] if isinstance(extent, str) else extent
    fill = dict(fill or {})
    unknown = sorted(set(fill) - set(countries()))
    if unknown:
        raise MapError(f"maps.draw: no country {unknown} in the basemap")
    for code, polys in sorted(countries().items()):
        rings = [r for poly in polys for r in poly]
        path = MplPath.make_compound_path(*[MplPath(r, closed=True) for r in rings])
        ax.add_patch(PathPatch(path, facecolor=fill.get(code, land), edgecolor=BORDER, linewidth=0.4,
                               zorder=1))
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_aspect(1 / math.cos(math.radians((south + north) / 2)))
    ax.set_facecolor("#ffffff")
    ax.grid(False)
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(True)
        ax.spines[side].set_color("#999999")
    ax.set_xlabel("Longitude (degrees east)")
    ax.set_ylabel("Latitude (degrees north)")


def scatter(ax, pts: pd.DataFrame, colours: Mapping[str, str], markers: Mapping[str, str],
            labels: Mapping[str, str] | None = None, offset: float = 1.6, size: float = 28.0,
            zorder: int = 3) -> None:
    """Mark each row of :func:`points` at its country: colour and marker by group, the marker's
    area growing with the count (``size`` per row). Groups in one country sit side by side
    (``offset`` degrees apart), so none hides another."""
    groups = [g for g in colours if g in set(pts["group"])]
    unknown = sorted(set(pts["group"]) - set(colours))
    if unknown:
        raise MapError(f"maps.scatter: no colour for group(s) {unknown}")
    for k, g in enumerate(groups):
        sub = pts[pts["group"] == g]
        shift = (k - (len(groups) - 1) / 2) * offset
        ax.scatter(sub["lon"] + shift, sub["lat"], s=size * np.sqrt(sub["count"].to_numpy(float)) * 1.6,
                   c=colours[g], marker=markers.get(g, "o"), edgecolors="#000000", linewidths=0.6,
                   label=(labels or {}).get(g, g), zorder=zorder)


def shade(codes: Iterable[str], colour) -> dict[str, str]:
    """``fill`` for :func:`draw`: the given countries in ``colour`` (those the basemap draws)."""
    known = countries()
    return {c: colour for c in codes if c in known}


# ------------------------------------------------------------------------------ place names
def codes_in(text: str) -> list[str]:
    """ISO codes of the countries whose name (Natural Earth's or ISO's) appears as words in
    ``text``: "NATO Mission Iraq" gives ``["IRQ"]``. Used to place rows that name a country in
    their name or region but have no ``country`` column."""
    import re

    import pycountry

    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            if getattr(c, attr, None):
                names[getattr(c, attr)] = c.alpha_3
    names.update({"Kosovo": "XKX"})
    found = []
    for name, code in sorted(names.items(), key=lambda kv: -len(kv[0])):
        if code in countries() and code not in found and re.search(rf"\b{re.escape(name)}\b", text):
            if not any(re.search(rf"\b{re.escape(name)}\b", longer) for longer in names
                       if longer != name and longer in text and name in longer):
                found.append(code)
    return found


def region_codes(table: pd.DataFrame, column: str = "country", region: str = "region") -> dict[str, list[str]]:
    """``{region: ISO codes}`` as a course table assigns countries to its regions (e.g. the
    ``csdp_missions`` table: "Western Balkans" -> BIH, MKD, XKX)."""
    out: dict[str, list[str]] = {}
    for _, r in table.iterrows():
        if pd.isna(r[column]) or not str(r[column]).strip():
            continue
        for code in str(r[column]).split(";"):
            if code.strip() and code.strip() not in out.setdefault(str(r[region]), []):
                out[str(r[region])].append(code.strip())
    return out


def piracy_areas() -> dict[str, list[str]]:
    """The countries of the sea areas of ``piracy_by_region`` (``gulf-of-aden-somalia``,
    ``south-east-asia``): the cleaning script's own lists (``data/cleaning/piracy_by_region.py``),
    so that the map shades what the counts count."""
    import importlib.util
    import sys

    folder = data_dir() / "cleaning"
    spec = importlib.util.spec_from_file_location("_jesc_piracy_by_region", folder / "piracy_by_region.py")
    if spec is None or spec.loader is None:
        raise MapError(f"{folder / 'piracy_by_region.py'}: not found")
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(folder))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(folder))
    return {"gulf-of-aden-somalia": sorted(module.HORN), "south-east-asia": sorted(module.SOUTH_EAST_ASIA)}


# ------------------------------------------------------------------------------ the course's maps
_C = {"blue": "#0072B2", "orange": "#E69F00", "green": "#009E73", "vermillion": "#D55E00",
      "sky": "#56B4E9", "purple": "#CC79A7", "black": "#000000"}


def _figure(width: float = 8.0, height: float = 5.0):
    from jesc import style

    return style.figure(width, height)


def _finish(fig, ax, source: str, ncol: int = 2, extra: list | None = None) -> None:
    """The legend under the map and the source line (wrapped to the figure's width)."""
    import textwrap

    from jesc import style

    handles, labels = ax.get_legend_handles_labels()
    handles += extra or []
    labels += [h.get_label() for h in extra or []]
    ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=ncol, fontsize=10,
              frameon=False, markerscale=0.8, handletextpad=0.3, columnspacing=1.2)
    lines = textwrap.wrap("Source: " + source, width=int(fig.get_figwidth() * 13))
    style.source(fig, "\n".join(lines))
    # room for every line of the source line under the legend
    fig.tight_layout(rect=(0, (0.08 + 0.17 * len(lines)) / fig.get_figheight(), 1, 1))


def two_records(deployments: pd.DataFrame, eu_missions: pd.DataFrame):
    """Part III: where Japan deployed (``japan_deployments``) and where the EU ran CSDP missions
    (``csdp_missions``), one mark per country, larger for more missions."""
    jp = points(deployments).assign(group="Japan")
    eu = points(eu_missions).assign(group="EU")
    fig, ax = _figure(8.0, 4.8)
    draw(ax, (-95.0, 150.0, -32.0, 60.0))
    scatter(ax, pd.concat([jp, eu]), {"Japan": _C["vermillion"], "EU": _C["blue"]},
            {"Japan": "^", "EU": "o"},
            {"Japan": "Japan's deployments", "EU": "EU CSDP missions and operations"}, offset=2.4)
    _finish(fig, ax, "course tables of Japan's deployments and of CSDP missions; " + SOURCE_LINE
            + _not_drawn(jp, eu) + ".")
    return fig


def csdp_by_kind(eu_missions: pd.DataFrame):
    """Part II: the EU's CSDP missions by kind (civilian, military), one mark per country and kind."""
    pts = points(eu_missions, by="kind")
    fig, ax = _figure(7.0, 8.0)
    draw(ax, "europe-africa")
    # the colours of the part's bar chart of missions per year
    colours = {"civilian": _C["sky"], "military": _C["orange"], "civilian-military": _C["purple"]}
    scatter(ax, pts, colours, {"civilian": "o", "military": "s", "civilian-military": "D"},
            {"civilian": "Civilian mission", "military": "Military operation",
             "civilian-military": "Civilian and military mission"}, offset=2.0)
    _finish(fig, ax, "course table of CSDP missions (its country column); " + SOURCE_LINE
            + _not_drawn(pts) + ".")
    return fig


def nato_and_japan(operations: pd.DataFrame, deployments: pd.DataFrame, eu_missions: pd.DataFrame):
    """Part I: NATO's operations, placed at the country their name or region names, else at the
    first country the course's CSDP table gives for the same region (Western Balkans: Bosnia and
    Herzegovina; Horn of Africa and Indian Ocean: Somalia), and Japan's deployments beside them.
    Operations at sea (no country) are not placed; the caller's caption says so."""
    regions = region_codes(eu_missions)
    rows = []
    for _, r in operations.iterrows():
        codes = codes_in(f"{r['name']} {r['region']}") or regions.get(str(r["region"]), [])[:1]
        rows.append({"country": ";".join(codes), "id": r["id"]})
    placed = pd.DataFrame(rows)
    nato = points(placed).assign(group="NATO")
    jp = points(deployments).assign(group="Japan")
    fig, ax = _figure(8.0, 4.6)
    draw(ax, (-20.0, 150.0, -15.0, 55.0))
    scatter(ax, pd.concat([nato, jp]), {"NATO": _C["blue"], "Japan": _C["vermillion"]},
            {"NATO": "s", "Japan": "^"},
            {"NATO": "NATO operations", "Japan": "Japan's deployments"}, offset=2.4)
    _finish(fig, ax, "course tables of NATO operations (placed by name or region) and of Japan's "
            "deployments; " + SOURCE_LINE + ".")
    return fig


def unplaced_operations(operations: pd.DataFrame, eu_missions: pd.DataFrame) -> list[str]:
    """The NATO operations :func:`nato_and_japan` cannot place (at sea, or a region without a
    country in the course's tables), by acronym."""
    regions = region_codes(eu_missions)
    return [str(r["acronym"]) for _, r in operations.iterrows()
            if not (codes_in(f"{r['name']} {r['region']}") or regions.get(str(r["region"])))]


def piracy_and_navies(piracy: pd.DataFrame, deployments: pd.DataFrame, eu_missions: pd.DataFrame):
    """Part IV: reported pirate attacks 1993-2020 in the two sea areas of ``piracy_by_region``
    (the coastal countries shaded, the totals in the legend), with the missions placed where the
    course's tables place them: Japan's counter-piracy deployments (Djibouti) and the EU's CSDP
    missions in the Horn of Africa."""
    from matplotlib.colors import to_rgba

    areas = piracy_areas()
    totals = piracy.groupby("region")["incidents"].sum()
    horn_fill, sea_fill = to_rgba(_C["orange"], 0.55), to_rgba(_C["sky"], 0.55)
    fill = {**shade(areas["gulf-of-aden-somalia"], horn_fill), **shade(areas["south-east-asia"], sea_fill)}
    fig, ax = _figure(8.0, 5.4)
    draw(ax, "indian-ocean", fill=fill)
    horn = [r for r in eu_missions.itertuples() if str(r.region).startswith("Horn of Africa")]
    eu = points(pd.DataFrame({"country": [r.country for r in horn]})).assign(group="EU")
    naval = deployments[deployments["id"].astype(str).str.contains("piracy|djibouti", regex=True)]
    jp = points(naval).assign(group="Japan")
    scatter(ax, pd.concat([eu, jp]), {"EU": _C["blue"], "Japan": _C["vermillion"]},
            {"EU": "o", "Japan": "^"},
            {"EU": "EU CSDP missions in the Horn of Africa", "Japan": "Japan's counter-piracy deployments"},
            offset=2.4)
    ax.set_ylim(-15.0, 35.0)
    from matplotlib.patches import Patch

    keys = [Patch(facecolor=colour, edgecolor="#666666", linewidth=0.5,
                  label=f"{name}: {int(totals.get(area, 0)):,} reported attacks, 1993–2020")
            for area, colour, name in (("gulf-of-aden-somalia", horn_fill, "Coasts of the Gulf of Aden and Somalia"),
                                       ("south-east-asia", sea_fill, "Coasts of South-East Asia"))]
    _finish(fig, ax, "course table of pirate attacks by sea region (Benden et al.), CSDP missions and "
            "Japan's deployments; " + SOURCE_LINE + ".", ncol=1, extra=keys)
    return fig
