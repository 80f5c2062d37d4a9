"""Qualitative records: CRUD, links, filters, permissions, the audit trail, and coded
segments kept valid when the text changes."""

import uuid
from typing import Any

import pytest
from sqlmodel import Session, col, select
from starlette.testclient import TestClient

from api.audit.models import AuditEvent
from api.initiatives.models import Initiative
from api.professionals.models import Professional
from api.qualitative.models import Code, CodedSegment, RecordInitiative
from api.qualitative.records import text_edit
from tests.api.builders import make_initiative, make_professional
from tests.audit_check import ClientFactory

TEXT = "Intro. De buurtwerker hielp. Daarna ging het vanzelf."
#       0      7                    28


def record_payload(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"kind": "interview", "title": "Gesprek met mevrouw Jansen",
                            "recordedOn": "2024-03-01", "author": "Onderzoeker A",
                            "text": TEXT}
    body.update(overrides)
    return body


def _post(client: TestClient, **overrides: Any) -> dict[str, Any]:
    response = client.post("/v1/records", json=record_payload(**overrides))
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.fixture
def initiative(session: Session) -> Initiative:
    return make_initiative(session)


@pytest.fixture
def professional(session: Session) -> Professional:
    return make_professional(session)


def test_a_record_is_created_with_its_links_and_read_back(
    client: TestClient, initiative: Initiative, professional: Professional,
) -> None:
    created = client.post("/v1/records", json=record_payload(
        initiativeIds=[str(initiative.id)], professionalIds=[str(professional.id)]))
    assert created.status_code == 201, created.text
    body = created.json()
    assert created.headers["location"] == f"/v1/records/{body['id']}"
    assert created.headers["etag"] == '"1"'
    assert body["initiativeIds"] == [str(initiative.id)]
    assert body["professionalIds"] == [str(professional.id)]
    assert {key: body[key] for key in record_payload()} == record_payload()
    read = client.get(f"/v1/records/{body['id']}")
    assert read.json() == body and read.headers["etag"] == '"1"'


def test_the_list_filters_and_puts_the_latest_recorded_first(
    client: TestClient, initiative: Initiative, professional: Professional,
) -> None:
    old = _post(client, recordedOn="2020-01-01", initiativeIds=[str(initiative.id)])
    new = _post(client, recordedOn="2024-01-01", kind="case-study",
                professionalIds=[str(professional.id)])
    middle = _post(client, recordedOn="2022-01-01", kind="observation")

    def ids(query: str) -> list[str]:
        response = client.get("/v1/records" + query)
        assert response.status_code == 200, response.text
        return [item["id"] for item in response.json()["items"]]

    assert ids("") == [new["id"], middle["id"], old["id"]]
    assert ids("?kind=case-study&kind=observation") == [new["id"], middle["id"]]
    assert ids(f"?initiative={initiative.id}") == [old["id"]]
    assert ids(f"?professional={professional.id}") == [new["id"]]
    assert ids("?recordedFrom=2021-01-01&recordedTo=2023-01-01") == [middle["id"]]
    assert client.get("/v1/records?kind=roman").status_code == 400
    assert client.get("/v1/records?initiative=geen-id").status_code == 400


def test_unknown_links_are_a_400_at_their_pointer_and_nothing_is_stored(
    client: TestClient, initiative: Initiative,
) -> None:
    missing = str(uuid.uuid4())
    response = client.post("/v1/records", json=record_payload(
        initiativeIds=[str(initiative.id), missing], professionalIds=[missing]))
    assert response.status_code == 400, response.text
    pointers = {error["location"]["pointer"] for error in response.json()["errors"]}
    assert pointers == {"/initiativeIds/1", "/professionalIds/0"}
    assert client.get("/v1/records").json()["total"] == 0


def test_a_patch_replaces_the_links_given_and_keeps_the_others(
    client: TestClient, initiative: Initiative, professional: Professional,
    session: Session,
) -> None:
    other = make_initiative(session, title="Tweede initiatief")
    record = _post(client, initiativeIds=[str(initiative.id)],
                   professionalIds=[str(professional.id)])
    url = f"/v1/records/{record['id']}"
    changed = client.patch(url, json={"initiativeIds": [str(other.id)]},
                           headers={"If-Match": '"1"'})
    assert changed.status_code == 200, changed.text
    body = changed.json()
    assert body["initiativeIds"] == [str(other.id)]
    assert body["professionalIds"] == [str(professional.id)]
    assert body["version"] == 2 and changed.headers["etag"] == '"2"'
    same = client.patch(url, json={"professionalIds": [str(professional.id)] * 2})
    assert same.json()["professionalIds"] == [str(professional.id)]
    body = same.json()
    assert client.patch(url, json={"title": "Te laat"},
                        headers={"If-Match": '"1"'}).status_code == 412
    assert client.patch(url, json={"title": None}).status_code == 400
    bad = client.patch(url, json={"professionalIds": [str(uuid.uuid4())]})
    assert bad.json()["errors"][0]["location"]["pointer"] == "/professionalIds/0"
    assert client.get(url).json() == body


def _segment(session: Session, record_id: str, start: int, end: int,
             name: str = "Steun van de buurtwerker") -> uuid.UUID:
    code = Code(name=name)
    session.add(code)
    session.flush()
    segment = CodedSegment(record_id=uuid.UUID(record_id), code_id=code.id,
                           coder_id=uuid.uuid4(), coder_label="onderzoeker",
                           start_offset=start, end_offset=end)
    session.add(segment)
    session.commit()
    return segment.id


def _offsets(session: Session, segment_id: uuid.UUID) -> tuple[int, int]:
    session.expire_all()
    segment = session.get_one(CodedSegment, segment_id)
    return segment.start_offset, segment.end_offset


def test_a_record_is_deleted_with_its_links_and_segments(
    client: TestClient, initiative: Initiative, session: Session,
) -> None:
    record = _post(client, initiativeIds=[str(initiative.id)])
    segment = _segment(session, record["id"], 7, 28)
    url = f"/v1/records/{record['id']}"
    assert client.delete(url, headers={"If-Match": '"7"'}).status_code == 412
    assert client.delete(url, headers={"If-Match": '"1"'}).status_code == 204
    assert client.get(url).status_code == 404
    session.expire_all()
    assert session.get(CodedSegment, segment) is None
    assert session.exec(select(RecordInitiative)).all() == []
    assert session.get(Initiative, initiative.id) is not None


def test_every_write_leaves_an_audit_event_of_a_qualitative_record(
    client: TestClient, session: Session,
) -> None:
    record = _post(client)
    client.patch(f"/v1/records/{record['id']}", json={"title": "Nieuwe titel"})
    client.delete(f"/v1/records/{record['id']}")
    actions = session.exec(select(AuditEvent.action).where(
        AuditEvent.resource_type == "qualitative-record")
        .order_by(col(AuditEvent.occurred_at))).all()
    assert actions == ["create", "update", "delete"]


@pytest.mark.parametrize("role", ["editor", "viewer"])
def test_editors_and_viewers_may_not_touch_records(
    client: TestClient, client_as: ClientFactory, role: str,
) -> None:
    record = _post(client)
    caller, url = client_as(role, ("F",) if role == "editor" else ()), f"/v1/records/{record['id']}"
    for response in (caller.get("/v1/records"), caller.get(url),
                     caller.post("/v1/records", json=record_payload()),
                     caller.patch(url, json={"title": "Mag niet"}), caller.delete(url),
                     caller.post("/v1/records/text", files={"file": ("a.txt", b"x")})):
        assert response.status_code == 403, response.text


def test_a_researcher_keeps_records_and_anonymous_callers_get_a_401(
    client_as: ClientFactory, anonymous: TestClient,
) -> None:
    researcher = client_as("researcher")
    record = researcher.post("/v1/records", json=record_payload()).json()
    assert researcher.delete(f"/v1/records/{record['id']}").status_code == 204
    assert anonymous.get("/v1/records").status_code == 401
    assert anonymous.post("/v1/records", json=record_payload()).status_code == 401


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("abcdef", "abcdef", (6, 6, 0)), ("abcdef", "abXdef", (2, 3, 0)),
    ("abcdef", "abcXXdef", (3, 3, 2)), ("abcdef", "abf", (2, 5, -3)), ("", "abc", (0, 0, 3)),
    ("aaa", "aaaa", (3, 3, 1)),
])
def test_the_changed_span_lies_between_the_common_prefix_and_suffix(
    old: str, new: str, expected: tuple[int, int, int],
) -> None:
    edit = text_edit(old, new)
    assert (edit.start, edit.old_end, edit.shift) == expected


SEGMENT = (7, 28)  # "De buurtwerker hielp."


@pytest.mark.parametrize(("new_text", "expected"), [
    (TEXT, SEGMENT),  # unchanged
    (TEXT.replace("Intro.", "Een lange inleiding."), (21, 42)),  # before: moved
    (TEXT.replace("vanzelf", "als vanzelf"), SEGMENT),  # after: stays
    (TEXT.replace("Intro. ", "Intro.\n\n"), (8, 29)),  # touching the start: moved
    (TEXT.replace("hielp. ", "hielp.\n"), SEGMENT),  # touching the end: stays
])
def test_segments_outside_the_edit_keep_their_passage(
    client: TestClient, session: Session, new_text: str, expected: tuple[int, int],
) -> None:
    record = _post(client)
    segment = _segment(session, record["id"], *SEGMENT)
    response = client.patch(f"/v1/records/{record['id']}", json={"text": new_text})
    assert response.status_code == 200, response.text
    start, end = _offsets(session, segment)
    assert (start, end) == expected
    assert new_text[start:end] == "De buurtwerker hielp."


@pytest.mark.parametrize("new_text", [
    TEXT.replace("buurtwerker", "opbouwwerker"),  # inside
    TEXT.replace("Intro. De", "Begin. Het"),  # across its start
    TEXT.replace("hielp. Daarna", "hielp mee. Toen"),  # across its end
    TEXT.replace("De buurtwerker", "De ervaren buurtwerker"),  # an insertion inside
    "Alles anders.",
])
def test_an_edit_through_a_coded_segment_is_a_409_and_changes_nothing(
    client: TestClient, session: Session, new_text: str,
) -> None:
    record = _post(client)
    segment = _segment(session, record["id"], *SEGMENT, name="Steun")
    url = f"/v1/records/{record['id']}"
    response = client.patch(url, json={"text": new_text, "title": "Ook niet"})
    assert response.status_code == 409, response.text
    assert "'Steun'" in response.json()["detail"] and "7–28" in response.json()["detail"]
    assert _offsets(session, segment) == SEGMENT
    after = client.get(url).json()
    assert (after["text"], after["title"], after["version"]) == (TEXT, record["title"], 1)
