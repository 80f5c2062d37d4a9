"""What an imported row names, found in the database: areas by code or name, records by
external reference (or by our own `buurtkracht:<id>`), indicators by code."""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session

from api.areas.models import Area, AreaType
from api.db import table_of
from api.indicators.models import Indicator
from api.tabular.headers import normalised
from api.tabular.tables import OWN_REFERENCE

AREAS, INDICATORS = table_of(Area), table_of(Indicator)
CHUNK = 900  # ids or references per query: below SQLite's limit of bound parameters


@dataclass(frozen=True)
class FoundArea:
    id: uuid.UUID
    type: AreaType
    code: str
    name: str
    indeling: int | None
    successor_code: str | None  # for a 2015 buurt: the 2022 buurt it lies in now


class AreaIndex:
    """Every area by Amsterdam code, CBS code and name; where two share a name, the newer
    indeling comes first."""

    def __init__(self, session: Session) -> None:
        rows = session.connection().execute(select(
            AREAS.c.id, AREAS.c.type, AREAS.c.code, AREAS.c.cbs_code, AREAS.c.name,
            AREAS.c.indeling, AREAS.c.successor_id)).all()
        codes = {row.id: row.code for row in rows}
        self._by_key: dict[str, list[FoundArea]] = {}
        for row in sorted(rows, key=lambda row: -(row.indeling or 0)):
            area = FoundArea(row.id, AreaType(row.type), row.code, row.name, row.indeling,
                             codes.get(row.successor_id) if row.successor_id else None)
            keys = [f"code:{row.code.upper()}", f"name:{normalised(row.name)}"]
            keys += [f"cbs:{row.cbs_code.upper()}"] if row.cbs_code else []
            for key in keys:
                self._by_key.setdefault(key, []).append(area)

    def find(self, text: str, *, buurt: bool = False) -> FoundArea | None:
        """The area a cell names (a buurt, when `buurt`): by code, CBS code, then name."""
        text = text.strip()
        for key in (f"code:{text.upper()}", f"cbs:{text.upper()}", f"name:{normalised(text)}"):
            for area in self._by_key.get(key, []):
                if not buurt or area.type == AreaType.BUURT:
                    return area
        return None


def own_id(reference: str) -> uuid.UUID | None:
    """The database id inside our own reference `buurtkracht:<id>`, if it is one."""
    if not reference.startswith(OWN_REFERENCE):
        return None
    try:
        return uuid.UUID(reference.removeprefix(OWN_REFERENCE))
    except ValueError:
        return None


def ids_by_reference(session: Session, model: type, references: Iterable[str]
                     ) -> dict[str, uuid.UUID]:
    """The records these references name: by external reference, and a `buurtkracht:<id>`
    also by id (a record exported without a reference, imported back where it came from)."""
    table = table_of(model)
    wanted = set(references)
    found: dict[str, uuid.UUID] = {}
    listed = sorted(wanted)
    for start in range(0, len(listed), CHUNK):
        part = listed[start:start + CHUNK]
        found.update((reference, record_id) for reference, record_id in session.connection()
                     .execute(select(table.c.external_ref, table.c.id)
                              .where(table.c.external_ref.in_(part))))
        by_id = {own: reference for reference in part
                 if reference not in found and (own := own_id(reference)) is not None}
        if by_id:
            for record_id, in session.connection().execute(
                    select(table.c.id).where(table.c.id.in_(list(by_id)))):
                found[by_id[record_id]] = record_id
    return found


def indicator_ids(session: Session) -> dict[str, uuid.UUID]:
    rows = session.connection().execute(select(INDICATORS.c.code, INDICATORS.c.id))
    return {row.code: row.id for row in rows}
