"""Coded segments of one record (/v1/records/{id}/segments, /v1/segments/{id}): read them
all, code a passage, remove a coding."""

from datetime import datetime

from web.api_client import ApiClient, if_match
from web.api_client.professional_pages import API_PAGE_SIZE, Paged
from web.api_client.results import Wire

# A record with more than 5,000 codings is beyond what a page can show anyway.
MAX_SEGMENT_PAGES = 50


class Segment(Wire):
    """A code on the characters [start, end) of the record's text (code points)."""

    id: str
    record_id: str
    code_id: str
    coder_id: str
    coder_label: str
    start: int
    end: int
    quote: str
    created_at: datetime


async def record_segments(api: ApiClient, record_id: str) -> tuple[Segment, ...]:
    """Every coding of the record by everyone, in text order."""
    found: list[Segment] = []
    for number in range(1, MAX_SEGMENT_PAGES + 1):
        params = [("page", number), ("pageSize", API_PAGE_SIZE)]
        response = await api._send("GET", f"/v1/records/{record_id}/segments", params=params)
        page = Paged[Segment].model_validate_json(response.content)
        found.extend(page.items)
        if number >= page.pages:
            break
    return tuple(found)


async def code_passage(api: ApiClient, record_id: str, code_id: str, start: int,
                       end: int, version: int) -> Segment:
    """InvalidInput at /codeId, /start or /end when the API refuses the passage; Stale
    when the record's text is no longer the `version` the offsets were counted in."""
    body = {"codeId": code_id, "start": start, "end": end}
    response = await api._send("POST", f"/v1/records/{record_id}/segments", body=body,
                               headers=if_match(version))
    return Segment.model_validate_json(response.content)


async def remove_coding(api: ApiClient, segment_id: str) -> None:
    """Forbidden unless the caller coded it or is an administrator."""
    await api._send("DELETE", f"/v1/segments/{segment_id}")
