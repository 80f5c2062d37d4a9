"""Survival data from follow-ups: per initiative one time (months after support ended) and
whether it stopped then (an event) or was last seen running (censored). docs/support.md."""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlmodel import Session

from api.db import table_of
from api.follow_ups.models import FollowUp

FOLLOW_UPS = table_of(FollowUp)


@dataclass(frozen=True)
class Look:
    """One follow-up, as far as survival goes."""

    month: int
    still_running: bool
    stopped_after: int | None


@dataclass(frozen=True)
class Record:
    time: float
    event: bool


def record_of(looks: Iterable[Look]) -> Record:
    """The first follow-up that found it stopped ends the record: at the month it stopped
    (that follow-up's own month when unknown), but never before a look that saw it running.
    Without one it is censored at its last follow-up."""
    seen_running = 0
    for look in sorted(looks, key=lambda found: found.month):
        if not look.still_running:
            stopped = look.month if look.stopped_after is None else look.stopped_after
            return Record(float(max(stopped, seen_running)), True)
        seen_running = look.month
    return Record(float(seen_running), False)


def with_follow_ups(initiatives: Select[tuple[uuid.UUID]]) -> Select[tuple[uuid.UUID]]:
    """These initiatives, as far as they have a follow-up."""
    return initiatives.where(initiatives.selected_columns[0].in_(
        select(FOLLOW_UPS.c.initiative_id)))


def survival_records(session: Session, initiatives: Select[tuple[uuid.UUID]]
                     ) -> dict[uuid.UUID, Record]:
    """The record of each of these initiatives that has follow-ups."""
    query = (select(FOLLOW_UPS.c.initiative_id, FOLLOW_UPS.c.months_after_support,
                    FOLLOW_UPS.c.still_running, FOLLOW_UPS.c.stopped_after_months)
             .where(FOLLOW_UPS.c.initiative_id.in_(initiatives)))
    looks: dict[uuid.UUID, list[Look]] = {}
    for row in session.connection().execute(query):
        looks.setdefault(row.initiative_id, []).append(
            Look(row.months_after_support, row.still_running, row.stopped_after_months))
    return {key: record_of(found) for key, found in looks.items()}
