"""Creating, editing and deleting an initiative: real forms, 303 after success, 422 with the
API's messages at their fields, and a clear notice when someone else changed it first."""

import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from web.api_client import Initiative, InvalidInput, NotFound, Stale
from web.api_client import initiative_pages as pages
from web.form_values import Values, as_text, body_of, errors_of, read_values
from web.htmx import render
from web.i18n import language_of
from web.initiatives import LIST_PATH
from web.permissions import insist, stadsdeel_of
from web.sessions import SignedIn
from web.templating import api_of

router = APIRouter()
FORM = "initiatives/form.html"
SCALARS = (
    "title", "summary", "location", "buurtId", "activityType", "organisationForm",
    "initiatorType", "initiatorName", "participationLevel", "status", "applicationDate",
    "decisionDate", "startDate", "endDate", "fundingScheme", "amountRequested",
    "amountGranted", "ownContribution", "coreTeamSize", "volunteers", "participants",
    "residentsReached", "continuedAfterSupport", "continuedMonths", "externalRef",
)
LISTS = ("themes", "targetGroups", "coFunders")
# The vocabulary behind each coded field.
VOCABULARY_OF = {
    "status": "initiative-status", "themes": "theme", "targetGroups": "target-group",
    "activityType": "activity-type", "organisationForm": "organisation-form",
    "initiatorType": "initiator-type", "participationLevel": "participation-level",
    "fundingScheme": "funding-scheme", "coFunders": "co-funder",
}


def detail_path(initiative_id: object) -> str:
    return f"{LIST_PATH}/{initiative_id}"


def blank_values() -> Values:
    return {**dict.fromkeys(SCALARS, ""), **{name: [] for name in LISTS}}


def values_of(initiative: Initiative) -> Values:
    wire = initiative.model_dump(mode="json", by_alias=True)
    return {name: as_text(wire.get(name)) for name in (*SCALARS, *LISTS)}


async def form_choices(request: Request) -> dict[str, Any]:
    """Every select's and checkbox group's options; buurten grouped by stadsdeel."""
    api, lang = api_of(request), language_of(request)
    vocabularies = await api.vocabularies(*VOCABULARY_OF.values())
    choices: dict[str, Any] = {field: vocabularies[name].choices(lang)
                               for field, name in VOCABULARY_OF.items()}
    stadsdelen = {area.code: area.name for area in await api.stadsdelen()}
    groups: dict[str, list[tuple[str, str]]] = {}
    for buurt in await pages.buurten(api):
        group = stadsdelen.get(buurt.code[:1], buurt.code[:1])
        groups.setdefault(group, []).append((buurt.id, f"{buurt.name} ({buurt.code})"))
    choices["buurtId"] = sorted(groups.items())
    return choices


async def historic_buurt(request: Request, chosen: str | list[str],
                         choices: dict[str, Any]) -> tuple[str, str] | None:
    """A buurt of the 2015 indeling that older initiatives were registered in: offered too,
    so that saving the form does not move the initiative."""
    known = {code for _group, options in choices["buurtId"] for code, _name in options}
    if not chosen or not isinstance(chosen, str) or chosen in known:
        return None
    try:
        found = await pages.area(api_of(request), chosen)
    except (NotFound, InvalidInput):  # a made-up id: the API will say so at the field
        return None
    return found.id, f"{found.name} ({found.code})"


async def render_form(request: Request, values: Values, *, initiative: Initiative | None = None,
                      version: int | str | None = None, errors: dict[str, str] | None = None,
                      stale: bool = False, status_code: int = 200) -> HTMLResponse:
    choices = await form_choices(request)
    context = {"values": values, "initiative": initiative, "version": version,
               "errors": errors or {}, "stale": stale, "choices": choices,
               "historic_buurt": await historic_buurt(request, values["buurtId"], choices)}
    return await render(request, FORM, context, block="form", status_code=status_code)


@router.get("/initiatives/new", response_class=HTMLResponse)
async def new_initiative(request: Request, me: SignedIn) -> HTMLResponse:
    insist(me.may_create_initiatives)
    return await render_form(request, blank_values())


@router.post("/initiatives/new", response_model=None)
async def create_initiative(request: Request) -> Response:
    values = read_values(await request.form(), SCALARS, LISTS)
    body = body_of(values, booleans=("continuedAfterSupport",), never_null=("summary",))
    try:
        created = await pages.create_initiative(api_of(request), body)
    except InvalidInput as error:
        return await render_form(request, values, errors=errors_of(error, language_of(request)),
                                 status_code=422)
    return RedirectResponse(detail_path(created.id), status_code=303)


@router.get("/initiatives/{initiative_id:uuid}/edit", response_class=HTMLResponse)
async def edit_initiative(request: Request, initiative_id: uuid.UUID,
                          me: SignedIn) -> HTMLResponse:
    initiative = await api_of(request).get_initiative(str(initiative_id))
    insist(me.may_write_initiative(await stadsdeel_of(request, initiative)))
    return await render_form(request, values_of(initiative), initiative=initiative,
                             version=initiative.version)


@router.post("/initiatives/{initiative_id:uuid}/edit", response_model=None)
async def update_initiative(request: Request, initiative_id: uuid.UUID) -> Response:
    api = api_of(request)
    form = await request.form()
    values = read_values(form, SCALARS, LISTS)
    version = str(form.get("version") or "")
    body = body_of(values, booleans=("continuedAfterSupport",), never_null=("summary",),
                   keep_empty=True)
    try:
        await pages.update_initiative(api, str(initiative_id), body, version)
    except InvalidInput as error:
        current = await api.get_initiative(str(initiative_id))
        return await render_form(request, values, initiative=current, version=version,
                                 errors=errors_of(error, language_of(request)), status_code=422)
    except Stale:
        # Nothing was written. The form keeps what this person typed and now carries the
        # current version: saving again is a deliberate choice, after the notice.
        current = await api.get_initiative(str(initiative_id))
        return await render_form(request, values, initiative=current, version=current.version,
                                 stale=True, status_code=409)
    return RedirectResponse(detail_path(initiative_id), status_code=303)


@router.get("/initiatives/{initiative_id:uuid}/delete", response_class=HTMLResponse)
async def confirm_delete(request: Request, initiative_id: uuid.UUID,
                         me: SignedIn) -> HTMLResponse:
    initiative = await api_of(request).get_initiative(str(initiative_id))
    insist(me.may_write_initiative(await stadsdeel_of(request, initiative)))
    return await render(request, "initiatives/delete.html",
                        {"initiative": initiative, "version": initiative.version, "stale": False},
                        block="confirm")


@router.post("/initiatives/{initiative_id:uuid}/delete", response_model=None)
async def delete_initiative(request: Request, initiative_id: uuid.UUID) -> Response:
    api = api_of(request)
    version = str((await request.form()).get("version") or "")
    try:
        await pages.delete_initiative(api, str(initiative_id), version)
    except Stale:
        current = await api.get_initiative(str(initiative_id))
        return await render(request, "initiatives/delete.html",
                            {"initiative": current, "version": current.version, "stale": True},
                            block="confirm", status_code=409)
    return RedirectResponse(LIST_PATH, status_code=303)
