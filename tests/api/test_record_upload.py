"""POST /v1/records/text: plain text and DOCX turned into a record's text, nothing stored;
unusable files refused with a problem that says why. The DOCX files are built here."""

import codecs
import io
import zipfile
from collections.abc import Iterator
from xml.sax.saxutils import escape

import pytest
from fastapi import FastAPI
from sqlmodel import Session, select
from starlette.testclient import TestClient

from api.audit.models import AuditEvent
from api.qualitative import text_upload
from tests.auth_builders import bearer, make_account, make_session_token

WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                 'openxmlformats.org/package/2006/content-types"/>')


def docx(*paragraphs: str, extra: dict[str, bytes] | None = None,
         document: str | None = None) -> bytes:
    """A minimal Word document: one w:p per paragraph ("" an empty one)."""
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
                   if text else "<w:p/>" for text in paragraphs)
    xml = document or (f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{WORD_NS}">'
                       f"<w:body>{body}</w:body></w:document>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", xml)
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.fixture
def researcher(api_app: FastAPI, session: Session) -> Iterator[TestClient]:
    """A researcher's client outside the audit check: this POST writes nothing."""
    token = make_session_token(session, make_account(session, "researcher"))
    with TestClient(api_app, raise_server_exceptions=False, headers=bearer(token)) as client:
        yield client


def upload(client: TestClient, content: bytes, name: str = "verslag.txt") -> dict[str, object]:
    response = client.post("/v1/records/text", files={"file": (name, content)})
    body: dict[str, object] = response.json()
    body["_status"] = response.status_code
    return body


@pytest.mark.parametrize("content", [
    "Café de Buurt\r\nwas één ruimte.".encode(),
    codecs.BOM_UTF8 + "Café de Buurt\nwas één ruimte.".encode(),
    "Café de Buurt\nwas één ruimte.".encode("utf-16"),
    "Café de Buurt\nwas één ruimte.".encode("cp1252"),
])
def test_plain_text_in_any_usual_encoding_becomes_the_same_text(
    researcher: TestClient, content: bytes,
) -> None:
    body = upload(researcher, content)
    assert body == {"_status": 200, "text": "Café de Buurt\nwas één ruimte.",
                    "fileName": "verslag.txt", "characters": 29}


def test_a_docx_becomes_its_paragraphs_with_blank_lines_between(
    researcher: TestClient, session: Session,
) -> None:
    content = docx("Interview met de buurtwerker", "", "V: Wat werkte?", "A: Koffie & tijd.")
    body = upload(researcher, content, "gesprek.docx")
    assert body["_status"] == 200, body
    assert body["text"] == ("Interview met de buurtwerker\n\nV: Wat werkte?\n\n"
                            "A: Koffie & tijd.")
    assert body["fileName"] == "gesprek.docx"
    assert session.exec(select(AuditEvent)).all() == []


@pytest.mark.parametrize(("content", "status", "words"), [
    (b"", 400, "leeg"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, 415, ".doc"),
    (b"%PDF-1.7 ...", 415, "PDF"),
    (b"tekst\x00met\x00nullen", 415, "geen tekst"),
    (b"PK\x03\x04 niet echt een zip", 400, "beschadigd"),
    (docx("Hallo", extra={"word/vbaProject.bin": b"macro"}), 415, "macro"),
    (docx(document="<w:document"), 400, "ongeldige XML"),
    (docx(document='<!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>'), 400, "ongeldige XML"),
    (docx("", ""), 400, "geen tekst"),
])
def test_unusable_files_are_refused_with_a_clear_problem(
    researcher: TestClient, content: bytes, status: int, words: str,
) -> None:
    body = upload(researcher, content)
    assert body["_status"] == status, body
    assert words in str(body["detail"])


def test_a_zip_that_is_not_a_word_document_is_a_415(researcher: TestClient) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("data.csv", "a,b")
    assert upload(researcher, buffer.getvalue())["_status"] == 415


def test_an_encrypted_zip_entry_is_refused(researcher: TestClient) -> None:
    content = bytearray(docx("Geheim"))
    # Set the "encrypted" flag of every entry, as a password-protected zip has it.
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := content.find(signature, start)) != -1:
            content[start + offset] |= 0x1
            start += 4
    body = upload(researcher, bytes(content))
    assert body["_status"] == 400 and "versleuteld" in str(body["detail"])


def test_a_zip_bomb_is_a_413(researcher: TestClient) -> None:
    body = upload(researcher, docx("Hallo", extra={"opvulling.bin": b"\x00" * (51 << 20)}))
    assert body["_status"] == 413 and "uitgepakt" in str(body["detail"])


def test_an_upload_over_the_limit_is_a_413(
    researcher: TestClient, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from api.qualitative import record_routes
    monkeypatch.setattr(record_routes, "MAX_UPLOAD_BYTES", 1024)
    body = upload(researcher, b"a" * 2048)
    assert body["_status"] == 413 and "1 kB" in str(body["detail"])
    assert text_upload.MAX_UPLOAD_BYTES == 10 * 1024 * 1024


def test_a_text_too_long_for_a_record_is_a_413(
    researcher: TestClient, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from api.qualitative import record_routes
    monkeypatch.setattr(record_routes, "RECORD_TEXT_MAX", 10)
    body = upload(researcher, b"Elf tekens!")
    assert body["_status"] == 413 and "10" in str(body["detail"])


def test_the_body_limit_lets_a_large_upload_through_to_the_route(
    researcher: TestClient,
) -> None:
    content = "€".encode() * 400_000  # 1.2 MB (over the JSON limit), 400,000 characters
    body = upload(researcher, content)
    assert body["_status"] == 200 and body["characters"] == 400_000
