"""The map's country borders: cut from Natural Earth's, as the world-atlas npm package ships them.

``build`` runs only when the file is regenerated (``manage.py make_basemap``); the site reads the
small generated file, timeline/data/basemap.json, and downloads nothing.
"""

import json
from pathlib import Path

BASEMAP = Path(__file__).resolve().parent / "data" / "basemap.json"
# Three decimals of a degree are about 100 m: far finer than the map's pixels.
DIGITS = 3


def build(topology, bounds):
    """{"countries": [{"name", "rings"}]}: every country of a world-atlas TopoJSON topology
    that reaches into ``bounds`` (west, south, east, north), its rings cut to that box."""
    arcs = decoded_arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs") or []
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        rings = []
        for polygon in polygons:
            for ring in polygon:
                clipped = tidy(clip(ring_points(ring, arcs), bounds))
                if len(clipped) >= 3:
                    rings.append(clipped)
        if rings:
            countries.append({"name": geometry["properties"]["name"], "rings": rings})
    return {
        "source": "Natural Earth 1:10m country borders, from the world-atlas npm package",
        "bounds": list(bounds),
        "countries": sorted(countries, key=lambda country: country["name"]),
    }


def load():
    return json.loads(BASEMAP.read_text())


def decoded_arcs(topology):
    """Each arc as [(longitude, latitude)]: TopoJSON stores them quantized and delta-encoded."""
    (scale_x, scale_y), (shift_x, shift_y) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        decoded.append(points)
    return decoded


def ring_points(ring, arcs):
    """A ring's points from its arcs; a negative index ~i is arc i reversed."""
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def clip(points, bounds):
    """The ring cut to the box (Sutherland–Hodgman: a box is convex, so any ring clips to one
    ring, with edges along the box where the country goes on beyond it)."""
    west, south, east, north = bounds
    edges = [
        (lambda p: p[0] >= west, lambda a, b: _at_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: _at_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: _at_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: _at_y(a, b, north)),
    ]
    for inside, crossing in edges:
        if not points:
            break
        kept = []
        for current, previous in zip(points, [points[-1], *points[:-1]], strict=True):
            if inside(current):
                if not inside(previous):
                    kept.append(crossing(previous, current))
                kept.append(current)
            elif inside(previous):
                kept.append(crossing(previous, current))
        points = kept
    return points


def _at_x(a, b, x):
    return (x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0]))


def _at_y(a, b, y):
    return (a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y)


def tidy(points):
    """Rounded, without repeats."""
    rounded = []
    for x, y in points:
        point = [round(x, DIGITS), round(y, DIGITS)]
        if not rounded or rounded[-1] != point:
            rounded.append(point)
    if len(rounded) > 1 and rounded[0] == rounded[-1]:
        rounded.pop()
    return rounded
