"""One code (/codes/{id}): its definition, example, place in the tree and subcodes for
everyone signed in; for researchers and administrators also every segment coded with it
across records (with its subcodes' on request) and the codes it co-occurs with."""

import uuid
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from web.api_client import ApiClient
from web.api_client import codes as codes_api
from web.api_client.codes import Code, CodeSegment
from web.code_tree import find, names_by_id, nested
from web.htmx import render
from web.sessions import SignedIn
from web.templating import api_of

router = APIRouter()
# Segments listed at once; beyond these the page says how many more there are.
SEGMENTS_SHOWN = 200


@dataclass(frozen=True)
class Companion:
    """A code that co-occurs with the one shown: in how many records their segments overlap."""

    code: Code
    records: int


def ancestors(code: Code, by_id: dict[str, Code]) -> list[Code]:
    """The codes above this one, from the top down (the breadcrumbs)."""
    found: list[Code] = []
    parent = by_id.get(code.parent_id or "")
    while parent is not None and len(found) < len(by_id):
        found.insert(0, parent)
        parent = by_id.get(parent.parent_id or "")
    return found


def companions(code_id: str, pairs: tuple[codes_api.CoOccurrence, ...],
               by_id: dict[str, Code]) -> list[Companion]:
    """The codes whose segments overlap this code's, the most records first (the API's
    order); a code deleted meanwhile is left out."""
    found: list[Companion] = []
    for pair in pairs:
        if code_id not in (pair.code_a, pair.code_b):
            continue
        other = by_id.get(pair.code_b if pair.code_a == code_id else pair.code_a)
        if other is not None:
            found.append(Companion(other, pair.records))
    return found


def by_record(segments: tuple[CodeSegment, ...]) -> list[tuple[str, str, list[CodeSegment]]]:
    """(record id, title, its segments) in the API's order: by record title."""
    groups: dict[str, tuple[str, str, list[CodeSegment]]] = {}
    for segment in segments:
        groups.setdefault(segment.record_id,
                          (segment.record_id, segment.record_title, []))[2].append(segment)
    return list(groups.values())


async def _coding(api: ApiClient, code: Code, with_subcodes: bool,
                  by_id: dict[str, Code]) -> dict[str, Any]:
    segments, total = await codes_api.code_segments(api, code.id, with_subcodes,
                                                    SEGMENTS_SHOWN)
    return {"records": by_record(segments), "shown": len(segments), "total": total,
            "companions": companions(code.id, await codes_api.co_occurrence(api), by_id)}


@router.get("/codes/{code_id:uuid}", response_class=HTMLResponse)
async def code_page(request: Request, code_id: uuid.UUID, me: SignedIn) -> HTMLResponse:
    api = api_of(request)
    code = await codes_api.get_code(api, str(code_id))
    codes = await codes_api.list_codes(api)
    by_id = names_by_id(codes)
    node = find(nested(codes), code.id)
    with_subcodes = request.query_params.get("subcodes", "") == "1"
    context: dict[str, Any] = {
        "code": code, "ancestors": ancestors(code, by_id),
        "children": [child.code for child in node.children] if node else [],
        "may_write": me.may_write_codes, "with_subcodes": with_subcodes,
        "saved": request.query_params.get("opgeslagen", "") == "1", "by_id": by_id,
        "coding": (await _coding(api, code, with_subcodes, by_id)
                   if me.may_read_records else None),
    }
    return await render(request, "codes/detail.html", context, block="coding")
