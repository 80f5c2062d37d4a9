"""Initiative use cases: list with filters, read, create, update and delete."""

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from pydantic import Field
from pydantic.alias_generators import to_camel
from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlmodel import Session, col, delete

from api.areas import service as area_service
from api.areas.models import Area
from api.db import commit, table_of, utc_now
from api.errors import FieldError, InvalidInput, NotFound
from api.initiatives.models import (
    Initiative,
    InitiativeCreate,
    InitiativePublic,
    InitiativeTheme,
    InitiativeUpdate,
)
from api.support_episodes.models import SupportEpisode
from api.vocabularies.models import (
    InitiativeStatus,
    InitiatorType,
    OrganisationForm,
    ParticipationLevel,
    ProfessionalRole,
    Theme,
)
from api.wire import ApiModel, PageParams, check_if_match, parse_sort, refuse_nulls

SORT_KEYS = {
    "title": "title", "startDate": "start_date", "endDate": "end_date", "status": "status",
    "createdAt": "created_at", "updatedAt": "updated_at", "amountGranted": "amount_granted",
    "participants": "participants",
}
TABLE = table_of(Initiative)
LIST_COLUMNS = list(TABLE.columns)
WIRE_NAMES = [str(to_camel(str(column.name))) for column in LIST_COLUMNS]


class InitiativeFilters(ApiModel):
    area: str | None = Field(None, description="Area id or code; includes every buurt below it")
    wijkaanpak: bool | None = Field(None, description="Only (or no) Wijkaanpak buurten")
    theme: list[Theme] = Field(default_factory=list, description="Any of these themes")
    organisation_form: list[OrganisationForm] = Field(default_factory=list)
    status: list[InitiativeStatus] = Field(default_factory=list)
    participation_level: list[ParticipationLevel] = Field(default_factory=list)
    initiator_type: list[InitiatorType] = Field(default_factory=list)
    professional: uuid.UUID | None = Field(None, description="Supported by this professional")
    role: list[ProfessionalRole] = Field(default_factory=list, description="Supported in a role")
    active_from: date | None = Field(None, description="Running on or after this date")
    active_to: date | None = Field(None, description="Started on or before this date")
    q: str | None = Field(None, min_length=1, max_length=200, description="Text in title, summary")
    external_ref: str | None = None
    sort: str | None = Field(None, description="Comma-separated keys, '-' for descending")


def _text_match(q: str) -> ColumnElement[bool]:
    pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return or_(TABLE.c.title.ilike(pattern, escape="\\"),
               TABLE.c.summary.ilike(pattern, escape="\\"))


def _conditions(session: Session, filters: InitiativeFilters) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    if filters.area is not None:
        area = area_service.require_filter_area(session, filters.area)
        found.append(area_service.within_area(area, TABLE.c.buurt_id, TABLE.c.current_buurt_id))
    if filters.wijkaanpak is not None:
        flagged = select(table_of(Area).c.id).where(
            table_of(Area).c.wijkaanpak_buurt_id.is_not(None))
        in_flagged = TABLE.c.current_buurt_id.in_(flagged)
        found.append(in_flagged if filters.wijkaanpak else ~in_flagged)
    if filters.theme:
        themed = select(table_of(InitiativeTheme).c.initiative_id).where(
            table_of(InitiativeTheme).c.theme.in_(filters.theme))
        found.append(TABLE.c.id.in_(themed))
    for column, values in (("organisation_form", filters.organisation_form),
                           ("status", filters.status),
                           ("participation_level", filters.participation_level),
                           ("initiator_type", filters.initiator_type)):
        if values:
            found.append(TABLE.c[column].in_(values))
    if filters.professional is not None or filters.role:
        episodes = table_of(SupportEpisode)
        supported = select(episodes.c.initiative_id)
        if filters.professional is not None:
            supported = supported.where(episodes.c.professional_id == filters.professional)
        if filters.role:
            supported = supported.where(episodes.c.role.in_(filters.role))
        found.append(TABLE.c.id.in_(supported))
    if filters.active_to is not None:
        found.append(TABLE.c.start_date <= filters.active_to)
    if filters.active_from is not None:
        found.append(or_(TABLE.c.end_date.is_(None), TABLE.c.end_date >= filters.active_from))
        found.append(TABLE.c.start_date.is_not(None))
    if filters.q:
        found.append(_text_match(filters.q))
    if filters.external_ref is not None:
        found.append(TABLE.c.external_ref == filters.external_ref)
    return found


def list_initiatives(
    session: Session, filters: InitiativeFilters, page: PageParams
) -> tuple[list[dict[str, Any]], int]:
    """One page of initiatives as wire-ready dicts, and the number that match.

    Rows go straight from the database to camelCase dicts: loading 50 ORM objects and
    validating them costs more than the query itself (see bench/).
    """
    order = parse_sort(filters.sort, SORT_KEYS, "-updatedAt")
    where = and_(True, *_conditions(session, filters))
    connection = session.connection()
    total = connection.execute(select(func.count()).select_from(TABLE).where(where)).scalar_one()
    ordering = [TABLE.c[name].desc() if desc else TABLE.c[name].asc() for name, desc in order]
    flagged = table_of(Area).c.wijkaanpak_buurt_id.is_not(None).label("wijkaanpak")
    query = (
        select(*LIST_COLUMNS, flagged)
        .join(table_of(Area), table_of(Area).c.id == TABLE.c.current_buurt_id)
        .where(where)
        .order_by(*ordering, TABLE.c.id)
        .limit(page.page_size)
        .offset(page.offset)
    )
    items = []
    for row in connection.execute(query):
        item = dict(zip(WIRE_NAMES, row, strict=False))
        item["wijkaanpak"] = bool(row[-1])
        items.append(item)
    themes = themes_of(session, [item["id"] for item in items])
    for item in items:
        item["themes"] = themes.get(item["id"], [])
    return items, total


def themes_of(session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
    if not ids:
        return {}
    table = table_of(InitiativeTheme)
    rows = session.connection().execute(
        select(table.c.initiative_id, table.c.theme)
        .where(table.c.initiative_id.in_(ids))
        .order_by(table.c.theme)
    )
    found: dict[uuid.UUID, list[str]] = {}
    for initiative_id, theme in rows:
        found.setdefault(initiative_id, []).append(theme)
    return found


def get_initiative(session: Session, initiative_id: uuid.UUID) -> Initiative:
    initiative = session.get(Initiative, initiative_id)
    if initiative is None:
        raise NotFound(f"Initiatief {initiative_id} bestaat niet. / No such initiative.")
    return initiative


def to_public(session: Session, initiative: Initiative) -> InitiativePublic:
    buurt = session.get(Area, initiative.current_buurt_id)
    return InitiativePublic.model_validate(
        initiative,
        update={
            "themes": themes_of(session, [initiative.id]).get(initiative.id, []),
            "wijkaanpak": buurt is not None and buurt.wijkaanpak_buurt_id is not None,
        },
    )


def _check_consistency(initiative: Initiative) -> None:
    errors = []
    start, end = initiative.start_date, initiative.end_date
    if start and end and end < start:
        errors.append(FieldError("/endDate", "before-start",
                                 "Einddatum ligt vóór de startdatum. / End date is before start."))
    if (initiative.application_date and initiative.decision_date
            and initiative.decision_date < initiative.application_date):
        errors.append(FieldError("/decisionDate", "before-application",
                                 "Besluit ligt vóór de aanvraag. / Decision before application."))
    if initiative.continued_months and initiative.continued_after_support is False:
        errors.append(FieldError("/continuedMonths", "not-continued",
                                 "Alleen bij voortgezette initiatieven. / Only when continued."))
    if errors:
        raise InvalidInput(errors)


def _check_unique_ref(session: Session, initiative: Initiative) -> None:
    if initiative.external_ref is None:
        return
    other = session.exec(
        select(table_of(Initiative).c.id).where(  # type: ignore[call-overload]
            TABLE.c.external_ref == initiative.external_ref, TABLE.c.id != initiative.id)
    ).first()
    if other is not None:
        raise InvalidInput([FieldError("/externalRef", "duplicate",
                                       "Deze externe referentie bestaat al. / Already in use.")])


def _set_themes(session: Session, initiative_id: uuid.UUID, themes: Sequence[Theme]) -> None:
    session.exec(delete(InitiativeTheme).where(col(InitiativeTheme.initiative_id) == initiative_id))
    session.add_all(_themes(initiative_id, themes))


def _themes(initiative_id: uuid.UUID, themes: Sequence[Theme]) -> list[InitiativeTheme]:
    return [InitiativeTheme(initiative_id=initiative_id, theme=theme)
            for theme in dict.fromkeys(themes)]


def create_initiative(session: Session, data: InitiativeCreate) -> Initiative:
    buurt = area_service.require_buurt(session, data.buurt_id)
    initiative = Initiative.model_validate(
        data.model_dump(exclude={"themes"}),
        update={"current_buurt_id": area_service.current_buurt_of(buurt)},
    )
    _check_consistency(initiative)
    _check_unique_ref(session, initiative)
    session.add(initiative)
    session.add_all(_themes(initiative.id, data.themes))
    commit(session)
    session.refresh(initiative)
    return initiative


def update_initiative(
    session: Session, initiative: Initiative, changes: InitiativeUpdate, if_match: str | None
) -> Initiative:
    check_if_match(if_match, initiative.version)
    values = changes.model_dump(exclude_unset=True)
    themes = values.pop("themes", None)
    refuse_nulls(values, InitiativeCreate)
    if "buurt_id" in values:
        buurt = area_service.require_buurt(session, values["buurt_id"])
        values["current_buurt_id"] = area_service.current_buurt_of(buurt)
    # No autoflush: the row is written at the commit, where a stale version becomes a 412
    # and the rollback also undoes the themes' bulk delete.
    with session.no_autoflush:
        initiative.sqlmodel_update(values)
        initiative.updated_at = utc_now()
        _check_consistency(initiative)
        _check_unique_ref(session, initiative)
        if themes is not None:
            _set_themes(session, initiative.id, themes)
    commit(session)
    session.refresh(initiative)
    return initiative


def delete_initiative(session: Session, initiative: Initiative, if_match: str | None) -> None:
    """Deletes the initiative with its support episodes and evaluations (cascade)."""
    check_if_match(if_match, initiative.version)
    session.delete(initiative)
    commit(session)
