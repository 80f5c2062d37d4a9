"""Coding a record: a code on a selection of its text (start and end from the browser), on
whole paragraphs (the way without JavaScript), and a coding removed. Plain forms answer with
a 303 to the record (its address says what was done); htmx gets the coding part again.

Offsets and paragraph numbers mean something only in the text the page showed: both forms
send its `version`, and a coding of a text changed since is refused (409, the new text
shown), never put on another passage."""

import uuid

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from web.api_client import InvalidInput, Stale, in_language
from web.api_client.records import Record, get_record
from web.api_client.segments import code_passage, remove_coding
from web.form_values import whole_number
from web.htmx import wants_fragment
from web.i18n import N_, gettext_in, language_of
from web.permissions import insist
from web.record_detail import (
    CODED,
    CODED_PARAGRAPHS,
    CODER,
    REMOVED,
    detail_url,
    render_detail,
)
from web.record_text import paragraph_spans, stored_offset
from web.records import LIST_PATH
from web.sessions import SignedIn
from web.templating import api_of

router = APIRouter()
NO_SELECTION = N_("Selecteer eerst een stuk van de tekst.")
NO_PARAGRAPH = N_("Vink ten minste één alinea aan.")
NO_CODE = N_("Kies een code.")
OLD_PARAGRAPHS = N_("De tekst is intussen gewijzigd; kies de alinea's opnieuw.")
CHANGED_TEXT = N_("De tekst van dit verslag is gewijzigd sinds u de pagina opende. Er is "
                  "niets gecodeerd. Hieronder staat de nieuwe tekst: kies het stuk opnieuw.")
# The form fields of each way to code, so that an error stands at the right one.
SELECTION_FIELDS = {"codeId": "selection-code", "start": "selection", "end": "selection"}
PARAGRAPH_FIELDS = {"codeId": "paragraph-code", "start": "paragraphs", "end": "paragraphs"}


def _offset(form: FormData, name: str) -> int | None:
    return whole_number(str(form.get(name) or "").strip())


async def _shown(request: Request, record_id: uuid.UUID, form: FormData) -> Record | None:
    """The record, if its version is still the one the page showed (the form's); None when
    its text may have changed since, or the form did not say."""
    record = await get_record(api_of(request), str(record_id))
    return record if _offset(form, "version") == record.version else None


async def _changed(request: Request, me: SignedIn, record_id: uuid.UUID, coder: str,
                   field: str) -> Response:
    """Nothing coded; the page again with the text as it is now, the reason at the form."""
    errors = {field: gettext_in(language_of(request), CHANGED_TEXT)}
    return await render_detail(request, me, str(record_id), coder=coder, errors=errors,
                               status_code=409)


def _api_errors(error: InvalidInput, fields: dict[str, str], lang: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for pointer, message in error.errors.items():
        found.setdefault(fields.get(pointer.strip("/"), fields["start"]),
                         in_language(message, lang))
    return found or {fields["start"]: in_language(error.detail, lang)}


async def _answer(request: Request, me: SignedIn, record_id: uuid.UUID, coder: str,
                  notice: str, done: str) -> Response:
    """htmx: the coding part with `notice`; a plain form: a 303 whose address says `done`."""
    if wants_fragment(request):
        return await render_detail(request, me, str(record_id), coder=coder, notice=notice)
    return RedirectResponse(detail_url(record_id, coder, done) + "#coding", status_code=303)


async def _refused(request: Request, me: SignedIn, record_id: uuid.UUID, coder: str,
                   errors: dict[str, str]) -> Response:
    return await render_detail(request, me, str(record_id), coder=coder, errors=errors,
                               status_code=422)


@router.post(f"{LIST_PATH}/{{record_id:uuid}}/coderen", response_model=None)
async def code_selection(request: Request, record_id: uuid.UUID, me: SignedIn) -> Response:
    """start and end count code points in the text as the textarea holds it."""
    insist(me.may_read_records)
    form, lang = await request.form(), language_of(request)
    coder, code_id = str(form.get(CODER) or ""), str(form.get("codeId") or "")
    start, end = _offset(form, "start"), _offset(form, "end")
    errors = {}
    if not code_id:
        errors["selection-code"] = gettext_in(lang, NO_CODE)
    if start is None or end is None or end <= start:
        errors["selection"] = gettext_in(lang, NO_SELECTION)
    record = await _shown(request, record_id, form)
    if record is None:
        return await _changed(request, me, record_id, coder, "selection")
    if errors or start is None or end is None:
        return await _refused(request, me, record_id, coder, errors)
    try:
        await code_passage(api_of(request), str(record_id), code_id,
                           stored_offset(record.text, start), stored_offset(record.text, end),
                           record.version)
    except Stale:  # changed between the read and the write
        return await _changed(request, me, record_id, coder, "selection")
    except InvalidInput as error:
        return await _refused(request, me, record_id, coder,
                              _api_errors(error, SELECTION_FIELDS, lang))
    return await _answer(request, me, record_id, coder, gettext_in(lang, CODED), "selectie")


@router.post(f"{LIST_PATH}/{{record_id:uuid}}/alineas", response_model=None)
async def code_paragraphs(request: Request, record_id: uuid.UUID, me: SignedIn) -> Response:
    """One coding per ticked paragraph, over its exact text."""
    insist(me.may_read_records)
    form, lang = await request.form(), language_of(request)
    coder, code_id = str(form.get(CODER) or ""), str(form.get("codeId") or "")
    chosen = sorted({number for value in form.getlist("paragraph") if isinstance(value, str)
                     and (number := whole_number(value, max_digits=6)) is not None})
    record = await _shown(request, record_id, form)
    if record is None:
        return await _changed(request, me, record_id, coder, "paragraphs")
    spans = paragraph_spans(record.text)
    errors = {}
    if not code_id:
        errors["paragraph-code"] = gettext_in(lang, NO_CODE)
    if not chosen:
        errors["paragraphs"] = gettext_in(lang, NO_PARAGRAPH)
    elif chosen[0] < 1 or chosen[-1] > len(spans):
        errors["paragraphs"] = gettext_in(lang, OLD_PARAGRAPHS)
    if errors:
        return await _refused(request, me, record_id, coder, errors)
    try:
        for number in chosen:
            start, end = spans[number - 1]
            await code_passage(api_of(request), str(record_id), code_id, start, end,
                               record.version)
    except Stale:  # changed meanwhile (seen at the first paragraph: none written)
        return await _changed(request, me, record_id, coder, "paragraphs")
    except InvalidInput as error:  # the code: refused at the first paragraph, none written
        return await _refused(request, me, record_id, coder,
                              _api_errors(error, PARAGRAPH_FIELDS, lang))
    return await _answer(request, me, record_id, coder,
                         gettext_in(lang, CODED_PARAGRAPHS) % {"count": len(chosen)},
                         f"alineas-{len(chosen)}")


@router.post(f"{LIST_PATH}/{{record_id:uuid}}/coderingen/{{segment_id:uuid}}/verwijderen",
             response_model=None)
async def remove_segment(request: Request, record_id: uuid.UUID, segment_id: uuid.UUID,
                         me: SignedIn) -> Response:
    """Only its coder or an administrator (the API refuses others: the 403 page)."""
    insist(me.may_read_records)
    coder = str((await request.form()).get(CODER) or "")
    await remove_coding(api_of(request), str(segment_id))
    return await _answer(request, me, record_id, coder,
                         gettext_in(language_of(request), REMOVED), "weggehaald")
