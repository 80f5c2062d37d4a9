"""What the generator reads from the seeded database: buurten, stadsdelen and indicators."""

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session

from api.areas.models import AreaType
from api.areas.seed import GEMEENTE_ID
from api.tables import metadata
from api.vocabularies.models import IndicatorLevel, ScaleType

# Looked up by name: SQLModel does not declare `__table__` for the type checker.
AREAS = metadata.tables["area"]
WIJKAANPAK = metadata.tables["wijkaanpak_buurt"]
INDICATORS = metadata.tables["indicator"]

# Westpoort is the port and Weesp joined Amsterdam only in 2022: no initiatives there.
EXCLUDED_STADSDELEN = frozenset({"B", "S"})
GENERIC_NAMES = ("Buurt ", "Bedrijventerrein", "Sportpark", "Industrieterrein")


@dataclass(frozen=True)
class Buurt:
    id: uuid.UUID
    title_name: str  # how residents would name it in a title
    current_id: uuid.UUID  # the 2022 buurt
    wijk_id: uuid.UUID  # the 2022 wijk of the current buurt
    stadsdeel: str  # stadsdeel letter


@dataclass(frozen=True)
class IndicatorInfo:
    id: uuid.UUID
    code: str
    level: IndicatorLevel
    scale_type: ScaleType
    low: float | None
    high: float | None
    higher_is_better: bool


@dataclass(frozen=True)
class World:
    wijkaanpak_buurten: list[Buurt]
    other_buurten: list[Buurt]
    stadsdelen: dict[str, tuple[uuid.UUID, str]]  # letter -> (id, name)
    gemeente_id: uuid.UUID
    indicators: dict[str, IndicatorInfo]


def _clean(name: str) -> str:
    return name.removesuffix(" e.o.").strip()


def load_world(session: Session, indicator_codes: frozenset[str]) -> World:
    """Areas and the indicators named in `indicator_codes`, in a stable order."""
    columns = AREAS.c
    # Sorted here, not by the database: collations differ, the order must not.
    areas = sorted(session.connection().execute(
        select(columns.id, columns.type, columns.code, columns.name, columns.indeling,
               columns.parent_id, columns.successor_id, columns.wijkaanpak_buurt_id)
    ), key=lambda row: (row.code, row.indeling or 0, str(row.id)))
    by_id = {row.id: row for row in areas}
    names_2007: dict[int, str] = {
        row.id: row.name_2007 for row in session.connection().execute(
            select(WIJKAANPAK.c.id, WIJKAANPAK.c.name_2007))}
    stadsdelen = {row.code: (row.id, row.name) for row in areas if row.type == AreaType.STADSDEEL}
    flagged: list[Buurt] = []
    others: list[Buurt] = []
    for row in areas:
        if row.type != AreaType.BUURT or row.indeling != 2015 or row.successor_id is None:
            continue
        wijk = by_id[row.parent_id]
        stadsdeel = by_id[wijk.parent_id].code
        current = by_id[row.successor_id]
        name = _clean(row.name)
        if name.startswith(GENERIC_NAMES):
            name = _clean(current.name)
        if row.wijkaanpak_buurt_id is not None and name.startswith(GENERIC_NAMES):
            name = names_2007[row.wijkaanpak_buurt_id]
        buurt = Buurt(row.id, name, current.id, current.parent_id, stadsdeel)
        if row.wijkaanpak_buurt_id is not None:
            flagged.append(buurt)
        elif stadsdeel not in EXCLUDED_STADSDELEN:
            others.append(buurt)
    return World(flagged, others, stadsdelen, GEMEENTE_ID, _indicators(session, indicator_codes))


def _indicators(session: Session, codes: frozenset[str]) -> dict[str, IndicatorInfo]:
    columns = INDICATORS.c
    rows = session.connection().execute(
        select(columns.id, columns.code, columns.level, columns.scale_type, columns.scale_min,
               columns.scale_max, columns.higher_is_better).where(columns.code.in_(codes))
    ).all()
    found = {
        row.code: IndicatorInfo(row.id, row.code, IndicatorLevel(row.level),
                                ScaleType(row.scale_type), row.scale_min, row.scale_max,
                                bool(row.higher_is_better))
        for row in rows
    }
    missing = sorted(codes - found.keys())
    if missing:
        raise LookupError(f"The indicator catalogue lacks {', '.join(missing)}; "
                          "run api.indicators.seed.seed_indicators first.")
    return found
