"""Competency use cases: add one to a framework, read, update and delete it."""

import uuid

from sqlalchemy import exists, func, select
from sqlmodel import Session

from api.audit.recorder import as_snapshot, record_on_commit
from api.competences.frameworks import ASSESSMENTS, COMPETENCIES
from api.competences.models import (
    Competency,
    CompetencyCreate,
    CompetencyFramework,
    CompetencyPublic,
    CompetencyUpdate,
)
from api.db import commit, utc_now
from api.errors import Conflict, NotFound
from api.wire import check_if_match, refuse_nulls


def get_competency(session: Session, competency_id: uuid.UUID) -> Competency:
    competency = session.get(Competency, competency_id)
    if competency is None:
        raise NotFound(f"Competentie {competency_id} bestaat niet. / No such competency.")
    return competency


def _check_code(session: Session, framework_id: uuid.UUID, code: str,
                competency_id: uuid.UUID | None) -> None:
    duplicate = select(COMPETENCIES.c.id).where(COMPETENCIES.c.framework_id == framework_id,
                                                COMPETENCIES.c.code == code)
    if competency_id is not None:
        duplicate = duplicate.where(COMPETENCIES.c.id != competency_id)
    if session.connection().execute(duplicate).first() is not None:
        raise _duplicate_code(code)


def _next_position(session: Session, framework_id: uuid.UUID) -> int:
    last = session.connection().execute(
        select(func.max(COMPETENCIES.c.position))
        .where(COMPETENCIES.c.framework_id == framework_id)).scalar_one()
    return 1 if last is None else min(int(last) + 1, 1000)


def _record(session: Session, competency: Competency, before: dict[str, object] | None,
            deleted: bool = False) -> None:
    record_on_commit(session, "competency", competency.id, before, lambda: None if deleted
                     else as_snapshot(CompetencyPublic.model_validate(competency)))


def create_competency(session: Session, framework: CompetencyFramework,
                      data: CompetencyCreate) -> Competency:
    """Adds the competency to the framework; last in order unless a position is given."""
    _check_code(session, framework.id, data.code, None)
    values = data.model_dump()
    if values["position"] is None:
        values["position"] = _next_position(session, framework.id)
    competency = Competency.model_validate(values, update={"framework_id": framework.id})
    session.add(competency)
    _record(session, competency, before=None)
    commit(session, _duplicate_code(data.code))
    session.refresh(competency)
    return competency


def update_competency(session: Session, competency: Competency, changes: CompetencyUpdate,
                      if_match: str | None) -> Competency:
    check_if_match(if_match, competency.version)
    before = as_snapshot(CompetencyPublic.model_validate(competency))
    values = changes.model_dump(exclude_unset=True)
    refuse_nulls(values, CompetencyCreate)
    if "position" in values and values["position"] is None:
        values.pop("position")  # nothing to move: null leaves the order as it is
    if "code" in values:
        _check_code(session, competency.framework_id, values["code"], competency.id)
    competency.sqlmodel_update(values)
    competency.updated_at = utc_now()
    _record(session, competency, before)
    commit(session, _duplicate_code(values.get("code", competency.code)))
    session.refresh(competency)
    return competency


def is_assessed(session: Session, competency_id: uuid.UUID) -> bool:
    used = select(exists().where(ASSESSMENTS.c.competency_id == competency_id))
    return bool(session.connection().execute(used).scalar_one())


def delete_competency(session: Session, competency: Competency, if_match: str | None) -> None:
    """Refused once assessed: the assessments are a professional's history."""
    check_if_match(if_match, competency.version)
    if is_assessed(session, competency.id):
        raise _in_use()
    _record(session, competency, as_snapshot(CompetencyPublic.model_validate(competency)),
            deleted=True)
    session.delete(competency)
    commit(session, _in_use())


def _in_use() -> Conflict:
    return Conflict("Deze competentie is beoordeeld; de beoordelingen blijven bewaard, dus de "
                    "competentie ook. / This competency has been assessed; it cannot be "
                    "deleted.")


def _duplicate_code(code: str) -> Conflict:
    return Conflict(f"Dit kader heeft al een competentie met code '{code}'. / "
                    f"The framework already has a competency with code '{code}'.")
