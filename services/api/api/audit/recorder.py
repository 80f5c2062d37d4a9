"""Writing the audit trail in the same transaction as the change it records.

A write function announces its change before it commits: the resource's public shape before
(None for a new one) and how to read it after (None when deleted). `api.db.commit` runs the
announced recordings after its flush, so `after` sees the new rows and the event is
committed, or rolled back, together with the change.
"""

import uuid
from collections.abc import Callable, Mapping
from typing import Any

from pydantic import BaseModel
from sqlmodel import Session

from api.audit.models import AuditAction, AuditEvent
from api.auth.identity import ACTOR, SYSTEM, Caller
from api.db import ON_COMMIT, utc_now
from api.privacy import HIDDEN, masked

Snapshot = Mapping[str, Any] | None
# Bookkeeping that changes with every write and says nothing about what changed.
UNRECORDED = frozenset({"version", "createdAt", "updatedAt"})


def diff(resource_type: str, before: Snapshot, after: Snapshot) -> dict[str, Any]:
    """{field: {before, after}} for every field that differs. A personal value shows as
    HIDDEN: that it changed is recorded, never what it said."""
    old, new = before or {}, after or {}
    changes: dict[str, Any] = {}
    for name in sorted((set(old) | set(new)) - UNRECORDED):
        was, now = old.get(name), new.get(name)
        if was != now:
            changes[name] = {"before": was, "after": now}
    hidden_before = masked(resource_type, {k: v["before"] for k, v in changes.items()}, HIDDEN)
    hidden_after = masked(resource_type, {k: v["after"] for k, v in changes.items()}, HIDDEN)
    return {name: {"before": hidden_before[name], "after": hidden_after[name]}
            for name in changes}


def _action(before: Snapshot, after: Snapshot) -> AuditAction:
    if before is None:
        return AuditAction.CREATE
    return AuditAction.DELETE if after is None else AuditAction.UPDATE


def record_on_commit(session: Session, resource_type: str, resource_id: uuid.UUID,
                     before: Snapshot, after: Callable[[], Snapshot]) -> None:
    """Announce a change; its event is written by the commit that makes the change."""
    def write(session: Session) -> None:
        actor: Caller = session.info.get(ACTOR, SYSTEM)
        session.add(audit_event(actor, resource_type, resource_id, before, after()))
    session.info.setdefault(ON_COMMIT, []).append(write)


def audit_event(actor: Caller, resource_type: str, resource_id: uuid.UUID, before: Snapshot,
                after: Snapshot) -> AuditEvent:
    """The event of one change."""
    return AuditEvent(**audit_values(actor, resource_type, resource_id, before, after))


def audit_values(actor: Caller, resource_type: str, resource_id: uuid.UUID, before: Snapshot,
                 after: Snapshot) -> dict[str, Any]:
    """The column values of one change's event (the import inserts thousands at once)."""
    return {
        "id": uuid.uuid4(), "occurred_at": utc_now(), "actor_kind": actor.kind,
        "actor_id": actor.account_id or actor.credential_id, "actor_label": actor.label,
        "action": _action(before, after), "resource_type": resource_type,
        "resource_id": resource_id, "changes": diff(resource_type, before, after),
    }


def as_snapshot(public: BaseModel) -> dict[str, Any]:
    """A resource's public shape as the audit trail compares it: its JSON."""
    return public.model_dump(mode="json", by_alias=True)
