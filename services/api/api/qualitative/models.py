"""Qualitative records, the codebook and coding: tables (the wire shapes come with the API).

A record (case study, interview, handelingsbeschrijving, expert meeting, intervision,
observation) is Markdown text about initiatives and professionals; it is restricted to
researchers and administrators. The codebook is a tree of codes. A coded segment applies one
code to the characters [start, end) of a record's text, by one coder; several coders may code
the same record, which is what inter-coder agreement compares.
"""

import uuid
from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import CheckConstraint, Text
from sqlmodel import Field, Relationship, SQLModel

from api.db import CODE, UTCDateTime, table_of, utc_now, version_column
from api.vocabularies.models import RecordKind
from api.wire import CAMEL

RECORD_TEXT_MAX = 500_000  # characters: a long interview transcript is about 100,000


class RecordFields(SQLModel):
    model_config = CAMEL

    kind: RecordKind = Field(sa_type=CODE, index=True)
    title: str = Field(min_length=3, max_length=300)
    recorded_on: date = Field(index=True)
    author: str = Field(default="", max_length=200, description="Personal data")
    text: str = Field(default="", max_length=RECORD_TEXT_MAX, sa_type=Text,
                      description="Markdown; may name people")
    external_ref: str | None = Field(default=None, max_length=100, unique=True)


_record_version = version_column()


class QualitativeRecord(RecordFields, table=True):
    __tablename__ = "qualitative_record"
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _record_version}

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    version: int = Field(default=1, sa_column=_record_version)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    # Set when the record is pseudonymised, cleared when its text changes otherwise: the
    # method book quotes only records pseudonymised since their text last changed.
    pseudonymised_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class RecordInitiative(SQLModel, table=True):
    """An initiative a record is about."""

    __tablename__ = "record_initiative"

    record_id: uuid.UUID = Field(foreign_key="qualitative_record.id", primary_key=True,
                                 ondelete="CASCADE")
    initiative_id: uuid.UUID = Field(foreign_key="initiative.id", primary_key=True, index=True,
                                     ondelete="CASCADE")
    # Never read: the unit of work inserts the record before its links (as professional_area).
    record: QualitativeRecord = Relationship()


class RecordProfessional(SQLModel, table=True):
    """A professional a record is about."""

    __tablename__ = "record_professional"

    record_id: uuid.UUID = Field(foreign_key="qualitative_record.id", primary_key=True,
                                 ondelete="CASCADE")
    professional_id: uuid.UUID = Field(foreign_key="professional.id", primary_key=True,
                                       index=True, ondelete="CASCADE")
    record: QualitativeRecord = Relationship()


class CodeFields(SQLModel):
    model_config = CAMEL

    name: str = Field(min_length=1, max_length=200)
    definition: str = Field(default="", max_length=4000)
    example: str = Field(default="", max_length=4000)
    position: int = Field(default=0, ge=0, le=10_000, description="Order among its siblings")


_code_version = version_column()


class Code(CodeFields, table=True):
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _code_version}

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    parent_id: uuid.UUID | None = Field(default=None, foreign_key="code.id", index=True)
    version: int = Field(default=1, sa_column=_code_version)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class CodedSegment(SQLModel, table=True):
    """One code on the characters [start, end) of a record's text, by one coder."""

    __tablename__ = "coded_segment"
    __table_args__ = (CheckConstraint("start_offset >= 0 AND end_offset > start_offset",
                                      name="segment_span"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    record_id: uuid.UUID = Field(foreign_key="qualitative_record.id", index=True,
                                 ondelete="CASCADE")
    code_id: uuid.UUID = Field(foreign_key="code.id", index=True)
    # The account that coded (the coder of agreement statistics); its label as it was then.
    coder_id: uuid.UUID = Field(index=True)
    coder_label: str = Field(max_length=200)
    start_offset: int
    end_offset: int
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


# The segments' table for Core queries, defined once for the modules that use it.
SEGMENTS = table_of(CodedSegment)
