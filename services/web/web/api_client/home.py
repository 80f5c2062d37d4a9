"""What the home page reads: the buurt map, the Wijkaanpak list, totals and counts per buurt.

Counting initiatives per buurt without adding to the API: when the system holds at most
`COUNT_BY_PAGING` initiatives, the web reads them all, 100 a page (at most 50 requests), and
counts each one in its current 2022 buurt: exact. Above that, reading every row takes too
long (100,000 rows are 1,000 pages, about 16 s), and one total per buurt would be 518
requests; instead it asks one total per wijk (110 requests, a few at a time, cheap because
the API keeps its totals) and shades each buurt by its wijk's total, which the map's legend
and titles then say. Either way the counts are kept like the reference data
(`reference_cache_seconds`, 5 minutes by default), so a change shows on the map after at
most that long; the totals per stadsdeel and the recent changes are read on every request.
Measured on the 100,000-initiative bench data, in-process: the first home page after a
start takes about 2 s, the next ones about 0.25 s.
"""

import asyncio
from collections import Counter
from dataclasses import dataclass
from typing import Literal

import orjson

from web.api_client import ApiClient, InitiativePage, InitiativeQuery
from web.api_client.area_index import AreaIndex, area_index
from web.api_client.results import Wire
from web.svg_map import BuurtMap, buurt_map

COUNT_BY_PAGING = 5_000
PAGE_SIZE = 100
# Requests in flight at once for the per-wijk totals: enough to overlap the HTTP hop,
# few enough not to crowd out the pages other people are loading.
AT_ONCE = 8


class WijkaanpakBuurt(Wire):
    """One of the 17 buurten of the 2007 Wijkaanpak, with the 2022 buurten it maps to."""

    number: int
    name_2007: str
    krachtwijk: str
    certainty: str
    buurt_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class BuurtCounts:
    """Initiatives per 2022 buurt code; `level` "wijk": each buurt holds its wijk's total."""

    level: Literal["buurt", "wijk"]
    by_code: dict[str, int]


async def map_of_buurten(api: ApiClient) -> BuurtMap:
    """The 2022 buurten, projected once per process (the geometry never changes)."""
    async def load() -> BuurtMap:
        response = await api._send("GET", "/v1/buurt-geometries", params=[("indeling", 2022)])
        return buurt_map(orjson.loads(response.content))
    return await api._cached("home:buurt-map", load)


async def wijkaanpak_buurten(api: ApiClient) -> tuple[WijkaanpakBuurt, ...]:
    async def load() -> tuple[WijkaanpakBuurt, ...]:
        response = await api._send("GET", "/v1/wijkaanpak-buurten")
        return tuple(WijkaanpakBuurt.model_validate(item)
                     for item in orjson.loads(response.content))
    return await api._cached("home:wijkaanpak", load)


async def total_of(api: ApiClient, area: str | None = None) -> int:
    page = await api.list_initiatives(InitiativeQuery(area=area, page_size=1))
    return page.total


async def recent_changes(api: ApiClient, shown: int) -> InitiativePage:
    """The most recently updated initiatives; the page's total is everything held."""
    return await api.list_initiatives(InitiativeQuery(sort="-updatedAt", page_size=shown))


async def totals_of(api: ApiClient, codes: list[str]) -> dict[str, int]:
    """One total per area, `AT_ONCE` requests at a time."""
    gate = asyncio.Semaphore(AT_ONCE)

    async def one(code: str) -> int:
        async with gate:
            return await total_of(api, code)
    return dict(zip(codes, await asyncio.gather(*(one(code) for code in codes)), strict=True))


async def _counted_by_paging(api: ApiClient, index: AreaIndex, total: int) -> dict[str, int]:
    counted: Counter[str] = Counter()
    pages = -(-total // PAGE_SIZE)
    for number in range(1, pages + 1):
        # Oldest first: an initiative created meanwhile lands on a later page, not a seen one.
        page = await api.list_initiatives(
            InitiativeQuery(sort="createdAt", page=number, page_size=PAGE_SIZE))
        for item in page.items:
            buurt = index.by_id.get(item.current_buurt_id)
            if buurt is not None:
                counted[buurt.code] += 1
        if not page.items:
            break
    return dict(counted)


async def _counted_by_wijk(api: ApiClient, index: AreaIndex) -> dict[str, int]:
    wijken = index.of_type("wijk")
    totals = await totals_of(api, [wijk.code for wijk in wijken])
    return {buurt.code: totals[wijk.code]
            for wijk in wijken for buurt in index.buurten_below(wijk)}


async def buurt_counts(api: ApiClient, total: int) -> BuurtCounts:
    """Initiatives per buurt, exact or by wijk (see the module's docstring); kept a while."""
    async def load() -> BuurtCounts:
        index = await area_index(api)
        if total <= COUNT_BY_PAGING:
            return BuurtCounts("buurt", await _counted_by_paging(api, index, total))
        return BuurtCounts("wijk", await _counted_by_wijk(api, index))
    return await api._cached("home:buurt-counts", load)
