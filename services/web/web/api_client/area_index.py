"""Every area of the 2022 indeling, read once and kept: codes, names and the tree."""

from dataclasses import dataclass, field

from web.api_client import ApiClient
from web.api_client.results import Wire

PAGE_SIZE = 100
# Gemeente, stadsdelen, gebieden, wijken and buurten together are about 660 areas.
MAX_PAGES = 20
TYPE_ORDER = ("gemeente", "stadsdeel", "gebied", "wijk", "buurt")


class AreaInfo(Wire):
    id: str
    type: str
    code: str
    cbs_code: str | None = None
    name: str
    indeling: int | None = None
    parent_id: str | None = None
    wijkaanpak: bool = False


class _AreaPage(Wire):
    items: tuple[AreaInfo, ...]
    total: int


@dataclass(frozen=True)
class AreaIndex:
    areas: tuple[AreaInfo, ...]
    by_id: dict[str, AreaInfo] = field(default_factory=dict)
    by_code: dict[str, AreaInfo] = field(default_factory=dict)
    children: dict[str, list[AreaInfo]] = field(default_factory=dict)

    @classmethod
    def of(cls, areas: tuple[AreaInfo, ...]) -> "AreaIndex":
        index = cls(areas)
        for area in sorted(areas, key=lambda found: (found.code, found.name)):
            index.by_id[area.id] = area
            index.by_code.setdefault(area.code.upper(), area)
            if area.parent_id:
                index.children.setdefault(area.parent_id, []).append(area)
        return index

    def find(self, code: str) -> AreaInfo | None:
        return self.by_code.get(code.upper())

    def children_of(self, area: AreaInfo) -> list[AreaInfo]:
        return self.children.get(area.id, [])

    def ancestors_of(self, area: AreaInfo) -> list[AreaInfo]:
        """From the top (the gemeente) down to the area's parent."""
        found: list[AreaInfo] = []
        parent = self.by_id.get(area.parent_id or "")
        while parent is not None and len(found) < len(TYPE_ORDER):
            found.insert(0, parent)
            parent = self.by_id.get(parent.parent_id or "")
        return found

    def of_type(self, area_type: str) -> list[AreaInfo]:
        return sorted((area for area in self.areas if area.type == area_type),
                      key=lambda area: area.name)

    def buurten_below(self, area: AreaInfo) -> list[AreaInfo]:
        if area.type == "buurt":
            return [area]
        return [buurt for child in self.children_of(area) for buurt in self.buurten_below(child)]


async def area_index(api: ApiClient) -> AreaIndex:
    """Seed data that no route changes: cached like the other reference data."""
    async def load() -> AreaIndex:
        found: list[AreaInfo] = []
        for number in range(1, MAX_PAGES + 1):
            params = [("indeling", 2022), ("sort", "code"), ("pageSize", PAGE_SIZE),
                      ("page", number)]
            response = await api._send("GET", "/v1/areas", params=params)
            page = _AreaPage.model_validate_json(response.content)
            found.extend(page.items)
            if not page.items or len(found) >= page.total:
                break
        return AreaIndex.of(tuple(found))
    return await api._cached("area-index", load)


async def get_area_info(api: ApiClient, area_id: str) -> AreaInfo:
    """One area by id, e.g. a 2015 buurt that the 2022 index does not hold."""
    response = await api._send("GET", f"/v1/areas/{area_id}")
    return AreaInfo.model_validate_json(response.content)
