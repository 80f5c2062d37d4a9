"""The home page: what the system holds, a map of buurten shaded by initiatives, recent changes."""

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from web.api_client import Area
from web.api_client.area_index import AreaIndex, AreaInfo, area_index
from web.api_client.home import (
    BuurtCounts,
    WijkaanpakBuurt,
    buurt_counts,
    map_of_buurten,
    recent_changes,
    totals_of,
    wijkaanpak_buurten,
)
from web.htmx import render
from web.svg_map import BuurtMap, BuurtShape, CountClass, class_of, count_classes
from web.templating import api_of

router = APIRouter()
RECENT_SHOWN = 10
VOCABULARIES = ("mapping-certainty", "initiative-status")


@dataclass(frozen=True)
class ShadedBuurt:
    """A buurt on the map and in its text alternative: its count, shade and wijk."""

    shape: BuurtShape
    count: int
    shade: int
    wijk: str


@dataclass(frozen=True)
class WijkaanpakRow:
    buurt: WijkaanpakBuurt
    buurten: list[AreaInfo]


def shaded_buurten(buurt_map: BuurtMap, counts: BuurtCounts, index: AreaIndex,
                   classes: tuple[CountClass, ...]) -> list[ShadedBuurt]:
    """The buurten in drawing order, each with its count, shade and wijk."""
    shaded: list[ShadedBuurt] = []
    for shape in buurt_map.shapes:
        count = counts.by_code.get(shape.code, 0)
        buurt = index.find(shape.code)
        wijk = index.by_id.get(buurt.parent_id or "") if buurt else None
        shaded.append(ShadedBuurt(shape, count, class_of(count, classes),
                                  wijk.name if wijk else ""))
    return shaded


def wijkaanpak_rows(buurten: tuple[WijkaanpakBuurt, ...], index: AreaIndex) -> list[WijkaanpakRow]:
    return [WijkaanpakRow(buurt, sorted((index.by_id[buurt_id] for buurt_id in buurt.buurt_ids
                                         if buurt_id in index.by_id), key=lambda area: area.code))
            for buurt in sorted(buurten, key=lambda found: found.number)]


async def _stadsdeel_totals(request: Request) -> list[tuple[Area, int]]:
    api = api_of(request)
    stadsdelen = await api.stadsdelen()
    totals = await totals_of(api, [stadsdeel.code for stadsdeel in stadsdelen])
    return [(stadsdeel, totals[stadsdeel.code]) for stadsdeel in stadsdelen]


@router.get("/", response_class=HTMLResponse)
async def home_page(request: Request) -> HTMLResponse:
    api = api_of(request)
    recent = await recent_changes(api, RECENT_SHOWN)
    index = await area_index(api)
    buurt_map = await map_of_buurten(api)
    counts = await buurt_counts(api, recent.total)
    classes = count_classes(counts.by_code.get(shape.code, 0) for shape in buurt_map.shapes)
    shaded = shaded_buurten(buurt_map, counts, index, classes)
    context = {
        "total": recent.total, "recent": recent.items,
        "stadsdelen": await _stadsdeel_totals(request),
        "wijkaanpak": wijkaanpak_rows(await wijkaanpak_buurten(api), index),
        "map": buurt_map, "shaded": shaded, "level": counts.level, "classes": classes,
        "ranked": sorted(shaded, key=lambda item: (-item.count, item.shape.name)),
        "area_by_id": index.by_id,
        "vocabularies": await api.vocabularies(*VOCABULARIES),
    }
    return await render(request, "home/index.html", context, block="home")
