"""Competence pages: the frameworks with their competencies and behavioural indicators, and
who may see and record assessments (the API's rules, mirrored so pages hide what it refuses)."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from web.api_client import ApiClient, InvalidInput, NotFound
from web.api_client.accounts import ADMIN, EDITOR, RESEARCHER, Me
from web.api_client.area_index import area_index, get_area_info
from web.api_client.competences import Framework, list_frameworks
from web.api_client.professional_pages import Professional
from web.htmx import render
from web.sessions import SignedIn
from web.templating import api_of

router = APIRouter()
OVERVIEW_PATH = "/competenties"
TEAM_PATH = "/competenties/team"


def may_read_assessments(me: Me) -> bool:
    """Assessments judge a person: all but viewers (the API's read-assessments rule)."""
    return me.role in (ADMIN, EDITOR, RESEARCHER)


def may_assess(me: Me, stadsdelen_served: set[str]) -> bool:
    """Admins and researchers; editors for professionals serving one of their stadsdelen."""
    if me.role in (ADMIN, RESEARCHER):
        return True
    return me.role == EDITOR and bool(stadsdelen_served & set(me.stadsdelen))


async def stadsdelen_served(api: ApiClient, professional: Professional) -> set[str]:
    """The stadsdelen of the areas a professional serves, as the API reckons them
    (api/competences/serving.py): an area's code starts with its stadsdeel's letter, in the
    2015 indeling as in 2022; a gebied's parent is the stadsdeel; the gemeente is none."""
    index = await area_index(api)
    found: set[str] = set()
    for area_id in professional.area_ids:
        area = index.by_id.get(area_id)
        if area is None:
            try:
                area = await get_area_info(api, area_id)
            except (NotFound, InvalidInput):
                continue
        if area.type == "gebied":
            area = index.by_id.get(area.parent_id or "") or area
        if area.type not in ("gemeente", "gebied"):
            found.add(area.code[:1].upper())
    return found


def chosen_framework(frameworks: tuple[Framework, ...], wanted: str) -> Framework | None:
    """The framework asked for by id or code; the first one when none (or an unknown one) is
    asked for: a page always shows something that exists."""
    for framework in frameworks:
        if wanted in (framework.id, framework.code):
            return framework
    return frameworks[0] if frameworks else None


@router.get(OVERVIEW_PATH, response_class=HTMLResponse)
async def overview(request: Request, me: SignedIn) -> HTMLResponse:
    api = api_of(request)
    context = {"frameworks": await list_frameworks(api),
               "scales": await api.vocabulary("competency-scale"),
               "may_see_team": may_read_assessments(me),
               "saved": request.query_params.get("opgeslagen", "")}
    return await render(request, "competences/overview.html", context, block="frameworks")
