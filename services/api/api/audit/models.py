"""The audit trail: one append-only event per write, whoever made it."""

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Index
from sqlmodel import Field, SQLModel

from api.db import CODE, UTCDateTime, utc_now
from api.wire import CAMEL


class AuditAction(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"


class AuditEventFields(SQLModel):
    model_config = CAMEL

    occurred_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime, index=True)
    actor_kind: str = Field(max_length=20, description="session, api-token, bootstrap, system")
    actor_id: uuid.UUID | None = Field(default=None, description="The account, or the token")
    actor_label: str = Field(max_length=200, description="Username, or token:<name>")
    action: AuditAction = Field(sa_type=CODE)
    resource_type: str = Field(max_length=40)
    resource_id: uuid.UUID
    changes: dict[str, Any] = Field(
        default_factory=dict, sa_type=JSON,
        description="Per changed field {before, after}; personal data shows as changed only",
    )


class AuditEvent(AuditEventFields, table=True):
    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_resource", "resource_type", "resource_id"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)


class AuditEventPublic(AuditEventFields):
    id: uuid.UUID
    actor_name: str | None = Field(
        default=None, description="The account's display name now; null for a token or the "
        "system")
