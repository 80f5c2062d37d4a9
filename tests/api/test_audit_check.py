"""The suite-wide audit check can fail: a write with no event, or a wrong diff, is caught."""

import uuid

import pytest
from fastapi import FastAPI
from sqlmodel import Session

from api.audit.models import AuditAction, AuditEvent
from tests.audit_check import AuditedClient, Write, check_audit_trail


def _client(api_app: FastAPI, *writes: Write) -> AuditedClient:
    client = AuditedClient(api_app, "redacteur", {})
    client.writes.extend(writes)
    return client


def test_a_write_without_an_event_fails_the_check(api_app: FastAPI, session: Session) -> None:
    write = Write("POST", "/v1/initiatives", 201, {"id": str(uuid.uuid4()), "title": "T"})
    with pytest.raises(AssertionError, match="1 writes by redacteur left 0 audit events"):
        check_audit_trail(session, [_client(api_app, write)])


def test_an_event_whose_diff_disagrees_with_the_answer_fails_the_check(
    api_app: FastAPI, session: Session
) -> None:
    resource = uuid.uuid4()
    session.add(AuditEvent(actor_kind="session", actor_label="redacteur",
                           action=AuditAction.UPDATE, resource_type="initiative",
                           resource_id=resource,
                           changes={"title": {"before": "Oud", "after": "Anders"}}))
    session.commit()
    write = Write("PATCH", f"/v1/initiatives/{resource}", 200, {"title": "Nieuw"})
    with pytest.raises(AssertionError, match="audit says title became 'Anders'"):
        check_audit_trail(session, [_client(api_app, write)])
