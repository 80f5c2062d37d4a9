"""Reading areas: look-ups by id or code, and the buurten that lie below an area."""

import uuid
from dataclasses import dataclass
from typing import Any, cast

import orjson
from sqlalchemy import ColumnElement, Select, literal
from sqlalchemy import select as sa_select
from sqlalchemy.orm import QueryableAttribute, defer
from sqlmodel import Session, col, select

from api.areas.models import Area, AreaType, WijkaanpakBuurt
from api.db import table_of
from api.errors import FieldError, InvalidInput, NotFound

# Polygons are large and only the geometry route reads them.
WITHOUT_GEOMETRY = defer(cast("QueryableAttribute[Any]", Area.geometry))


def parse_uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def find_area(session: Session, reference: str) -> Area | None:
    """An area by id, Amsterdam code or CBS code; the 2022 indeling wins a shared code."""
    area_uuid = parse_uuid(reference)
    if area_uuid is not None:
        return session.get(Area, area_uuid, options=[WITHOUT_GEOMETRY])
    query = (
        select(Area)
        .options(WITHOUT_GEOMETRY)
        .where((col(Area.code) == reference) | (col(Area.cbs_code) == reference.upper()))
        .order_by(col(Area.indeling).desc().nulls_last())
        .limit(1)
    )
    return session.exec(query).first()


def get_area(session: Session, area_id: uuid.UUID) -> Area:
    area = session.get(Area, area_id, options=[WITHOUT_GEOMETRY])
    if area is None:
        raise NotFound(f"Gebied {area_id} bestaat niet. / Area {area_id} does not exist.")
    return area


def require_filter_area(session: Session, reference: str, parameter: str = "area") -> Area:
    area = find_area(session, reference)
    if area is None:
        raise InvalidInput([FieldError(parameter, "unknown-area",
                                       f"Onbekend gebied '{reference}'. / Unknown area.", "query")])
    return area


def require_buurt(session: Session, buurt_id: uuid.UUID, pointer: str = "/buurtId") -> Area:
    area = session.get(Area, buurt_id, options=[WITHOUT_GEOMETRY])
    if area is None or area.type != AreaType.BUURT:
        raise InvalidInput([FieldError(pointer, "unknown-buurt",
                                       f"Buurt {buurt_id} bestaat niet. / No such buurt.")])
    return area


def current_buurt_of(buurt: Area) -> uuid.UUID:
    """The 2022 buurt an initiative lies in now: itself, or its crosswalk successor."""
    return buurt.successor_id or buurt.id


def _tree(area: Area) -> Any:
    """A recursive CTE of `area` and everything below it, at any depth."""
    table = table_of(Area)
    tree = (
        sa_select(table.c.id, table.c.type)
        .where(table.c.id == literal(area.id, table.c.id.type))
        .cte("tree", recursive=True)
    )
    child = table.alias("child")
    return tree.union_all(sa_select(child.c.id, child.c.type).where(child.c.parent_id == tree.c.id))


def areas_below(area: Area) -> Select[tuple[uuid.UUID]]:
    tree = _tree(area)
    return sa_select(tree.c.id).where(tree.c.id != literal(area.id, table_of(Area).c.id.type))


def buurten_below(area: Area) -> Select[tuple[uuid.UUID]]:
    """A subquery of the ids of every buurt at or below `area`."""
    tree = _tree(area)
    return sa_select(tree.c.id).where(tree.c.type == AreaType.BUURT.value)


@dataclass(frozen=True)
class BuurtSelection:
    """What an area filter selects: the buurten below it, and which buurt column to test."""

    area_type: AreaType
    on_registered_buurt: bool
    buurt_ids: tuple[uuid.UUID, ...]


# Areas are seed data that no route changes, and their ids derive from their codes: the
# same reference selects the same buurten in every database, so one lookup serves all.
_selections: dict[str, BuurtSelection] = {}


def select_buurten(session: Session, reference: str, parameter: str = "area") -> BuurtSelection:
    """The buurten an area filter means; 2015 areas select on the buurt as registered."""
    found = _selections.get(reference)
    if found is None:
        area = require_filter_area(session, reference, parameter)
        ids = session.connection().execute(buurten_below(area)).scalars().all()
        found = BuurtSelection(AreaType(area.type), area.indeling == 2015,
                               tuple(uuid.UUID(str(found_id)) for found_id in ids))
        if len(_selections) < 4096:
            _selections[reference] = found
    return found


def within(
    selection: BuurtSelection, registered: ColumnElement[Any], current: ColumnElement[Any]
) -> ColumnElement[bool]:
    column = registered if selection.on_registered_buurt else current
    return column.in_(selection.buurt_ids)


def wijkaanpak_buurt_ids(session: Session) -> dict[int, list[uuid.UUID]]:
    rows = session.exec(
        select(Area.wijkaanpak_buurt_id, Area.id)
        .where(col(Area.wijkaanpak_buurt_id).is_not(None), col(Area.indeling) == 2022)
        .order_by(col(Area.code))
    ).all()
    found: dict[int, list[uuid.UUID]] = {}
    for number, buurt_id in rows:
        if number is not None:
            found.setdefault(number, []).append(buurt_id)
    return found


def list_wijkaanpak_buurten(session: Session) -> list[WijkaanpakBuurt]:
    return list(session.exec(select(WijkaanpakBuurt).order_by(col(WijkaanpakBuurt.id))).all())


def buurt_feature_collection(session: Session, indeling: int, within: Area | None) -> bytes:
    """The buurten of one indeling as a GeoJSON FeatureCollection, serialised once."""
    table = table_of(Area)
    query = sa_select(table.c.id, table.c.code, table.c.name, table.c.wijkaanpak_buurt_id,
                   table.c.geometry).where(table.c.type == AreaType.BUURT.value,
                                           table.c.indeling == indeling)
    if within is not None:
        query = query.where(table.c.id.in_(buurten_below(within)))
    features = [
        b'{"type":"Feature","id":' + orjson.dumps(str(row.id))
        + b',"properties":' + orjson.dumps({"code": row.code, "name": row.name,
                                              "wijkaanpak": row.wijkaanpak_buurt_id is not None})
        + b',"geometry":' + (row.geometry or "null").encode() + b"}"
        for row in session.connection().execute(query.order_by(table.c.code))
    ]
    return b'{"type":"FeatureCollection","features":[' + b",".join(features) + b"]}"
