"""Who may do what: every rule of the API in one place.

A route names the rule it needs as a dependency (`Depends(require(WRITE_INITIATIVES))`);
rules scoped to stadsdelen are then narrowed to the buurten a write touches with
`check_scope`, called by the resource's write dependency. Nothing else checks roles.
"""

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlmodel import Session, col, select

from api.areas.models import Area, AreaType
from api.auth.identity import Caller, CallerDep
from api.auth.models import Role
from api.competences.serving import stadsdelen_served
from api.errors import Forbidden, Unauthorized
from api.initiatives.models import Initiative

EVERYONE = frozenset(Role)


@dataclass(frozen=True)
class Rule:
    name: str
    roles: frozenset[Role]
    # Roles that may do this only in their own stadsdelen.
    scoped: frozenset[Role] = frozenset()


READ = Rule("read", EVERYONE)
READ_PERSONAL = Rule("read-personal", frozenset({Role.ADMIN, Role.EDITOR, Role.RESEARCHER}))
WRITE_INITIATIVES = Rule("write-initiatives", frozenset({Role.ADMIN, Role.EDITOR}),
                         scoped=frozenset({Role.EDITOR}))
WRITE_EVALUATIONS = Rule("write-evaluations",
                         frozenset({Role.ADMIN, Role.EDITOR, Role.RESEARCHER}),
                         scoped=frozenset({Role.EDITOR}))
READ_AUDIT = Rule("read-audit", frozenset({Role.ADMIN, Role.RESEARCHER}))
# One initiative's history: the events of the initiative and of its records. Editors need
# it for what they edit; viewers are left out, as the trail names who made each change.
READ_INITIATIVE_HISTORY = Rule("read-initiative-history",
                               frozenset({Role.ADMIN, Role.EDITOR, Role.RESEARCHER}))
# Competence assessments judge a person: read and written by those who may read personal
# data; editors write them only for professionals who serve an area in their stadsdelen.
READ_ASSESSMENTS = Rule("read-assessments",
                        frozenset({Role.ADMIN, Role.EDITOR, Role.RESEARCHER}))
WRITE_ASSESSMENTS = Rule("write-assessments",
                         frozenset({Role.ADMIN, Role.EDITOR, Role.RESEARCHER}),
                         scoped=frozenset({Role.EDITOR}))
# Qualitative records (interviews, case studies…) name people and are research material:
# restricted to researchers and administrators, for reading as for writing.
READ_RECORDS = Rule("read-records", frozenset({Role.ADMIN, Role.RESEARCHER}))
WRITE_RECORDS = Rule("write-records", frozenset({Role.ADMIN, Role.RESEARCHER}))
# The codebook names no one: every signed-in role reads it; researchers and administrators,
# who code the records, keep it.
READ_CODES = Rule("read-codes", EVERYONE)
WRITE_CODES = Rule("write-codes", frozenset({Role.ADMIN, Role.RESEARCHER}))
# Method books: researchers and administrators, who write the research, ask for them. A book
# for everyone (aggregates only) is read by every role; a research book quotes records, so it
# is read as records are (method_book/service.may_read).
WRITE_METHOD_BOOKS = Rule("write-method-books", frozenset({Role.ADMIN, Role.RESEARCHER}))
# Professionals, reference data, accounts, tokens and personal-data requests.
ADMINISTER = Rule("administer", frozenset({Role.ADMIN}))


def allows(rule: Rule, caller: Caller) -> bool:
    return caller.role is not None and caller.role in rule.roles


def require(rule: Rule) -> Callable[[Caller], Caller]:
    """A dependency: 401 when nobody is signed in, 403 when the role may not."""
    def check(caller: CallerDep) -> Caller:
        if not caller.signed_in:
            raise Unauthorized()
        if not allows(rule, caller):
            raise Forbidden(f"Uw rol ({caller.role}) mag dit niet. / "
                            f"Your role ({caller.role}) may not do this.")
        return caller
    check.__name__ = f"require_{rule.name.replace('-', '_')}"
    return check


def check_audit_reading(caller: Caller, initiative: uuid.UUID | None) -> None:
    """403 unless the caller may read the whole audit trail, or asks for one initiative's
    history (`initiative` given) and may read that."""
    if allows(READ_AUDIT, caller):
        return
    if initiative is not None and allows(READ_INITIATIVE_HISTORY, caller):
        return
    raise Forbidden(f"Uw rol ({caller.role}) mag alleen de geschiedenis van één initiatief "
                    f"lezen (initiative=…). / Your role ({caller.role}) may only read the "
                    f"history of one initiative (initiative=…).")


def stadsdelen_of(session: Session, buurt_ids: Iterable[uuid.UUID]) -> set[str]:
    """The stadsdeel codes of buurten (either indeling): the first letter of the code of
    the 2022 buurt each lies in now, as Amsterdam's area codes are built."""
    wanted = set(buurt_ids)
    rows = session.exec(
        select(Area.id, Area.code, Area.successor_id)
        .where(col(Area.id).in_(wanted), Area.type == AreaType.BUURT)
    ).all()
    successors = {successor for _id, _code, successor in rows if successor is not None}
    codes = dict(session.exec(select(Area.id, Area.code)
                              .where(col(Area.id).in_(successors))).all()) if successors else {}
    return {codes.get(successor, code)[:1] if successor else code[:1]
            for _id, code, successor in rows}


def check_scope(rule: Rule, caller: Caller, session: Session,
                buurt_ids: Iterable[uuid.UUID | None]) -> None:
    """403 unless a scoped caller's stadsdelen hold every buurt the write touches."""
    if caller.role not in rule.scoped:
        return
    outside = stadsdelen_of(session, (buurt for buurt in buurt_ids if buurt)) - caller.stadsdelen
    if outside:
        raise Forbidden(
            f"U mag alleen schrijven in stadsdeel {', '.join(sorted(caller.stadsdelen)) or '—'}. "
            f"/ You may only write in your own stadsdelen.")


def check_initiative_scope(rule: Rule, caller: Caller, session: Session,
                           initiative_ids: Iterable[uuid.UUID | None]) -> None:
    """check_scope for records of initiatives (support, evaluations): their buurten count.
    An unknown initiative adds no buurt: the write itself then refuses it with a 400."""
    if caller.role not in rule.scoped:
        return
    wanted = {initiative for initiative in initiative_ids if initiative}
    buurten = session.exec(select(Initiative.current_buurt_id)
                           .where(col(Initiative.id).in_(wanted))).all() if wanted else []
    check_scope(rule, caller, session, buurten)


def check_professional_scope(rule: Rule, caller: Caller, session: Session,
                             professional_id: uuid.UUID) -> None:
    """403 unless a scoped caller's stadsdelen hold an area the professional serves (one
    who serves no area, or only the whole city, is outside every editor's scope)."""
    if caller.role not in rule.scoped:
        return
    if not stadsdelen_served(session, professional_id) & caller.stadsdelen:
        raise Forbidden(
            f"U mag alleen professionals in stadsdeel "
            f"{', '.join(sorted(caller.stadsdelen)) or '—'} beoordelen. / You may only assess "
            f"professionals who serve an area in your own stadsdelen.")
