"""The codebook as a REFI-QDA codebook (.qdc): its shape, a byte-identical round trip, the
merge by guid, bad files refused with nothing changed, and who may import."""

import uuid
from typing import Any

import pytest
from defusedxml.ElementTree import fromstring
from sqlmodel import Session, delete, func, select
from starlette.testclient import TestClient

from api.qualitative.code_seed import SEED, code_id, seed_codes
from api.qualitative.models import Code
from api.qualitative.refi_qda import NAMESPACE, split_description
from tests.audit_check import ClientFactory

NS = {"qda": NAMESPACE}
GUID_A, GUID_B = "c0ffee00-0000-4000-8000-000000000001", "c0ffee00-0000-4000-8000-000000000002"


@pytest.fixture
def importer(client_as: ClientFactory) -> TestClient:
    """A researcher whose import leaves an event per code it wrote, as the suite's audit
    check counts (tests/audit_check.py)."""
    return client_as("researcher")


def qdc(body: str) -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="{NAMESPACE}">'
            f"<Codes>{body}</Codes></CodeBook>").encode()


def send(client: TestClient, content: bytes) -> Any:
    return client.post("/v1/codes/import",
                       files={"file": ("codeboek.qdc", content, "application/xml")})


def codes_in(session: Session) -> list[tuple[str, str, str, str, int]]:
    session.expire_all()
    return sorted((str(code.id), str(code.parent_id), code.name, code.definition + code.example,
                   code.position) for code in session.exec(select(Code)))


def test_the_export_is_a_codebook_with_nested_codes(client: TestClient, session: Session) -> None:
    seed_codes(session)
    response = client.get("/v1/codes/export")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/xml")
    assert "buurtkracht-codeboek.qdc" in response.headers["content-disposition"]
    root = fromstring(response.content)
    assert root.tag == f"{{{NAMESPACE}}}CodeBook"
    tops = root.findall("qda:Codes/qda:Code", NS)
    assert [top.get("name") for top in tops] == ["Succesfactoren", "Belemmeringen"]
    assert all(top.get("isCodable") == "true" for top in tops)
    animo = root.find(f".//qda:Code[@guid='{code_id('animo')}']", NS)
    assert animo is not None
    description = animo.findtext("qda:Description", namespaces=NS) or ""
    definition, example = split_description(description)
    assert definition.startswith("Werkformulering") and "Ik bleef langskomen" in example
    assert len(root.findall(".//qda:Code", NS)) == len(SEED)


def test_export_import_into_an_empty_codebook_export_is_byte_identical(
    client: TestClient, importer: TestClient, session: Session,
) -> None:
    seed_codes(session)
    extra = client.post("/v1/codes", json={"name": "Alleen voorbeeld & <tekens>",
                                            "example": "Voorbeeld: \"zo\"", "position": 3,
                                            "parentId": str(code_id("belemmering"))})
    assert extra.status_code == 201
    first = client.get("/v1/codes/export").content
    before = codes_in(session)
    session.exec(delete(Code).where(Code.parent_id.is_not(None)))  # type: ignore[union-attr]
    session.exec(delete(Code))  # type: ignore[call-overload]
    session.commit()
    # Leaves first, as the foreign key wants: the statement above may meet children still.
    answer = send(importer, first)
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"created": len(SEED) + 1, "updated": 0, "unchanged": 0}
    assert client.get("/v1/codes/export").content == first
    assert [row[:4] for row in codes_in(session)] == [row[:4] for row in before]
    again = send(importer, first)
    assert again.json() == {"created": 0, "updated": 0,
                            "unchanged": len(SEED) + 1}


def test_import_merges_by_guid_updating_moving_and_creating(
    client: TestClient, importer: TestClient, session: Session,
) -> None:
    seed_codes(session)
    animo = code_id("animo")
    content = qdc(f'<Code guid="{{{GUID_A}}}" name="Nieuw" isCodable="true" color="#ff0000">'
                  f'<Description>Een definitie</Description>'
                  f'<Code guid="{animo}" name="Animo!" isCodable="false"/></Code>'
                  f'<Code guid="{GUID_B}" name="Ook nieuw" isCodable="1"/>')
    answer = send(importer, content)
    assert answer.json() == {"created": 2, "updated": 1,
                             "unchanged": 0}
    moved = client.get(f"/v1/codes/{animo}").json()
    assert (moved["name"], moved["parentId"], moved["path"]) == ("Animo!", GUID_A,
                                                                 ["Nieuw", "Animo!"])
    assert (moved["definition"], moved["example"]) == ("", "")
    assert client.get(f"/v1/codes/{GUID_A}").json()["definition"] == "Een definitie"
    assert client.get(f"/v1/codes/{code_id('contacten')}").status_code == 200


BAD_FILES = {
    "not-xml": b"dit is geen xml",
    "wrong-root": qdc("").replace(b"<CodeBook", b"<Project").replace(b"CodeBook>", b"Project>"),
    "no-namespace": qdc(f'<Code guid="{GUID_A}" name="A" isCodable="true"/>').replace(
        f' xmlns="{NAMESPACE}"'.encode(), b""),
    "empty-codes": qdc(""),
    "no-guid": qdc('<Code name="A" isCodable="true"/>'),
    "bad-guid": qdc('<Code guid="geen-guid" name="A" isCodable="true"/>'),
    "no-name": qdc(f'<Code guid="{GUID_A}" isCodable="true"/>'),
    "empty-name": qdc(f'<Code guid="{GUID_A}" name=" " isCodable="true"/>'),
    "no-codable": qdc(f'<Code guid="{GUID_A}" name="A"/>'),
    "bad-codable": qdc(f'<Code guid="{GUID_A}" name="A" isCodable="ja"/>'),
    "bad-color": qdc(f'<Code guid="{GUID_A}" name="A" isCodable="true" color="rood"/>'),
    "unknown-attribute": qdc(f'<Code guid="{GUID_A}" name="A" isCodable="true" x="1"/>'),
    "unknown-element": qdc(f'<Code guid="{GUID_A}" name="A" isCodable="true"><Memo/></Code>'),
    "late-description": qdc(f'<Code guid="{GUID_A}" name="A" isCodable="true">'
                            f'<Code guid="{GUID_B}" name="B" isCodable="true"/>'
                            f"<Description>laat</Description></Code>"),
    "duplicate-guid": qdc(f'<Code guid="{GUID_A}" name="A" isCodable="true"/>'
                          f'<Code guid="{GUID_A}" name="B" isCodable="true"/>'),
    "too-long-name": qdc(f'<Code guid="{GUID_A}" name="{"x" * 201}" isCodable="true"/>'),
    "entity-bomb": (b'<?xml version="1.0"?><!DOCTYPE b [<!ENTITY a "aaaa">]>'
                    b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
                    b'<Code guid="' + GUID_A.encode() + b'" name="&a;" isCodable="true"/>'
                    b"</Codes></CodeBook>"),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_file_is_a_400_and_changes_nothing(
    importer: TestClient, session: Session, name: str,
) -> None:
    seed_codes(session)
    # A valid first code, so that a refusal further on shows that nothing was half-written.
    content = BAD_FILES[name].replace(
        b"<Codes>", b'<Codes><Code guid="' + GUID_B.encode() + b'" name="Z" isCodable="true"/>'
    ) if name not in {"empty-codes", "duplicate-guid", "late-description"} else BAD_FILES[name]
    before = codes_in(session)
    answer = send(importer, content)
    assert answer.status_code == 400, answer.text
    problem = answer.json()
    assert "nothing was changed" in problem["detail"]
    assert problem["errors"][0]["code"] == "invalid-codebook"
    assert codes_in(session) == before


def test_an_import_that_would_name_two_siblings_the_same_is_a_409_and_changes_nothing(
    importer: TestClient, session: Session,
) -> None:
    seed_codes(session)
    before = codes_in(session)
    answer = send(importer, qdc(f'<Code guid="{GUID_A}" name="Z" isCodable="true"/>'
                                f'<Code guid="{GUID_B}" name="succesfactoren" '
                                f'isCodable="true"/>'))
    assert answer.status_code == 409
    assert codes_in(session) == before


@pytest.mark.parametrize(("role", "may_import"), [
    ("admin", True), ("researcher", True), ("editor", False), ("viewer", False)])
def test_every_role_exports_and_researchers_and_admins_import(
    client_as: ClientFactory, session: Session, role: str, may_import: bool,
) -> None:
    caller = client_as(role)
    assert caller.get("/v1/codes/export").status_code == 409  # empty: nothing valid to write
    # One code: one audit event, as the suite's audit check counts.
    answer = send(caller, qdc(f'<Code guid="{GUID_A}" name="Een" isCodable="true"/>'))
    assert answer.status_code == (200 if may_import else 403)
    assert session.exec(select(func.count()).select_from(Code)).one() == int(may_import)
    if may_import:
        assert session.get(Code, uuid.UUID(GUID_A)) is not None
    assert caller.get("/v1/codes/export").status_code == (200 if may_import else 409)


def _nested(depth: int) -> str:
    opening = "".join(f'<Code guid="{uuid.UUID(int=level + 1)}" name="N{level}" isCodable="true">'
                      for level in range(depth))
    return opening + "</Code>" * depth


def _siblings(count: int) -> str:
    return "".join(f'<Code guid="{uuid.UUID(int=number + 1)}" name="S{number}" '
                   f'isCodable="true"/>' for number in range(count))


@pytest.mark.parametrize("body", [_nested(21), _nested(2000), _siblings(5001)],
                         ids=["21-deep", "2000-deep", "5001-codes"])
def test_a_codebook_too_deep_or_too_large_is_a_400_and_changes_nothing(
    importer: TestClient, session: Session, body: str,
) -> None:
    before = codes_in(session)
    answer = send(importer, qdc(body))
    assert answer.status_code == 400, answer.text
    assert codes_in(session) == before


def test_a_codebook_twenty_deep_is_imported(importer: TestClient, session: Session) -> None:
    answer = send(importer, qdc(_nested(20)))
    assert answer.status_code == 200, answer.text
    assert len(codes_in(session)) == 20
