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
    "europe-africa": (-20.0, 75.0, -30.0, 60.0),
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
        out.setdefault(code, []).extend([[_ring(arcs, r) for r in poly] for poly in polys])
    return out


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
    counts in each; a row with no country is left out."""
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
    out = (df.groupby(["country", "group"], sort=True)
             .agg(count=("label", "size"), labels=("label", lambda s: ", ".join(x for x in s if x)))
             .reset_index())
    xy = [point(c) for c in out["country"]]
    out["lon"] = [p[0] for p in xy]
    out["lat"] = [p[1] for p in xy]
    return out


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


def shade(codes: Iterable[str], colour: str) -> dict[str, str]:
    """``fill`` for :func:`draw`: the given countries in ``colour`` (those the basemap draws)."""
    known = countries()
    return {c: colour for c in codes if c in known}
