"""Reading the audit trail, and purging it after the retention period. Nothing here, and
no route anywhere, changes or deletes a single event."""

import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta

from pydantic import Field
from sqlalchemy import ColumnElement, delete, or_, select
from sqlmodel import Session, col

from api.audit.models import AuditEvent
from api.auth.models import Account
from api.db import table_of, utc_now
from api.evaluations.models import Evaluation, OutcomeMeasure
from api.follow_ups.models import FollowUp
from api.support_episodes.models import SupportEpisode
from api.wire import ApiModel, PageParams, page_query

TABLE = table_of(AuditEvent)
ACCOUNTS = table_of(Account)
EPISODES = table_of(SupportEpisode)
EVALUATIONS = table_of(Evaluation)
MEASURES = table_of(OutcomeMeasure)
FOLLOW_UPS = table_of(FollowUp)
# The kinds of record that belong to an initiative, by their `initiativeId`.
RECORDS_OF_INITIATIVES = ("support-episode", "evaluation", "follow-up")


class AuditFilters(ApiModel):
    resource_type: str | None = None
    resource_id: uuid.UUID | None = None
    actor: str | None = None  # a username, token:<name>, or an account or token id
    since: datetime | None = None
    until: datetime | None = None
    initiative: uuid.UUID | None = Field(
        default=None, description="An initiative's history: its own events and those of its "
        "support episodes, evaluations, outcome measures and follow-ups, deleted ones included")


def list_audit_events(session: Session, filters: AuditFilters,
                      page: PageParams) -> tuple[list[AuditEvent], int]:
    conditions: list[ColumnElement[bool]] = []
    if filters.initiative:
        conditions.append(TABLE.c.resource_id.in_(
            resources_of_initiative(session, filters.initiative)))
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


def _naming(field: str, values: list[str]) -> ColumnElement[bool]:
    """Events whose change of `field` has one of `values` before or after it."""
    return or_(*(TABLE.c.changes[(field, side)].as_string().in_(values)
                 for side in ("before", "after")))


def _in_trail(session: Session, kinds: tuple[str, ...], field: str,
              values: Iterable[uuid.UUID]) -> list[tuple[str, uuid.UUID]]:
    """(kind, id) of the records whose events name one of `values` in `field`: a record's
    creation, deletion or move names the resource it belongs to."""
    wanted = [str(value) for value in values]
    if not wanted:
        return []
    query = select(TABLE.c.resource_type, TABLE.c.resource_id).distinct().where(
        TABLE.c.resource_type.in_(kinds), _naming(field, wanted))
    return [(kind, found) for kind, found in session.execute(query).all()]


def _ids(session: Session, column: ColumnElement[uuid.UUID],
         condition: ColumnElement[bool]) -> set[uuid.UUID]:
    return set(session.scalars(select(column).where(condition)))


def resources_of_initiative(session: Session, initiative_id: uuid.UUID) -> set[uuid.UUID]:
    """The initiative and every record that belongs or belonged to it, one level at a time
    (support episodes, evaluations and follow-ups, then the outcome measures of those
    evaluations).
    Those there now come from their tables: imported ones have no event that names the
    initiative, and a change names only the fields it changed. Those deleted or moved away
    come from the trail."""
    episodes = _ids(session, EPISODES.c.id, EPISODES.c.initiative_id == initiative_id)
    evaluations = _ids(session, EVALUATIONS.c.id, EVALUATIONS.c.initiative_id == initiative_id)
    follow_ups = _ids(session, FOLLOW_UPS.c.id, FOLLOW_UPS.c.initiative_id == initiative_id)
    by_kind = {"support-episode": episodes, "evaluation": evaluations, "follow-up": follow_ups}
    for kind, found in _in_trail(session, RECORDS_OF_INITIATIVES, "initiativeId",
                                 [initiative_id]):
        by_kind[kind].add(found)
    measures = {found for _kind, found in _in_trail(session, ("outcome-measure",),
                                                    "evaluationId", evaluations)}
    if evaluations:
        measures |= _ids(session, MEASURES.c.id, MEASURES.c.evaluation_id.in_(evaluations))
    return {initiative_id, *episodes, *evaluations, *follow_ups, *measures}


def actor_names(session: Session, events: list[AuditEvent]) -> dict[uuid.UUID, str]:
    """The display names, as they are now, of the accounts that made these events (tokens
    and the system have none): people know their colleagues by name, not by username."""
    ids = {event.actor_id for event in events if event.actor_id is not None}
    if not ids:
        return {}
    rows = session.execute(select(ACCOUNTS.c.id, ACCOUNTS.c.display_name)
                           .where(ACCOUNTS.c.id.in_(ids))).all()
    return dict(rows)


def purge_older_than(session: Session, days: int) -> int:
    """Deletes events older than the retention period; run by `api.manage purge-audit`."""
    cutoff = utc_now() - timedelta(days=days)
    result = session.exec(delete(AuditEvent).where(col(AuditEvent.occurred_at) < cutoff))
    session.commit()
    return int(result.rowcount or 0)
