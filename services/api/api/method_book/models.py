"""A method book's record: its parameters, the job's state, and once done the HTML, the
numbers and the hash of the data it was written from (so it can be regenerated and
compared later)."""

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Text
from sqlmodel import Field, SQLModel

from api.db import CODE, UTCDateTime, utc_now


class BookStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"  # nothing of the book is kept; `error` says why


class MethodBook(SQLModel, table=True):
    __tablename__ = "method_book"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    status: BookStatus = Field(sa_type=CODE, index=True)
    parameters: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    audience: str = Field(default="research", max_length=20, index=True,
                          description="research (quotes records) or everyone")

    def book_parameters(self) -> dict[str, Any]:
        """The parameters with the audience of the column, which decides who reads the book:
        a book stored before books had an audience has none in its parameters (and is for
        everyone)."""
        return {**self.parameters, "audience": self.audience}
    data_hash: str | None = Field(default=None, max_length=64, index=True)
    html: str | None = Field(default=None, sa_type=Text)
    numbers: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    error: str | None = Field(default=None, max_length=500)
    regenerated_from: uuid.UUID | None = Field(default=None, foreign_key="method_book.id")
    actor_id: uuid.UUID | None = None
    actor_label: str = Field(max_length=200, description="Who asked for the book")
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime, index=True)
    sent_at: datetime = Field(
        default_factory=utc_now, sa_type=UTCDateTime,
        description="When the job was last sent to the queue (a lost one is sent again)")
    started_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
