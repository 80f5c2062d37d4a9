"""Initiative use cases: list with filters, read, create, update and delete."""

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, delete, select

from api.areas import service as area_service
from api.areas.models import Area
from api.audit.recorder import as_snapshot, record_on_commit
from api.db import commit, table_of, utc_now
from api.errors import FieldError, InvalidInput, NotFound
from api.initiatives.models import (
    Initiative,
    InitiativeCreate,
    InitiativeFields,
    InitiativePublic,
    InitiativeTheme,
    InitiativeUpdate,
)
from api.vocabularies.models import (
    Theme,
)
from api.wire import check_if_match, refuse_nulls


def themes_of(session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
    if not ids:
        return {}
    table = table_of(InitiativeTheme)
    rows = session.connection().execute(
        sa_select(table.c.initiative_id, table.c.theme)
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
    themes = themes_of(session, [initiative.id]).get(initiative.id, [])
    return public_of(initiative, themes, buurt)


def public_of(initiative: Initiative | Mapping[str, Any], themes: Sequence[str],
              current_buurt: Area | None) -> InitiativePublic:
    """The public shape from what is already at hand (the import builds thousands at once):
    the stored initiative or its column values."""
    return InitiativePublic.model_validate(initiative, update={
        "themes": sorted(themes),
        "wijkaanpak": current_buurt is not None and current_buurt.wijkaanpak_buurt_id is not None,
    })


def publics_of(session: Session,
               initiatives: Sequence[Initiative]) -> dict[uuid.UUID, InitiativePublic]:
    """to_public for many initiatives, in three queries."""
    themes = themes_of(session, [initiative.id for initiative in initiatives])
    buurt_ids = {initiative.current_buurt_id for initiative in initiatives}
    buurten = {area.id: area for area in
               session.exec(select(Area).where(col(Area.id).in_(buurt_ids)))} if buurt_ids else {}
    return {initiative.id: public_of(initiative, themes.get(initiative.id, []),
                                     buurten.get(initiative.current_buurt_id))
            for initiative in initiatives}


def _check_consistency(initiative: InitiativeFields) -> None:
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
        select(Initiative.id).where(col(Initiative.external_ref) == initiative.external_ref,
                                    col(Initiative.id) != initiative.id)
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


def _record(session: Session, initiative: Initiative, before: dict[str, object] | None,
            deleted: bool = False) -> None:
    record_on_commit(session, "initiative", initiative.id, before,
                     lambda: None if deleted else as_snapshot(to_public(session, initiative)))


def new_initiative(data: InitiativeCreate, buurt: Area) -> dict[str, Any]:
    """The column values of a new initiative in `buurt`, checked but not stored: for
    create_initiative, and for the import, which stores thousands at once."""
    _check_consistency(data)
    now = utc_now()
    return {**data.model_dump(exclude={"themes"}), "id": uuid.uuid4(), "version": 1,
            "current_buurt_id": area_service.current_buurt_of(buurt), "created_at": now,
            "updated_at": now}


def create_initiative(session: Session, data: InitiativeCreate) -> Initiative:
    buurt = area_service.require_buurt(session, data.buurt_id)
    initiative = Initiative.model_validate(new_initiative(data, buurt))
    _check_unique_ref(session, initiative)
    session.add(initiative)
    session.add_all(_themes(initiative.id, data.themes))
    _record(session, initiative, before=None)
    commit(session)
    session.refresh(initiative)
    return initiative


def update_initiative(
    session: Session, initiative: Initiative, changes: InitiativeUpdate, if_match: str | None
) -> Initiative:
    check_if_match(if_match, initiative.version)
    before = as_snapshot(to_public(session, initiative))
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
    _record(session, initiative, before)
    commit(session)
    session.refresh(initiative)
    return initiative


def delete_initiative(session: Session, initiative: Initiative, if_match: str | None) -> None:
    """Deletes the initiative with its support episodes and evaluations (cascade)."""
    check_if_match(if_match, initiative.version)
    _record(session, initiative, as_snapshot(to_public(session, initiative)), deleted=True)
    session.delete(initiative)
    commit(session)
