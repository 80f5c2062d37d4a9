"""New initiatives stored many at once: built and checked by the same function as the API's
create (`new_initiative`), each with its audit event, then inserted in three statements.
One by one through the ORM an initiative costs milliseconds; ten thousand would take a minute.
"""

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session, col, select

from api.areas.models import Area
from api.audit.models import AuditEvent
from api.audit.recorder import audit_values
from api.auth.identity import Caller
from api.db import commit, table_of
from api.errors import InvalidInput
from api.imports.parse import ParsedRow
from api.initiatives.models import Initiative, InitiativeCreate, InitiativePublic, InitiativeTheme
from api.initiatives.service import new_initiative
from api.vocabularies.models import Theme


@dataclass(frozen=True)
class NewInitiative:
    row: ParsedRow
    data: InitiativeCreate


def _areas(session: Session, batch: list[NewInitiative]) -> dict[uuid.UUID, Area]:
    """The buurten named, and the 2022 buurten the older ones lie in now."""
    wanted = {item.data.buurt_id for item in batch}
    found = {area.id: area for area in session.exec(select(Area).where(col(Area.id).in_(wanted)))}
    successors = {area.successor_id for area in found.values() if area.successor_id} - set(found)
    if successors:
        found.update({area.id: area for area in
                      session.exec(select(Area).where(col(Area.id).in_(successors)))})
    return found


def create_initiatives(session: Session, batch: list[NewInitiative], caller: Caller, *,
                       store: bool = True) -> list[tuple[ParsedRow, InvalidInput]]:
    """Check the batch and store it (unless not `store`), or nothing and the rows that
    break a rule."""
    areas = _areas(session, batch)
    built: list[tuple[dict[str, Any], NewInitiative]] = []
    refused: list[tuple[ParsedRow, InvalidInput]] = []
    for item in batch:
        try:  # the payload step found each buurt in this database: it is there
            built.append((new_initiative(item.data, areas[item.data.buurt_id]), item))
        except InvalidInput as error:
            refused.append((item.row, error))
    if refused or not built or not store:
        return refused
    _insert(session, built, areas, caller)
    return []


def _insert(session: Session, built: list[tuple[dict[str, Any], NewInitiative]],
            areas: dict[uuid.UUID, Area], caller: Caller) -> None:
    connection = session.connection()
    connection.execute(insert(table_of(Initiative)), [values for values, _ in built])
    themes = [{"initiative_id": values["id"], "theme": theme}
              for values, item in built for theme in dict.fromkeys(item.data.themes)]
    if themes:
        connection.execute(insert(table_of(InitiativeTheme)), themes)
    events = [audit_values(caller, "initiative", values["id"], None, _snapshot(
        values, item.data.themes, areas.get(values["current_buurt_id"]))) for values, item in built]
    connection.execute(insert(table_of(AuditEvent)), events)
    commit(session)  # as the API's writes end; a constraint that fails becomes a 409


def _snapshot(values: dict[str, Any], themes: list[Theme], buurt: Area | None) -> dict[str, Any]:
    """The public JSON the audit trail keeps, as to_public gives it (a test holds them equal),
    built without validating again what new_initiative validated."""
    public = InitiativePublic.model_construct(
        **values, themes=sorted(themes),
        wijkaanpak=buurt is not None and buurt.wijkaanpak_buurt_id is not None)
    return public.model_dump(mode="json", by_alias=True)
