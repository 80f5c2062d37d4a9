"""Qualitative record use cases: list, read, create, update (keeping coded segments valid)
and delete. Records are restricted to researchers and administrators (the routes check).

Coded segments hold character offsets [start, end) into the record's text (Python string
indices: Unicode code points). When the text changes, the changed span is what lies between
the common prefix and the common suffix of the old and new text. Segments wholly before it
stay, segments wholly after it move by the change in length, and an edit that cuts through
a segment is refused with a 409 that names the code and where it sits: the researcher
decides about the coding, not this function.
"""

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, delete, select
from sqlmodel import Session

from api.audit.recorder import as_snapshot, record_on_commit
from api.db import commit, table_of, utc_now
from api.errors import Conflict, FieldError, InvalidInput, NotFound
from api.initiatives.models import Initiative
from api.professionals.models import Professional
from api.qualitative import search
from api.qualitative.models import (
    SEGMENTS,
    Code,
    QualitativeRecord,
    RecordInitiative,
    RecordProfessional,
)
from api.qualitative.record_models import (
    RecordCreate,
    RecordFilters,
    RecordPublic,
    RecordUpdate,
)
from api.wire import PageParams, check_if_match, page_query, refuse_nulls

RESOURCE = "qualitative-record"
RECORDS = table_of(QualitativeRecord)
ABOUT_INITIATIVES = table_of(RecordInitiative)
ABOUT_PROFESSIONALS = table_of(RecordProfessional)
CODES = table_of(Code)
INITIATIVES = table_of(Initiative)
PROFESSIONALS = table_of(Professional)
LINK_FIELDS = ("initiative_ids", "professional_ids")


def get_record(session: Session, record_id: uuid.UUID) -> QualitativeRecord:
    record = session.get(QualitativeRecord, record_id)
    if record is None:
        raise NotFound(f"Verslag {record_id} bestaat niet. / No such record.")
    return record


def lock_record(session: Session, record: QualitativeRecord) -> QualitativeRecord:
    """The record's row locked until the commit and read again as it now is.

    Whatever depends on the text's offsets (a text edit, a new segment, pseudonymising)
    takes this lock first: otherwise a segment added during a text edit is missed by the
    shift and ends up on stale offsets. PostgreSQL: SELECT ... FOR UPDATE; SQLite
    serialises writers anyway (SQLAlchemy leaves the clause out there).
    """
    locked = session.connection().execute(
        select(RECORDS.c.id).where(RECORDS.c.id == record.id).with_for_update()).first()
    if locked is None:
        raise NotFound(f"Verslag {record.id} is net verwijderd. / The record was just deleted.")
    # A refresh, not a locking get: that would refuse a row changed since it was read.
    session.refresh(record)
    return record


def _links(session: Session, record_ids: list[uuid.UUID]
           ) -> dict[uuid.UUID, dict[str, list[uuid.UUID]]]:
    """Per record its initiative and professional ids, sorted: two queries for a page."""
    found: dict[uuid.UUID, dict[str, list[uuid.UUID]]] = {
        record_id: {"initiative_ids": [], "professional_ids": []} for record_id in record_ids}
    for table, column, key in ((ABOUT_INITIATIVES, "initiative_id", "initiative_ids"),
                               (ABOUT_PROFESSIONALS, "professional_id", "professional_ids")):
        rows = session.connection().execute(
            select(table.c.record_id, table.c[column])
            .where(table.c.record_id.in_(record_ids)).order_by(table.c[column]))
        for record_id, linked in rows:
            found[record_id][key].append(linked)
    return found


def to_public(session: Session, record: QualitativeRecord) -> RecordPublic:
    links = _links(session, [record.id])[record.id]
    return RecordPublic.model_validate(record, update=links)


def list_records(session: Session, filters: RecordFilters, page: PageParams
                 ) -> tuple[list[RecordPublic], int]:
    """One page of records, the most recently recorded first."""
    conditions: list[ColumnElement[bool]] = []
    if filters.kind:
        conditions.append(RECORDS.c.kind.in_(filters.kind))
    if filters.initiative is not None:
        conditions.append(RECORDS.c.id.in_(select(ABOUT_INITIATIVES.c.record_id).where(
            ABOUT_INITIATIVES.c.initiative_id == filters.initiative)))
    if filters.professional is not None:
        conditions.append(RECORDS.c.id.in_(select(ABOUT_PROFESSIONALS.c.record_id).where(
            ABOUT_PROFESSIONALS.c.professional_id == filters.professional)))
    if filters.recorded_from is not None:
        conditions.append(RECORDS.c.recorded_on >= filters.recorded_from)
    if filters.recorded_to is not None:
        conditions.append(RECORDS.c.recorded_on <= filters.recorded_to)
    query, total = page_query(session, select(QualitativeRecord), RECORDS, conditions,
                              [("recorded_on", True), ("created_at", True)], page)
    records = list(session.scalars(query))
    links = _links(session, [record.id for record in records])
    return [RecordPublic.model_validate(record, update=links[record.id])
            for record in records], total


def _unknown(session: Session, table: Any, wanted: list[uuid.UUID], pointer: str,
             what: tuple[str, str]) -> list[FieldError]:
    """A 400 error at each id that names nothing; `what` is its kind in Dutch and English."""
    known = set(session.connection().execute(
        select(table.c.id).where(table.c.id.in_(set(wanted)))).scalars()) if wanted else set()
    return [FieldError(f"{pointer}/{index}", "unknown-id",
                       f"{what[0]} {linked} bestaat niet. / No such {what[1]}.")
            for index, linked in enumerate(wanted) if linked not in known]


def _check(session: Session, values: dict[str, Any], record_id: uuid.UUID | None) -> None:
    errors = []
    if values.get("initiative_ids") is not None:
        errors += _unknown(session, INITIATIVES, values["initiative_ids"], "/initiativeIds",
                           ("Initiatief", "initiative"))
    if values.get("professional_ids") is not None:
        errors += _unknown(session, PROFESSIONALS, values["professional_ids"],
                           "/professionalIds", ("Professional", "professional"))
    if values.get("external_ref") is not None:
        same = select(RECORDS.c.id).where(RECORDS.c.external_ref == values["external_ref"],
                                          RECORDS.c.id != record_id)
        if session.connection().execute(same).first() is not None:
            errors.append(FieldError("/externalRef", "duplicate",
                                     "Deze externe referentie bestaat al. / Already in use."))
    if errors:
        raise InvalidInput(errors)


def _replace_links(session: Session, record_id: uuid.UUID, values: dict[str, Any]) -> None:
    """The lists of links given replace the stored ones. The new rows go in through the unit
    of work: a linked row deleted meanwhile then fails in the commit, as a lost race."""
    for key, table, link in (("initiative_ids", ABOUT_INITIATIVES, RecordInitiative),
                             ("professional_ids", ABOUT_PROFESSIONALS, RecordProfessional)):
        if values.get(key) is None:
            continue
        session.connection().execute(delete(table).where(table.c.record_id == record_id))
        column = "initiative_id" if link is RecordInitiative else "professional_id"
        session.add_all(link.model_validate({"record_id": record_id, column: linked})
                        for linked in sorted(set(values[key])))


def _record(session: Session, record: QualitativeRecord, before: dict[str, object] | None,
            deleted: bool = False) -> None:
    record_on_commit(session, RESOURCE, record.id, before, lambda: None if deleted
                     else as_snapshot(to_public(session, record)))


def _lost_race() -> Conflict:
    return Conflict("Een gelijktijdige wijziging botst hiermee (een gekoppeld initiatief of "
                    "een professional is net verwijderd?); probeer het opnieuw. / A concurrent "
                    "change conflicts with this one; try again.")


def create_record(session: Session, data: RecordCreate) -> QualitativeRecord:
    values = data.model_dump()
    _check(session, values, None)
    record = QualitativeRecord.model_validate(
        {key: value for key, value in values.items() if key not in LINK_FIELDS})
    session.add(record)
    _replace_links(session, record.id, values)
    search.index_record(session, record)
    _record(session, record, before=None)
    commit(session, _lost_race())
    session.refresh(record)
    return record


@dataclass(frozen=True)
class TextEdit:
    """Where old and new text differ: [start, old_end) of the old text became
    [start, old_end + shift) of the new; an insertion has start == old_end."""

    start: int
    old_end: int
    shift: int


def text_edit(old: str, new: str) -> TextEdit:
    """The changed span as the common prefix and suffix leave it."""
    limit = min(len(old), len(new))
    prefix = 0
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return TextEdit(prefix, len(old) - suffix, len(new) - len(old))


def _cut_through(code: str, start: int, end: int, edit: TextEdit) -> Conflict:
    return Conflict(
        f"De wijziging (tekens {edit.start}–{edit.old_end}) raakt het gecodeerde fragment "
        f"met code '{code}' op tekens {start}–{end}; haal die codering eerst weg of pas de "
        f"tekst elders aan. / The edit (characters {edit.start}–{edit.old_end}) cuts "
        f"through the segment coded '{code}' at characters {start}–{end}; remove that "
        f"coding first or edit elsewhere.")


def _shift_segments(session: Session, record_id: uuid.UUID, old: str, new: str) -> None:
    """Move the segments after the edit; 409 (nothing changed) if one overlaps it."""
    edit = text_edit(old, new)
    rows = session.connection().execute(
        select(SEGMENTS.c.id, SEGMENTS.c.start_offset, SEGMENTS.c.end_offset, CODES.c.name)
        .join(CODES, CODES.c.id == SEGMENTS.c.code_id)
        .where(SEGMENTS.c.record_id == record_id)
        .order_by(SEGMENTS.c.start_offset, SEGMENTS.c.id)).all()
    moved = []
    for segment_id, start, end, code in rows:
        if end <= edit.start:
            continue
        if start < edit.old_end:  # and end > edit.start: inside or across the edit
            raise _cut_through(code, start, end, edit)
        moved.append((segment_id, start + edit.shift, end + edit.shift))
    if edit.shift:
        write_offsets(session, moved)


def write_offsets(session: Session, moved: list[tuple[uuid.UUID, int, int]]) -> None:
    """Store new offsets (segment id, start, end) of segments of a record the caller locked:
    the one place where a changed text moves its segments."""
    for segment_id, start, end in moved:
        session.connection().execute(
            SEGMENTS.update().where(SEGMENTS.c.id == segment_id)
            .values(start_offset=start, end_offset=end))


def update_record(session: Session, record: QualitativeRecord, changes: RecordUpdate,
                  if_match: str | None) -> QualitativeRecord:
    record = lock_record(session, record)
    check_if_match(if_match, record.version)
    values = changes.model_dump(exclude_unset=True)
    refuse_nulls(values, RecordCreate)
    _check(session, values, record.id)
    before = as_snapshot(to_public(session, record))
    if "text" in values and values["text"] != record.text:
        _shift_segments(session, record.id, record.text, values["text"])
        record.pseudonymised_at = None  # the new text may name people again
    _replace_links(session, record.id, values)
    record.sqlmodel_update({key: value for key, value in values.items()
                            if key not in LINK_FIELDS})
    record.updated_at = utc_now()  # also bumps the version when only the links changed
    search.index_record(session, record)
    _record(session, record, before)
    commit(session, _lost_race())
    session.refresh(record)
    return record


def store_text(session: Session, record: QualitativeRecord, text: str, title: str,
               author: str) -> QualitativeRecord:
    """A new text (title, author) for a locked record whose segments the caller has moved
    already (as pseudonymising does): stored, indexed for search and audited in one commit.
    The record counts as pseudonymised from now until its text is changed otherwise."""
    before = as_snapshot(to_public(session, record))
    record.text, record.title, record.author = text, title, author
    record.updated_at = record.pseudonymised_at = utc_now()
    search.index_record(session, record)
    _record(session, record, before)
    commit(session, _lost_race())
    session.refresh(record)
    return record


def delete_record(session: Session, record: QualitativeRecord, if_match: str | None) -> None:
    """The record with its links and its coded segments."""
    check_if_match(if_match, record.version)
    _record(session, record, as_snapshot(to_public(session, record)), deleted=True)
    for table in (SEGMENTS, ABOUT_INITIATIVES, ABOUT_PROFESSIONALS):
        session.connection().execute(delete(table).where(table.c.record_id == record.id))
    search.forget_record(session, record.id)
    session.delete(record)
    commit(session)
