"""Recording, editing and deleting an initiative's follow-ups after its support ended: real
forms, 303 back to the initiative, 422 with the API's messages at their fields, 409 with a
notice when someone else changed the follow-up first."""

import uuid

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from web.api_client import Conflict, Initiative, InvalidInput, NotFound, Stale, in_language
from web.api_client import follow_ups as follow_ups_api
from web.api_client.follow_ups import FollowUp
from web.form_values import Values, as_text, body_of, errors_of, read_values
from web.htmx import render
from web.i18n import language_of
from web.initiative_forms import detail_path
from web.permissions import insist, stadsdeel_of
from web.sessions import SignedIn
from web.templating import api_of

router = APIRouter()
FORM = "follow_ups/form.html"
DELETE = "follow_ups/delete.html"
SCALARS = ("monthsAfterSupport", "observedOn", "stillRunning", "stoppedAfterMonths",
           "residentsInLead", "newPeopleJoined", "note")
BOOLEANS = ("stillRunning", "residentsInLead")
# The usual moments to look again (months after support ended): offered first.
SUGGESTED_MONTHS = (6, 12, 24)
SECTION = "#follow-ups"
BASE = "/initiatives/{initiative_id:uuid}/follow-ups"


def values_of(follow_up: FollowUp) -> Values:
    wire = follow_up.model_dump(mode="json", by_alias=True)
    return {name: as_text(wire.get(name)) for name in SCALARS}


def next_month(recorded: tuple[FollowUp, ...]) -> str:
    """The first usual moment not yet recorded: what a new follow-up most likely is."""
    taken = {item.months_after_support for item in recorded}
    return next((str(month) for month in SUGGESTED_MONTHS if month not in taken), "")


def body_from(values: Values, *, keep_empty: bool) -> dict[str, object]:
    return body_of(values, booleans=BOOLEANS, never_null=("note",), keep_empty=keep_empty)


def problems_of(error: InvalidInput | Conflict, lang: str) -> dict[str, str]:
    """Field errors; a month recorded before (the API's 409) belongs at the month."""
    if isinstance(error, Conflict):
        return {"monthsAfterSupport": in_language(error.detail, lang)}
    return errors_of(error, lang)


async def render_form(request: Request, initiative: Initiative, values: Values, *,
                      follow_up: FollowUp | None = None, version: int | str | None = None,
                      errors: dict[str, str] | None = None, stale: bool = False,
                      status_code: int = 200) -> HTMLResponse:
    context = {"initiative": initiative, "values": values, "follow_up": follow_up,
               "version": version, "errors": errors or {}, "stale": stale,
               "suggested": SUGGESTED_MONTHS}
    return await render(request, FORM, context, block="form", status_code=status_code)


async def _writable(request: Request, initiative_id: uuid.UUID, me: SignedIn) -> Initiative:
    initiative = await api_of(request).get_initiative(str(initiative_id))
    insist(me.may_evaluate(await stadsdeel_of(request, initiative)))
    return initiative


async def _of_initiative(request: Request, initiative_id: uuid.UUID,
                         follow_up_id: uuid.UUID) -> FollowUp:
    """The follow-up, if it belongs to this initiative (else the 404 page)."""
    found = await follow_ups_api.follow_up(api_of(request), str(follow_up_id))
    if found.initiative_id != str(initiative_id):
        raise HTTPException(404)
    return found


@router.get(f"{BASE}/new", response_class=HTMLResponse)
async def new_follow_up(request: Request, initiative_id: uuid.UUID,
                        me: SignedIn) -> HTMLResponse:
    initiative = await _writable(request, initiative_id, me)
    recorded = await follow_ups_api.follow_ups(api_of(request), initiative.id)
    values: Values = {**dict.fromkeys(SCALARS, ""), "monthsAfterSupport": next_month(recorded)}
    return await render_form(request, initiative, values)


@router.post(f"{BASE}/new", response_model=None)
async def create_follow_up(request: Request, initiative_id: uuid.UUID) -> Response:
    api = api_of(request)
    initiative = await api.get_initiative(str(initiative_id))
    values = read_values(await request.form(), SCALARS)
    try:
        await follow_ups_api.create_follow_up(api, initiative.id,
                                              body_from(values, keep_empty=False))
    except (InvalidInput, Conflict) as error:
        return await render_form(request, initiative, values,
                                 errors=problems_of(error, language_of(request)),
                                 status_code=422)
    return RedirectResponse(detail_path(initiative.id) + SECTION, status_code=303)


@router.get(BASE + "/{follow_up_id:uuid}/edit", response_class=HTMLResponse)
async def edit_follow_up(request: Request, initiative_id: uuid.UUID, follow_up_id: uuid.UUID,
                         me: SignedIn) -> HTMLResponse:
    initiative = await _writable(request, initiative_id, me)
    found = await _of_initiative(request, initiative_id, follow_up_id)
    return await render_form(request, initiative, values_of(found), follow_up=found,
                             version=found.version)


@router.post(BASE + "/{follow_up_id:uuid}/edit", response_model=None)
async def update_follow_up(request: Request, initiative_id: uuid.UUID,
                           follow_up_id: uuid.UUID) -> Response:
    api = api_of(request)
    initiative = await api.get_initiative(str(initiative_id))
    await _of_initiative(request, initiative_id, follow_up_id)
    form = await request.form()
    values, version = read_values(form, SCALARS), str(form.get("version") or "")
    try:
        await follow_ups_api.update_follow_up(api, str(follow_up_id),
                                              body_from(values, keep_empty=True), version)
    except (InvalidInput, Conflict) as error:
        current = await _of_initiative(request, initiative_id, follow_up_id)
        return await render_form(request, initiative, values, follow_up=current,
                                 version=version, status_code=422,
                                 errors=problems_of(error, language_of(request)))
    except Stale:
        # Nothing was written; the form keeps what was typed and now carries the current
        # version, so saving again is a deliberate choice after the notice.
        current = await _of_initiative(request, initiative_id, follow_up_id)
        return await render_form(request, initiative, values, follow_up=current,
                                  version=current.version, stale=True, status_code=409)
    return RedirectResponse(detail_path(initiative.id) + SECTION, status_code=303)


@router.get(BASE + "/{follow_up_id:uuid}/delete", response_class=HTMLResponse)
async def confirm_delete(request: Request, initiative_id: uuid.UUID, follow_up_id: uuid.UUID,
                         me: SignedIn) -> HTMLResponse:
    initiative = await _writable(request, initiative_id, me)
    found = await _of_initiative(request, initiative_id, follow_up_id)
    context = {"initiative": initiative, "follow_up": found, "version": found.version,
               "stale": False}
    return await render(request, DELETE, context, block="confirm")


@router.post(BASE + "/{follow_up_id:uuid}/delete", response_model=None)
async def delete_follow_up(request: Request, initiative_id: uuid.UUID,
                           follow_up_id: uuid.UUID) -> Response:
    api = api_of(request)
    initiative = await api.get_initiative(str(initiative_id))
    await _of_initiative(request, initiative_id, follow_up_id)
    version = str((await request.form()).get("version") or "")
    try:
        await follow_ups_api.delete_follow_up(api, str(follow_up_id), version)
    except Stale:
        current = await _of_initiative(request, initiative_id, follow_up_id)
        context = {"initiative": initiative, "follow_up": current,
                   "version": current.version, "stale": True}
        return await render(request, DELETE, context, block="confirm", status_code=409)
    except NotFound:  # deleted by someone else meanwhile: what was asked is done
        pass
    return RedirectResponse(detail_path(initiative.id) + SECTION, status_code=303)
