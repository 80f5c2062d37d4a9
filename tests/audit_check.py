"""The audit trail checked across the whole suite: every write a test makes through the API
must leave exactly one audit event, by the right actor, whose diff agrees with the answer.

An import is one write that leaves an event of its own and one per record it wrote.
A round of assessments is one write that leaves an event per assessment it recorded.
A codebook import leaves an event per code it created or updated; deleting a code, one per
code of its subtree (counted before the delete). A preview (`"applied": false`) leaves none.

The `client` and `client_as` fixtures hand out AuditedClients; when a test ends,
`check_audit_trail` holds their writes against the events in the database.
"""

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI
from sqlmodel import Session, col, select
from starlette.testclient import TestClient

from api.audit.models import AuditEvent
from api.privacy import HIDDEN, masked

WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
UUID_AT_END = re.compile(r"/([0-9a-f-]{36})$")
# Computations on what the client sends: posted, but nothing is written.
COMPUTATIONS = "/v1/analysis/"
# Writes whose answer carries no id of the resource changed: counted, not matched.
UNNAMED = ("/v1/sessions", "/v1/accounts/me/password")
IMPORTS = "/v1/imports"
CODEBOOK_IMPORT = "/v1/codes/import"
A_CODE = re.compile(r"^/v1/codes/[0-9a-f-]{36}$")
# A write on a resource that is named before the last step of the path.
ACTION_ON = re.compile(r"/([0-9a-f-]{36})/pseudonymise$")


@dataclass(frozen=True)
class Write:
    method: str
    path: str
    status: int
    answer: Any
    events: int | None = None  # known before the write (a code's subtree), else derived


class AuditedClient(TestClient):
    def __init__(self, app: FastAPI, username: str, headers: dict[str, str]) -> None:
        super().__init__(app, raise_server_exceptions=False, headers=headers)
        self.username = username
        self.writes: list[Write] = []

    def request(self, method: str, url: Any, *args: Any, **kwargs: Any) -> Any:
        deleted_codes = (self._subtree_size(str(url)) if method.upper() == "DELETE"
                         and A_CODE.match(str(url)) else None)
        response = super().request(method, url, *args, **kwargs)
        path = response.request.url.path
        if (method.upper() in WRITES and path.startswith("/v1/") and response.is_success
                and not path.startswith(COMPUTATIONS)):
            answer = response.json() if response.content else None
            self.writes.append(Write(method.upper(), path, response.status_code, answer,
                                     deleted_codes))
        return response

    def _subtree_size(self, code_path: str) -> int | None:
        """How many codes deleting this one deletes: it and its subcodes, as the codebook
        lists them now (their paths begin with its path)."""
        codes: list[dict[str, Any]] = []
        while True:
            page = len(codes) // 100 + 1
            listed = super().request("GET", f"/v1/codes?pageSize=100&page={page}")
            if listed.status_code != 200:
                return None
            codes += listed.json()["items"]
            if len(codes) >= listed.json()["total"] or not listed.json()["items"]:
                break
        target = next((code for code in codes if code_path.endswith(code["id"])), None)
        if target is None:
            return None
        depth = len(target["path"])
        return sum(code["path"][:depth] == target["path"] for code in codes)


ClientFactory = Callable[..., AuditedClient]


def _resource_id(write: Write) -> uuid.UUID | None:
    if write.path.startswith(UNNAMED):
        return None
    if write.method == "POST" and isinstance(write.answer, dict) and "id" in write.answer:
        return uuid.UUID(write.answer["id"])
    found = UUID_AT_END.search(write.path) or ACTION_ON.search(write.path)
    return uuid.UUID(found.group(1)) if found else None


def _events_of(write: Write) -> int:
    """An import leaves its own event and one per record it wrote; other writes one."""
    if write.events is not None:
        return write.events
    if isinstance(write.answer, dict) and write.answer.get("applied") is False:
        return 0
    if write.method == "POST" and write.status == 200 and write.path.endswith("/segments"):
        return 0  # the same coding again: the stored segment answered, nothing written
    if write.path == CODEBOOK_IMPORT and isinstance(write.answer, dict):
        return int(write.answer["created"]) + int(write.answer["updated"])
    if write.path.startswith(IMPORTS) and isinstance(write.answer, dict):
        report = write.answer.get("report") or {}
        written = report["created"] + report["updated"] + report.get("removed", 0)
        return 1 + (written if report.get("written") else 0)
    return 1


def _check_diff(write: Write, event: AuditEvent) -> None:
    """What the event says a field became is what the API answered it is now."""
    if not isinstance(write.answer, dict):
        return
    answer = masked(event.resource_type, write.answer, HIDDEN)
    for name, change in event.changes.items():
        if name in answer:
            assert change["after"] == answer[name], (
                f"{write.method} {write.path}: audit says {name} became {change['after']!r}, "
                f"the API answered {write.answer[name]!r}")


def _expanded(write: Write) -> list[Write]:
    """A round of assessments (one POST, {"roundId", "items"}) writes a row per item, each
    with its own event: checked as one write per item."""
    answer = write.answer
    if write.method == "POST" and isinstance(answer, dict) and "roundId" in answer:
        return [Write(write.method, write.path, write.status, item) for item in answer["items"]]
    return [write]


def check_audit_trail(session: Session, clients: list[AuditedClient]) -> None:
    for client in clients:
        client.writes = [each for write in client.writes for each in _expanded(write)]
        events = list(session.exec(select(AuditEvent)
                                   .where(AuditEvent.actor_label == client.username)
                                   .order_by(col(AuditEvent.occurred_at))))
        assert len(events) == sum(map(_events_of, client.writes)), (
            f"{len(client.writes)} writes by {client.username} left {len(events)} audit events:"
            f"\n  writes: {[(w.method, w.path) for w in client.writes]}"
            f"\n  events: {[(e.action, e.resource_type) for e in events]}")
        unmatched = list(events)
        for write in client.writes:
            resource_id = _resource_id(write)
            if resource_id is None or _events_of(write) == 0:
                continue
            match = next((e for e in unmatched if e.resource_id == resource_id), None)
            assert match is not None, f"no audit event for {write.method} {write.path}"
            unmatched.remove(match)
            _check_diff(write, match)
