"""Coded segments: coding a record as the caller, the quoted text, filters, removal by the
coder or an administrator, bad spans, permissions per role, the segments of a code across
records and the co-occurrence of codes."""

import uuid
from typing import Any

import pytest
from fastapi import FastAPI
from sqlmodel import Session, col, select
from starlette.testclient import TestClient

from api.audit.models import AuditEvent
from api.auth.models import Credential, CredentialKind
from api.qualitative.models import CodedSegment
from tests.audit_check import ClientFactory
from tests.auth_builders import bearer, make_api_token

TEXT = "Intro. De buurtwerker hielp. Daarna ging het vanzelf."
#       0      7  10          22    28     35


def new_record(client: TestClient, title: str = "Gesprek met de buurtwerker",
               text: str = TEXT) -> str:
    response = client.post("/v1/records", json={"kind": "interview", "title": title,
                                                "recordedOn": "2024-03-01", "text": text})
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def new_code(client: TestClient, name: str, parent: str | None = None) -> str:
    response = client.post("/v1/codes", json={"name": name, "parentId": parent})
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def code(client: TestClient, record: str, code_id: str, start: int, end: int
         ) -> dict[str, Any]:
    response = client.post(f"/v1/records/{record}/segments",
                           json={"codeId": code_id, "start": start, "end": end})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def items(client: TestClient, path: str) -> list[dict[str, Any]]:
    response = client.get(path)
    assert response.status_code == 200, response.text
    found: list[dict[str, Any]] = response.json()["items"]
    return found


def test_a_segment_is_coded_by_the_caller_and_listed_with_its_quote(
    client_as: ClientFactory,
) -> None:
    researcher = client_as("researcher")
    record = new_record(researcher)
    help_code = new_code(researcher, "Hulp")
    created = researcher.post(f"/v1/records/{record}/segments",
                              json={"codeId": help_code, "start": 10, "end": 27})
    assert created.status_code == 201, created.text
    body = created.json()
    assert created.headers["location"] == f"/v1/segments/{body['id']}"
    assert body["quote"] == "buurtwerker hielp"
    assert body["coderLabel"] == researcher.username
    assert (body["recordId"], body["codeId"], body["start"], body["end"]) == (
        record, help_code, 10, 27)
    assert items(researcher, f"/v1/records/{record}/segments") == [body]


def test_filters_by_coder_and_code(client_as: ClientFactory) -> None:
    first, second = client_as("researcher"), client_as("researcher")
    record = new_record(first)
    help_code, later = new_code(first, "Hulp"), new_code(first, "Later")
    mine = code(first, record, help_code, 10, 27)
    theirs = code(second, record, help_code, 7, 27)
    other_code = code(second, record, later, 29, 35)
    path = f"/v1/records/{record}/segments"
    assert items(first, path) == [theirs, mine, other_code]  # text order
    assert items(first, f"{path}?coder={mine['coderId']}") == [mine]
    assert items(first, f"{path}?code={later}") == [other_code]
    assert items(first, f"{path}?coder={theirs['coderId']}&code={help_code}") == [theirs]
    assert mine["coderId"] != theirs["coderId"]


@pytest.mark.parametrize(("start", "end"), [(-1, 5), (5, 5), (9, 4), (0, len(TEXT) + 1),
                                            (0, 10_000_000), ("x", 5)])
def test_a_bad_span_is_a_400_and_stores_nothing(
    client: TestClient, session: Session, start: object, end: object,
) -> None:
    record, help_code = new_record(client), new_code(client, "Hulp")
    response = client.post(f"/v1/records/{record}/segments",
                           json={"codeId": help_code, "start": start, "end": end})
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert session.exec(select(CodedSegment)).all() == []


def test_an_unknown_code_is_a_400_and_an_unknown_record_a_404(client: TestClient) -> None:
    record, help_code = new_record(client), new_code(client, "Hulp")
    unknown = client.post(f"/v1/records/{record}/segments",
                          json={"codeId": str(uuid.uuid4()), "start": 0, "end": 5})
    assert unknown.status_code == 400, unknown.text
    assert unknown.json()["errors"][0]["location"] == {"pointer": "/codeId"}
    missing = client.post(f"/v1/records/{uuid.uuid4()}/segments",
                          json={"codeId": help_code, "start": 0, "end": 5})
    assert missing.status_code == 404, missing.text
    assert client.get(f"/v1/records/{uuid.uuid4()}/segments").status_code == 404
    assert client.delete(f"/v1/segments/{uuid.uuid4()}").status_code == 404
    assert client.get(f"/v1/codes/{uuid.uuid4()}/segments").status_code == 404


def test_only_the_coder_or_an_admin_removes_a_coding(client_as: ClientFactory) -> None:
    coder, colleague, admin = client_as("researcher"), client_as("researcher"), client_as()
    record, help_code = new_record(coder), new_code(coder, "Hulp")
    first, second = code(coder, record, help_code, 0, 5), code(coder, record, help_code, 7, 9)
    refused = colleague.delete(f"/v1/segments/{first['id']}")
    assert refused.status_code == 403, refused.text
    assert coder.delete(f"/v1/segments/{first['id']}").status_code == 204
    assert admin.delete(f"/v1/segments/{second['id']}").status_code == 204
    assert items(coder, f"/v1/records/{record}/segments") == []


def test_each_write_leaves_an_audit_event_without_the_quote(
    client: TestClient, session: Session,
) -> None:
    record, help_code = new_record(client), new_code(client, "Hulp")
    segment = code(client, record, help_code, 10, 27)
    assert client.delete(f"/v1/segments/{segment['id']}").status_code == 204
    events = session.exec(select(AuditEvent).where(
        AuditEvent.resource_type == "coded-segment").order_by(col(AuditEvent.occurred_at))).all()
    assert [(event.action, event.resource_id) for event in events] == [
        ("create", uuid.UUID(segment["id"])), ("delete", uuid.UUID(segment["id"]))]
    assert all("buurtwerker" not in str(event.changes) for event in events)


def test_an_api_token_codes_as_itself(api_app: FastAPI, client: TestClient,
                                      session: Session) -> None:
    record, help_code = new_record(client), new_code(client, "Hulp")
    with TestClient(api_app) as token_client:
        token_client.headers.update(bearer(make_api_token(session, "researcher")))
        segment = code(token_client, record, help_code, 0, 5)
        assert segment["coderLabel"] == "token:test-researcher"
        token_id = session.exec(select(Credential.id).where(
            Credential.kind == CredentialKind.API_TOKEN)).one()
        assert segment["coderId"] == str(token_id)
        assert token_client.delete(f"/v1/segments/{segment['id']}").status_code == 204


@pytest.mark.parametrize("role", ["editor", "viewer"])
def test_editors_and_viewers_neither_read_nor_code(client_as: ClientFactory, role: str) -> None:
    researcher, other = client_as("researcher"), client_as(role)
    record, help_code = new_record(researcher), new_code(researcher, "Hulp")
    segment = code(researcher, record, help_code, 0, 5)
    for method, path, body in (
        ("GET", f"/v1/records/{record}/segments", None),
        ("POST", f"/v1/records/{record}/segments", {"codeId": help_code, "start": 0, "end": 5}),
        ("DELETE", f"/v1/segments/{segment['id']}", None),
        ("GET", f"/v1/codes/{help_code}/segments", None),
        ("GET", "/v1/codes/co-occurrence", None),
    ):
        assert other.request(method, path, json=body).status_code == 403, (method, path)


def test_a_codes_segments_across_records_with_or_without_its_subcodes(
    client: TestClient,
) -> None:
    parent = new_code(client, "Steun")
    child = new_code(client, "Praktische hulp", parent)
    first = new_record(client, "A: eerste gesprek")
    second = new_record(client, "B: tweede gesprek", "Zij bracht soep.")
    on_parent = code(client, second, parent, 0, 3)
    on_child = code(client, first, child, 10, 27)
    assert [item["id"] for item in items(client, f"/v1/codes/{parent}/segments")] == [
        on_parent["id"]]
    both = items(client, f"/v1/codes/{parent}/segments?descendants=true")
    assert [(item["recordTitle"], item["quote"]) for item in both] == [
        ("A: eerste gesprek", "buurtwerker hielp"), ("B: tweede gesprek", "Zij")]
    assert both[0]["id"] == on_child["id"]


def test_co_occurrence_counts_records_where_spans_of_two_codes_overlap(
    client: TestClient,
) -> None:
    a, b, c = (new_code(client, name) for name in ("A", "B", "C"))
    one, two, three = (new_record(client, f"Verslag {n}") for n in (1, 2, 3))
    code(client, one, a, 0, 10)
    code(client, one, b, 5, 15)     # overlaps A in record 1
    code(client, one, c, 10, 20)    # touches A (ends where it starts): no overlap; overlaps B
    code(client, two, a, 0, 10)
    code(client, two, b, 9, 12)     # overlaps A in record 2
    code(client, two, b, 0, 2)      # a second A–B overlap in record 2: still one record
    code(client, three, c, 0, 5)
    code(client, three, a, 5, 9)    # adjacent only: nothing
    found = client.get("/v1/codes/co-occurrence")
    assert found.status_code == 200, found.text
    counted = {frozenset((row["codeA"], row["codeB"])): row["records"] for row in found.json()}
    assert counted == {frozenset((a, b)): 2, frozenset((b, c)): 1}
    assert found.json()[0]["records"] == 2  # the most frequent first


def test_coding_the_same_characters_again_answers_the_stored_segment(
    client: TestClient, session: Session,
) -> None:
    record, contact = new_record(client), new_code(client, "Contact")
    first = code(client, record, contact, 10, 27)
    again = client.post(f"/v1/records/{record}/segments",
                        json={"codeId": contact, "start": 10, "end": 27})
    assert again.status_code == 200, again.text
    assert again.json() == first
    assert len(session.exec(select(CodedSegment)).all()) == 1
    assert code(client, record, contact, 10, 28)["id"] != first["id"]  # other characters


def test_a_segment_with_a_stale_if_match_is_a_412(client: TestClient, session: Session) -> None:
    record, contact = new_record(client), new_code(client, "Contact")
    etag = client.get(f"/v1/records/{record}").headers["ETag"]
    edited = client.patch(f"/v1/records/{record}", json={"text": "Nieuw. " + TEXT},
                          headers={"If-Match": etag})
    assert edited.status_code == 200, edited.text
    stale = client.post(f"/v1/records/{record}/segments", headers={"If-Match": etag},
                        json={"codeId": contact, "start": 10, "end": 27})
    assert stale.status_code == 412, stale.text
    assert session.exec(select(CodedSegment)).all() == []
    fresh = client.post(f"/v1/records/{record}/segments", json={
        "codeId": contact, "start": 17, "end": 34}, headers={"If-Match": edited.headers["ETag"]})
    assert fresh.status_code == 201, fresh.text
    assert fresh.json()["quote"] == "De buurtwerker hielp"[3:]
