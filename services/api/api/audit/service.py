"""Reading the audit trail, and purging it after the retention period. Nothing here, and
no route anywhere, changes or deletes a single event."""

import uuid
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlmodel import Session, col

from api.audit.models import AuditEvent
from api.db import table_of, utc_now
from api.wire import ApiModel, PageParams, page_query

TABLE = table_of(AuditEvent)


class AuditFilters(ApiModel):
    resource_type: str | None = None
    resource_id: uuid.UUID | None = None
    actor: str | None = None  # a username, token:<name>, or an account or token id
    since: datetime | None = None
    until: datetime | None = None


def list_audit_events(session: Session, filters: AuditFilters,
                      page: PageParams) -> tuple[list[AuditEvent], int]:
    conditions = []
    if filters.resource_type:
        conditions.append(TABLE.c.resource_type == filters.resource_type)
    if filters.resource_id:
        conditions.append(TABLE.c.resource_id == filters.resource_id)
    if filters.actor:
        try:
            conditions.append(TABLE.c.actor_id == uuid.UUID(filters.actor))
        except ValueError:
            conditions.append(TABLE.c.actor_label == filters.actor)
    if filters.since:
        conditions.append(TABLE.c.occurred_at >= filters.since)
    if filters.until:
        conditions.append(TABLE.c.occurred_at < filters.until)
    # Newest first: what someone looking at a history wants to see.
    query, total = page_query(session, select(AuditEvent), TABLE, conditions,
                              [("occurred_at", True)], page)
    return list(session.scalars(query)), total


def purge_older_than(session: Session, days: int) -> int:
    """Deletes events older than the retention period; run by `api.manage purge-audit`."""
    cutoff = utc_now() - timedelta(days=days)
    result = session.exec(delete(AuditEvent).where(col(AuditEvent.occurred_at) < cutoff))
    session.commit()
    return int(result.rowcount or 0)
