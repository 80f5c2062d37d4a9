"""GeoJSON buurten as SVG paths, and the five shading classes of a choropleth map.

Pure functions, no HTTP: lon/lat projected equirectangularly with the longitude scaled by
cos(52.37°) (Amsterdam's latitude, so a kilometre is as long east as north), fitted to a
viewBox of `WIDTH` units, rounded to whole units and thinned: a point closer than
`MIN_STEP` units to the one kept before it is dropped. One unit is about 40 m.
"""

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

WIDTH = 800
MARGIN = 4
MIN_STEP = 1.5
LATITUDE = 52.37
SQUEEZE = math.cos(math.radians(LATITUDE))
CLASSES = 5

Ring = Sequence[Sequence[float]]
Point = tuple[int, int]


@dataclass(frozen=True)
class BuurtShape:
    code: str
    name: str
    wijkaanpak: bool
    path: str


@dataclass(frozen=True)
class BuurtMap:
    width: int
    height: int
    shapes: tuple[BuurtShape, ...]


def rings_of(geometry: Mapping[str, Any] | None) -> list[Ring]:
    """The outer rings and holes of a Polygon or MultiPolygon (fill-rule evenodd)."""
    if not geometry:
        return []
    if geometry.get("type") == "Polygon":
        return list(geometry["coordinates"])
    if geometry.get("type") == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    return []


@dataclass(frozen=True)
class Projection:
    west: float
    north: float
    scale: float
    height: int

    @classmethod
    def fitted(cls, rings: Iterable[Ring], width: int = WIDTH) -> "Projection":
        points = [point for ring in rings for point in ring]
        west, east = min(p[0] for p in points), max(p[0] for p in points)
        south, north = min(p[1] for p in points), max(p[1] for p in points)
        scale = (width - 2 * MARGIN) / ((east - west) * SQUEEZE)
        return cls(west, north, scale, math.ceil((north - south) * scale) + 2 * MARGIN)

    def point(self, lon: float, lat: float) -> Point:
        return (round(MARGIN + (lon - self.west) * SQUEEZE * self.scale),
                round(MARGIN + (self.north - lat) * self.scale))


def thinned(points: Iterable[Point], min_step: float = MIN_STEP) -> list[Point]:
    """Drop each point closer than `min_step` to the last one kept."""
    kept: list[Point] = []
    for x, y in points:
        if kept and math.hypot(x - kept[-1][0], y - kept[-1][1]) < min_step:
            continue
        kept.append((x, y))
    return kept


def _numbers(values: Iterable[int]) -> str:
    """SVG path numbers, a space only where no minus sign separates them."""
    text = ""
    for value in values:
        number = str(value)
        text += number if not text or number.startswith("-") else " " + number
    return text


def ring_path(points: Sequence[Point]) -> str:
    """`M x y l dx dy … z`: relative steps are shorter than absolute coordinates."""
    steps: list[int] = []
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        steps.extend((x1 - x0, y1 - y0))
    return f"M{_numbers(points[0])}l{_numbers(steps)}z"


def shape_path(rings: Sequence[Ring], projection: Projection) -> str:
    """All rings of a buurt; a buurt too small to keep three points keeps its raw ring."""
    parts: list[str] = []
    for ring in rings:
        projected = [projection.point(lon, lat) for lon, lat, *_ in ring]
        points = thinned(projected)
        if len(points) >= 3:
            parts.append(ring_path(points))
    if not parts and rings:
        projected = [projection.point(lon, lat) for lon, lat, *_ in rings[0]]
        parts.append(ring_path(projected))
    return "".join(parts)


def buurt_map(collection: Mapping[str, Any]) -> BuurtMap:
    """The FeatureCollection (properties code, name, wijkaanpak) as a fitted map;
    Wijkaanpak buurten last, so that their thick outline is drawn over their neighbours."""
    features = [feature for feature in collection.get("features", [])
                if rings_of(feature.get("geometry"))]
    if not features:
        return BuurtMap(WIDTH, 0, ())
    projection = Projection.fitted(
        ring for feature in features for ring in rings_of(feature["geometry"]))
    shapes = [BuurtShape(code=str(feature["properties"]["code"]),
                         name=str(feature["properties"]["name"]),
                         wijkaanpak=bool(feature["properties"].get("wijkaanpak")),
                         path=shape_path(rings_of(feature["geometry"]), projection))
              for feature in features]
    shapes.sort(key=lambda shape: (shape.wijkaanpak, shape.code))
    return BuurtMap(WIDTH, projection.height, tuple(shapes))


@dataclass(frozen=True)
class CountClass:
    """One shade of the legend: counts from `low` to `high`, both included."""

    index: int
    low: int
    high: int


def count_classes(counts: Iterable[int]) -> tuple[CountClass, ...]:
    """Five classes: none, then four by the quartiles of the non-zero counts (each at least
    one wider than the one before, so a few distinct counts still give five classes)."""
    positive = sorted(count for count in counts if count > 0)
    uppers: list[int] = []
    previous = 0
    for quarter in range(1, CLASSES - 1):
        quartile = positive[math.ceil(len(positive) * quarter / 4) - 1] if positive else 0
        previous = max(previous + 1, quartile)
        uppers.append(previous)
    uppers.append(max(previous + 1, positive[-1] if positive else 0))
    found = [CountClass(0, 0, 0)]
    for index, high in enumerate(uppers, start=1):
        found.append(CountClass(index, found[-1].high + 1, high))
    return tuple(found)


def class_of(count: int, classes: Sequence[CountClass]) -> int:
    for shade in classes:
        if count <= shade.high:
            return shade.index
    return classes[-1].index
