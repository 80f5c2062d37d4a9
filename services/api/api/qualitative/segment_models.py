"""Wire shapes of coded segments: a code on the characters [start, end) of a record's text,
answered with the quoted text, and the co-occurrence of two codes."""

import uuid
from datetime import datetime

from pydantic import Field

from api.qualitative.models import RECORD_TEXT_MAX
from api.wire import ApiModel


class SegmentCreate(ApiModel):
    """A new coding by the caller; start and end are character offsets, end excluded."""

    code_id: uuid.UUID
    start: int = Field(ge=0, le=RECORD_TEXT_MAX)
    end: int = Field(ge=1, le=RECORD_TEXT_MAX)


class SegmentPublic(ApiModel):
    id: uuid.UUID
    record_id: uuid.UUID
    code_id: uuid.UUID
    coder_id: uuid.UUID
    coder_label: str
    start: int
    end: int
    quote: str = Field(description="The coded text: the record's text[start:end]")
    created_at: datetime


class CodeSegmentPublic(SegmentPublic):
    """A segment in a list across records: with the title of its record."""

    record_title: str


class SegmentFilters(ApiModel):
    coder: uuid.UUID | None = Field(None, description="Only this coder's segments")
    code: uuid.UUID | None = Field(None, description="Only segments of this code")


class CodeSegmentFilters(ApiModel):
    descendants: bool = Field(False, description="Also the segments of the code's subcodes")


class CoOccurrence(ApiModel):
    """Two codes (in id order) and the number of records where segments of both overlap."""

    code_a: uuid.UUID
    code_b: uuid.UUID
    records: int
