"""Which codes an initiative carries: a code is carried when a record linked to the initiative
has a segment of that code or of one of its subcodes (docs/codebook.md).

Which initiatives carry a code tells what their records say, so every analysis built on this
is as restricted as the records themselves (READ_RECORDS).
"""

import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from sqlalchemy import Select, func, select
from sqlmodel import Session

from api.auth.identity import Caller
from api.auth.rules import READ_RECORDS, allows
from api.db import table_of
from api.errors import Forbidden
from api.qualitative.codebook import ancestry
from api.qualitative.models import SEGMENTS, Code, RecordInitiative

CODES = table_of(Code)
LINKS = table_of(RecordInitiative)
CODE = "code"  # a success-factor condition `code=<codeId>`


@dataclass(frozen=True)
class CarriedCodes:
    """Codes as the initiatives' records carry them, every count with subcodes rolled up."""

    codes: frozenset[uuid.UUID]  # the whole codebook, used or not
    by_initiative: dict[uuid.UUID, frozenset[uuid.UUID]]  # only initiatives that carry any
    initiatives: dict[uuid.UUID, frozenset[uuid.UUID]]  # code → initiatives that carry it
    records: dict[uuid.UUID, frozenset[uuid.UUID]]  # code → records with it or a subcode
    segments: Counter[uuid.UUID]  # code → its segments and its subcodes' segments
    coded_records: int  # records linked to the initiatives with at least one segment
    all_segments: int  # the segments on those records

    def codes_of(self, initiative_id: uuid.UUID) -> frozenset[uuid.UUID]:
        return self.by_initiative.get(initiative_id, frozenset())

    def initiatives_of(self, code_id: uuid.UUID) -> frozenset[uuid.UUID]:
        return self.initiatives.get(code_id, frozenset())


def lineage(parents: Mapping[uuid.UUID, uuid.UUID | None]
            ) -> dict[uuid.UUID, tuple[uuid.UUID, ...]]:
    """Each code with its ancestors, itself first: a segment of it counts for all of them."""
    return {code_id: tuple(ancestry(parents, code_id)) for code_id in parents}


def carried_codes(session: Session, initiatives: Select[tuple[uuid.UUID]] | None = None
                  ) -> CarriedCodes:
    """What the records linked to these initiatives (all, when None) carry."""
    connection = session.connection()
    # .all(): a Result has keys() of its own, which dict() would take for a mapping's.
    parents: dict[uuid.UUID, uuid.UUID | None] = dict(
        connection.execute(select(CODES.c.id, CODES.c.parent_id)).all())
    links = select(LINKS.c.record_id, LINKS.c.initiative_id)
    if initiatives is not None:
        links = links.where(LINKS.c.initiative_id.in_(initiatives))
    initiatives_by_record: dict[uuid.UUID, set[uuid.UUID]] = {}
    for record_id, initiative_id in connection.execute(links):
        initiatives_by_record.setdefault(record_id, set()).add(initiative_id)
    counted = (select(SEGMENTS.c.record_id, SEGMENTS.c.code_id, func.count())
               .where(SEGMENTS.c.record_id.in_(links.with_only_columns(LINKS.c.record_id)))
               .group_by(SEGMENTS.c.record_id, SEGMENTS.c.code_id))
    return _rolled_up(lineage(parents), initiatives_by_record,
                      connection.execute(counted))


def _rolled_up(lines: Mapping[uuid.UUID, tuple[uuid.UUID, ...]],
               initiatives_by_record: Mapping[uuid.UUID, set[uuid.UUID]],
               counted: Iterable[tuple[uuid.UUID, uuid.UUID, int]]) -> CarriedCodes:
    records: dict[uuid.UUID, set[uuid.UUID]] = {}
    segments: Counter[uuid.UUID] = Counter()
    by_initiative: dict[uuid.UUID, set[uuid.UUID]] = {}
    coded: set[uuid.UUID] = set()
    all_segments = 0
    for record_id, code_id, count in counted:
        coded.add(record_id)
        all_segments += count
        for carried in lines.get(code_id, (code_id,)):
            segments[carried] += count
            records.setdefault(carried, set()).add(record_id)
            # .get: a record linked after the links were read (PostgreSQL reads each
            # statement's own snapshot) is about no initiative read here.
            for initiative_id in initiatives_by_record.get(record_id, ()):
                by_initiative.setdefault(initiative_id, set()).add(carried)
    initiatives: dict[uuid.UUID, set[uuid.UUID]] = {}
    for initiative_id, carried_codes_of in by_initiative.items():
        for carried in carried_codes_of:
            initiatives.setdefault(carried, set()).add(initiative_id)
    return CarriedCodes(
        codes=frozenset(lines), segments=segments,
        initiatives={key: frozenset(found) for key, found in initiatives.items()},
        by_initiative={key: frozenset(found) for key, found in by_initiative.items()},
        records={key: frozenset(found) for key, found in records.items()},
        coded_records=len(coded), all_segments=all_segments)


def on_demand(session: Session) -> Callable[[], CarriedCodes]:
    """carried_codes(session) for all initiatives, read when first asked and then kept: a
    condition asks once per initiative."""
    return cache(lambda: carried_codes(session))


def names_code(names: Iterable[str | None]) -> bool:
    return any(name is not None and name.partition("=")[0] == CODE for name in names)


def check_code_use(caller: Caller, names: Iterable[str | None]) -> None:
    """403 when a caller who may not read records asks for a code as a condition."""
    if names_code(names) and not allows(READ_RECORDS, caller):
        raise Forbidden(
            f"Codes komen uit verslagen (die personen kunnen noemen); uw rol ({caller.role}) "
            f"mag die niet gebruiken. / Codes come from qualitative records (which may name "
            f"people); your role ({caller.role}) may not use them.")
