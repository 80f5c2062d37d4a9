"""An import: the uploaded file, who sent it, and the job's state, progress and report.

The file is kept in the database, so that whichever API process picks the job up can read
it, and a commit after a dry run imports exactly the file that was checked.
"""

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, LargeBinary
from sqlmodel import Field, SQLModel

from api.db import CODE, UTCDateTime, utc_now
from api.wire import CAMEL


class ImportStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"  # the job ran to its end; the report says whether the file passed
    FAILED = "failed"  # the job broke off (a crash, a lost worker): nothing was written


class ImportFields(SQLModel):
    model_config = CAMEL

    resource: str = Field(max_length=40, description="The table imported into")
    file_name: str = Field(max_length=255)
    dry_run: bool = Field(description="Check only: nothing is written")
    status: ImportStatus = Field(sa_type=CODE, index=True)
    rows_total: int | None = Field(default=None, description="Data rows in the file")
    rows_done: int = Field(default=0, description="Rows checked (or written) so far")
    report: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    actor_label: str = Field(max_length=200, description="Who sent the file")
    checked_import_id: uuid.UUID | None = Field(
        default=None, description="For a commit: the dry run of the same file")
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime, index=True)
    started_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    heartbeat_at: datetime | None = Field(
        default=None, sa_type=UTCDateTime, description="Last sign of life of the running job")


class ImportJob(ImportFields, table=True):
    __tablename__ = "import_job"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    content: bytes = Field(sa_type=LargeBinary)
    actor_kind: str = Field(max_length=20)
    actor_id: uuid.UUID | None = None
    actor_role: str | None = Field(default=None, max_length=20)
    actor_stadsdelen: list[str] = Field(default_factory=list, sa_type=JSON)


class ImportPublic(ImportFields):
    id: uuid.UUID
