"""The passages the voices chapter may quote (chapters/voices.py): the records about the
initiatives in scope, what the book may say of them, their coded segments, and which of
those segments are quoted.

A passage is quoted only from a record whose `pseudonymised_at` is set (see voices.py). Which
quotes: of a code's own passages on pseudonymised records, ordered by the record's
recorded_on, then record id, then start offset, end offset and segment id, the first passage
of each of the first records (so different records speak)."""

import re
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, select
from sqlmodel import Session

from api.areas.models import AreaType
from api.db import table_of
from api.initiatives.models import Initiative
from api.method_book.areas import AREAS
from api.qualitative.carried_codes import LINKS
from api.qualitative.models import SEGMENTS, QualitativeRecord

QUOTE_LENGTH = 500  # characters; a longer passage is cut at a word boundary
DEFINITION_LENGTH = 200  # characters of a subcode's definition shown above its quotes
RECORDS = table_of(QualitativeRecord)
INITIATIVES = table_of(Initiative)


@dataclass(frozen=True)
class Source:
    """What the book may say about a record: never its title or author."""

    kind: str
    recorded_on: date
    pseudonymised: bool
    text: str
    stadsdelen: tuple[str, ...]  # of its initiatives in scope, by name


@dataclass(frozen=True)
class Passage:
    segment_id: uuid.UUID
    record_id: uuid.UUID
    code_id: uuid.UUID  # the code it was coded with itself, not an ancestor
    start: int
    end: int

    def order(self, sources: dict[uuid.UUID, Source]) -> tuple[date, str, int, int, str]:
        return (sources[self.record_id].recorded_on, str(self.record_id), self.start,
                self.end, str(self.segment_id))


def excerpt(text: str, length: int = QUOTE_LENGTH) -> str:
    """The text on one line (white space as single spaces), at most `length` characters: a
    longer one cut after its last whole word, with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= length:
        return flat
    cut = flat[:length + 1]
    space = cut.rfind(" ")
    kept = cut[:space] if space > 0 else flat[:length]
    return re.sub(r"[\s,;:]+$", "", kept) + " …"


def _stadsdeel_names(session: Session, buurten: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    """Each buurt's stadsdeel name, by walking up the area tree (its depth differs)."""
    found: dict[uuid.UUID, str] = {}
    current = {buurt: buurt for buurt in buurten}  # buurt → the area reached so far
    while current:
        rows = session.connection().execute(
            select(AREAS.c.id, AREAS.c.parent_id, AREAS.c.type, AREAS.c.name)
            .where(AREAS.c.id.in_(set(current.values())))).all()
        by_id = {row.id: row for row in rows}
        following: dict[uuid.UUID, uuid.UUID] = {}
        for buurt, area_id in current.items():
            row = by_id.get(area_id)
            if row is not None and row.type == AreaType.STADSDEEL.value:
                found[buurt] = str(row.name)
            elif row is not None and row.parent_id is not None:
                following[buurt] = row.parent_id
        current = following
    return found


def sources_in(session: Session, scope: Select[tuple[uuid.UUID]]) -> dict[uuid.UUID, Source]:
    """The records linked to the initiatives in scope."""
    connection = session.connection()
    links = connection.execute(
        select(LINKS.c.record_id, INITIATIVES.c.current_buurt_id)
        .join(INITIATIVES, INITIATIVES.c.id == LINKS.c.initiative_id)
        .where(LINKS.c.initiative_id.in_(scope))).all()
    names = _stadsdeel_names(session, {buurt for _, buurt in links})
    stadsdelen: dict[uuid.UUID, set[str]] = {}
    for record_id, buurt in links:
        named = stadsdelen.setdefault(record_id, set())
        if buurt in names:
            named.add(names[buurt])
    rows = connection.execute(select(
        RECORDS.c.id, RECORDS.c.kind, RECORDS.c.recorded_on, RECORDS.c.pseudonymised_at,
        RECORDS.c.text).where(RECORDS.c.id.in_(_linked_records(scope)))).all()
    return {row.id: Source(str(row.kind), row.recorded_on, row.pseudonymised_at is not None,
                           row.text, tuple(sorted(stadsdelen.get(row.id, ()))))
            for row in rows}


def _linked_records(scope: Select[tuple[uuid.UUID]]) -> Select[tuple[uuid.UUID]]:
    return select(LINKS.c.record_id).where(LINKS.c.initiative_id.in_(scope))


def passages_in(session: Session, scope: Select[tuple[uuid.UUID]],
                sources: dict[uuid.UUID, Source]) -> list[Passage]:
    """Every segment on these records, in one query for the whole scope (a subquery, not a
    list of ids, so that 100,000 initiatives' records make no huge statement)."""
    rows = session.connection().execute(select(
        SEGMENTS.c.id, SEGMENTS.c.record_id, SEGMENTS.c.code_id, SEGMENTS.c.start_offset,
        SEGMENTS.c.end_offset).where(SEGMENTS.c.record_id.in_(_linked_records(scope)))).all()
    # A record linked after the sources were read (PostgreSQL: a snapshot per statement)
    # is left out: nothing is known of it here.
    return [Passage(*row) for row in rows if row[1] in sources]


def _quote(passage: Passage, source: Source) -> dict[str, Any]:
    return {"recordId": str(passage.record_id), "segmentId": str(passage.segment_id),
            "kind": source.kind, "recorded": source.recorded_on.isoformat()[:7],
            "stadsdelen": list(source.stadsdelen),
            "text": excerpt(source.text[passage.start:passage.end])}


def quotes_of(passages: list[Passage], sources: dict[uuid.UUID, Source], most: int
              ) -> list[dict[str, Any]]:
    """The first passage of each of the first `most` pseudonymised records (see the
    module's docstring for the order)."""
    quoted: dict[uuid.UUID, Passage] = {}
    for passage in sorted(passages, key=lambda each: each.order(sources)):
        if sources[passage.record_id].pseudonymised and passage.record_id not in quoted:
            quoted[passage.record_id] = passage
            if len(quoted) == most:
                break
    return [_quote(passage, sources[passage.record_id]) for passage in quoted.values()]
