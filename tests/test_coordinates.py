"""Plausibility of coordinates: every headquarters in ``un_pko_missions`` lies in, or within a short
distance of, the country that hosts it (Natural Earth's 1:110m country shapes, ``data/basemap``).

The list gives headquarters as a place name only, so the host country of each place is written here
(the test's own key, not course data). A pair of numbers given as (latitude, longitude) instead of
(longitude, latitude) lands in another country or at sea and fails with the row named.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pycountry
import pytest

import jesc

REPO = Path(__file__).resolve().parents[1]
BASEMAP = REPO / "data" / "basemap" / "countries-110m.json"
#: Degrees (about 110 km at the equator): the 1:110m shapes cut coasts and small states.
TOLERANCE = 1.0

#: Host country (ISO 3166-1 alpha-3) of each headquarters the list names; two codes where the place
#: lies on a line the shapes draw one way (Kashmir, the Golan, Umm Qasr, Abyei, Nicosia, Pristina).
HOST = {
    "Islamabad (Nov-Apr) and Srinagar (May-Oct)": {"PAK", "IND"}, "Kinshasa": {"COD"},
    "Nicosia": {"CYP"}, "Camp Faouar": {"SYR", "ISR"}, "Naqoura": {"LBN"}, "Tehran": {"IRN"},
    "Tegucigalpa": {"HND"}, "Umm Qasr": {"IRQ", "KWT"}, "Laayoune": {"ESH", "MAR"},
    "Baghdad": {"IRQ"}, "San Salvador": {"SLV"}, "Phnom Penh": {"KHM"}, "Zagreb": {"HRV"},
    "Maputo": {"MOZ"}, "Kabul": {"AFG"}, "Kabale": {"UGA"}, "Sukhumi": {"GEO"},
    "Port-au-Prince": {"HTI"}, "Monrovia": {"LBR"}, "Kigali": {"RWA"}, "Dushanbe": {"TJK"},
    "Skopje": {"MKD"}, "Sarajevo": {"BIH"}, "Vukovar": {"HRV"}, "Cavtat": {"HRV"},
    "Guatemala City": {"GTM"}, "Bangui": {"CAF"}, "Freetown": {"SLE"}, "Pristina": {"XKX", "SRB"},
    "Dili": {"TLS"}, "Asmara": {"ERI"}, "Abidjan": {"CIV"}, "Bujumbura": {"BDI"},
    "Khartoum": {"SDN"}, "Al Fashir": {"SDN"}, "N'Djamena": {"TCD"}, "Abyei": {"SDN", "SSD"},
    "Juba": {"SSD"}, "Damascus": {"SYR"}, "Bamako": {"MLI"}, "Athens": {"GRC"},
}


def _rings(topo: dict) -> dict[str, list[list[tuple[float, float]]]]:
    """Country code -> its rings (lists of (lon, lat)), decoded from the quantized TopoJSON."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(indices):
        out = []
        for i in indices:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts if not out else pts[1:])
        return out

    shapes: dict[str, list] = {}
    names = {"Kosovo": "XKX", "W. Sahara": "ESH"}
    for geo in topo["objects"]["countries"]["geometries"]:
        num, name = geo.get("id"), geo.get("properties", {}).get("name", "")
        country = pycountry.countries.get(numeric=num) if num else None
        code = country.alpha_3 if country else names.get(name)
        if code is None:
            continue
        polys = geo["arcs"] if geo["type"] == "MultiPolygon" else [geo["arcs"]] if geo["type"] == "Polygon" else []
        for poly in polys:
            shapes.setdefault(code, []).extend(ring(r) for r in poly)
    return shapes


def _inside(pt, ring) -> bool:
    x, y = pt
    hit = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            hit = not hit
    return hit


def _distance(pt, ring) -> float:
    x, y = pt
    best = math.inf
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        dx, dy = x2 - x1, y2 - y1
        t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
        best = min(best, math.hypot(x - (x1 + t * dx), y - (y1 + t * dy)))
    return best


def near(shapes, point, codes) -> float:
    """Distance in degrees from ``point`` to the nearest of ``codes``' shapes (0 when inside one)."""
    rings = [r for c in codes for r in shapes.get(c, [])]
    if not rings:
        return math.inf
    # A ring may be a hole; the 1:110m shapes of these countries have none that matter here.
    if any(_inside(point, r) for r in rings):
        return 0.0
    return min(_distance(point, r) for r in rings)


@pytest.fixture(scope="module")
def shapes():
    if not BASEMAP.is_file():
        pytest.fail(f"{BASEMAP.relative_to(REPO)} is missing: the coordinates test needs Natural Earth's "
                    "country shapes (npm world-atlas 2.0.2, see data/basemap/SOURCE.txt)")
    return _rings(json.loads(BASEMAP.read_text(encoding="utf-8")))


def test_every_headquarters_lies_in_its_country(shapes):
    t = jesc.load("un_pko_missions")
    bad = []
    for i, r in t.iterrows():
        if r["longitude"] != r["longitude"] or r["latitude"] != r["latitude"]:
            continue
        place = str(r["location"])
        assert place in HOST, (f"data/un_pko_missions.csv, row {i + 1} ({r['acronym']}): headquarters "
                               f"{place!r} has no host country in tests/test_coordinates.py HOST; add it")
        d = near(shapes, (float(r["longitude"]), float(r["latitude"])), HOST[place])
        if d > TOLERANCE:
            bad.append(f"data/un_pko_missions.csv, row {i + 1} ({r['acronym']}): {place} at longitude "
                       f"{r['longitude']}, latitude {r['latitude']} is {d:.1f} degrees from "
                       f"{'/'.join(sorted(HOST[place]))} (latitude and longitude swapped?)")
    assert not bad, "\n".join(bad)


def test_the_check_catches_a_swapped_pair(shapes):
    # Bamako as the published list gives it (12.65, -8.0): in the Atlantic, far from Mali.
    assert near(shapes, (12.65, -8.0), {"MLI"}) > TOLERANCE
    assert near(shapes, (-8.0, 12.65), {"MLI"}) == 0.0
