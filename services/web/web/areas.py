"""Area pages: the stadsdelen with their wijken, and one area with its initiatives and people."""

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from web.api_client import InitiativeQuery
from web.api_client.area_index import AreaIndex, AreaInfo, area_index
from web.api_client.professional_pages import ProfessionalQuery, list_professionals
from web.htmx import render
from web.templating import api_of

router = APIRouter()
INITIATIVES_SHOWN = 10
PROFESSIONALS_SHOWN = 25
VOCABULARIES = ("initiative-status", "professional-role", "area-type")


def wijken_of(index: AreaIndex, area: AreaInfo) -> list[AreaInfo]:
    """The wijken below a stadsdeel, through its gebieden, by code."""
    found: list[AreaInfo] = []
    for child in index.children_of(area):
        found.extend([child] if child.type == "wijk" else wijken_of(index, child))
    return sorted(found, key=lambda wijk: wijk.code)


@router.get("/areas", response_class=HTMLResponse)
async def areas_page(request: Request) -> HTMLResponse:
    index = await area_index(api_of(request))
    stadsdelen = [(stadsdeel, wijken_of(index, stadsdeel))
                  for stadsdeel in index.of_type("stadsdeel")]
    return await render(request, "areas/index.html", {"stadsdelen": stadsdelen}, block="areas")


@router.get("/areas/{code}", response_class=HTMLResponse)
async def area_page(request: Request, code: str) -> HTMLResponse:
    api = api_of(request)
    index = await area_index(api)
    area = index.find(code)
    if area is None:
        raise HTTPException(404)
    initiatives = await api.list_initiatives(
        InitiativeQuery(area=area.code, sort="title", page_size=INITIATIVES_SHOWN))
    professionals = await list_professionals(
        api, ProfessionalQuery(area=area.code, page_size=PROFESSIONALS_SHOWN))
    wijkaanpak = [buurt for buurt in index.buurten_below(area) if buurt.wijkaanpak]
    context = {
        "area": area, "ancestors": index.ancestors_of(area),
        "children": sorted(index.children_of(area), key=lambda child: child.code),
        "wijkaanpak": wijkaanpak, "initiatives": initiatives, "professionals": professionals,
        "vocabularies": await api.vocabularies(*VOCABULARIES),
    }
    return await render(request, "areas/detail.html", context, block="area")
