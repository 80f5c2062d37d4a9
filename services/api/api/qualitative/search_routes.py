"""HTTP route of /v1/records/search: full-text search over qualitative records in Dutch, for
researchers and administrators. Included before the records router, so that "search" is not
taken for a record id."""

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from api.auth.redaction import redacting
from api.auth.rules import READ_RECORDS, require
from api.db import SessionDep
from api.qualitative import search
from api.vocabularies.models import RecordKind
from api.wire import ApiModel, Page, PageParams, page_response

QUERY_MAX = 200  # characters; a search is a few words, not a document
# Something besides white space, and no NUL: PostgreSQL text cannot hold one.
QUERY_PATTERN = r"^[^\x00]*[^\x00\s][^\x00]*$"

router = APIRouter(prefix="/v1/records", tags=["records"],
                   route_class=redacting("qualitative-record"),
                   dependencies=[Depends(require(READ_RECORDS))])


class RecordHit(ApiModel):
    """A matching record; `snippet` is HTML: escaped text with the matched words in <mark>."""

    id: uuid.UUID
    title: str
    kind: RecordKind
    recorded_on: date
    snippet: str


@router.get("/search", response_model=Page[RecordHit],
            summary="Records whose title or text match the words, the most relevant first")
def search_records(request: Request, session: SessionDep,
                   q: Annotated[str, Query(
                       min_length=1, max_length=QUERY_MAX, pattern=QUERY_PATTERN,
                       description="Dutch words; word forms match (bewoners finds bewoner)")],
                   paging: Annotated[PageParams, Query()]) -> Response:
    found, total = search.search_records(session, q, paging)
    items = [RecordHit.model_validate(hit).model_dump(mode="json", by_alias=True)
             for hit in found]
    return page_response(request, paging, items, total)
