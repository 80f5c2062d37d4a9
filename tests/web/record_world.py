"""Builders for the record pages' tests: records, codes and codings made straight in the
test database through the API's own services."""

import re
import uuid
from html import unescape
from typing import Any

from sqlmodel import Session

from api.qualitative import codebook, records
from api.qualitative.code_models import CodeCreate
from api.qualitative.models import Code, CodedSegment, QualitativeRecord
from api.qualitative.record_models import RecordCreate

TEXT = ("Eerste alinea: de buurtwerker belde rond.\n\n"
        "Tweede alinea.\nMet een regel erbij.\n\n\n"
        "  Derde alinea, de laatste.  ")
# [start, end) of the three paragraphs of TEXT.
PARAGRAPHS = [(0, 41), (43, 78), (83, 108)]


def make_record(session: Session, **overrides: Any) -> QualitativeRecord:
    fields: dict[str, Any] = {"kind": "interview", "title": "Gesprek met de buurtwerker",
                              "recordedOn": "2024-03-01", "author": "A. Onderzoeker",
                              "text": TEXT}
    fields.update(overrides)
    return records.create_record(session, RecordCreate.model_validate(fields))


def make_code(session: Session, name: str, parent: uuid.UUID | None = None) -> Code:
    return codebook.create_code(session, CodeCreate(name=name, parent_id=parent))


def make_coding(session: Session, record: QualitativeRecord, code: Code, start: int, end: int,
                coder: str = "andere-onderzoeker") -> CodedSegment:
    """A coding by someone else (an account that is not the test's)."""
    segment = CodedSegment(record_id=record.id, code_id=code.id, coder_id=uuid.uuid4(),
                           coder_label=coder, start_offset=start, end_offset=end)
    session.add(segment)
    session.commit()
    return segment


def textarea_value(html: str, field_id: str) -> str:
    """A textarea's value as a browser reads it: the newline right after the tag dropped,
    every line break a \\n."""
    found = re.search(rf'<textarea[^>]*id="{field_id}"[^>]*>(.*?)</textarea>', html, re.DOTALL)
    assert found is not None, field_id
    value = unescape(found.group(1))
    value = value[1:] if value.startswith("\n") else value
    return value.replace("\r\n", "\n")


def tag(html: str, field_id: str) -> str:
    found = re.search(rf'<(?:input|select|textarea|fieldset)[^>]*id="{field_id}"[^>]*>', html)
    assert found is not None, field_id
    return found.group(0)
