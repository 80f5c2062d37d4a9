"""Coded segments: a coder applies a code to the characters [start, end) of a record's text;
listed per record with the quoted text (retrieval.py lists them per code and counts
co-occurrence). Segments are as restricted as records (the routes check)."""

import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlmodel import Session

from api.audit.recorder import as_snapshot, record_on_commit
from api.auth.identity import Caller
from api.auth.models import Role
from api.db import commit, table_of
from api.errors import Conflict, FieldError, Forbidden, InvalidInput, NotFound
from api.qualitative import records
from api.qualitative.models import SEGMENTS, Code, CodedSegment, QualitativeRecord
from api.qualitative.segment_models import (
    SegmentCreate,
    SegmentFilters,
    SegmentPublic,
)
from api.wire import check_if_match

RESOURCE = "coded-segment"
RECORDS = table_of(QualitativeRecord)


def coder_of(caller: Caller) -> uuid.UUID:
    """Who codes: the account, or for an API token (no account) the token itself."""
    coder = caller.account_id or caller.credential_id
    if coder is None:  # the bootstrap token: nobody to count as a coder
        raise Forbidden("Alleen een account of API-token kan coderen. / Only an account or "
                        "an API token can code.")
    return coder


def public_of(segment: CodedSegment, text: str) -> SegmentPublic:
    return SegmentPublic(
        id=segment.id, record_id=segment.record_id, code_id=segment.code_id,
        coder_id=segment.coder_id, coder_label=segment.coder_label,
        start=segment.start_offset, end=segment.end_offset,
        quote=text[segment.start_offset:segment.end_offset], created_at=segment.created_at)


def _snapshot(answer: SegmentPublic) -> dict[str, Any]:
    """What the audit trail keeps: the quote is record text, which may name people, and the
    offsets already say what was coded."""
    return {key: value for key, value in as_snapshot(answer).items() if key != "quote"}


def _check(session: Session, record: QualitativeRecord, data: SegmentCreate) -> None:
    errors = []
    if session.get(Code, data.code_id) is None:
        errors.append(FieldError("/codeId", "unknown-id",
                                 f"Code {data.code_id} bestaat niet. / No such code."))
    if data.end <= data.start:
        errors.append(FieldError("/end", "before-start",
                                 "Het einde moet na het begin liggen. / The end must come "
                                 "after the start."))
    elif data.end > len(record.text):
        errors.append(FieldError("/end", "past-text",
                                 f"De tekst heeft maar {len(record.text)} tekens. / The text "
                                 f"has only {len(record.text)} characters."))
    if errors:
        raise InvalidInput(errors)


def _same(session: Session, record: QualitativeRecord, data: SegmentCreate,
          coder: uuid.UUID) -> CodedSegment | None:
    """The caller's segment of this code on exactly these characters, if coded already."""
    return session.scalars(select(CodedSegment).where(
        SEGMENTS.c.record_id == record.id, SEGMENTS.c.code_id == data.code_id,
        SEGMENTS.c.coder_id == coder, SEGMENTS.c.start_offset == data.start,
        SEGMENTS.c.end_offset == data.end)).first()


def create_segment(session: Session, record: QualitativeRecord, data: SegmentCreate,
                   caller: Caller, if_match: str | None = None) -> tuple[SegmentPublic, bool]:
    """Checked against the text as it is once the record is locked: a text edit running
    meanwhile either sees this segment (and shifts it) or is seen by it. If-Match (the
    record's ETag) refuses offsets taken from an older text. Idempotent: the same coding
    again answers the stored segment (and False: nothing created)."""
    record = records.lock_record(session, record)
    check_if_match(if_match, record.version)
    _check(session, record, data)
    coder = coder_of(caller)
    existing = _same(session, record, data, coder)
    if existing is not None:
        found = public_of(existing, record.text)
        session.rollback()  # nothing written: end the transaction and its lock
        return found, False
    segment = CodedSegment(record_id=record.id, code_id=data.code_id, coder_id=coder,
                           coder_label=caller.label[:200], start_offset=data.start,
                           end_offset=data.end)
    session.add(segment)
    answer = public_of(segment, record.text)
    record_on_commit(session, RESOURCE, segment.id, None, lambda: _snapshot(answer))
    commit(session, Conflict("De code of het verslag is net verwijderd; probeer het opnieuw. / "
                             "The code or the record was just deleted; try again."))
    return answer, True


def get_segment(session: Session, segment_id: uuid.UUID) -> CodedSegment:
    segment = session.get(CodedSegment, segment_id)
    if segment is None:
        raise NotFound(f"Codering {segment_id} bestaat niet. / No such segment.")
    return segment


def delete_segment(session: Session, segment: CodedSegment, caller: Caller) -> None:
    """Only by its coder or an administrator: a coding is one coder's judgement."""
    if caller.role != Role.ADMIN and coder_of(caller) != segment.coder_id:
        raise Forbidden("Alleen wie codeerde of een beheerder mag deze codering weghalen. / "
                        "Only its coder or an administrator may remove this coding.")
    record = session.get_one(QualitativeRecord, segment.record_id)
    before = _snapshot(public_of(segment, record.text))
    record_on_commit(session, RESOURCE, segment.id, before, lambda: None)
    session.delete(segment)
    commit(session)


def record_segments(session: Session, record: QualitativeRecord, filters: SegmentFilters
                    ) -> list[SegmentPublic]:
    """The record's segments in text order."""
    conditions: list[ColumnElement[bool]] = [SEGMENTS.c.record_id == record.id]
    if filters.coder is not None:
        conditions.append(SEGMENTS.c.coder_id == filters.coder)
    if filters.code is not None:
        conditions.append(SEGMENTS.c.code_id == filters.code)
    found = session.scalars(select(CodedSegment).where(*conditions).order_by(
        SEGMENTS.c.start_offset, SEGMENTS.c.end_offset, SEGMENTS.c.id))
    return [public_of(segment, record.text) for segment in found]


def move_segments(session: Session, record_id: uuid.UUID, new_start: Callable[[int], int],
                  new_end: Callable[[int], int]) -> None:
    """Give each of the record's segments its offsets in a new text (the record locked by
    the caller)."""
    rows = session.connection().execute(
        select(SEGMENTS.c.id, SEGMENTS.c.start_offset, SEGMENTS.c.end_offset)
        .where(SEGMENTS.c.record_id == record_id)).all()
    records.write_offsets(session, [
        (segment_id, new_start(start), new_end(end)) for segment_id, start, end in rows
        if (new_start(start), new_end(end)) != (start, end)])


def count_segments(session: Session, record_id: uuid.UUID) -> int:
    return int(session.connection().execute(
        select(func.count()).select_from(SEGMENTS)
        .where(SEGMENTS.c.record_id == record_id)).scalar_one())


def as_items(found: list[Any]) -> list[dict[str, Any]]:
    return [item.model_dump(mode="json", by_alias=True) for item in found]
