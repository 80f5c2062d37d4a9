"""An initiative's history page: each change with its before and after, who made it and
when, from the real API's audit trail; refused to viewers; 404 for an unknown initiative."""

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from fastapi import FastAPI
from sqlalchemy import Engine
from sqlmodel import Session
from starlette.testclient import TestClient

from tests.api.builders import (
    make_initiative,
    make_professional,
    support_episode_payload,
)
from tests.auth_builders import bearer
from tests.web.conftest import BOOSTED, HTMX, WebFactory, new_web_app, session_for, signed_in
from web.api_client.history import AuditEvent
from web.history_values import Names
from web.initiative_history import history_row

UNKNOWN = "3f2b6a9e-0000-4000-8000-000000000000"


@dataclass
class Editor:
    """One editor of Nieuw-West, at the API and in the browser with the same session."""

    api: TestClient
    web: TestClient

    def rename(self, initiative_id: object, title: str) -> None:
        current = self.api.get(f"/v1/initiatives/{initiative_id}").json()
        response = self.api.patch(f"/v1/initiatives/{initiative_id}", json={"title": title},
                                  headers={"If-Match": f'"{current["version"]}"'})
        assert response.status_code == 200, response.text


@pytest.fixture
def editor(api_app: FastAPI, engine: Engine) -> Iterator[Editor]:
    token = session_for(engine, "editor", ("F",))
    with (TestClient(api_app, headers=bearer(token)) as api,
          TestClient(new_web_app(api_app)) as web):
        yield Editor(api, signed_in(web, token))


def test_the_history_shows_an_edit_before_and_after_and_who_made_it(
    editor: Editor, session: Session
) -> None:
    initiative = make_initiative(session, title="Moestuin op het Sloterplein")
    editor.rename(initiative.id, "Moestuin aan de Sloterplas")
    response = editor.web.get(f"/initiatives/{initiative.id}/history")
    assert response.status_code == 200
    html = response.text
    assert ('<h1 class="ams-heading ams-heading--1">Geschiedenis van Moestuin aan de '
            "Sloterplas</h1>") in html
    assert "<caption id=\"history-caption\"" in html
    assert "Initiatief gewijzigd" in html and "Initiatief aangemaakt" in html
    assert ("<strong>Titel</strong>: Moestuin op het Sloterplein <span aria-hidden=\"true\">"
            "→</span><span class=\"ams-visually-hidden\"> werd</span> Moestuin aan de "
            "Sloterplas") in html
    assert "Test editor (editor-" in html  # the display name, then the username
    assert "Het systeem" in html  # the builder made it, not a person
    assert html.index("Initiatief gewijzigd") < html.index("Initiatief aangemaakt")


def test_a_title_change_with_markup_is_shown_as_text(editor: Editor, session: Session) -> None:
    initiative = make_initiative(session)
    editor.rename(initiative.id, '<script>alert("xss")</script>')
    html = editor.web.get(f"/initiatives/{initiative.id}/history").text
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;" in html


def test_support_shows_in_words_and_personal_text_as_held_back(
    editor: Editor, session: Session
) -> None:
    initiative = make_initiative(session)
    professional = make_professional(session, name="Fatima el Amrani")
    created = editor.api.post("/v1/support-episodes", json=support_episode_payload(
        initiative.id, professional.id))
    assert created.status_code == 201, created.text
    html = editor.web.get(f"/initiatives/{initiative.id}/history").text
    assert "Ondersteuning aangemaakt" in html
    assert "<strong>Professional</strong>: Fatima el Amrani" in html
    assert "<strong>Soorten steun</strong>: Verbinden en netwerken, Procesbegeleiding" in html
    # Labelled as the form labels the part (one of the handelingsbeschrijving's four).
    assert "<strong>Wat deed de professional</strong>: (afgeschermd)" in html
    assert "Bracht de bewoners" not in html
    assert "<strong>Startdatum</strong>: 1 apr 2010" in html


def test_more_than_a_page_of_history_offers_the_older_changes(
    editor: Editor, session: Session
) -> None:
    initiative = make_initiative(session, title="Versie 0")
    for number in range(1, 26):
        editor.rename(initiative.id, f"Versie {number}")
    first = editor.web.get(f"/initiatives/{initiative.id}/history").text
    older = f'href="/initiatives/{initiative.id}/history?page=2"'
    assert older in first and "Oudere wijzigingen" in first
    assert "pagina 1 van 2" in first
    second = editor.web.get(f"/initiatives/{initiative.id}/history?page=2").text
    assert "Initiatief aangemaakt" in second and "Nieuwere wijzigingen" in second
    assert "Initiatief aangemaakt" not in first


@pytest.mark.parametrize("headers", [{}, HTMX, BOOSTED], ids=["plain", "htmx", "boosted"])
def test_the_page_whole_or_as_a_fragment(
    editor: Editor, session: Session, headers: dict[str, str]
) -> None:
    initiative = make_initiative(session)
    response = editor.web.get(f"/initiatives/{initiative.id}/history", headers=headers)
    assert response.status_code == 200
    if headers is HTMX:
        assert response.text.lstrip().startswith('<div id="history"')
    else:
        assert response.text.startswith("<!doctype html>")
    assert "HX-Request" in response.headers["vary"]


def test_an_initiative_without_recorded_changes_says_so(
    web: TestClient, session: Session
) -> None:
    initiative = make_initiative(session)
    html = web.get(f"/initiatives/{initiative.id}/history?page=3").text
    assert "Deze pagina van de geschiedenis is leeg." in html
    assert f'href="/initiatives/{initiative.id}/history"' in html


@pytest.mark.parametrize(("role", "stadsdelen", "allowed"), [
    ("admin", (), True), ("editor", ("A",), True), ("researcher", (), True),
    ("viewer", (), False),
], ids=["admin", "editor-of-another-stadsdeel", "researcher", "viewer"])
def test_the_history_is_for_all_but_viewers(
    web_as: WebFactory, session: Session, role: str, stadsdelen: tuple[str, ...], allowed: bool
) -> None:
    initiative = make_initiative(session)  # in Nieuw-West
    person = web_as(role, stadsdelen)
    link = f'href="/initiatives/{initiative.id}/history"'
    assert (link in person.get(f"/initiatives/{initiative.id}").text) is allowed
    response = person.get(f"/initiatives/{initiative.id}/history")
    assert response.status_code == (200 if allowed else 403)
    if not allowed:
        assert "Geen toestemming" in response.text


@pytest.mark.parametrize("path", [f"/initiatives/{UNKNOWN}/history",
                                  "/initiatives/geen-id/history"])
def test_an_unknown_initiative_has_no_history_page(web: TestClient, path: str) -> None:
    response = web.get(path)
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.text


def test_times_are_amsterdam_s_and_unknown_fields_keep_their_name() -> None:
    event = AuditEvent.model_validate({
        "id": str(uuid.uuid4()), "occurredAt": datetime(2024, 7, 1, 12, 5, tzinfo=UTC),
        "actorKind": "api-token", "actorLabel": "token:import", "action": "update",
        "resourceType": "initiative", "resourceId": str(uuid.uuid4()),
        "changes": {"newField": {"before": 1, "after": 2.5}, "retired": {"before": "x"}},
    })
    names = Names("nl", {}, {}, {}, {})
    row = history_row(event, names)
    assert row.when == "1 jul 2024 14:05"  # summer time: UTC+2
    assert row.who == "token:import"
    assert [(change.label, change.before, change.after) for change in row.changes] == [
        ("newField", "1", "2,5"), ("retired", "x", "(leeg)")]
    winter = history_row(event.model_copy(update={
        "occurred_at": datetime(2024, 1, 1, 12, 5, tzinfo=UTC)}), names)
    assert winter.when == "1 jan 2024 13:05"
