"""The .qdc export against the REFI-QDA standard's own XML schema (Codebook.xsd, QDA-XML
codebook 1.0; see the provenance note in tests/api/schemas/Codebook.xsd): every export is
valid, an export re-imported gives the same codebook and the same file, and the importer
refuses what the schema refuses and takes what it allows."""

from pathlib import Path

import pytest
import xmlschema
from sqlmodel import Session
from starlette.testclient import TestClient

from api.qualitative.code_seed import code_id, seed_codes
from tests.api.test_refi_qda import GUID_A, GUID_B, codes_in, importer, qdc, send

__all__ = ["importer"]  # the fixture, used by name below

SCHEMA = xmlschema.XMLSchema(Path(__file__).parent / "schemas" / "Codebook.xsd")


def assert_valid(document: bytes) -> None:
    errors = [str(error) for error in SCHEMA.iter_errors(document.decode("utf-8"))]
    assert errors == [], errors[:3]


def _chain(depth: int) -> str:
    """`depth` codes, each the only child of the one before; guids 0…depth-1."""
    opening = "".join(f'<Code guid="00000000-0000-4000-8000-{n:012d}" name="Niveau {n}" '
                      f'isCodable="true">' for n in range(depth))
    return opening + "</Code>" * depth


def test_the_schema_is_not_a_formality() -> None:
    """The validator used below refuses what the standard refuses."""
    assert SCHEMA.is_valid(qdc(f'<Code guid="{GUID_A}" name="A" isCodable="true"/>').decode())
    for body in (f'<Code guid="{GUID_A}" name="A"/>',  # isCodable is required
                 '<Code guid="niet-een-guid" name="A" isCodable="true"/>',
                 f'<Code guid="{GUID_A}" name="A" isCodable="ja"/>',
                 f'<Code guid="{GUID_A}" name="A" isCodable="true" color="rood"/>',
                 f'<Code guid="{GUID_A}" name="A" isCodable="true"><Memo/></Code>',
                 ""):  # Codes holds at least one Code
        assert not SCHEMA.is_valid(qdc(body).decode()), body


def test_the_export_of_the_seeded_codebook_is_valid(client: TestClient, session: Session) -> None:
    seed_codes(session)
    assert_valid(client.get("/v1/codes/export").content)


def test_an_export_with_awkward_text_is_valid_and_reimports_identically(
    client: TestClient, importer: TestClient, session: Session,
) -> None:
    seed_codes(session)
    awkward = {"name": "Ruzie & <verzoening> \"soms\" 'nooit' — ë ß 中 😀",
               "definition": "Regel één\nRegel twee\n\n  ingesprongen  ", "example": "]]> &amp;",
               "parentId": str(code_id("belemmering"))}
    assert client.post("/v1/codes", json=awkward).status_code == 201
    assert send(importer, qdc(_chain(20))).status_code == 200  # the deepest tree allowed
    first = client.get("/v1/codes/export").content
    assert_valid(first)
    before = codes_in(session)
    # Reading it back numbers siblings 0, 1, …: only codes that tied on position change.
    assert send(importer, first).json()["created"] == 0
    assert client.get("/v1/codes/export").content == first
    assert [row[:4] for row in codes_in(session)] == [row[:4] for row in before]
    assert send(importer, first).json() == {"created": 0, "updated": 0, "unchanged": len(before)}


def test_an_empty_codebook_exports_nothing_the_schema_would_refuse(
    client: TestClient, session: Session,
) -> None:
    """Codes must hold at least one Code: with no codes there is no valid .qdc, so the export
    says so instead of writing an invalid file."""
    answer = client.get("/v1/codes/export")
    if answer.status_code == 200:
        assert_valid(answer.content)
    else:
        assert answer.status_code == 409, answer.text
        assert answer.headers["content-type"].startswith("application/problem+json")


FROM_OTHER_TOOLS = [
    # ATLAS.ti writes braces-free upper-case guids, colours, groups as Sets.
    qdc(f'<Code guid="{GUID_A.upper()}" name="Eigenaarschap" isCodable="true" color="#46AA00">'
        "<Description>Bewoners dragen het.</Description>"
        f'<Code guid="{GUID_B}" name="Trekker" isCodable="false" color="#abc"/></Code>'
        ).replace(b"</Codes>", f'</Codes><Sets><Set guid="{GUID_B}" name="Groep">'
                               f'<MemberCode guid="{GUID_A}"/></Set></Sets>'.encode()),
    # Braced guids are allowed by the schema's GUIDType.
    qdc(f'<Code guid="{{{GUID_A}}}" name="Eigenaarschap" isCodable="1"/>'),
]


@pytest.mark.parametrize("document", FROM_OTHER_TOOLS, ids=["atlas-like", "braced-guid"])
def test_valid_files_from_other_tools_are_imported(
    importer: TestClient, session: Session, document: bytes,
) -> None:
    assert_valid(document)
    answer = send(importer, document)
    assert answer.status_code == 200, answer.text
    assert GUID_A in {row[0] for row in codes_in(session)}


INVALID = [
    f'<Code guid="{GUID_A}" name="A"/>',
    '<Code guid="niet-een-guid" name="A" isCodable="true"/>',
    f'<Code guid="{GUID_A}" name="A" isCodable="ja"/>',
    f'<Code guid="{GUID_A}" name="A" isCodable="true" color="rood"/>',
    f'<Code guid="{GUID_A}" name="A" isCodable="true"><Memo/></Code>',
    f'<Code guid="{GUID_A}" name="A" isCodable="true"><Code guid="{GUID_B}" name="B" '
    'isCodable="true"/><Description>te laat</Description></Code>',
    "",
]


@pytest.mark.parametrize("body", INVALID, ids=range(len(INVALID)))
def test_what_the_schema_refuses_the_import_refuses(
    importer: TestClient, session: Session, body: str,
) -> None:
    document = qdc(body)
    assert not SCHEMA.is_valid(document.decode())
    before = codes_in(session)
    assert send(importer, document).status_code == 400
    assert codes_in(session) == before
