"""Which stadsdelen a professional serves: the editor's scope and the team of a stadsdeel.

Amsterdam's area codes begin with their stadsdeel's letter (F, FD, FD03, F76a), except a
GGW-gebied (a 14-digit id: its parent is the stadsdeel) and the gemeente (the whole city,
no one stadsdeel). A professional serves a stadsdeel when one of their areas lies in it.
"""

import uuid

from sqlalchemy import ColumnElement, Select, case, func, select
from sqlmodel import Session

from api.areas.models import Area, AreaType
from api.db import table_of
from api.professionals.models import ProfessionalArea

AREA = table_of(Area)
PARENT = AREA.alias("parent_area")
SERVED = table_of(ProfessionalArea)


def _stadsdeel_letter() -> ColumnElement[str | None]:
    return case(
        (AREA.c.type == AreaType.GEMEENTE.value, None),
        (AREA.c.type == AreaType.GEBIED.value, func.substr(PARENT.c.code, 1, 1)),
        else_=func.substr(AREA.c.code, 1, 1),
    )


def _served_letters() -> Select[uuid.UUID, str | None]:
    return (select(SERVED.c.professional_id, _stadsdeel_letter().label("stadsdeel"))
            .join(AREA, AREA.c.id == SERVED.c.area_id)
            .join(PARENT, PARENT.c.id == AREA.c.parent_id, isouter=True))


def stadsdelen_served(session: Session, professional_id: uuid.UUID) -> set[str]:
    rows = session.connection().execute(
        _served_letters().where(SERVED.c.professional_id == professional_id))
    return {letter for _id, letter in rows if letter}


def serving(stadsdeel: str) -> Select[uuid.UUID]:
    """The ids of the professionals with an area in the stadsdeel (a subquery)."""
    letters = _served_letters().subquery()
    return (select(letters.c.professional_id).where(letters.c.stadsdeel == stadsdeel)
            .distinct())

