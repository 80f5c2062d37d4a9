"""What keeps coding from going wrong: a text changed since the page was shown (409, nothing
coded), digits that are not ASCII, a double submit, the focus and the messages after an
answer, the filter by coder kept safely in the address, the confirmation without JavaScript.
"""

import re
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, select
from starlette.testclient import TestClient

from api.qualitative.models import CodedSegment
from tests.web.conftest import HTMX
from tests.web.record_world import TEXT, make_code, make_record, tag, textarea_value
from web.api_client import Stale
from web.record_detail import detail_url

STATIC = Path(__file__).parents[2] / "services" / "web" / "web" / "static"
CHANGED = "De tekst van dit verslag is gewijzigd sinds u de pagina opende."
NEW_TEXT = "Een nieuwe eerste zin.\n\n" + TEXT


def count_codings(session: Session) -> int:
    session.expire_all()
    return len(list(session.exec(select(CodedSegment))))


def shown_version(html: str) -> str:
    found = re.findall(r'name="version" value="(\d+)"', html)
    assert len(found) == 2, found  # both coding forms carry it
    assert len(set(found)) == 1
    return str(found[0])


def change_text(web: TestClient, record: Any, text: str, version: str) -> None:
    """The text changed through the edit form (and so through the API)."""
    form = {"kind": "interview", "title": record.title, "recordedOn": "2024-03-01",
            "text": text, "version": version}
    assert web.post(f"/verslagen/{record.id}/bewerken", data=form,
                    follow_redirects=False).status_code == 303


# --- 1. a text changed since the page was shown ------------------------------------------

@pytest.mark.parametrize(("path", "form", "field"), [
    ("coderen", {"start": "0", "end": "6"}, "f-selection-error"),
    ("alineas", {"paragraph": ["1"]}, "f-paragraphs-error"),
], ids=["selection", "paragraphs"])
@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_coding_a_text_changed_since_the_page_was_shown_is_refused(
    web: TestClient, session: Session, path: str, form: dict[str, Any], field: str,
    headers: dict[str, str],
) -> None:
    record = make_record(session)
    code = make_code(session, "Iets")
    old = shown_version(web.get(f"/verslagen/{record.id}").text)
    change_text(web, record, NEW_TEXT, old)
    response = web.post(f"/verslagen/{record.id}/{path}", headers=headers,
                        data={"version": old, "codeId": str(code.id), **form})
    assert response.status_code == 409
    assert CHANGED in response.text and f'id="{field}"' in response.text
    assert 'id="coding-errors"' in response.text
    # The page again, fresh: the new text to select in, and its version to send.
    assert textarea_value(response.text, "f-selection") == NEW_TEXT
    assert shown_version(response.text) != old
    assert count_codings(session) == 0


def test_a_coding_without_the_version_shown_is_refused(web: TestClient,
                                                       session: Session) -> None:
    record = make_record(session)
    code = make_code(session, "Iets")
    response = web.post(f"/verslagen/{record.id}/coderen",
                        data={"codeId": str(code.id), "start": "0", "end": "6"})
    assert response.status_code == 409 and count_codings(session) == 0


def test_a_412_from_the_api_is_the_same_refusal(
    web: TestClient, session: Session, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The text changed between the web's read and the API's write (If-Match)."""
    async def stale(*_args: object) -> None:
        raise Stale(412, "stale")
    monkeypatch.setattr("web.coding.code_passage", stale)
    record = make_record(session)
    code = make_code(session, "Iets")
    response = web.post(f"/verslagen/{record.id}/coderen", headers=HTMX, data={
        "version": str(record.version), "codeId": str(code.id), "start": "0", "end": "6"})
    assert response.status_code == 409 and CHANGED in response.text


# --- 2. digits that are not ASCII ---------------------------------------------------------

@pytest.mark.parametrize("path", [
    "/verslagen?page=%C2%B2", "/verslagen/zoeken?q=buurt&page=%C2%B2",
    "/initiatives?page=%C2%B2", "/handelingsbeschrijvingen?q=buurt&page=%C2%B2",
    "/professionals?page=%C2%B2", "/codes?nieuw=%C2%B2&bijgewerkt=1&ongewijzigd=1",
])
def test_a_superscript_digit_in_the_address_is_no_500(web: TestClient, path: str) -> None:
    response = web.get(path)
    assert response.status_code == 200, path
    assert 'id="imported"' not in response.text  # no counts from such an address


@pytest.mark.parametrize(("path", "form", "field"), [
    ("coderen", {"start": "²", "end": "6"}, "f-selection-error"),
    ("coderen", {"start": "0", "end": "1²"}, "f-selection-error"),
    ("alineas", {"paragraph": ["²"]}, "f-paragraphs-error"),
], ids=["start", "end", "paragraph"])
def test_a_superscript_digit_in_a_coding_form_is_refused_at_its_field(
    web: TestClient, session: Session, path: str, form: dict[str, Any], field: str,
) -> None:
    record = make_record(session)
    code = make_code(session, "Iets")
    response = web.post(f"/verslagen/{record.id}/{path}", data={
        "version": str(record.version), "codeId": str(code.id), **form})
    assert response.status_code == 422 and f'id="{field}"' in response.text
    superscript = web.post(f"/verslagen/{record.id}/{path}", data={
        "version": "²", "codeId": str(code.id), **form})
    assert superscript.status_code == 409
    assert count_codings(session) == 0


# --- 3-5. the forms, the focus and the messages --------------------------------------------

def test_both_forms_drop_a_second_submit_and_the_text_takes_no_typing(
    web: TestClient, session: Session,
) -> None:
    record = make_record(session)
    make_code(session, "Iets")
    html = web.get(f"/verslagen/{record.id}").text
    for form_id in ("selection-form", "paragraph-form"):
        found = re.search(rf'<form id="{form_id}"[^>]*>', html)
        assert found is not None, form_id
        assert 'hx-sync="this:drop"' in found.group(0)
        assert 'hx-disabled-elt="find button"' in found.group(0)
    textarea = tag(html, "f-selection")
    for attribute in ('inputmode="none"', 'spellcheck="false"', 'autocomplete="off"'):
        assert attribute in textarea


def test_the_status_stays_in_the_accessibility_tree_and_errors_take_the_focus(
    web: TestClient, session: Session,
) -> None:
    css = (STATIC / "records.css").read_text()
    rule = re.search(r"\.bk-coding__status:empty\s*\{([^}]*)\}", css)
    assert rule is not None and "display" not in rule.group(1)
    assert "clip-path" in rule.group(1)
    script = (STATIC / "coding.js").read_text()
    assert 'getElementById("coding-errors")' in script
    assert "setSelectionRange" in script  # the selection kept when a change is undone
    record = make_record(session)
    refused = web.post(f"/verslagen/{record.id}/coderen", headers=HTMX,
                       data={"version": str(record.version), "start": "0", "end": "6"})
    alert = re.search(r'<div id="coding-errors"[^>]*>', refused.text)
    assert alert is not None and 'tabindex="-1"' in alert.group(0)
    assert 'role="alert"' in alert.group(0)


# --- 7, 9. the address after a coding without JavaScript ------------------------------------

def test_the_coder_is_encoded_in_the_address() -> None:
    assert detail_url("r", "a&gedaan=weggehaald") == "/verslagen/r?codeur=a%26gedaan%3Dweggehaald"
    assert detail_url("r", "k", "selectie") == "/verslagen/r?codeur=k&gedaan=selectie"
    assert detail_url("r") == "/verslagen/r"


def test_coded_paragraphs_are_confirmed_after_the_redirect(
    web: TestClient, session: Session,
) -> None:
    record = make_record(session)
    code = make_code(session, "Iets")
    response = web.post(f"/verslagen/{record.id}/alineas", follow_redirects=False, data={
        "version": str(record.version), "codeId": str(code.id), "paragraph": ["1", "3"],
        "codeur": "x&y"})
    location = response.headers["location"]
    assert location == f"/verslagen/{record.id}?codeur=x%26y&gedaan=alineas-2#coding"
    assert re.search(r'role="status"[^>]*>Gecodeerde alinea&#39;s: 2.<', web.get(location).text)


@pytest.mark.parametrize("done", ["iets", "alineas-", "alineas-%C2%B2", "alineas-0"])
def test_an_unknown_confirmation_shows_nothing(web: TestClient, session: Session,
                                               done: str) -> None:
    record = make_record(session)
    response = web.get(f"/verslagen/{record.id}?gedaan={done}")
    assert response.status_code == 200
    assert re.search(r'<p id="coding-status"[^>]*></p>', response.text)
