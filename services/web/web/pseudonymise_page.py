"""Pseudonymising a record: the names to hide, one a line; a preview of the text with each
name replaced by its stable code (nothing changed yet); then, on purpose, the replacement
kept (If-Match: refused when the record changed since it was read)."""

import uuid

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from web.api_client import InvalidInput, Stale, in_language
from web.api_client.records import Pseudonymised, Record, get_record, pseudonymise
from web.form_values import field_of, whole_number
from web.htmx import render
from web.i18n import N_, gettext_in, language_of
from web.permissions import insist
from web.record_detail import detail_url
from web.records import LIST_PATH
from web.sessions import SignedIn
from web.templating import api_of

router = APIRouter()
TEMPLATE = "records/pseudonymise.html"
MAX_NAMES = 200
NO_NAMES = N_("Typ ten minste één naam, één per regel.")


def names_in(text: str) -> list[str]:
    """One name a line, white space at the ends left off, each name once."""
    return list(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip()))


async def _page(request: Request, record: Record, names: list[str], *,
                preview: Pseudonymised | None = None, errors: dict[str, str] | None = None,
                stale: bool = False, status_code: int = 200) -> HTMLResponse:
    context = {"record": record, "names": "\n".join(names), "name_list": names,
               "preview": preview, "errors": errors or {}, "stale": stale}
    return await render(request, TEMPLATE, context, block="form", status_code=status_code)


def _errors(error: InvalidInput, names: list[str], lang: str) -> dict[str, str]:
    """At the names field; a message about one name says which."""
    found: dict[str, str] = {}
    for pointer, message in error.errors.items():
        parts = pointer.strip("/").split("/")
        index = whole_number(parts[1]) if len(parts) > 1 else None
        which = (f"{names[index]}: " if field_of(pointer) == "names" and index is not None
                 and index < len(names) else "")
        found.setdefault("names", which + in_language(message, lang))
    return found or {"names": in_language(error.detail, lang)}


@router.get(f"{LIST_PATH}/{{record_id:uuid}}/pseudonimiseren", response_class=HTMLResponse)
async def pseudonymise_form(request: Request, record_id: uuid.UUID,
                            me: SignedIn) -> HTMLResponse:
    insist(me.may_read_records)
    return await _page(request, await get_record(api_of(request), str(record_id)), [])


@router.post(f"{LIST_PATH}/{{record_id:uuid}}/pseudonimiseren", response_model=None)
async def pseudonymise_record(request: Request, record_id: uuid.UUID,
                              me: SignedIn) -> Response:
    """`action=preview` with the typed names; `action=apply` with the previewed names and
    the version they were previewed on."""
    insist(me.may_read_records)
    api, lang = api_of(request), language_of(request)
    form = await request.form()
    applying = form.get("action") == "apply"
    names = ([str(name) for name in form.getlist("name")] if applying
             else names_in(str(form.get("names") or "")))[:MAX_NAMES + 1]
    record = await get_record(api, str(record_id))
    if not names:
        return await _page(request, record, names, status_code=422,
                           errors={"names": gettext_in(lang, NO_NAMES)})
    try:
        if applying:
            await pseudonymise(api, str(record_id), names,
                               version=str(form.get("version") or ""))
            return RedirectResponse(detail_url(record_id), status_code=303)
        preview = await pseudonymise(api, str(record_id), names)
    except InvalidInput as error:
        return await _page(request, record, names, errors=_errors(error, names, lang),
                           status_code=422)
    except Stale:  # changed since the preview: nothing replaced; preview again
        preview = await pseudonymise(api, str(record_id), names)
        return await _page(request, record, names, preview=preview, stale=True,
                           status_code=409)
    return await _page(request, record, names, preview=preview)
