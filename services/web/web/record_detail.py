"""One record: what it is and whom it is about, its text with the coded passages marked, the
list of codings (by coder if asked), and the two ways to code: a selection of the text
(with JavaScript) and whole paragraphs (without)."""

import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.datastructures import QueryParams

from web.api_client.accounts import Me
from web.api_client.codes import Code, list_codes
from web.api_client.records import Record, get_record
from web.api_client.segments import Segment, record_segments
from web.form_values import whole_number
from web.htmx import render
from web.i18n import N_, gettext_in, language_of
from web.permissions import insist
from web.record_text import paragraphs
from web.records import KINDS, LIST_PATH, initiative_choices
from web.sessions import SignedIn
from web.templating import api_of

router = APIRouter()
TEMPLATE = "records/detail.html"
CODER = "codeur"  # the query key of the filter by coder
# After a coding without JavaScript (a 303 here), the address says what was done: the
# page confirms it, as other pages confirm a save (?opgeslagen=1).
DONE = "gedaan"
CODED = N_("Het geselecteerde fragment is gecodeerd.")
CODED_PARAGRAPHS = N_("Gecodeerde alinea's: %(count)s.")
REMOVED = N_("De codering is weggehaald.")
DONE_NOTICES = {"selectie": CODED, "weggehaald": REMOVED}


@dataclass(frozen=True)
class Coding:
    """A segment as the list shows it: its number (as marked in the text), its code's path,
    and whether the person may remove it."""

    number: int
    segment: Segment
    code_path: str
    removable: bool


def code_path(codes: dict[str, Code], code_id: str) -> str:
    code = codes.get(code_id)
    return " / ".join(code.path or (code.name,)) if code else "?"


def coders_of(segments: tuple[Segment, ...]) -> list[tuple[str, str]]:
    """(id, label) of everyone who coded the record, by label."""
    found = {segment.coder_id: segment.coder_label for segment in segments}
    return sorted(found.items(), key=lambda pair: (pair[1].casefold(), pair[0]))


async def detail_context(request: Request, me: Me, record: Record,
                         coder: str) -> dict[str, Any]:
    api = api_of(request)
    every = await record_segments(api, record.id)
    shown = tuple(segment for segment in every if not coder or segment.coder_id == coder)
    codebook = await list_codes(api)
    codes = {code.id: code for code in codebook}
    codings = [Coding(number, segment, code_path(codes, segment.code_id),
                      me.is_admin or segment.coder_id == me.id)
               for number, segment in enumerate(shown, start=1)]
    return {"record": record, "kinds": await api.vocabulary(KINDS),
            "initiatives": await initiative_choices(api, list(record.initiative_ids)),
            "codings": codings, "coder": coder, "coders": coders_of(every),
            "total": len(every), "paragraphs": paragraphs(record.text, shown),
            "code_choices": [(code.id, " / ".join(code.path or (code.name,)))
                             for code in codebook]}


async def render_detail(request: Request, me: Me, record_id: str, *, coder: str = "",
                        errors: dict[str, str] | None = None, notice: str = "",
                        status_code: int = 200) -> HTMLResponse:
    """The page, or for htmx only its coding part (`#coding`)."""
    record = await get_record(api_of(request), record_id)
    context = await detail_context(request, me, record, coder)
    context.update(errors=errors or {}, notice=notice)
    return await render(request, TEMPLATE, context, block="coding", status_code=status_code)


def detail_url(record_id: object, coder: str = "", done: str = "") -> str:
    """The record's page; the filter by coder and what was just done, encoded."""
    pairs = [(key, value) for key, value in ((CODER, coder), (DONE, done)) if value]
    return f"{LIST_PATH}/{record_id}" + (f"?{urlencode(pairs)}" if pairs else "")


def done_notice(params: QueryParams, lang: str) -> str:
    """The confirmation of what the address says was just done (`alineas-3`: three
    paragraphs coded); nothing for anything else."""
    done = params.get(DONE, "")
    if done in DONE_NOTICES:
        return gettext_in(lang, DONE_NOTICES[done])
    count = whole_number(done.removeprefix("alineas-"), max_digits=4)
    if done.startswith("alineas-") and count:
        return gettext_in(lang, CODED_PARAGRAPHS) % {"count": count}
    return ""


@router.get(f"{LIST_PATH}/{{record_id:uuid}}", response_class=HTMLResponse)
async def show_record(request: Request, record_id: uuid.UUID, me: SignedIn) -> HTMLResponse:
    insist(me.may_read_records)
    params = request.query_params
    return await render_detail(request, me, str(record_id), coder=params.get(CODER, ""),
                               notice=done_notice(params, language_of(request)))
