"""Professional use cases: list with filters, read, create, update and delete."""

import uuid
from collections.abc import Sequence
from typing import Any

from pydantic import Field
from pydantic.alias_generators import to_camel
from sqlalchemy import ColumnElement, or_, select
from sqlmodel import Session, col, delete

from api.areas import service as area_service
from api.areas.models import Area
from api.audit.recorder import as_snapshot, record_on_commit
from api.db import commit, utc_now
from api.errors import Conflict, FieldError, InvalidInput, NotFound
from api.professionals.models import (
    Professional,
    ProfessionalArea,
    ProfessionalCreate,
    ProfessionalPublic,
    ProfessionalUpdate,
)
from api.support_episodes.models import SupportEpisode
from api.vocabularies.models import OrganisationKind, ProfessionalRole
from api.wire import ApiModel, PageParams, check_if_match, page_query, parse_sort, refuse_nulls

SORT_KEYS = {
    "name": "name", "role": "role", "organisation": "organisation",
    "createdAt": "created_at", "updatedAt": "updated_at",
}
# Looked up by name: SQLModel does not declare `__table__` for the type checker.
TABLE = Professional.metadata.tables["professional"]
AREAS = Professional.metadata.tables["professional_area"]
AREA_TABLE = Area.metadata.tables["area"]
EPISODES = SupportEpisode.metadata.tables["support_episode"]
LIST_COLUMNS = list(TABLE.columns)
# str(): the version column is named by a str subclass, which orjson refuses as a key.
WIRE_NAMES = [to_camel(str(column.name)) for column in LIST_COLUMNS]
MAX_AREA_DEPTH = 10  # gemeente → stadsdeel → gebied → wijk → buurt is 5; guards a cycle


class ProfessionalFilters(ApiModel):
    role: list[ProfessionalRole] = Field(default_factory=list, description="Any of these roles")
    organisation: str | None = Field(
        None, min_length=1, max_length=200, description="Text in the organisation's name"
    )
    organisation_kind: list[OrganisationKind] = Field(default_factory=list)
    area: str | None = Field(
        None, description="Area id or code; professionals serving it, an area below or above it"
    )
    q: str | None = Field(None, min_length=1, max_length=200, description="Text in the name")
    sort: str | None = Field(None, description="Comma-separated keys, '-' for descending")


def _contains(column: ColumnElement[str], text: str) -> ColumnElement[bool]:
    """Case-insensitive substring match in which % and _ are plain characters."""
    pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return column.ilike(pattern, escape="\\")


def _areas_above(session: Session, area: Area) -> list[uuid.UUID]:
    found: list[uuid.UUID] = []
    parent_id = area.parent_id
    while parent_id is not None and len(found) < MAX_AREA_DEPTH:
        found.append(parent_id)
        parent = session.get(Area, parent_id)
        parent_id = parent.parent_id if parent is not None else None
    return found


def _serving_area(session: Session, reference: str) -> ColumnElement[bool]:
    """Serving the area itself, something inside it, or something that contains it."""
    area = area_service.require_filter_area(session, reference)
    nearby = or_(
        AREAS.c.area_id.in_([area.id, *_areas_above(session, area)]),
        AREAS.c.area_id.in_(area_service.areas_below(area)),
    )
    return TABLE.c.id.in_(select(AREAS.c.professional_id).where(nearby))


def _conditions(session: Session, filters: ProfessionalFilters) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    if filters.role:
        found.append(TABLE.c.role.in_(filters.role))
    if filters.organisation_kind:
        found.append(TABLE.c.organisation_kind.in_(filters.organisation_kind))
    if filters.organisation:
        found.append(_contains(TABLE.c.organisation, filters.organisation))
    if filters.q:
        found.append(_contains(TABLE.c.name, filters.q))
    if filters.area is not None:
        found.append(_serving_area(session, filters.area))
    return found


def list_professionals(
    session: Session, filters: ProfessionalFilters, page: PageParams
) -> tuple[list[dict[str, Any]], int]:
    """One page of professionals as wire-ready dicts, and the number that match."""
    order = parse_sort(filters.sort, SORT_KEYS, "name")
    conditions = _conditions(session, filters)
    query, total = page_query(session, select(*LIST_COLUMNS), TABLE, conditions, order, page)
    rows = session.connection().execute(query)
    items = [dict(zip(WIRE_NAMES, row, strict=True)) for row in rows]
    areas = area_ids_of(session, [item["id"] for item in items])
    for item in items:
        item["areaIds"] = areas.get(item["id"], [])
    return items, total


def area_ids_of(session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[uuid.UUID]]:
    if not ids:
        return {}
    rows = session.connection().execute(
        select(AREAS.c.professional_id, AREAS.c.area_id)
        .where(AREAS.c.professional_id.in_(ids))
        .order_by(AREAS.c.area_id)
    )
    found: dict[uuid.UUID, list[uuid.UUID]] = {}
    for professional_id, area_id in rows:
        found.setdefault(professional_id, []).append(area_id)
    return found


def get_professional(session: Session, professional_id: uuid.UUID) -> Professional:
    professional = session.get(Professional, professional_id)
    if professional is None:
        raise NotFound(f"Professional {professional_id} bestaat niet. / No such professional.")
    return professional


def to_public(session: Session, professional: Professional) -> ProfessionalPublic:
    areas = area_ids_of(session, [professional.id]).get(professional.id, [])
    return ProfessionalPublic.model_validate(professional, update={"area_ids": areas})


def _check_areas(session: Session, area_ids: Sequence[uuid.UUID]) -> None:
    known = set(session.connection().execute(
        select(AREA_TABLE.c.id).where(AREA_TABLE.c.id.in_(set(area_ids)))
    ).scalars())
    errors = [
        FieldError(f"/areaIds/{index}", "unknown-area",
                   f"Gebied {area_id} bestaat niet. / No such area.")
        for index, area_id in enumerate(area_ids) if area_id not in known
    ]
    if errors:
        raise InvalidInput(errors)


def _check_consistency(session: Session, professional: Professional) -> None:
    errors = []
    if (professional.active_from and professional.active_to
            and professional.active_to < professional.active_from):
        errors.append(FieldError("/activeTo", "before-start",
                                 "Einddatum ligt vóór de begindatum. / Ends before it starts."))
    if professional.external_ref is not None:
        other = session.connection().execute(
            select(TABLE.c.id).where(TABLE.c.external_ref == professional.external_ref,
                                     TABLE.c.id != professional.id)
        ).first()
        if other is not None:
            errors.append(FieldError("/externalRef", "duplicate",
                                     "Deze externe referentie bestaat al. / Already in use."))
    if errors:
        raise InvalidInput(errors)


def _set_areas(session: Session, professional_id: uuid.UUID, area_ids: Sequence[uuid.UUID]) -> None:
    session.exec(delete(ProfessionalArea).where(
        col(ProfessionalArea.professional_id) == professional_id))
    session.add_all(ProfessionalArea(professional_id=professional_id, area_id=area_id)
                    for area_id in dict.fromkeys(area_ids))


def _record(session: Session, professional: Professional, before: dict[str, object] | None,
            deleted: bool = False) -> None:
    record_on_commit(session, "professional", professional.id, before,
                     lambda: None if deleted else as_snapshot(to_public(session, professional)))


def create_professional(session: Session, data: ProfessionalCreate) -> Professional:
    professional = Professional.model_validate(data.model_dump(exclude={"area_ids"}))
    _check_areas(session, data.area_ids)
    _check_consistency(session, professional)
    # No autoflush: both rows are written at the commit, where a constraint that lost a race
    # becomes a 409 (the areas' relationship puts the professional first).
    with session.no_autoflush:
        session.add(professional)
        _set_areas(session, professional.id, data.area_ids)
    _record(session, professional, before=None)
    commit(session)
    session.refresh(professional)
    return professional


def update_professional(
    session: Session, professional: Professional, changes: ProfessionalUpdate,
    if_match: str | None,
) -> Professional:
    check_if_match(if_match, professional.version)
    before = as_snapshot(to_public(session, professional))
    values = changes.model_dump(exclude_unset=True)
    area_ids = values.pop("area_ids", None)
    refuse_nulls(values, ProfessionalCreate)
    if "area_ids" in changes.model_fields_set and area_ids is None:
        raise InvalidInput([FieldError("/areaIds", "required",
                                       "Stuur [] om alle gebieden te wissen. / Send [] to clear.")])
    if area_ids is not None:
        _check_areas(session, area_ids)
    # No autoflush: the row is written at the commit, where a stale version becomes a 412
    # and the rollback also undoes the areas' bulk delete.
    with session.no_autoflush:
        professional.sqlmodel_update(values)
        _check_consistency(session, professional)
        # Bumped even when only the areas change, so the version (and ETag) moves too.
        professional.updated_at = utc_now()
        if area_ids is not None:
            _set_areas(session, professional.id, area_ids)
    _record(session, professional, before)
    commit(session)
    session.refresh(professional)
    return professional


def delete_professional(session: Session, professional: Professional, if_match: str | None) -> None:
    """Deletes the professional and the areas they serve; refused while they have episodes."""
    check_if_match(if_match, professional.version)
    has_episodes = session.connection().execute(
        select(EPISODES.c.id).where(EPISODES.c.professional_id == professional.id).limit(1)
    ).first()
    if has_episodes is not None:
        raise Conflict(
            "Deze professional heeft ondersteuningsepisodes; verwijder of verplaats die eerst. / "
            "This professional has support episodes; delete or reassign those first."
        )
    _record(session, professional, as_snapshot(to_public(session, professional)), deleted=True)
    # Explicit rather than relying on ON DELETE CASCADE, which SQLite only honours when
    # foreign keys are switched on for the connection.
    session.exec(delete(ProfessionalArea).where(
        col(ProfessionalArea.professional_id) == professional.id))
    session.delete(professional)
    commit(session)
