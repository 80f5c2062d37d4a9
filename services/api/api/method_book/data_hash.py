"""The data hash: SHA-256 over a canonical text of every row a book reads within its
filters, plus its parameters. The same data and parameters give the same hash; a change to a
row in scope changes it; a change outside the scope does not.

Rows are the initiatives in scope (with their themes), their support episodes, evaluations,
outcome measures and follow-ups; the indicators those measures measure (the effects read
their direction, `higher_is_better`); and the areas: the buurten of the initiatives in scope
and every area the book prints or draws on its map, geometry included (see areas.printed).
Each table is ordered by its key. Bookkeeping columns (created_at, updated_at, version) are
left out; the
data date (the latest updated_at in scope) is hashed once, as the method appendix prints it,
so that one hash means one HTML.

A research book also quotes records (the voices chapter), so its hash also covers the records
linked to the initiatives in scope (id, kind, recorded_on, text, pseudonymised_at: what the
chapter reads; not title or author, which it never prints), those links, the records' coded
segments and the whole codebook (id, parent, name, definition, position). A book for
everyone reads none of them, and its hash does not change when they do. Records and codes do
not move the data date: it is the day the other chapters count durations to, and a new
interview should not change how long an initiative ran.
"""

import hashlib
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import orjson
from sqlalchemy import Select, String, Table, Uuid, func, or_, select, true, type_coerce
from sqlmodel import Session

from api.analyses.effects.competence import ASSESSMENTS
from api.db import table_of
from api.evaluations.models import Evaluation, OutcomeMeasure
from api.follow_ups.models import FollowUp
from api.indicators.models import Indicator
from api.initiatives.listing import matching_ids
from api.initiatives.models import Initiative, InitiativeTheme
from api.method_book.areas import AREAS, printed
from api.method_book.parameters import BookParameters
from api.qualitative.models import Code, CodedSegment, QualitativeRecord, RecordInitiative
from api.support_episodes.models import SupportEpisode

VOLATILE = frozenset({"created_at", "updated_at", "version"})
INITIATIVES = table_of(Initiative)
EVALUATIONS = table_of(Evaluation)
MEASURES = table_of(OutcomeMeasure)
INDICATORS = table_of(Indicator)
RECORDS, LINKS, CODES = table_of(QualitativeRecord), table_of(RecordInitiative), table_of(Code)
SEGMENTS = table_of(CodedSegment)
# The columns hashed of the research tables: those the voices chapter reads (a table not
# listed here is hashed with every column but the VOLATILE ones).
READ_COLUMNS: dict[str, tuple[str, ...]] = {
    "qualitative_record": ("id", "kind", "recorded_on", "text", "pseudonymised_at"),
    "coded_segment": ("id", "record_id", "code_id", "start_offset", "end_offset"),
    "code": ("id", "parent_id", "name", "definition", "position"),
    # created_at too: it breaks ties between assessments of one day (the newest counts).
    "assessment": ("id", "professional_id", "competency_id", "perspective", "score", "level",
                   "assessed_on", "created_at"),
}
# Durations are counted to the data date's day; a book without data has no durations, and
# counts to a fixed day rather than the clock's.
NO_DATA_DAY = date(2000, 1, 1)


@dataclass(frozen=True)
class DataSnapshot:
    data_hash: str
    data_date: str | None  # ISO timestamp (UTC) of the latest change in scope; None if empty

    @property
    def as_of(self) -> date:
        """The day the chapters count durations to (running initiatives' months): the data
        date's, so that the book never depends on the day it is written."""
        return date.fromisoformat(self.data_date[:10]) if self.data_date else NO_DATA_DAY


def _canonical(value: Any) -> Any:
    """What orjson does not write itself (it writes UUIDs, dates and datetimes as ISO text)."""
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"not hashable as data: {type(value).__name__}")


def _as_stored(column: Any) -> Any:
    """UUIDs as the driver gives them (text on SQLite, native on PostgreSQL): making half a
    million uuid.UUID objects out of SQLite's text was most of the hash's time."""
    return type_coerce(column, String) if isinstance(column.type, Uuid) else column


def _rows(session: Session, table: Table, where: Any) -> list[tuple[Any, ...]]:
    read = READ_COLUMNS.get(str(table.name))
    columns = sorted((column for column in table.columns
                      if (column.name in read if read else column.name not in VOLATILE)),
                     key=lambda column: column.name)
    keys = list(table.primary_key.columns)
    query = select(*(_as_stored(column) for column in columns)).where(where).order_by(*keys)
    return [tuple(row) for row in session.connection().execute(query)]


def _latest(session: Session, table: Table, where: Any) -> datetime | None:
    if "updated_at" not in table.c:
        return None
    found: datetime | None = session.connection().execute(
        select(func.max(table.c.updated_at)).where(where)).scalar_one()
    return found


def _tables_read(session: Session, parameters: BookParameters,
                 scope: Select[tuple[uuid.UUID]]) -> list[tuple[Table, Any]]:
    """Each table the book reads, with the condition that picks its rows in scope."""
    evaluations = select(EVALUATIONS.c.id).where(EVALUATIONS.c.initiative_id.in_(scope))
    indicators = select(MEASURES.c.indicator_id).where(MEASURES.c.evaluation_id.in_(evaluations))
    buurten = select(INITIATIVES.c.buurt_id).where(INITIATIVES.c.id.in_(scope)).union(
        select(INITIATIVES.c.current_buurt_id).where(INITIATIVES.c.id.in_(scope)))
    tables: list[tuple[Table, Any]] = [(INITIATIVES, INITIATIVES.c.id.in_(scope))]
    for model in (InitiativeTheme, SupportEpisode, Evaluation, FollowUp):
        table = table_of(model)
        tables.append((table, table.c.initiative_id.in_(scope)))
    tables.append((MEASURES, MEASURES.c.evaluation_id.in_(evaluations)))
    tables.append((INDICATORS, INDICATORS.c.id.in_(indicators)))
    tables.append((AREAS, or_(AREAS.c.id.in_(buurten),
                              printed(session, parameters.stadsdeel))))
    return tables


def _research_tables(scope: Select[tuple[uuid.UUID]]) -> list[tuple[Table, Any]]:
    """The tables only a research book reads, with their rows in scope: for the voices
    chapter the records linked to the initiatives in scope, those links, their segments and
    every code (the rolled-up counts and the order follow the whole tree); for the grouping
    by competence the assessments of the professionals who supported them."""
    records = select(LINKS.c.record_id).where(LINKS.c.initiative_id.in_(scope))
    episodes = table_of(SupportEpisode)
    professionals = select(episodes.c.professional_id).where(
        episodes.c.initiative_id.in_(scope))
    return [(RECORDS, RECORDS.c.id.in_(records)), (LINKS, LINKS.c.initiative_id.in_(scope)),
            (SEGMENTS, SEGMENTS.c.record_id.in_(records)), (CODES, true()),
            (ASSESSMENTS, ASSESSMENTS.c.professional_id.in_(professionals))]


def snapshot(session: Session, parameters: BookParameters) -> DataSnapshot:
    """The hash and data date of what a book with these parameters reads now."""
    scope = matching_ids(session, parameters.filters())
    tables: dict[str, Any] = {}
    latest: list[datetime] = []
    for table, where in _tables_read(session, parameters, scope):
        tables[str(table.name)] = _rows(session, table, where)
        changed = _latest(session, table, where)
        if changed is not None:
            latest.append(changed)
    if parameters.for_research:  # not in the data date: see the module's docstring
        for table, where in _research_tables(scope):
            tables[str(table.name)] = _rows(session, table, where)
    data_date = max(latest).isoformat() if latest else None
    document = {"parameters": parameters.canonical(), "dataDate": data_date, "tables": tables}
    text = orjson.dumps(document, option=orjson.OPT_SORT_KEYS, default=_canonical)
    return DataSnapshot(hashlib.sha256(text).hexdigest(), data_date)
