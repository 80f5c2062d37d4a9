"""A new record, its changes and its deletion: real forms, 303 after success, 422 with the
API's messages at their fields.

The new-record form does three things without JavaScript, told apart by the button pressed:
save; take the text of a .txt or .docx file (the API reads it) into the text field, to be
checked before saving; and find initiatives by title, to tick the ones the record is about.
"""

import uuid
from typing import Any

from babel.numbers import format_decimal
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from web.api_client import (
    ApiError,
    ApiUnavailable,
    Conflict,
    InitiativeQuery,
    InvalidInput,
    Stale,
    in_language,
)
from web.api_client import records as records_api
from web.form_values import Values, as_text, body_of, chosen_file, errors_of, read_values
from web.htmx import render
from web.i18n import N_, gettext_in, language_of
from web.permissions import insist
from web.records import KINDS, LIST_PATH, initiative_choices
from web.sessions import SignedIn
from web.templating import BABEL_LOCALES, api_of

router = APIRouter()
FORM = "records/form.html"
SCALARS = ("kind", "title", "recordedOn", "author", "text", "initiativeQuery")
LISTS = ("initiativeIds",)
SAVED_FIELDS = ("kind", "title", "recordedOn", "author", "text", "initiativeIds")
FOUND_AT_MOST = 10
# A record's text may be 500,000 characters: up to 2 MB as UTF-8 in one form field.
MAX_FIELD_BYTES = 4 * 1024 * 1024
NO_FILE = N_("Kies eerst een bestand (.txt of .docx).")
NO_QUERY = N_("Typ (een deel van) de titel van een initiatief.")
NOTHING_FOUND = N_("Geen initiatieven gevonden met deze titel.")
TEXT_TAKEN = N_("De tekst uit ‘%(name)s’ (%(count)s tekens) staat in het tekstveld. "
                "Controleer hem en sla het verslag dan op.")


def format_number(value: int, lang: str) -> str:
    return format_decimal(value, locale=BABEL_LOCALES[lang])


def detail_path(record_id: object) -> str:
    return f"{LIST_PATH}/{record_id}"


def blank_values() -> Values:
    return {**dict.fromkeys(SCALARS, ""), "initiativeIds": []}


def values_of(record: records_api.Record) -> Values:
    wire = record.model_dump(mode="json", by_alias=True)
    return {**blank_values(), **{name: as_text(wire.get(name)) for name in SAVED_FIELDS}}


def one_text(value: str) -> str:
    """A browser sends every line break of a textarea as \\r\\n; the record keeps \\n."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


def read_form(form: FormData) -> Values:
    values = read_values(form, SCALARS, LISTS)
    # The text as typed: white space at its ends is the writer's (and offsets count it).
    values["text"] = one_text(str(form.get("text") or ""))
    values["initiativeIds"] = list(dict.fromkeys(values["initiativeIds"]))
    return values


def saved_body(values: Values, *, keep_empty: bool) -> dict[str, object]:
    chosen = {name: values[name] for name in SAVED_FIELDS}
    return body_of(chosen, never_null=("title", "author", "text"), keep_empty=keep_empty)


async def render_form(request: Request, values: Values, *, record: Any = None,
                      version: object = None, errors: dict[str, str] | None = None,
                      found: Any = (), notice: str = "", stale: bool = False,
                      status_code: int = 200) -> HTMLResponse:
    """The form; `version` is the one the person edits (the record's, unless they edited
    an older one and the form comes back to them)."""
    api, lang = api_of(request), language_of(request)
    chosen = await initiative_choices(api, list(values["initiativeIds"]))
    values = {**values, "initiativeIds": [key for key, _title in chosen]}
    context = {"values": values, "record": record, "errors": errors or {}, "notice": notice,
               "version": version if version is not None else getattr(record, "version", ""),
               "stale": stale, "chosen": chosen, "found": list(found),
               "kinds": (await api.vocabulary(KINDS)).choices(lang)}
    return await render(request, FORM, context, block="form", status_code=status_code)


async def _take_text(request: Request, form: FormData, values: Values) -> HTMLResponse:
    """The file's text into the text field, for the person to check before saving."""
    lang, upload = language_of(request), chosen_file(form)
    if upload is None:
        return await render_form(request, values, errors={"file": gettext_in(lang, NO_FILE)},
                                 status_code=422)
    try:
        taken = await records_api.text_of_file(api_of(request), upload.filename or "",
                                               upload.file, upload.content_type)
    except ApiUnavailable:
        raise
    except ApiError as error:  # 400 unreadable, 413 too large, 415 not text
        message = next(iter(getattr(error, "errors", {}).values()), error.detail)
        return await render_form(request, values, errors={"file": in_language(message, lang)},
                                 status_code=422)
    values = {**values, "text": taken.text}
    notice = gettext_in(lang, TEXT_TAKEN) % {"name": taken.file_name,
                                             "count": format_number(taken.characters, lang)}
    return await render_form(request, values, notice=notice)


async def _find_initiatives(request: Request, values: Values, record: Any = None,
                            version: object = None) -> HTMLResponse:
    lang, query = language_of(request), str(values["initiativeQuery"])
    if not query:
        return await render_form(request, values, record=record, version=version,
                                 status_code=422,
                                 errors={"initiativeQuery": gettext_in(lang, NO_QUERY)})
    page = await api_of(request).list_initiatives(
        InitiativeQuery(q=query, sort="title", page_size=FOUND_AT_MOST))
    found = [(item.id, item.title) for item in page.items
             if item.id not in values["initiativeIds"]]
    errors = {} if found else {"initiativeQuery": gettext_in(lang, NOTHING_FOUND)}
    return await render_form(request, values, record=record, version=version, found=found,
                             errors=errors)


@router.get(f"{LIST_PATH}/nieuw", response_class=HTMLResponse)
async def new_record(request: Request, me: SignedIn) -> HTMLResponse:
    """`?initiative=<id>` (repeatable) ticks the initiatives the record is about."""
    insist(me.may_read_records)
    values = blank_values()
    values["initiativeIds"] = request.query_params.getlist("initiative")
    return await render_form(request, values)


@router.post(f"{LIST_PATH}/nieuw", response_model=None)
async def create_record(request: Request, me: SignedIn) -> Response:
    insist(me.may_read_records)
    async with request.form(max_part_size=MAX_FIELD_BYTES) as form:
        values = read_form(form)
        action = str(form.get("action") or "save")
        if action == "upload":
            return await _take_text(request, form, values)
    if action == "find":
        return await _find_initiatives(request, values)
    try:
        created = await records_api.create_record(api_of(request),
                                                  saved_body(values, keep_empty=False))
    except InvalidInput as error:
        return await render_form(request, values, status_code=422,
                                 errors=errors_of(error, language_of(request)))
    return RedirectResponse(detail_path(created.id), status_code=303)


@router.get(f"{LIST_PATH}/{{record_id:uuid}}/bewerken", response_class=HTMLResponse)
async def edit_record(request: Request, record_id: uuid.UUID, me: SignedIn) -> HTMLResponse:
    insist(me.may_read_records)
    record = await records_api.get_record(api_of(request), str(record_id))
    return await render_form(request, values_of(record), record=record)


@router.post(f"{LIST_PATH}/{{record_id:uuid}}/bewerken", response_model=None)
async def update_record(request: Request, record_id: uuid.UUID, me: SignedIn) -> Response:
    insist(me.may_read_records)
    api, lang = api_of(request), language_of(request)
    async with request.form(max_part_size=MAX_FIELD_BYTES) as form:
        values = read_form(form)
        version, action = str(form.get("version") or ""), str(form.get("action") or "save")
    current = await records_api.get_record(api, str(record_id))
    if action == "find":
        return await _find_initiatives(request, values, current, version)
    try:
        await records_api.update_record(api, str(record_id),
                                        saved_body(values, keep_empty=True), version)
    except InvalidInput as error:
        return await render_form(request, values, record=current, version=version,
                                 errors=errors_of(error, lang), status_code=422)
    except Conflict as error:  # the new text cuts through a coded passage: said at the text
        return await render_form(request, values, record=current, version=version,
                                 errors={"text": in_language(error.detail, lang)},
                                 status_code=409)
    except Stale:
        # Nothing written; the form keeps what was typed and now carries the new version.
        return await render_form(request, values, record=current, stale=True, status_code=409)
    return RedirectResponse(detail_path(record_id), status_code=303)


@router.get(f"{LIST_PATH}/{{record_id:uuid}}/verwijderen", response_class=HTMLResponse)
async def confirm_delete(request: Request, record_id: uuid.UUID, me: SignedIn) -> HTMLResponse:
    insist(me.may_read_records)
    record = await records_api.get_record(api_of(request), str(record_id))
    return await render(request, "records/delete.html",
                        {"record": record, "version": record.version, "stale": False},
                        block="confirm")


@router.post(f"{LIST_PATH}/{{record_id:uuid}}/verwijderen", response_model=None)
async def delete_record(request: Request, record_id: uuid.UUID, me: SignedIn) -> Response:
    insist(me.may_read_records)
    api = api_of(request)
    version = str((await request.form()).get("version") or "")
    try:
        await records_api.delete_record(api, str(record_id), version)
    except Stale:
        current = await records_api.get_record(api, str(record_id))
        return await render(request, "records/delete.html",
                            {"record": current, "version": current.version, "stale": True},
                            block="confirm", status_code=409)
    return RedirectResponse(LIST_PATH, status_code=303)
