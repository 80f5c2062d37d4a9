"""The areas a book names: the chosen stadsdeel (looked up in one place, for the parameters'
check and the title) and the areas the initiatives chapter counts by — the stadsdelen of the
city, or the 2022 wijken below the chosen stadsdeel in the area tree (by parent, not by
code) — and the buurten the map draws. The data hash reads the same rows (geometry
included), so a renamed, moved or redrawn area changes it."""

from typing import Any

from sqlalchemy import ColumnElement, and_, false, or_
from sqlmodel import Session, col, select

from api.areas.models import Area, AreaType
from api.areas.service import WITHOUT_GEOMETRY, areas_below, buurten_below
from api.db import table_of

AREAS = table_of(Area)
WIJK_INDELING = 2022


def find_stadsdeel(session: Session, code: str) -> Area | None:
    """The stadsdeel with this code (stadsdelen hold in every indeling), or None."""
    return session.exec(select(Area).options(WITHOUT_GEOMETRY).where(
        col(Area.code) == code, col(Area.type) == AreaType.STADSDEEL)).first()


def breakdown(session: Session, stadsdeel: str | None) -> ColumnElement[bool]:
    """Which rows of `area` the initiatives chapter counts by."""
    if stadsdeel is None:
        return AREAS.c.type == AreaType.STADSDEEL.value
    found = find_stadsdeel(session, stadsdeel)
    if found is None:
        return false()
    return and_(AREAS.c.id.in_(areas_below(found)), AREAS.c.type == AreaType.WIJK.value,
                AREAS.c.indeling == WIJK_INDELING)


def mapped(session: Session, stadsdeel: str | None) -> ColumnElement[bool]:
    """The 2022 buurten the initiatives chapter's map draws: the city's, or the stadsdeel's."""
    in_scope = and_(AREAS.c.type == AreaType.BUURT.value, AREAS.c.indeling == WIJK_INDELING)
    if stadsdeel is None:
        return in_scope
    found = find_stadsdeel(session, stadsdeel)
    if found is None:
        return false()
    # Read first: the area tree's recursive query cannot sit beside breakdown's in one query.
    below = session.connection().execute(buurten_below(found)).scalars().all()
    return and_(in_scope, AREAS.c.id.in_(below))


def printed(session: Session, stadsdeel: str | None) -> ColumnElement[bool]:
    """Every row of `area` the book prints or draws: the breakdown, the buurten of the map
    and the stadsdeel of the title."""
    where: Any = or_(breakdown(session, stadsdeel), mapped(session, stadsdeel))
    if stadsdeel is not None:
        where = or_(where, and_(AREAS.c.code == stadsdeel,
                                AREAS.c.type == AreaType.STADSDEEL.value))
    result: ColumnElement[bool] = where
    return result
