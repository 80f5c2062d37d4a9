"""The initiatives chapter's map: buurten shaded by their number of initiatives, as inline SVG.

Pure functions. Lon/lat are projected equirectangularly with the longitude scaled by
cos(52.37°) (so a kilometre is as long east as north, as web.svg_map does), fitted to `WIDTH`
units, rounded to whole units and thinned (a point closer than `MIN_STEP` to the last kept one
is dropped): about 50 m a unit for the city, and the city's map stays well under 150 KB.
Same buurten and counts → the same text: paths are written by code, one group per shade.

Told apart without colour: five shades of one hue from light (few) to dark (many); buurten
without initiatives light grey and hatched; Wijkaanpak buurten with a thick black outline.
"""

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

WIDTH = 600
MAX_HEIGHT = 480  # a tall stadsdeel still fits an A4 page with its legend and heading
MARGIN = 4
MIN_STEP = 1.5
SQUEEZE = math.cos(math.radians(52.37))
SHADES = ("#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c")  # light to dark
NONE_FILL, HATCH = "#eeeeee", "#8c8c8c"
# Buurt borders: mid grey, 4.5:1 against white, so the lightest shades (1.4:1 against the
# page) still show their outline (WCAG 1.4.11); the Wijkaanpak outline is black and thick.
BORDER = "#767676"
ROW = 18.0  # legend row height

Ring = Sequence[Sequence[float]]
Point = tuple[int, int]


@dataclass(frozen=True)
class MapBuurt:
    code: str
    name: str
    wijkaanpak: bool
    rings: list[Ring]  # outer rings and holes (drawn with fill-rule evenodd)


@dataclass(frozen=True)
class Shade:
    """One class of the legend: `low` to `high` initiatives, both included."""

    low: int
    high: int


def rings_of(geometry: Mapping[str, Any] | None) -> list[Ring]:
    if not geometry:
        return []
    if geometry.get("type") == "Polygon":
        return list(geometry["coordinates"])
    if geometry.get("type") == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    return []


def shades(counts: Iterable[int]) -> list[Shade]:
    """Five classes of the non-zero counts by their quintiles, each upper bound at least one
    above the one before (so that few distinct counts still give five ordered classes)."""
    positive = sorted(count for count in counts if count > 0)
    uppers: list[int] = []
    for fifth in range(1, len(SHADES)):
        quantile = positive[math.ceil(len(positive) * fifth / 5) - 1] if positive else 0
        uppers.append(max(uppers[-1] + 1 if uppers else 1, quantile))
    uppers.append(max(uppers[-1] + 1, positive[-1] if positive else 0))
    lows = [1, *(upper + 1 for upper in uppers[:-1])]
    return [Shade(low, high) for low, high in zip(lows, uppers, strict=True)]


def shade_of(count: int, classes: Sequence[Shade]) -> int:
    """The class index of a non-zero count."""
    return next((index for index, shade in enumerate(classes) if count <= shade.high),
                len(classes) - 1)


def range_words(shade: Shade, language: str) -> str:
    if shade.low == shade.high:
        return str(shade.low)
    joined = " to " if language == "en" else " tot en met "
    return f"{shade.low}{joined}{shade.high}"


@dataclass(frozen=True)
class _Projection:
    west: float
    north: float
    scale: float
    left: float  # the map is centred in the width when its height limits it
    height: int

    @classmethod
    def fitted(cls, rings: Iterable[Ring]) -> "_Projection":
        points = [point for ring in rings for point in ring]
        west, east = min(p[0] for p in points), max(p[0] for p in points)
        south, north = min(p[1] for p in points), max(p[1] for p in points)
        wide, tall = (east - west) * SQUEEZE or 1e-9, north - south or 1e-9
        scale = min((WIDTH - 2 * MARGIN) / wide, (MAX_HEIGHT - 2 * MARGIN) / tall)
        return cls(west, north, scale, (WIDTH - wide * scale) / 2,
                   math.ceil(tall * scale) + 2 * MARGIN)

    def point(self, lon: float, lat: float) -> Point:
        return (round(self.left + (lon - self.west) * SQUEEZE * self.scale),
                round(MARGIN + (self.north - lat) * self.scale))


def _numbers(values: Iterable[int]) -> str:
    """Path numbers, a space only where no minus sign separates them."""
    text = ""
    for value in values:
        number = str(value)
        text += number if not text or number.startswith("-") else " " + number
    return text


def _ring_path(points: Sequence[Point]) -> str:
    """`M x y l dx dy … z`: relative steps are shorter than absolute coordinates."""
    steps = [part for (x0, y0), (x1, y1) in itertools.pairwise(points)
             for part in (x1 - x0, y1 - y0)]
    return f"M{_numbers(points[0])}l{_numbers(steps)}z"


def _thinned(points: Iterable[Point]) -> list[Point]:
    kept: list[Point] = []
    for x, y in points:
        if not kept or math.hypot(x - kept[-1][0], y - kept[-1][1]) >= MIN_STEP:
            kept.append((x, y))
    return kept


def _path(rings: Sequence[Ring], projection: _Projection) -> str:
    """All rings of a buurt; one too small to keep three points keeps its first ring whole."""
    projected = [[projection.point(lon, lat) for lon, lat, *_ in ring] for ring in rings]
    parts = [_ring_path(points) for points in map(_thinned, projected) if len(points) >= 3]
    return "".join(parts) or _ring_path(projected[0])


def _group(paths: Iterable[str], attributes: str) -> str:
    joined = "".join(f'<path d="{path}"/>' for path in paths)
    return f"<g {attributes}>{joined}</g>" if joined else ""


def _legend(key: str, top: float, classes: Sequence[Shade], language: str) -> str:
    """Swatches with their ranges in words: the shades left, no initiatives and Wijkaanpak
    right."""
    en = language == "en"
    heading = "Initiatives per buurt" if en else "Initiatieven per buurt"
    parts = [f'<text x="{MARGIN}" y="{top + 12:.0f}" font-weight="bold">{heading}</text>']
    for place, (shade, colour) in enumerate(zip(classes, SHADES, strict=True)):
        y = top + ROW * (place + 1)
        parts.append(f'<rect x="{MARGIN}" y="{y:.0f}" width="24" height="12" fill="{colour}" '
                     f'stroke="#666" stroke-width="0.5"/><text x="{MARGIN + 30}" '
                     f'y="{y + 10:.0f}">{range_words(shade, language)}</text>')
    left, first = WIDTH / 2, top + ROW
    none = "no initiatives" if en else "geen initiatieven"
    outlined = ("Wijkaanpak buurt (thick outline)" if en
                else "Wijkaanpak-buurt (dikke rand)")
    parts.append(f'<rect x="{left:.0f}" y="{first:.0f}" width="24" height="12" '
                 f'fill="url(#{key}-none)" stroke="#666" stroke-width="0.5"/>'
                 f'<text x="{left + 30:.0f}" y="{first + 10:.0f}">{none}</text>'
                 f'<rect x="{left + 1:.0f}" y="{first + ROW + 1:.0f}" width="22" height="10" '
                 f'fill="#ffffff" stroke="#000" stroke-width="2"/>'
                 f'<text x="{left + 30:.0f}" y="{first + ROW + 10:.0f}">{outlined}</text>')
    return "".join(parts)


def choropleth(key: str, title: str, desc: str, buurten: Sequence[MapBuurt],
               counts: Mapping[str, int], language: str) -> Markup:
    """The map and its legend; `counts` by buurt code (a missing code has none)."""
    drawn = sorted((buurt for buurt in buurten if buurt.rings), key=lambda buurt: buurt.code)
    if not drawn:
        return Markup("")
    projection = _Projection.fitted(ring for buurt in drawn for ring in buurt.rings)
    paths = {buurt.code: _path(buurt.rings, projection) for buurt in drawn}
    classes = shades(counts.values())
    groups = [_group((paths[b.code] for b in drawn if not counts.get(b.code)),
                     f'fill="url(#{key}-none)"')]
    groups += [_group((paths[b.code] for b in drawn if counts.get(b.code)
                       and shade_of(counts[b.code], classes) == index), f'fill="{colour}"')
               for index, colour in enumerate(SHADES)]
    outlines = _group((paths[b.code] for b in drawn if b.wijkaanpak),
                      'fill="none" stroke="#000" stroke-width="2"')
    height = projection.height + ROW * (len(SHADES) + 1) + 8
    pattern = (f'<defs><pattern id="{key}-none" width="6" height="6" '
               f'patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="{NONE_FILL}"/>'
               f'<path d="M0 6L6 0" stroke="{HATCH}" stroke-width="1"/></pattern></defs>')
    return Markup(  # noqa: S704 (title and desc escaped; the rest is numbers and fixed words)
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{key}-title '
        f'{key}-desc" viewBox="0 0 {WIDTH} {height:.0f}" width="{WIDTH}" height="{height:.0f}" '
        f'font-family="sans-serif" font-size="11"><title id="{key}-title">{escape(title)}'
        f'</title><desc id="{key}-desc">{escape(desc)}</desc>{pattern}'
        f'<g stroke="{BORDER}" stroke-width="0.5" fill-rule="evenodd">{"".join(groups)}</g>'
        f'{outlines}{_legend(key, projection.height + 4, classes, language)}</svg>')
