"""The authorization matrix's rows for coded segments: as restricted as records (researchers
and administrators), and a coding is removed only by its coder or an administrator."""

import uuid
from collections.abc import Callable
from typing import Any

from sqlmodel import Session

from api.qualitative.code_models import CodeCreate
from api.qualitative.codebook import create_code
from api.qualitative.models import CodedSegment

Build = Callable[[Any], tuple[str, dict[str, Any] | None]]


def make_segment(session: Session, record: uuid.UUID) -> uuid.UUID:
    """'koffie' in the world's record ("Het begon met koffie."), coded by someone else."""
    code = create_code(session, CodeCreate(name="Koffie")).id
    segment = CodedSegment(record_id=record, code_id=code, coder_id=uuid.uuid4(),
                           coder_label="andere-onderzoeker", start_offset=14, end_offset=20)
    session.add(segment)
    session.commit()
    return segment.id


def _at(path: str, body: dict[str, Any] | None = None) -> Build:
    return lambda world: (path.format(**vars(world)), body)


# (method, OpenAPI path) → (rule, request), as the matrix's ENDPOINTS.
SEGMENT_ENDPOINTS: dict[tuple[str, str], tuple[str, Build]] = {
    ("GET", "/records/{recordId}/segments"): ("read-records", _at("/records/{record}/segments")),
    ("POST", "/records/{recordId}/segments"): ("write-records", lambda w: (
        f"/records/{w.record}/segments", {"codeId": str(w.code), "start": 0, "end": 3})),
    ("DELETE", "/segments/{segmentId}"): ("remove-coding", _at("/segments/{segment}")),
    ("GET", "/codes/{codeId}/segments"): ("read-records", _at("/codes/{code}/segments")),
    ("GET", "/codes/co-occurrence"): ("read-records", _at("/codes/co-occurrence")),
}
# No caller of the matrix coded the world's segment: only the administrator may remove it.
SEGMENT_ALLOWED = {"remove-coding": {"admin"}}
