"""Codebook use cases: the code tree read in order, and codes created, moved, deleted.

The codebook is small (hundreds of codes, not millions), so the tree is read whole and walked
in Python: one query, and the depth, path and order need no recursive SQL in two dialects.
"""

import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import exists, select, text
from sqlmodel import Session

from api.audit.recorder import as_snapshot, record_on_commit
from api.db import commit, table_of, utc_now
from api.errors import Conflict, FieldError, InvalidInput, NotFound
from api.qualitative.code_models import CodeCreate, CodePublic, CodeUpdate, ImportedCode
from api.qualitative.models import SEGMENTS, Code
from api.wire import PageParams, check_if_match, refuse_nulls

# Deep enough for any codebook; bounded so that walks of the tree stay shallow.
MAX_DEPTH = 20
# The key of the advisory lock that serialises changes to the tree (lock_tree).
TREE_LOCK = 0x636F_6465_626F_6F6B  # "codebook"

CODES = table_of(Code)
RESOURCE = "code"


def all_codes(session: Session) -> list[Code]:
    """Every code as stored now (also the ones the session had read before)."""
    return list(session.scalars(select(Code).execution_options(populate_existing=True)))


def children_by_parent(codes: Iterable[Code]) -> dict[uuid.UUID | None, list[Code]]:
    """Each parent's children in their order: position, then name, then id (stable)."""
    children: dict[uuid.UUID | None, list[Code]] = {}
    for code in codes:
        children.setdefault(code.parent_id, []).append(code)
    for siblings in children.values():
        siblings.sort(key=lambda code: (code.position, code.name.casefold(), str(code.id)))
    return children


def in_tree_order(codes: Iterable[Code]) -> list[tuple[Code, list[str]]]:
    """Depth-first, each code before its children, with the names on its path."""
    children = children_by_parent(codes)
    ordered: list[tuple[Code, list[str]]] = []

    def walk(parent: uuid.UUID | None, path: list[str]) -> None:
        for code in children.get(parent, []):
            ordered.append((code, [*path, code.name]))
            walk(code.id, [*path, code.name])

    walk(None, [])
    return ordered


def public_of(code: Code, path: list[str]) -> CodePublic:
    return CodePublic.model_validate(code, update={"depth": len(path) - 1, "path": path})


def path_of(session: Session, code: Code) -> list[str]:
    names = [code.name]
    parent_id = code.parent_id
    while parent_id is not None:
        parent = session.get(Code, parent_id)
        if parent is None:
            break
        names.insert(0, parent.name)
        parent_id = parent.parent_id
    return names


def to_public(session: Session, code: Code) -> CodePublic:
    return public_of(code, path_of(session, code))


def list_codes(session: Session, page: PageParams) -> tuple[list[dict[str, Any]], int]:
    """One page of the whole tree, depth-first (a parent before its children)."""
    ordered = in_tree_order(all_codes(session))
    chosen = ordered[page.offset:page.offset + page.page_size]
    return [as_snapshot(public_of(code, path)) for code, path in chosen], len(ordered)


def get_code(session: Session, code_id: uuid.UUID) -> Code:
    code = session.get(Code, code_id)
    if code is None:
        raise NotFound(f"Code {code_id} bestaat niet. / No such code.")
    return code


def descendants_of(session: Session, code_id: uuid.UUID) -> list[Code]:
    """The code's descendants, deepest last."""
    children = children_by_parent(all_codes(session))
    found: list[Code] = []
    frontier = [code_id]
    while frontier:
        below = [child for parent in frontier for child in children.get(parent, [])]
        found.extend(below)
        frontier = [child.id for child in below]
    return found


def check_unique_name(session: Session, name: str, parent_id: uuid.UUID | None,
                      code_id: uuid.UUID | None) -> None:
    """Names are unique among siblings, ignoring case: 'Animo' and 'animo' would confuse."""
    query = select(CODES.c.id, CODES.c.name).where(
        CODES.c.parent_id.is_(None) if parent_id is None else CODES.c.parent_id == parent_id)
    for other_id, other_name in session.connection().execute(query):
        if other_id != code_id and other_name.casefold() == name.casefold():
            raise duplicate_name(name)


def lock_tree(session: Session) -> None:
    """Serialise the writes that change the codebook's shape, until the commit.

    Two moves checked at the same time could each pass the cycle check (A under B, B under
    A) and together form a cycle; a code created under one being deleted would lose its
    parent. Codebook writes are rare, so one advisory lock on PostgreSQL serialises them;
    SQLite serialises writers anyway.
    """
    if session.connection().dialect.name == "postgresql":
        session.connection().execute(text("SELECT pg_advisory_xact_lock(:key)"),
                                     {"key": TREE_LOCK})


def _parents(session: Session) -> dict[uuid.UUID, uuid.UUID | None]:
    """Every code's parent as stored now: not the session's cached objects, which miss a
    move committed while this write waited for the tree lock."""
    return dict(session.connection().execute(select(CODES.c.id, CODES.c.parent_id)).all())


def ancestry(parents: Mapping[uuid.UUID, uuid.UUID | None], code_id: uuid.UUID
             ) -> list[uuid.UUID]:
    """The code and its ancestors, up to the top (each once: a cycle cannot loop forever)."""
    found: list[uuid.UUID] = []
    current: uuid.UUID | None = code_id
    while current is not None and current not in found:
        found.append(current)
        current = parents.get(current)
    return found


def _height(parents: dict[uuid.UUID, uuid.UUID | None], code_id: uuid.UUID) -> int:
    """The levels of subcodes below the code: 0 for a code without subcodes."""
    children: dict[uuid.UUID | None, list[uuid.UUID]] = {}
    for child, parent in parents.items():
        children.setdefault(parent, []).append(child)
    height, frontier = 0, children.get(code_id, [])
    while frontier and height <= MAX_DEPTH:
        height += 1
        frontier = [child for parent in frontier for child in children.get(parent, [])]
    return height


def _check_parent(session: Session, parent_id: uuid.UUID | None,
                  code_id: uuid.UUID | None) -> None:
    """The new parent exists, is not the code or one of its subcodes, and the code with
    its whole subtree still fits within MAX_DEPTH under it (read after lock_tree)."""
    if parent_id is None:
        return
    parents = _parents(session)
    if parent_id not in parents:
        raise InvalidInput([FieldError("/parentId", "unknown-code",
                                       "Deze bovenliggende code bestaat niet. / "
                                       "No such parent code.")])
    above = ancestry(parents, parent_id)
    if code_id is not None and code_id in above:
        raise InvalidInput([FieldError("/parentId", "cycle",
                                       "Een code kan niet onder zichzelf of een van haar "
                                       "subcodes hangen. / A code cannot move under itself or "
                                       "one of its descendants.")])
    below = 0 if code_id is None else _height(parents, code_id)
    if len(above) + 1 + below > MAX_DEPTH:
        raise InvalidInput([FieldError("/parentId", "too-deep",
                                       f"Codes liggen hoogstens {MAX_DEPTH} niveaus diep, "
                                       f"subcodes meegeteld. / Codes nest at most {MAX_DEPTH} "
                                       f"levels deep, subcodes included.")])


def _record(session: Session, code: Code, before: dict[str, Any] | None) -> None:
    record_on_commit(session, RESOURCE, code.id, before,
                     lambda: as_snapshot(to_public(session, code)))


def create_code(session: Session, data: CodeCreate) -> Code:
    lock_tree(session)
    _check_parent(session, data.parent_id, None)
    check_unique_name(session, data.name, data.parent_id, None)
    code = Code.model_validate(data.model_dump())
    session.add(code)
    _record(session, code, before=None)
    commit(session, duplicate_name(data.name))
    session.refresh(code)
    return code


def lock_code(session: Session, code: Code, if_match: str | None) -> Code:
    """The tree locked, the code read again as it now is, then If-Match checked: checked
    before, a change committed while this write waited for the lock would go unnoticed."""
    lock_tree(session)
    if session.connection().execute(select(CODES.c.id).where(CODES.c.id == code.id)
                                    ).first() is None:
        raise NotFound(f"Code {code.id} is net verwijderd. / The code was just deleted.")
    session.refresh(code)
    check_if_match(if_match, code.version)
    return code


def update_code(session: Session, code: Code, changes: CodeUpdate,
                if_match: str | None) -> Code:
    code = lock_code(session, code, if_match)
    before = as_snapshot(to_public(session, code))
    values = changes.model_dump(exclude_unset=True)
    refuse_nulls({key: value for key, value in values.items() if key != "parent_id"},
                 CodeCreate)
    parent_id = values.get("parent_id", code.parent_id)
    if "parent_id" in values:
        _check_parent(session, parent_id, code.id)
    check_unique_name(session, values.get("name", code.name), parent_id, code.id)
    code.sqlmodel_update(values)
    code.updated_at = utc_now()
    _record(session, code, before)
    commit(session, duplicate_name(code.name))
    session.refresh(code)
    return code


def is_coded(session: Session, code_ids: list[uuid.UUID]) -> bool:
    used = select(exists().where(SEGMENTS.c.code_id.in_(code_ids)))
    return bool(session.connection().execute(used).scalar_one())


def delete_code(session: Session, code: Code, if_match: str | None) -> None:
    """Deletes the code with its subcodes; refused while any of them codes a segment."""
    code = lock_code(session, code, if_match)
    subtree = [code, *descendants_of(session, code.id)]
    if is_coded(session, [member.id for member in subtree]):
        raise _in_use()
    for member in reversed(subtree):  # children before their parent: the foreign key
        record_on_commit(session, RESOURCE, member.id,
                         as_snapshot(to_public(session, member)), lambda: None)
    for member in reversed(subtree):
        session.delete(member)
        session.flush()
    commit(session, _in_use())


def _in_use() -> Conflict:
    return Conflict("Deze code of een van haar subcodes is toegekend aan tekstfragmenten; "
                    "haal die codering eerst weg. / The code or one of its descendants has "
                    "coded segments; it cannot be deleted.")


def duplicate_name(name: str) -> Conflict:
    return Conflict(f"Er is op deze plek al een code '{name}'. / "
                    f"A sibling code named '{name}' already exists.")


def check_import(session: Session, imported: list[ImportedCode]) -> dict[uuid.UUID, Code]:
    """Refuse an import whose result would name two siblings the same (409); returns the
    stored codes by id."""
    stored = {code.id: code for code in all_codes(session)}
    incoming = {code.id for code in imported}
    names: set[tuple[uuid.UUID | None, str]] = set()
    placed = [(code.parent_id, code.name) for code in imported] + [
        (code.parent_id, code.name) for code in stored.values() if code.id not in incoming]
    for parent_id, name in placed:
        if (parent_id, name.casefold()) in names:
            raise duplicate_name(name)
        names.add((parent_id, name.casefold()))
    return stored


def merge_codes(session: Session, imported: list[ImportedCode]) -> tuple[int, int]:
    """Create the codes with new ids and update the known ones, parents first, in one
    transaction; returns (created, updated)."""
    lock_tree(session)
    stored = check_import(session, imported)
    created = updated = 0
    for item in imported:
        values = {"parent_id": item.parent_id, "name": item.name, "position": item.position,
                  "definition": item.definition, "example": item.example}
        code = stored.get(item.id)
        if code is None:
            code = Code.model_validate(CodeCreate.model_validate(values),
                                       update={"id": item.id})
            session.add(code)
            _record(session, code, before=None)
            created += 1
        elif any(getattr(code, key) != value for key, value in values.items()):
            _record(session, code, as_snapshot(to_public(session, code)))
            code.sqlmodel_update(values)
            code.updated_at = utc_now()
            updated += 1
        session.flush()  # a parent before its children: no relationship orders them
    commit(session)
    return created, updated
