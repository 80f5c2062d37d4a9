"""Adding and editing competency frameworks and competencies (administrators): real forms,
303 back to the overview, 422 with the API's messages at their fields."""

import uuid

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from web.api_client import Conflict, InvalidInput, Stale, in_language
from web.api_client import competences as competences_api
from web.api_client.competences import Competency, Framework
from web.competences import OVERVIEW_PATH
from web.form_values import Values, as_text, errors_of, read_values
from web.htmx import render
from web.i18n import language_of
from web.permissions import insist
from web.sessions import SignedIn
from web.templating import api_of

router = APIRouter()
FRAMEWORK_FORM = "competences/framework_form.html"
COMPETENCY_FORM = "competences/competency_form.html"
FRAMEWORK_FIELDS = ("code", "name", "description", "source", "scale")
COMPETENCY_FIELDS = ("code", "name", "description", "behaviouralIndicators", "position")
# Free texts the API keeps as "" rather than null.
TEXTS = ("description", "source")
INDICATORS = "behaviouralIndicators"


def saved_path(framework_code: str) -> str:
    return f"{OVERVIEW_PATH}?opgeslagen=1#kader-{framework_code}"


def _lines(text: str) -> list[tuple[int, str]]:
    """(line number, text) of every line that holds something: one indicator each."""
    return [(number, line.strip()) for number, line in enumerate(text.splitlines(), 1)
            if line.strip()]


def framework_body(values: Values) -> dict[str, object]:
    return {name: values[name] for name in FRAMEWORK_FIELDS
            if values[name] or name in TEXTS}


def competency_body(values: Values) -> dict[str, object]:
    """The indicators one per line; an empty position is left out (the API puts it last
    on a new competency, and keeps it on an edited one)."""
    body: dict[str, object] = {name: values[name] for name in ("code", "name", "description")}
    body[INDICATORS] = [line for _, line in _lines(str(values[INDICATORS]))]
    if values["position"]:
        body["position"] = values["position"]
    return body


def refusal(error: InvalidInput | Conflict, conflict_field: str, lang: str) -> dict[str, str]:
    """The API's messages by field; a conflict (409, no pointer) at the field it is about."""
    if isinstance(error, Conflict):
        return {conflict_field: in_language(error.detail, lang)}
    return errors_of(error, lang)


def competency_errors(error: InvalidInput | Conflict, values: Values,
                      lang: str) -> dict[str, str]:
    """As refusal(), and a message about one indicator names its line in the textarea."""
    errors = refusal(error, "code", lang)
    if isinstance(error, Conflict):
        return errors
    numbers = [number for number, _ in _lines(str(values[INDICATORS]))]
    for pointer, message in error.errors.items():
        parts = pointer.strip("/").split("/")
        if parts[0] == INDICATORS and len(parts) > 1 and parts[1].isdigit():
            index = int(parts[1])
            line = numbers[index] if index < len(numbers) else index + 1
            errors[INDICATORS] = f"{line}: {in_language(message, lang)}"
            break
    return errors


async def _framework_form(request: Request, values: Values, *, framework: Framework | None,
                          version: object = None, errors: dict[str, str] | None = None,
                          stale: bool = False, status_code: int = 200) -> HTMLResponse:
    """`version`: what the form sends as If-Match; a refused form keeps the one it had."""
    scales = await api_of(request).vocabulary("competency-scale")
    context = {"values": values, "framework": framework, "errors": errors or {},
               "stale": stale, "version": version if version is not None else (
                   framework.version if framework else None),
               "choices": {"scale": scales.choices(language_of(request))}}
    return await render(request, FRAMEWORK_FORM, context, block="form",
                        status_code=status_code)


@router.get("/competenties/kaders/nieuw", response_class=HTMLResponse)
async def new_framework(request: Request, me: SignedIn) -> HTMLResponse:
    insist(me.is_admin)
    return await _framework_form(request, dict.fromkeys(FRAMEWORK_FIELDS, ""), framework=None)


@router.post("/competenties/kaders/nieuw", response_model=None)
async def create_framework(request: Request) -> Response:
    values = read_values(await request.form(), FRAMEWORK_FIELDS)
    try:
        created = await competences_api.create_framework(api_of(request), framework_body(values))
    except (InvalidInput, Conflict) as error:  # a conflict: the code is taken
        return await _framework_form(request, values, framework=None, status_code=422,
                                     errors=refusal(error, "code", language_of(request)))
    return RedirectResponse(saved_path(created.code), status_code=303)


@router.get("/competenties/kaders/{framework_id:uuid}/bewerken", response_class=HTMLResponse)
async def edit_framework(request: Request, framework_id: uuid.UUID,
                         me: SignedIn) -> HTMLResponse:
    insist(me.is_admin)
    framework = await competences_api.get_framework(api_of(request), str(framework_id))
    wire = framework.model_dump(mode="json", by_alias=True)
    values = {name: as_text(wire.get(name)) for name in FRAMEWORK_FIELDS}
    return await _framework_form(request, values, framework=framework)


@router.post("/competenties/kaders/{framework_id:uuid}/bewerken", response_model=None)
async def update_framework(request: Request, framework_id: uuid.UUID) -> Response:
    api, key, lang = api_of(request), str(framework_id), language_of(request)
    form = await request.form()
    values = read_values(form, FRAMEWORK_FIELDS)
    version = str(form.get("version") or "")
    try:
        saved = await competences_api.update_framework(api, key, framework_body(values),
                                                       version)
    except (InvalidInput, Conflict) as error:
        # A conflict: the code is taken, or the framework was assessed on its old scale.
        current = await competences_api.get_framework(api, key)
        field = "scale" if values["scale"] != current.scale else "code"
        return await _framework_form(request, values, status_code=422, framework=current,
                                     errors=refusal(error, field, lang), version=version)
    except Stale:
        return await _framework_form(request, values, stale=True, status_code=409,
                                     framework=await competences_api.get_framework(api, key))
    return RedirectResponse(saved_path(saved.code), status_code=303)


async def _competency_form(request: Request, values: Values, framework: Framework, *,
                           competency: Competency | None = None, version: object = None,
                           errors: dict[str, str] | None = None, stale: bool = False,
                           status_code: int = 200) -> HTMLResponse:
    context = {"values": values, "framework": framework, "competency": competency,
               "errors": errors or {}, "stale": stale,
               "version": version if version is not None else (
                   competency.version if competency else None)}
    return await render(request, COMPETENCY_FORM, context, block="form",
                        status_code=status_code)


def values_of_competency(competency: Competency) -> Values:
    return {"code": competency.code, "name": competency.name,
            "description": competency.description,
            INDICATORS: "\n".join(competency.behavioural_indicators),
            "position": str(competency.position)}


@router.get("/competenties/kaders/{framework_id:uuid}/competenties/nieuw",
            response_class=HTMLResponse)
async def new_competency(request: Request, framework_id: uuid.UUID,
                         me: SignedIn) -> HTMLResponse:
    insist(me.is_admin)
    framework = await competences_api.get_framework(api_of(request), str(framework_id))
    return await _competency_form(request, dict.fromkeys(COMPETENCY_FIELDS, ""), framework)


@router.post("/competenties/kaders/{framework_id:uuid}/competenties/nieuw",
             response_model=None)
async def create_competency(request: Request, framework_id: uuid.UUID) -> Response:
    api, key = api_of(request), str(framework_id)
    values = read_values(await request.form(), COMPETENCY_FIELDS)
    framework = await competences_api.get_framework(api, key)
    try:
        await competences_api.create_competency(api, key, competency_body(values))
    except (InvalidInput, Conflict) as error:  # a conflict: the code is taken
        errors = competency_errors(error, values, language_of(request))
        return await _competency_form(request, values, framework, errors=errors,
                                      status_code=422)
    return RedirectResponse(saved_path(framework.code), status_code=303)


@router.get("/competenties/{competency_id:uuid}/bewerken", response_class=HTMLResponse)
async def edit_competency(request: Request, competency_id: uuid.UUID,
                          me: SignedIn) -> HTMLResponse:
    insist(me.is_admin)
    api = api_of(request)
    competency = await competences_api.get_competency(api, str(competency_id))
    framework = await competences_api.get_framework(api, competency.framework_id)
    return await _competency_form(request, values_of_competency(competency), framework,
                                  competency=competency)


@router.post("/competenties/{competency_id:uuid}/bewerken", response_model=None)
async def update_competency(request: Request, competency_id: uuid.UUID) -> Response:
    api, key = api_of(request), str(competency_id)
    form = await request.form()
    values = read_values(form, COMPETENCY_FIELDS)
    version = str(form.get("version") or "")
    current = await competences_api.get_competency(api, key)
    framework = await competences_api.get_framework(api, current.framework_id)
    try:
        await competences_api.update_competency(api, key, competency_body(values), version)
    except (InvalidInput, Conflict) as error:  # a conflict: the code is taken
        errors = competency_errors(error, values, language_of(request))
        return await _competency_form(request, values, framework, competency=current,
                                      version=version, errors=errors, status_code=422)
    except Stale:
        return await _competency_form(request, values, framework, competency=current,
                                      stale=True, status_code=409)
    return RedirectResponse(saved_path(framework.code), status_code=303)
