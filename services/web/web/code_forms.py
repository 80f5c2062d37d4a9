"""Adding, editing (and moving) and deleting codes (researchers and administrators): real
forms, 303 to the code or the codebook, 422 with the API's messages at their fields, 409
when someone else changed the code meanwhile or a deletion would lose codings."""

import uuid

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from web.api_client import Conflict, InvalidInput, Stale, in_language
from web.api_client import codes as codes_api
from web.api_client.codes import Code
from web.code_tree import parent_choices, path_text, subtree_ids
from web.form_values import Values, errors_of, read_values
from web.htmx import render
from web.i18n import language_of
from web.permissions import insist
from web.sessions import SignedIn
from web.templating import api_of

router = APIRouter()
FORM = "codes/form.html"
DELETE = "codes/delete.html"
FIELDS = ("name", "definition", "example", "parentId")
PARENT = "parentId"


def saved_path(code_id: str) -> str:
    return f"/codes/{code_id}?opgeslagen=1"


def code_body(values: Values) -> dict[str, object]:
    """Texts as typed ("" clears a definition); no parent: the top of the codebook."""
    body: dict[str, object] = {name: values[name] for name in FIELDS if name != PARENT}
    body[PARENT] = values[PARENT] or None
    return body


def values_of(code: Code) -> Values:
    return {"name": code.name, "definition": code.definition, "example": code.example,
            PARENT: code.parent_id or ""}


def refusal(error: InvalidInput | Conflict, lang: str) -> dict[str, str]:
    """The API's messages by field; a conflict (a sibling of that name) at the name."""
    if isinstance(error, Conflict):
        return {"name": in_language(error.detail, lang)}
    return errors_of(error, lang)


def parents_offered(codes: tuple[Code, ...], code: Code | None,
                    chosen: str) -> list[tuple[str, str]]:
    """Where the code may hang; a parent the API just refused (one of its own subcodes,
    chosen in a form opened before the tree changed) stays shown, with its message."""
    offered = parent_choices(codes, code.id if code else None)
    if chosen and chosen not in {key for key, _ in offered}:
        offered += [(item.id, path_text(item)) for item in codes if item.id == chosen]
    return offered


async def _form(request: Request, values: Values, *, code: Code | None = None,
                version: object = None, errors: dict[str, str] | None = None,
                stale: bool = False, status_code: int = 200) -> HTMLResponse:
    """`version`: what the form sends as If-Match; a refused form keeps the one it had."""
    codes = await codes_api.list_codes(api_of(request))
    context = {"values": values, "code": code, "errors": errors or {}, "stale": stale,
               "version": version if version is not None else (code.version if code else None),
               "parents": parents_offered(codes, code, str(values[PARENT]))}
    return await render(request, FORM, context, block="form", status_code=status_code)


@router.get("/codes/nieuw", response_class=HTMLResponse)
async def new_code(request: Request, me: SignedIn) -> HTMLResponse:
    """`?parent=` puts the new code under that one (the codebook's "Subcode toevoegen")."""
    insist(me.may_write_codes)
    values: Values = dict.fromkeys(FIELDS, "")
    values[PARENT] = request.query_params.get("parent", "")[:40]
    return await _form(request, values)


@router.post("/codes/nieuw", response_model=None)
async def create_code(request: Request, me: SignedIn) -> Response:
    insist(me.may_write_codes)
    values = read_values(await request.form(), FIELDS)
    try:
        created = await codes_api.create_code(api_of(request), code_body(values))
    except (InvalidInput, Conflict) as error:
        return await _form(request, values, errors=refusal(error, language_of(request)),
                           status_code=422)
    return RedirectResponse(saved_path(created.id), status_code=303)


@router.get("/codes/{code_id:uuid}/bewerken", response_class=HTMLResponse)
async def edit_code(request: Request, code_id: uuid.UUID, me: SignedIn) -> HTMLResponse:
    insist(me.may_write_codes)
    code = await codes_api.get_code(api_of(request), str(code_id))
    return await _form(request, values_of(code), code=code)


@router.post("/codes/{code_id:uuid}/bewerken", response_model=None)
async def update_code(request: Request, code_id: uuid.UUID, me: SignedIn) -> Response:
    insist(me.may_write_codes)
    api, key = api_of(request), str(code_id)
    form = await request.form()
    values = read_values(form, FIELDS)
    version = str(form.get("version") or "")
    try:
        saved = await codes_api.update_code(api, key, code_body(values), version)
    except (InvalidInput, Conflict) as error:
        return await _form(request, values, code=await codes_api.get_code(api, key),
                           version=version, errors=refusal(error, language_of(request)),
                           status_code=422)
    except Stale:
        return await _form(request, values, code=await codes_api.get_code(api, key),
                           stale=True, status_code=409)
    return RedirectResponse(saved_path(saved.id), status_code=303)


async def _confirm(request: Request, code: Code, *, version: object = None,
                   stale: bool = False, problem: str = "",
                   status_code: int = 200) -> HTMLResponse:
    codes = await codes_api.list_codes(api_of(request))
    context = {"code": code, "version": version or code.version, "stale": stale,
               "problem": problem, "subcodes": len(subtree_ids(codes, code.id)) - 1}
    return await render(request, DELETE, context, block="confirm", status_code=status_code)


@router.get("/codes/{code_id:uuid}/verwijderen", response_class=HTMLResponse)
async def confirm_delete(request: Request, code_id: uuid.UUID, me: SignedIn) -> HTMLResponse:
    insist(me.may_write_codes)
    return await _confirm(request, await codes_api.get_code(api_of(request), str(code_id)))


@router.post("/codes/{code_id:uuid}/verwijderen", response_model=None)
async def delete_code(request: Request, code_id: uuid.UUID, me: SignedIn) -> Response:
    insist(me.may_write_codes)
    api, key = api_of(request), str(code_id)
    version = str((await request.form()).get("version") or "")
    try:
        await codes_api.delete_code(api, key, version)
    except Stale:
        return await _confirm(request, await codes_api.get_code(api, key), stale=True,
                              status_code=409)
    except Conflict as error:  # the code or a subcode still codes a segment
        return await _confirm(request, await codes_api.get_code(api, key), version=version,
                              problem=in_language(error.detail, language_of(request)),
                              status_code=409)
    return RedirectResponse("/codes?verwijderd=1", status_code=303)
