"""Verslagen in the web: the list by kind and page, a new record (with a file's text taken
into the form, and initiatives found by title), its changes and deletion with If-Match, the
full-text search with marked snippets, pseudonymisation, and only for researchers and
administrators."""

import io
import re
import zipfile

import pytest
from sqlmodel import Session, select
from starlette.testclient import TestClient

from api.qualitative.models import QualitativeRecord
from tests.api.builders import make_initiative
from tests.web.conftest import BOOSTED, HTMX, WebFactory
from tests.web.record_world import TEXT, make_record, tag, textarea_value
from web.records import safe_snippet

HEADERS = [{}, HTMX, BOOSTED]
IDS = ["plain", "htmx", "boosted"]
NEW = {"kind": "interview", "title": "Interview met de voorzitter", "recordedOn": "2024-05-02",
       "author": "Onderzoeker", "text": "Regel een.\r\n\r\nRegel twee."}


def docx(*paragraphs: str) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in paragraphs)
    document = ('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.'
                'openxmlformats.org/wordprocessingml/2006/main"><w:body>'
                f"{body}</w:body></w:document>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def stored(session: Session) -> list[QualitativeRecord]:
    session.expire_all()
    return list(session.exec(select(QualitativeRecord)))


# --- who may --------------------------------------------------------------------------

@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_viewers_and_editors_get_the_403_page_and_no_link(
    web_as: WebFactory, session: Session, role: str,
) -> None:
    record = make_record(session)
    client = web_as(role, ("F",) if role == "editor" else ())
    assert 'href="/verslagen"' not in client.get("/").text
    for path in ("/verslagen", "/verslagen/nieuw", "/verslagen/zoeken?q=buurt",
                 f"/verslagen/{record.id}", f"/verslagen/{record.id}/bewerken",
                 f"/verslagen/{record.id}/verwijderen",
                 f"/verslagen/{record.id}/pseudonimiseren"):
        assert client.get(path).status_code == 403, path
    refused = client.post(f"/verslagen/{record.id}/coderen",
                          data={"codeId": "x", "start": "0", "end": "3"})
    assert refused.status_code == 403


def test_a_researcher_sees_the_link_and_the_list(web_as: WebFactory, session: Session) -> None:
    make_record(session)
    client = web_as("researcher")
    assert 'href="/verslagen"' in client.get("/").text
    page = client.get("/verslagen")
    assert page.status_code == 200 and "Gesprek met de buurtwerker" in page.text


# --- the list ---------------------------------------------------------------------------

@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_the_list_filters_by_kind(web: TestClient, session: Session,
                                  headers: dict[str, str]) -> None:
    make_record(session, title="Het interview")
    make_record(session, kind="observation", title="De observatie")
    response = web.get("/verslagen?kind=observation", headers=headers)
    assert response.status_code == 200
    assert "De observatie" in response.text and "Het interview" not in response.text
    assert response.text.lstrip().startswith('<div id="results"') == (headers is HTMX)
    assert "Observatie" in response.text  # the kind's label, not its code


def test_the_list_pages_and_an_unknown_kind_is_a_422(web: TestClient,
                                                     session: Session) -> None:
    for number in range(23):
        make_record(session, title=f"Verslag {number:02}", recordedOn=f"2024-01-{number + 1:02}")
    first, second = web.get("/verslagen"), web.get("/verslagen?page=2")
    assert "Verslag 22" in first.text and "Verslag 02" not in first.text
    assert "Verslag 02" in second.text and 'rel="prev" href="/verslagen"' in second.text
    assert web.get("/verslagen?kind=roman").status_code == 422


# --- a new record -----------------------------------------------------------------------

@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_a_record_is_created_about_the_initiative_it_was_started_from(
    web: TestClient, session: Session, headers: dict[str, str],
) -> None:
    initiative = make_initiative(session, title="Speeltuin Slotermeer")
    form = web.get(f"/verslagen/nieuw?initiative={initiative.id}", headers=headers).text
    assert "Speeltuin Slotermeer" in form
    assert f'value="{initiative.id}" checked' in form
    response = web.post("/verslagen/nieuw", data={**NEW, "initiativeIds": str(initiative.id)},
                        headers=headers, follow_redirects=False)
    assert response.status_code == 303
    (record,) = stored(session)
    assert response.headers["location"] == f"/verslagen/{record.id}"
    assert record.text == "Regel een.\n\nRegel twee."  # the browser's \r\n made \n
    page = web.get(f"/verslagen/{record.id}").text
    assert "Interview met de voorzitter" in page and "Speeltuin Slotermeer" in page


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_an_empty_title_and_a_bad_date_come_back_at_their_fields(
    web: TestClient, session: Session, headers: dict[str, str],
) -> None:
    response = web.post("/verslagen/nieuw", data={**NEW, "title": "", "recordedOn": "2024-13-45"},
                        headers=headers)
    assert response.status_code == 422
    for field in ("title", "recordedOn"):
        assert 'aria-invalid="true"' in tag(response.text, f"f-{field}")
        assert f'id="f-{field}-error"' in response.text
    assert textarea_value(response.text, "f-text") == "Regel een.\n\nRegel twee."
    assert stored(session) == []


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("gesprek.txt", b"Eerste alinea.\r\n\r\nTweede alinea.",
     "Eerste alinea.\n\nTweede alinea."),
    ("gesprek.docx", docx("Eerste alinea.", "Tweede: één 😀 alinea."),
     "Eerste alinea.\n\nTweede: één 😀 alinea."),
], ids=["txt", "docx"])
def test_a_files_text_is_put_in_the_text_field_to_be_checked_before_saving(
    web: TestClient, session: Session, name: str, content: bytes, expected: str,
) -> None:
    response = web.post("/verslagen/nieuw", data={**NEW, "text": "", "action": "upload"},
                        files={"file": (name, content, "application/octet-stream")})
    assert response.status_code == 200
    assert textarea_value(response.text, "f-text") == expected
    assert name in response.text and 'role="status"' in response.text
    assert 'value="Interview met de voorzitter"' in response.text  # what was typed stays
    assert stored(session) == []


@pytest.mark.parametrize(("content", "said"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00", "afbeelding"),
    (b"", "Kies eerst een bestand"),
], ids=["image", "no-file"])
def test_a_file_without_text_is_refused_at_the_file_field(
    web: TestClient, content: bytes, said: str,
) -> None:
    files = {"file": ("foto.png", content, "image/png")} if content else None
    response = web.post("/verslagen/nieuw", data={**NEW, "action": "upload"}, files=files)
    assert response.status_code == 422
    assert 'aria-invalid="true"' in tag(response.text, "f-file")
    error = re.search(r'<p class="ams-error-message" id="f-file-error">(.*?)</p>',
                      response.text, re.DOTALL)
    assert error is not None and said in error.group(1)


def test_initiatives_are_found_by_title_to_tick(web: TestClient, session: Session) -> None:
    chosen = make_initiative(session, title="Speeltuin Geuzenveld")
    found = make_initiative(session, title="Speeltuin Slotermeer")
    make_initiative(session, title="Repair Café")
    response = web.post("/verslagen/nieuw", data={
        **NEW, "initiativeIds": str(chosen.id), "initiativeQuery": "Speeltuin", "action": "find"})
    assert response.status_code == 200
    assert f'value="{chosen.id}" checked' in response.text
    assert f'value="{found.id}">' in response.text
    assert ">Repair Café</label>" not in response.text
    assert response.text.count(f'value="{chosen.id}"') == 1  # not offered twice
    nothing = web.post("/verslagen/nieuw", data={**NEW, "initiativeQuery": "zwembad",
                                                 "action": "find"})
    assert 'aria-invalid="true"' in tag(nothing.text, "f-initiativeQuery")


# --- changing and deleting ---------------------------------------------------------------

def test_a_record_is_changed_and_a_stale_version_changes_nothing(
    web: TestClient, session: Session,
) -> None:
    record = make_record(session)
    form = web.get(f"/verslagen/{record.id}/bewerken").text
    assert textarea_value(form, "f-text") == TEXT
    changed = {**NEW, "title": "Nieuwe titel", "text": TEXT + " Erbij.", "version": "1"}
    assert web.post(f"/verslagen/{record.id}/bewerken", data=changed,
                    follow_redirects=False).status_code == 303
    again = web.post(f"/verslagen/{record.id}/bewerken", data={**changed, "title": "Oud"})
    assert again.status_code == 409 and "intussen gewijzigd" in again.text
    (kept,) = stored(session)
    assert kept.title == "Nieuwe titel" and kept.text == TEXT + " Erbij."


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_a_record_is_deleted_only_with_the_version_read(
    web: TestClient, session: Session, headers: dict[str, str],
) -> None:
    record = make_record(session)
    confirm = web.get(f"/verslagen/{record.id}/verwijderen", headers=headers).text
    assert 'name="version" value="1"' in confirm
    stale = web.post(f"/verslagen/{record.id}/verwijderen", data={"version": "0"},
                     headers=headers)
    assert stale.status_code == 409 and len(stored(session)) == 1
    done = web.post(f"/verslagen/{record.id}/verwijderen", data={"version": "1"},
                    headers=headers, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/verslagen"
    assert stored(session) == []


# --- search ------------------------------------------------------------------------------

@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_the_search_marks_the_words_found_and_escapes_the_rest(
    web: TestClient, session: Session, headers: dict[str, str],
) -> None:
    make_record(session, title="Gesprek", text='De <b>bewoners</b> & <script>alert(1)</script>.')
    response = web.get("/verslagen/zoeken?q=bewoner", headers=headers)
    assert response.status_code == 200
    assert "<mark>bewoners</mark>" in response.text
    assert "<script>alert" not in response.text and "&lt;script&gt;" in response.text
    # (PostgreSQL cuts its fragment from the first word found: the closing tag is in both.)
    assert "&lt;/b&gt;" in response.text and "&amp;" in response.text


def test_a_snippet_keeps_no_markup_but_mark_even_if_the_api_sent_some() -> None:
    sent = 'a <mark>b</mark> &amp; &lt;i&gt; <img src=x onerror=alert(1)>'
    assert str(safe_snippet(sent)) == \
        "a <mark>b</mark> &amp; &lt;i&gt; &lt;img src=x onerror=alert(1)&gt;"


def test_an_empty_search_shows_only_the_form_and_a_blank_one_is_refused(
    web: TestClient,
) -> None:
    assert web.get("/verslagen/zoeken").status_code == 200
    assert web.get("/verslagen/zoeken?q=%00").status_code == 422


# --- pseudonymisation -------------------------------------------------------------------

PEOPLE = "Fatima El Amrani belde Jan. Jan kwam; Fatima El Amrani ook."


def test_names_are_previewed_then_replaced_with_the_version_read(
    web: TestClient, session: Session,
) -> None:
    record = make_record(session, text=PEOPLE)
    form = web.get(f"/verslagen/{record.id}/pseudonimiseren")
    assert form.status_code == 200 and 'id="f-names"' in form.text
    preview = web.post(f"/verslagen/{record.id}/pseudonimiseren",
                       data={"names": "Fatima El Amrani\r\n\r\n jan \r\nPietje",
                             "action": "preview"})
    assert preview.status_code == 200
    shown = textarea_value(preview.text, "f-preview")
    assert "Fatima" not in shown and "Jan" not in shown and "[Naam " in shown
    assert stored(session)[0].text == PEOPLE  # a preview changes nothing
    names = re.findall(r'<input type="hidden" name="name" value="([^"]*)">', preview.text)
    assert names == ["Fatima El Amrani", "jan", "Pietje"]
    stale = web.post(f"/verslagen/{record.id}/pseudonimiseren",
                     data={"name": names, "version": "0", "action": "apply"})
    assert stale.status_code == 409 and stored(session)[0].text == PEOPLE
    applied = web.post(f"/verslagen/{record.id}/pseudonimiseren", follow_redirects=False,
                       data={"name": names, "version": "1", "action": "apply"})
    assert applied.status_code == 303 and applied.headers["location"] == f"/verslagen/{record.id}"
    assert stored(session)[0].text == shown


@pytest.mark.parametrize(("names", "said"), [("", "ten minste één naam"), ("J", "J: ")],
                         ids=["none", "too-short"])
def test_refused_names_come_back_at_the_names_field(
    web: TestClient, session: Session, names: str, said: str,
) -> None:
    record = make_record(session, text=PEOPLE)
    response = web.post(f"/verslagen/{record.id}/pseudonimiseren",
                        data={"names": names, "action": "preview"})
    assert response.status_code == 422
    assert 'aria-invalid="true"' in tag(response.text, "f-names") and said in response.text


def test_the_list_shows_only_the_records_about_an_initiative_when_asked(
    web: TestClient, session: Session,
) -> None:
    initiative = make_initiative(session, title="Speeltuin Slotermeer")
    make_record(session, title="Erover", initiativeIds=[str(initiative.id)])
    make_record(session, title="Ergens anders")
    page = web.get(f"/verslagen?initiative={initiative.id}").text
    assert "Erover" in page and "Ergens anders" not in page and "Speeltuin Slotermeer" in page
    assert f'href="/verslagen/nieuw?initiative={initiative.id}"' in page
