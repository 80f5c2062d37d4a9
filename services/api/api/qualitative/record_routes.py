"""HTTP routes of /v1/records: qualitative records, for researchers and administrators only,
and /v1/records/text, which turns an uploaded file into text for a new record."""

import uuid
from typing import Annotated

from fastapi import (
    APIRouter,
    Depends,
    File,
    Header,
    Path,
    Query,
    Request,
    Response,
    UploadFile,
    status,
)

from api.auth.redaction import redacting
from api.auth.rules import READ_RECORDS, WRITE_RECORDS, require
from api.db import SessionDep
from api.errors import PayloadTooLarge
from api.openapi import problems
from api.qualitative import records
from api.qualitative.models import RECORD_TEXT_MAX, QualitativeRecord
from api.qualitative.record_models import (
    RecordCreate,
    RecordFilters,
    RecordPublic,
    RecordText,
    RecordUpdate,
)
from api.qualitative.text_upload import MAX_UPLOAD_BYTES, text_of, too_large
from api.wire import Page, PageParams, page_response, set_etag

PREFIX = "/v1/records"
ENVELOPE_BYTES = 64 * 1024  # the multipart boundaries and headers around an upload
# A record's JSON: its text may take up to four bytes a character (escapes, UTF-8).
RECORD_BODY_BYTES = 4 * RECORD_TEXT_MAX + ENVELOPE_BYTES

router = APIRouter(prefix=PREFIX, tags=["records"], route_class=redacting("qualitative-record"),
                   dependencies=[Depends(require(READ_RECORDS))])
Writer = Depends(require(WRITE_RECORDS))
IfMatch = Annotated[str | None, Header(description="ETag of the version you edited")]


def body_limit(path: str) -> int | None:
    """The body limit of a path under /v1/records (for the BodyLimit middleware); None
    for other paths."""
    if not path.startswith(PREFIX):
        return None
    return MAX_UPLOAD_BYTES + ENVELOPE_BYTES if path == PREFIX + "/text" else RECORD_BODY_BYTES


def load_record(record_id: Annotated[uuid.UUID, Path(alias="recordId")],
                session: SessionDep) -> QualitativeRecord:
    return records.get_record(session, record_id)


RecordDep = Annotated[QualitativeRecord, Depends(load_record)]


def _answer(session: SessionDep, record: QualitativeRecord, response: Response) -> RecordPublic:
    set_etag(response, record.version)
    return records.to_public(session, record)


@router.get("", response_model=Page[RecordPublic],
            summary="Records, the most recently recorded first")
def list_records(request: Request, session: SessionDep,
                 filters: Annotated[RecordFilters, Query()],
                 paging: Annotated[PageParams, Query()]) -> Response:
    found, total = records.list_records(session, filters, paging)
    items = [record.model_dump(mode="json", by_alias=True) for record in found]
    return page_response(request, paging, items, total)


@router.post("", status_code=status.HTTP_201_CREATED, dependencies=[Writer])
def create_record(data: RecordCreate, session: SessionDep, response: Response) -> RecordPublic:
    record = records.create_record(session, data)
    response.headers["Location"] = f"{PREFIX}/{record.id}"
    return _answer(session, record, response)


@router.post("/text", dependencies=[Writer], responses=problems(415),
             summary="Turn a plain-text or DOCX file into text for a record (stores nothing)")
def text_of_upload(file: Annotated[UploadFile, File(description="Plain text or DOCX")]
                   ) -> RecordText:
    content = file.file.read(MAX_UPLOAD_BYTES + 1)  # a sent length can lie
    if len(content) > MAX_UPLOAD_BYTES:
        raise too_large(MAX_UPLOAD_BYTES)
    name = file.filename or "bestand"
    text = text_of(content, name)
    if len(text) > RECORD_TEXT_MAX:
        raise PayloadTooLarge(
            f"De tekst van '{name}' is {len(text):,} tekens; een verslag mag er "
            f"{RECORD_TEXT_MAX:,} hebben. / The text is {len(text):,} characters; a record "
            f"may hold {RECORD_TEXT_MAX:,}.")
    return RecordText(text=text, file_name=name, characters=len(text))


@router.get("/{recordId}")
def get_record(record: RecordDep, session: SessionDep, response: Response) -> RecordPublic:
    return _answer(session, record, response)


@router.patch("/{recordId}", dependencies=[Writer])
def update_record(record: RecordDep, changes: RecordUpdate, session: SessionDep,
                  response: Response, if_match: IfMatch = None) -> RecordPublic:
    record = records.update_record(session, record, changes, if_match)
    return _answer(session, record, response)


@router.delete("/{recordId}", status_code=status.HTTP_204_NO_CONTENT, dependencies=[Writer])
def delete_record(record: RecordDep, session: SessionDep, if_match: IfMatch = None) -> None:
    records.delete_record(session, record, if_match)
