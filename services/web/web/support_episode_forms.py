"""Recording professional support for an initiative: a real form, 303 back to the initiative,
422 with the API's messages at their fields."""

import uuid

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from web.api_client import Initiative, InvalidInput
from web.api_client import initiative_pages as pages
from web.form_values import Values, body_of, errors_of, read_values
from web.htmx import render
from web.i18n import language_of
from web.initiative_forms import detail_path
from web.permissions import insist, stadsdeel_of
from web.sessions import SignedIn
from web.templating import api_of

router = APIRouter()
FORM = "initiatives/support_episode_form.html"
# The handelingsbeschrijving's four parts: text, never null (an empty part is "").
ACCOUNT = ("situation", "actionDescription", "reasoning", "result")
SCALARS = ("professionalId", "role", "startDate", "endDate", "hours", "style", *ACCOUNT)
LISTS = ("kinds",)
VOCABULARY_OF = {"role": "professional-role", "kinds": "support-kind", "style": "support-style"}


async def render_form(request: Request, initiative: Initiative, values: Values,
                      errors: dict[str, str] | None = None,
                      status_code: int = 200) -> HTMLResponse:
    api, lang = api_of(request), language_of(request)
    vocabularies = await api.vocabularies(*VOCABULARY_OF.values())
    choices = {field: vocabularies[name].choices(lang) for field, name in VOCABULARY_OF.items()}
    # Those serving the initiative's buurt first: thousands city-wide make a useless select.
    people = (await pages.professionals(api, initiative.current_buurt_id)
              or await pages.professionals(api))
    choices["professionalId"] = [(person.id, f"{person.name or '–'} ({person.organisation})")
                                 for person in people]
    context = {"initiative": initiative, "values": values, "errors": errors or {},
               "choices": choices}
    return await render(request, FORM, context, block="form", status_code=status_code)


@router.get("/initiatives/{initiative_id:uuid}/support-episodes/new",
            response_class=HTMLResponse)
async def new_support_episode(request: Request, initiative_id: uuid.UUID,
                              me: SignedIn) -> HTMLResponse:
    initiative = await api_of(request).get_initiative(str(initiative_id))
    insist(me.may_write_initiative(await stadsdeel_of(request, initiative)))
    values: Values = {**dict.fromkeys(SCALARS, ""), "kinds": []}
    return await render_form(request, initiative, values)


@router.post("/initiatives/{initiative_id:uuid}/support-episodes/new", response_model=None)
async def create_support_episode(request: Request, initiative_id: uuid.UUID) -> Response:
    api = api_of(request)
    initiative = await api.get_initiative(str(initiative_id))
    values = read_values(await request.form(), SCALARS, LISTS)
    body = {**body_of(values, never_null=ACCOUNT), "initiativeId": initiative.id}
    try:
        await pages.create_support_episode(api, body)
    except InvalidInput as error:
        return await render_form(request, initiative, values,
                                 errors_of(error, language_of(request)), status_code=422)
    return RedirectResponse(detail_path(initiative.id) + "#support", status_code=303)
