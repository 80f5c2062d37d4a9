"""Competency framework use cases: list, read (by id or code), create, update, delete."""

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import exists, select
from sqlmodel import Session

from api.audit.recorder import as_snapshot, record_on_commit
from api.competences.models import (
    Assessment,
    Competency,
    CompetencyFramework,
    CompetencyPublic,
    FrameworkCreate,
    FrameworkPublic,
    FrameworkUpdate,
)
from api.db import commit, table_of, utc_now
from api.errors import Conflict, NotFound
from api.wire import PageParams, check_if_match, page_query, refuse_nulls

FRAMEWORKS = table_of(CompetencyFramework)
COMPETENCIES = table_of(Competency)
ASSESSMENTS = table_of(Assessment)


def find_framework(session: Session, reference: str) -> CompetencyFramework | None:
    """A framework by its id or, failing that, its code."""
    try:
        found = session.get(CompetencyFramework, uuid.UUID(reference))
    except ValueError:
        found = None
    if found is not None:
        return found
    return session.scalars(select(CompetencyFramework)
                           .where(FRAMEWORKS.c.code == reference)).one_or_none()


def get_framework(session: Session, reference: str) -> CompetencyFramework:
    framework = find_framework(session, reference)
    if framework is None:
        raise NotFound(f"Competentiekader {reference} bestaat niet. / No such framework.")
    return framework


def competencies_of(session: Session,
                    framework_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[Competency]]:
    """The competencies of the frameworks, each list in position and code order (one query)."""
    found: dict[uuid.UUID, list[Competency]] = {key: [] for key in framework_ids}
    if not framework_ids:
        return found
    rows = session.scalars(select(Competency)
                           .where(COMPETENCIES.c.framework_id.in_(framework_ids))
                           .order_by(COMPETENCIES.c.position, COMPETENCIES.c.code))
    for competency in rows:
        found[competency.framework_id].append(competency)
    return found


def _public(framework: CompetencyFramework, competencies: list[Competency]) -> FrameworkPublic:
    return FrameworkPublic.model_validate(framework, update={
        "competencies": [CompetencyPublic.model_validate(item) for item in competencies]})


def to_public(session: Session, framework: CompetencyFramework) -> FrameworkPublic:
    return _public(framework, competencies_of(session, [framework.id])[framework.id])


def list_frameworks(session: Session, page: PageParams) -> tuple[list[dict[str, Any]], int]:
    """One page of frameworks, by code, with their competencies, as wire-ready dicts."""
    query, total = page_query(session, select(CompetencyFramework), FRAMEWORKS, [],
                              [("code", False)], page)
    frameworks = list(session.scalars(query))
    competencies = competencies_of(session, [framework.id for framework in frameworks])
    return [as_snapshot(_public(framework, competencies[framework.id]))
            for framework in frameworks], total


def is_assessed(session: Session, framework_id: uuid.UUID) -> bool:
    used = select(exists().where(
        ASSESSMENTS.c.competency_id == COMPETENCIES.c.id,
        COMPETENCIES.c.framework_id == framework_id))
    return bool(session.connection().execute(used).scalar_one())


def _check_code(session: Session, code: str, framework_id: uuid.UUID | None) -> None:
    duplicate = select(FRAMEWORKS.c.id).where(FRAMEWORKS.c.code == code)
    if framework_id is not None:
        duplicate = duplicate.where(FRAMEWORKS.c.id != framework_id)
    if session.connection().execute(duplicate).first() is not None:
        raise _duplicate_code(code)


def _record(session: Session, framework: CompetencyFramework,
            before: dict[str, object] | None, deleted: bool = False) -> None:
    record_on_commit(session, "competency-framework", framework.id, before,
                     lambda: None if deleted else as_snapshot(to_public(session, framework)))


def create_framework(session: Session, data: FrameworkCreate) -> CompetencyFramework:
    _check_code(session, data.code, None)
    framework = CompetencyFramework.model_validate(data.model_dump())
    session.add(framework)
    _record(session, framework, before=None)
    commit(session, _duplicate_code(data.code))
    session.refresh(framework)
    return framework


def update_framework(session: Session, framework: CompetencyFramework,
                     changes: FrameworkUpdate, if_match: str | None) -> CompetencyFramework:
    check_if_match(if_match, framework.version)
    before = as_snapshot(to_public(session, framework))
    values = changes.model_dump(exclude_unset=True)
    refuse_nulls(values, FrameworkCreate)
    if "code" in values:
        _check_code(session, values["code"], framework.id)
    if values.get("scale", framework.scale) != framework.scale and is_assessed(
            session, framework.id):
        raise Conflict("De schaal van een kader met beoordelingen kan niet veranderen: die "
                       "zouden hun betekenis verliezen. / The scale of an assessed framework "
                       "cannot change.")
    framework.sqlmodel_update(values)
    framework.updated_at = utc_now()
    _record(session, framework, before)
    commit(session, _duplicate_code(values.get("code", framework.code)))
    session.refresh(framework)
    return framework


def delete_framework(session: Session, framework: CompetencyFramework,
                     if_match: str | None) -> None:
    """Deletes the framework with its competencies; refused once any of them is assessed:
    the assessments are a professional's history."""
    check_if_match(if_match, framework.version)
    if is_assessed(session, framework.id):
        raise _in_use()
    _record(session, framework, as_snapshot(to_public(session, framework)), deleted=True)
    # Explicitly, rather than by ON DELETE CASCADE, which SQLite honours only with foreign
    # keys switched on.
    session.connection().execute(
        COMPETENCIES.delete().where(COMPETENCIES.c.framework_id == framework.id))
    session.delete(framework)
    commit(session, _in_use())


def _in_use() -> Conflict:
    return Conflict("Er zijn beoordelingen op competenties van dit kader; die blijven "
                    "bewaard, dus het kader ook. / Competencies of this framework have been "
                    "assessed; it cannot be deleted.")


def _duplicate_code(code: str) -> Conflict:
    return Conflict(f"Er is al een competentiekader met code '{code}'. / "
                    f"A framework with code '{code}' already exists.")
