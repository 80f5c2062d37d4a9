"""Professionals pages: the list with filters and pages, and one professional's support."""

import uuid
from collections import defaultdict
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.datastructures import QueryParams

from web.api_client import ApiClient, InvalidInput, NotFound, in_language
from web.api_client.area_index import AreaInfo, area_index, get_area_info
from web.api_client.professional_pages import (
    Paged,
    Professional,
    ProfessionalQuery,
    SupportEpisode,
    episodes_of_professional,
    get_professional,
    initiatives_supported_by,
    list_professionals,
)
from web.competences import may_assess, may_read_assessments, stadsdelen_served
from web.form_values import page_number
from web.htmx import render
from web.i18n import language_of
from web.initiatives import page_window
from web.sessions import SignedIn
from web.templating import api_of

router = APIRouter()
LIST_PATH = "/professionals"
PAGE_SIZE = 25
VOCABULARIES = ("professional-role", "organisation-kind", "support-kind", "support-style")


@dataclass(frozen=True)
class ProfessionalListState:
    """The list as the address bar has it."""

    q: str = ""
    role: str = ""
    area: str = ""
    page: int = 1

    @classmethod
    def from_query(cls, params: QueryParams) -> "ProfessionalListState":
        return cls(q=params.get("q", "").strip(), role=params.get("role", ""),
                   area=params.get("area", "").strip(),
                   page=page_number(params.get("page", "1")))

    def api_query(self) -> ProfessionalQuery:
        return ProfessionalQuery(q=self.q or None, role=self.role or None,
                                 area=self.area or None, page=self.page, page_size=PAGE_SIZE)

    def url(self, page: int | None = None) -> str:
        state = replace(self, page=self.page if page is None else page)
        pairs = [(key, value) for key, value, default in (
            ("q", state.q, ""), ("role", state.role, ""), ("area", state.area, ""),
            ("page", state.page, 1)) if value != default]
        return LIST_PATH + (f"?{urlencode(pairs)}" if pairs else "")


@router.get("/professionals", response_class=HTMLResponse)
async def list_professionals_page(request: Request) -> HTMLResponse:
    state = ProfessionalListState.from_query(request.query_params)
    api = api_of(request)
    vocabularies = await api.vocabularies(*VOCABULARIES)
    stadsdelen = await api.stadsdelen()
    lang = language_of(request)
    page: Paged[Professional] | None = None
    errors: dict[str, str] = {}
    try:
        page = await list_professionals(api, state.api_query())
    except InvalidInput as error:
        errors = {field: in_language(message, lang) for field, message in error.errors.items()}
    areas = [(area.code, area.name) for area in stadsdelen]
    if state.area and state.area not in dict(areas):
        # A wijk or buurt, as an area page links here: offered too, so the form shows it.
        chosen = (await area_index(api)).find(state.area)
        areas.append((state.area, chosen.name if chosen else state.area))
    choices = {"area": areas, "role": vocabularies["professional-role"].choices(lang)}
    context = {"state": state, "page": page, "errors": errors, "choices": choices,
               "vocabularies": vocabularies,
               "window": page_window(state.page, page.pages) if page else []}
    return await render(request, "professionals/list.html", context, block="results",
                        status_code=422 if errors else 200)


async def _areas_served(api: ApiClient, area_ids: tuple[str, ...]) -> list[AreaInfo]:
    index = await area_index(api)
    found: list[AreaInfo] = []
    for area_id in area_ids:
        area = index.by_id.get(area_id)
        if area is None:  # an area of the 2015 indeling: asked for on its own
            try:
                area = await get_area_info(api, area_id)
            except NotFound:
                continue
        found.append(area)
    return sorted(found, key=lambda area: (area.type, area.name))


def _episodes_by_initiative(episodes: tuple[SupportEpisode, ...]
                            ) -> dict[str, list[SupportEpisode]]:
    grouped: dict[str, list[SupportEpisode]] = defaultdict(list)
    for episode in episodes:
        grouped[episode.initiative_id].append(episode)
    return grouped


@router.get("/professionals/{professional_id:uuid}", response_class=HTMLResponse)
async def professional_page(request: Request, professional_id: uuid.UUID,
                            me: SignedIn) -> HTMLResponse:
    api = api_of(request)
    professional = await get_professional(api, str(professional_id))
    episodes = await episodes_of_professional(api, str(professional_id))
    initiatives = await initiatives_supported_by(api, str(professional_id))
    reads = may_read_assessments(me)
    context = {
        "professional": professional,
        # The competence links: the same rules as the profile and the form themselves.
        "may_read_assessments": reads,
        "may_assess": reads and may_assess(me, await stadsdelen_served(api, professional)),
        "areas": await _areas_served(api, professional.area_ids),
        "initiatives": initiatives,
        "episodes": _episodes_by_initiative(episodes),
        "total_hours": sum(episode.hours for episode in episodes),
        "vocabularies": await api.vocabularies(*VOCABULARIES),
    }
    return await render(request, "professionals/detail.html", context, block="professional")
