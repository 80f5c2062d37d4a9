"""Registering, editing and removing a professional: the same real forms as the initiative's,
with the areas they work in chosen per stadsdeel, wijk or buurt."""

import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from web.api_client import ApiClient, Conflict, InvalidInput, NotFound, Stale, in_language
from web.api_client import professional_pages as pages
from web.api_client.area_index import AreaInfo, area_index, get_area_info
from web.api_client.professional_pages import Professional
from web.form_values import Values, as_text, body_of, errors_of, read_values
from web.htmx import render
from web.i18n import language_of
from web.permissions import insist
from web.professionals import LIST_PATH
from web.sessions import SignedIn
from web.templating import api_of

router = APIRouter()
FORM = "professionals/form.html"
SCALARS = ("name", "email", "role", "organisation", "organisationKind", "fte", "activeFrom",
           "activeTo", "externalRef")
LISTS = ("areaIds",)
VOCABULARY_OF = {"role": "professional-role", "organisationKind": "organisation-kind"}
# Areas the form offers, each level in its own control.
LEVELS = ("stadsdeel", "wijk", "buurt")

Choices = list[tuple[str, str]]


def detail_path(professional_id: object) -> str:
    return f"{LIST_PATH}/{professional_id}"


def blank_values() -> Values:
    return {**dict.fromkeys(SCALARS, ""), "areaIds": []}


def values_of(professional: Professional) -> Values:
    wire = professional.model_dump(mode="json", by_alias=True)
    return {name: as_text(wire.get(name)) for name in (*SCALARS, *LISTS)}


def _grouped_by_stadsdeel(areas: list[AreaInfo], stadsdelen: dict[str, str]
                          ) -> list[tuple[str, Choices]]:
    groups: dict[str, Choices] = {}
    for area in sorted(areas, key=lambda found: found.code):
        group = stadsdelen.get(area.code[:1], area.code[:1])
        groups.setdefault(group, []).append((area.id, f"{area.name} ({area.code})"))
    return sorted(groups.items())


async def _earlier_areas(api: ApiClient, chosen: list[str], known: set[str]) -> Choices:
    """Areas of the 2015 indeling the professional was registered for: offered (and kept)
    so that saving the form does not drop them."""
    found: Choices = []
    for area_id in chosen:
        if area_id in known:
            continue
        try:
            area = await get_area_info(api, area_id)
        except (NotFound, InvalidInput):  # a made-up id: the API will say so at the field
            continue
        found.append((area.id, f"{area.name} ({area.code}, {area.indeling})"))
    return found


async def form_choices(request: Request, chosen: list[str]) -> dict[str, Any]:
    api, lang = api_of(request), language_of(request)
    vocabularies = await api.vocabularies(*VOCABULARY_OF.values())
    choices: dict[str, Any] = {field: vocabularies[name].choices(lang)
                               for field, name in VOCABULARY_OF.items()}
    index = await area_index(api)
    by_level = {level: index.of_type(level) for level in LEVELS}
    stadsdelen = {area.code: area.name for area in by_level["stadsdeel"]}
    choices["stadsdelen"] = [(area.id, area.name) for area in by_level["stadsdeel"]]
    choices["wijken"] = _grouped_by_stadsdeel(by_level["wijk"], stadsdelen)
    choices["buurten"] = _grouped_by_stadsdeel(by_level["buurt"], stadsdelen)
    known = {area.id for areas in by_level.values() for area in areas}
    choices["earlier"] = await _earlier_areas(api, chosen, known)
    return choices


async def render_form(request: Request, values: Values, *,
                      professional: Professional | None = None,
                      version: int | str | None = None, errors: dict[str, str] | None = None,
                      stale: bool = False, status_code: int = 200) -> HTMLResponse:
    chosen = values["areaIds"] if isinstance(values["areaIds"], list) else []
    context = {"values": values, "professional": professional, "version": version,
               "errors": errors or {}, "stale": stale,
               "choices": await form_choices(request, chosen)}
    return await render(request, FORM, context, block="form", status_code=status_code)


@router.get("/professionals/new", response_class=HTMLResponse)
async def new_professional(request: Request, me: SignedIn) -> HTMLResponse:
    insist(me.is_admin)
    return await render_form(request, blank_values())


@router.post("/professionals/new", response_model=None)
async def create_professional(request: Request) -> Response:
    values = read_values(await request.form(), SCALARS, LISTS)
    try:
        created = await pages.create_professional(api_of(request),
                                                  body_of(values))
    except InvalidInput as error:
        return await render_form(request, values, errors=errors_of(error, language_of(request)),
                                 status_code=422)
    return RedirectResponse(detail_path(created.id), status_code=303)


@router.get("/professionals/{professional_id:uuid}/edit", response_class=HTMLResponse)
async def edit_professional(request: Request, professional_id: uuid.UUID,
                            me: SignedIn) -> HTMLResponse:
    insist(me.is_admin)
    professional = await pages.get_professional(api_of(request), str(professional_id))
    return await render_form(request, values_of(professional), professional=professional,
                             version=professional.version)


@router.post("/professionals/{professional_id:uuid}/edit", response_model=None)
async def update_professional(request: Request, professional_id: uuid.UUID) -> Response:
    api, key = api_of(request), str(professional_id)
    form = await request.form()
    values = read_values(form, SCALARS, LISTS)
    version = str(form.get("version") or "")
    try:
        await pages.update_professional(api, key, body_of(values, keep_empty=True), version)
    except InvalidInput as error:
        current = await pages.get_professional(api, key)
        return await render_form(request, values, professional=current, version=version,
                                 errors=errors_of(error, language_of(request)), status_code=422)
    except Stale:
        # As with an initiative: nothing written, this person's input kept, the notice shown.
        current = await pages.get_professional(api, key)
        return await render_form(request, values, professional=current,
                                 version=current.version, stale=True, status_code=409)
    return RedirectResponse(detail_path(professional_id), status_code=303)


async def _confirm(request: Request, professional: Professional, *, stale: bool = False,
                   refused: str = "", status_code: int = 200) -> HTMLResponse:
    context = {"professional": professional, "version": professional.version, "stale": stale,
               "refused": refused}
    return await render(request, "professionals/delete.html", context, block="confirm",
                        status_code=status_code)


@router.get("/professionals/{professional_id:uuid}/delete", response_class=HTMLResponse)
async def confirm_delete(request: Request, professional_id: uuid.UUID,
                         me: SignedIn) -> HTMLResponse:
    insist(me.is_admin)
    return await _confirm(request, await pages.get_professional(api_of(request),
                                                                str(professional_id)))


@router.post("/professionals/{professional_id:uuid}/delete", response_model=None)
async def delete_professional(request: Request, professional_id: uuid.UUID) -> Response:
    api, key = api_of(request), str(professional_id)
    version = str((await request.form()).get("version") or "")
    try:
        await pages.delete_professional(api, key, version)
    except Stale:
        return await _confirm(request, await pages.get_professional(api, key), stale=True,
                              status_code=409)
    except Conflict as refusal:  # they still have support episodes: the API says so
        return await _confirm(request, await pages.get_professional(api, key),
                              refused=in_language(refusal.detail, language_of(request)),
                              status_code=409)
    return RedirectResponse(LIST_PATH, status_code=303)
