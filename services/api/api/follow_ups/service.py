"""Follow-up use cases: list an initiative's follow-ups, read, create, update and delete."""

import uuid
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from api.audit.recorder import as_snapshot, record_on_commit
from api.clock import local_today
from api.db import commit, table_of, utc_now
from api.errors import Conflict, FieldError, InvalidInput, NotFound
from api.follow_ups.models import FollowUp, FollowUpCreate, FollowUpPublic, FollowUpUpdate
from api.initiatives.models import Initiative
from api.wire import PageParams, check_if_match, page_query, refuse_nulls

TABLE = table_of(FollowUp)


def list_follow_ups(session: Session, initiative: Initiative, page: PageParams
                    ) -> tuple[list[FollowUpPublic], int]:
    """One page of the initiative's follow-ups, the earliest month first."""
    conditions = [TABLE.c.initiative_id == initiative.id]
    query, total = page_query(session, select(FollowUp), TABLE, conditions,
                              [("months_after_support", False)], page)
    return [FollowUpPublic.model_validate(row) for row in session.scalars(query)], total


def get_follow_up(session: Session, follow_up_id: uuid.UUID) -> FollowUp:
    follow_up = session.get(FollowUp, follow_up_id)
    if follow_up is None:
        raise NotFound(f"Vervolgmeting {follow_up_id} bestaat niet. / No such follow-up.")
    return follow_up


def _consistency_errors(values: dict[str, Any]) -> list[FieldError]:
    """A stop month belongs to a follow-up that found the initiative stopped, by then."""
    stopped = values.get("stopped_after_months")
    if values["observed_on"] > local_today():
        return [FieldError("/observedOn", "in-the-future",
                           "Een vervolgmeting kan niet in de toekomst liggen. / "
                           "A follow-up cannot lie in the future.")]
    if stopped is None:
        return []
    if values["still_running"]:
        return [FieldError("/stoppedAfterMonths", "still-running",
                           "Alleen in te vullen als het initiatief niet meer loopt. / "
                           "Only for an initiative that is no longer running.")]
    if stopped > values["months_after_support"]:
        return [FieldError("/stoppedAfterMonths", "after-follow-up",
                           "Het initiatief kan niet later gestopt zijn dan deze meting. / "
                           "It cannot have stopped after this follow-up's month.")]
    return []


def _duplicate_ref(session: Session, values: dict[str, Any],
                   follow_up_id: uuid.UUID | None) -> list[FieldError]:
    if values.get("external_ref") is None:
        return []
    same = select(TABLE.c.id).where(TABLE.c.external_ref == values["external_ref"],
                                    TABLE.c.id != follow_up_id)
    if session.connection().execute(same).first() is None:
        return []
    return [FieldError("/externalRef", "duplicate",
                       "Deze externe referentie bestaat al. / Already in use.")]


def _month_taken(initiative_id: uuid.UUID, month: int) -> Conflict:
    return Conflict(f"Dit initiatief heeft al een vervolgmeting na {month} maanden. / "
                    f"This initiative already has a follow-up at {month} months.")


def _check(session: Session, initiative_id: uuid.UUID, values: dict[str, Any],
           follow_up_id: uuid.UUID | None) -> None:
    """400 for bad values, then 409 when the initiative already has that month."""
    errors = _consistency_errors(values) + _duplicate_ref(session, values, follow_up_id)
    if errors:
        raise InvalidInput(errors)
    month = values["months_after_support"]
    same = select(TABLE.c.id).where(TABLE.c.initiative_id == initiative_id,
                                    TABLE.c.months_after_support == month,
                                    TABLE.c.id != follow_up_id)
    if session.connection().execute(same).first() is not None:
        raise _month_taken(initiative_id, month)


def _snapshot(follow_up: FollowUp) -> dict[str, object]:
    return as_snapshot(FollowUpPublic.model_validate(follow_up))


def _record(session: Session, follow_up: FollowUp, before: dict[str, object] | None,
            deleted: bool = False) -> None:
    record_on_commit(session, "follow-up", follow_up.id, before,
                     lambda: None if deleted else _snapshot(follow_up))


def _lost_race() -> Conflict:
    # The checks passed, but a concurrent write took the month or the reference, or deleted
    # the initiative, just before the commit.
    return Conflict("Een gelijktijdige wijziging botst hiermee; probeer het opnieuw. / "
                    "A concurrent change conflicts with this one; try again.")


def create_follow_up(session: Session, initiative: Initiative, data: FollowUpCreate
                     ) -> FollowUp:
    values = data.model_dump()
    _check(session, initiative.id, values, None)
    follow_up = FollowUp.model_validate(values, update={"initiative_id": initiative.id})
    session.add(follow_up)
    _record(session, follow_up, before=None)
    commit(session, _lost_race())
    session.refresh(follow_up)
    return follow_up


def update_follow_up(session: Session, follow_up: FollowUp, changes: FollowUpUpdate,
                     if_match: str | None) -> FollowUp:
    """Applies the changes if the follow-up they make still holds together."""
    check_if_match(if_match, follow_up.version)
    before = _snapshot(follow_up)
    values = changes.model_dump(exclude_unset=True)
    refuse_nulls(values, FollowUpCreate)
    _check(session, follow_up.initiative_id, follow_up.model_dump() | values, follow_up.id)
    follow_up.sqlmodel_update(values)
    follow_up.updated_at = utc_now()
    _record(session, follow_up, before)
    commit(session, _lost_race())
    session.refresh(follow_up)
    return follow_up


def delete_follow_up(session: Session, follow_up: FollowUp, if_match: str | None) -> None:
    check_if_match(if_match, follow_up.version)
    _record(session, follow_up, _snapshot(follow_up), deleted=True)
    session.delete(follow_up)
    commit(session)
