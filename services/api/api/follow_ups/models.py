"""The follow-up ladder: base fields → table → create / update / public shapes.

A follow-up looks at an initiative some months after its professional support ended (6, 12
and 24 are the usual moments): is it still running, are residents in the lead, did new people
join? The survival analysis reads its durations from them (docs/support.md).
"""

import uuid
from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from api.db import UTCDateTime, utc_now, version_column
from api.wire import CAMEL


class FollowUpFields(SQLModel):
    model_config = CAMEL

    months_after_support: int = Field(ge=1, le=240, description="Months after support ended")
    observed_on: date
    still_running: bool
    stopped_after_months: int | None = Field(
        default=None, ge=0, le=240,
        description="When not running: the month after support in which it stopped, if known")
    residents_in_lead: bool | None = None
    new_people_joined: int | None = Field(default=None, ge=0, le=100_000,
                                          description="People who joined since the last look")
    note: str = Field(default="", max_length=2000, description="May name people")
    external_ref: str | None = Field(default=None, max_length=100, unique=True)


_version = version_column()


class FollowUp(FollowUpFields, table=True):
    __tablename__ = "follow_up"
    __table_args__ = (UniqueConstraint("initiative_id", "months_after_support"),)
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _version}

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    initiative_id: uuid.UUID = Field(foreign_key="initiative.id", index=True,
                                     ondelete="CASCADE")
    version: int = Field(default=1, sa_column=_version)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class FollowUpCreate(FollowUpFields):
    """A new follow-up; its initiative is the one in the path."""


class FollowUpUpdate(SQLModel):
    model_config = CAMEL

    months_after_support: int | None = Field(default=None, ge=1, le=240)
    observed_on: date | None = None
    still_running: bool | None = None
    stopped_after_months: int | None = Field(default=None, ge=0, le=240)
    residents_in_lead: bool | None = None
    new_people_joined: int | None = Field(default=None, ge=0, le=100_000)
    note: str | None = Field(default=None, max_length=2000)
    external_ref: str | None = Field(default=None, max_length=100)


class FollowUpPublic(FollowUpFields):
    id: uuid.UUID
    initiative_id: uuid.UUID
    version: int
    created_at: datetime
    updated_at: datetime
