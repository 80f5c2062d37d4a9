"""HTTP routes of coded segments: per record (/v1/records/{recordId}/segments), one segment
(/v1/segments/{segmentId}), per code and co-occurrence (/v1/codes/...). They quote record
text, so they are as restricted as records: researchers and administrators only."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response, status

from api.auth.identity import Caller
from api.auth.rules import READ_RECORDS, WRITE_RECORDS, require
from api.db import SessionDep
from api.qualitative import retrieval, segments
from api.qualitative.record_routes import RecordDep
from api.qualitative.segment_models import (
    CodeSegmentFilters,
    CodeSegmentPublic,
    CoOccurrence,
    SegmentCreate,
    SegmentFilters,
    SegmentPublic,
)
from api.wire import Page, PageParams, page_response

Reader = Depends(require(READ_RECORDS))
WriterCaller = Annotated[Caller, Depends(require(WRITE_RECORDS))]
router = APIRouter(tags=["coding"])


def _page(request: Request, paging: PageParams, found: list[SegmentPublic]) -> Response:
    """One page of a list built whole (a record's or a code's segments are few)."""
    chosen = found[paging.offset:paging.offset + paging.page_size]
    return page_response(request, paging, segments.as_items(chosen), len(found))


@router.get("/v1/records/{recordId}/segments", response_model=Page[SegmentPublic],
            dependencies=[Reader], summary="A record's coded segments, in text order")
def list_record_segments(record: RecordDep, request: Request, session: SessionDep,
                         filters: Annotated[SegmentFilters, Query()],
                         paging: Annotated[PageParams, Query()]) -> Response:
    return _page(request, paging, segments.record_segments(session, record, filters))


@router.post("/v1/records/{recordId}/segments", status_code=status.HTTP_201_CREATED,
             summary="Code characters [start, end) of the record's text, as the caller")
def create_segment(record: RecordDep, data: SegmentCreate, session: SessionDep,
                   caller: WriterCaller, response: Response,
                   if_match: Annotated[str | None, Header(
                       description="The record's ETag: 412 when its text changed since")
                   ] = None) -> SegmentPublic:
    """201 with the new segment; 200 with the stored one when the caller coded exactly
    these characters with this code already (a repeated request does not code twice)."""
    answer, created = segments.create_segment(session, record, data, caller, if_match)
    response.headers["Location"] = f"/v1/segments/{answer.id}"
    if not created:
        response.status_code = status.HTTP_200_OK
    return answer


@router.delete("/v1/segments/{segmentId}", status_code=status.HTTP_204_NO_CONTENT,
               summary="Remove a coding (its coder or an administrator)")
def delete_segment(segment_id: Annotated[uuid.UUID, Path(alias="segmentId")],
                   session: SessionDep, caller: WriterCaller) -> None:
    segments.delete_segment(session, segments.get_segment(session, segment_id), caller)


# Declared before /v1/codes/{codeId}: main.py includes this router before the codebook's.
@router.get("/v1/codes/co-occurrence", response_model=list[CoOccurrence], dependencies=[Reader],
            summary="Per pair of codes, the number of records where their segments overlap")
def co_occurrence(session: SessionDep) -> list[CoOccurrence]:
    return retrieval.co_occurrence(session)


@router.get("/v1/codes/{codeId}/segments", response_model=Page[CodeSegmentPublic],
            dependencies=[Reader], summary="Every segment of a code across records")
def list_code_segments(code_id: Annotated[uuid.UUID, Path(alias="codeId")], request: Request,
                       session: SessionDep, filters: Annotated[CodeSegmentFilters, Query()],
                       paging: Annotated[PageParams, Query()]) -> Response:
    found = retrieval.code_segments(session, code_id, filters.descendants)
    return _page(request, paging, list(found))
