"""Pages show only what the signed-in person may do, and a form they may not use answers 403
(the API refuses the write itself too); viewers see held-back names as such."""

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from tests.api.builders import (
    BUURT_AA01,
    BUURT_FD03,
    make_initiative,
    make_professional,
    make_support_episode,
)
from tests.web.conftest import BOOSTED, HTMX, WebFactory

HEADERS = [{}, HTMX, BOOSTED]
IDS = ["plain", "htmx", "boosted"]
ACTIONS = ("edit", "delete", "support-episodes/new", "evaluations/new")


def _edit_form(**overrides: str | list[str]) -> dict[str, str | list[str]]:
    """The edit form of the builder's initiative (buurt FD03, stadsdeel F), as sent."""
    form: dict[str, str | list[str]] = {
        "title": "Een nieuwe titel", "summary": "Samen tuinieren.", "status": "idee",
        "organisationForm": "bewonersinitiatief", "participationLevel": "coproduceren",
        "initiatorType": "bewonersgroep", "themes": ["groen"], "buurtId": str(BUURT_FD03),
        "version": "1",
    }
    form.update(overrides)
    return form


def _actions_shown(html: str, initiative_id: object) -> set[str]:
    return {action for action in ACTIONS
            if f'href="/initiatives/{initiative_id}/{action}"' in html}


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
@pytest.mark.parametrize(("role", "stadsdelen", "shown"), [
    ("admin", (), set(ACTIONS)),
    ("editor", ("F",), set(ACTIONS)),
    ("editor", ("A",), set()),
    ("researcher", (), {"evaluations/new"}),
    ("viewer", (), set()),
], ids=["admin", "editor-F", "editor-A", "researcher", "viewer"])
def test_an_initiative_offers_only_what_the_person_may_do(
    web_as: WebFactory, session: Session, headers: dict[str, str], role: str,
    stadsdelen: tuple[str, ...], shown: set[str]
) -> None:
    initiative = make_initiative(session)  # in FD03: stadsdeel F
    response = web_as(role, stadsdelen).get(f"/initiatives/{initiative.id}", headers=headers)
    assert response.status_code == 200
    assert _actions_shown(response.text, initiative.id) == shown


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_an_editor_of_another_stadsdeel_gets_the_403_page_for_the_edit_form(
    web_as: WebFactory, client: TestClient, session: Session, headers: dict[str, str]
) -> None:
    initiative = make_initiative(session, title="Buurtmoestuin")
    editor = web_as("editor", ("A",))
    for path in ("edit", "delete", "support-episodes/new", "evaluations/new"):
        page = editor.get(f"/initiatives/{initiative.id}/{path}", headers=headers)
        assert page.status_code == 403, path
        assert "Geen toestemming" in page.text
        assert ("<html" not in page.text) == (headers is HTMX)
    posted = editor.post(f"/initiatives/{initiative.id}/edit", data=_edit_form(),
                         headers=headers, follow_redirects=False)
    assert posted.status_code == 403  # the API refused: the page says so in HTML
    assert posted.headers["content-type"].startswith("text/html")
    assert "Geen toestemming" in posted.text
    assert client.get(f"/v1/initiatives/{initiative.id}").json()["title"] == "Buurtmoestuin"


def test_an_editor_of_the_stadsdeel_may_edit(
    web_as: WebFactory, client: TestClient, session: Session
) -> None:
    initiative = make_initiative(session)
    editor = web_as("editor", ("F",))
    assert editor.get(f"/initiatives/{initiative.id}/edit").status_code == 200
    response = editor.post(f"/initiatives/{initiative.id}/edit", data=_edit_form(),
                           follow_redirects=False)
    assert response.status_code == 303
    assert client.get(f"/v1/initiatives/{initiative.id}").json()["title"] == "Een nieuwe titel"


def test_an_editor_may_not_move_an_initiative_out_of_their_stadsdeel(
    web_as: WebFactory, session: Session
) -> None:
    initiative = make_initiative(session)
    response = web_as("editor", ("F",)).post(f"/initiatives/{initiative.id}/edit",
                                             data=_edit_form(buurtId=str(BUURT_AA01)))
    assert response.status_code == 403


@pytest.mark.parametrize(("role", "offered"), [("admin", True), ("editor", True),
                                               ("researcher", False), ("viewer", False)])
def test_only_admins_and_editors_are_offered_a_new_initiative(
    web_as: WebFactory, role: str, offered: bool
) -> None:
    web = web_as(role, ("F",) if role == "editor" else ())
    assert ('href="/initiatives/new"' in web.get("/initiatives").text) == offered
    assert web.get("/initiatives/new").status_code == (200 if offered else 403)


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_only_admins_are_offered_to_register_edit_or_remove_professionals(
    web_as: WebFactory, session: Session, headers: dict[str, str]
) -> None:
    professional = make_professional(session)
    base = f"/professionals/{professional.id}"
    for role, stadsdelen in (("editor", ("F",)), ("researcher", ()), ("viewer", ())):
        web = web_as(role, stadsdelen)
        assert 'href="/professionals/new"' not in web.get("/professionals").text
        page = web.get(base, headers=headers).text
        assert f'href="{base}/edit"' not in page and f'href="{base}/delete"' not in page
        for path in ("/professionals/new", f"{base}/edit", f"{base}/delete"):
            assert web.get(path, headers=headers).status_code == 403, (role, path)
    admin = web_as("admin")
    assert 'href="/professionals/new"' in admin.get("/professionals").text
    assert f'href="{base}/edit"' in admin.get(base, headers=headers).text


def test_a_non_admin_posting_a_professional_gets_the_403_page(
    web_as: WebFactory, client: TestClient
) -> None:
    response = web_as("editor", ("F",)).post(
        "/professionals/new", data={"name": "Joris", "role": "opbouwwerker",
                                    "organisation": "Dynamo",
                                    "organisationKind": "welzijnsorganisatie"})
    assert response.status_code == 403
    assert "Geen toestemming" in response.text
    assert client.get("/v1/professionals").json()["total"] == 0


def test_a_viewer_sees_held_back_names_as_such(web_as: WebFactory, session: Session) -> None:
    professional = make_professional(session, name="Fatima el Amrani")
    initiative = make_initiative(session, initiatorName="Jan Jansen")
    make_support_episode(session, initiative.id, professional.id)
    viewer = web_as("viewer")
    for path in ("/professionals", f"/professionals/{professional.id}",
                 f"/initiatives/{initiative.id}"):
        html = viewer.get(path).text
        assert "(afgeschermd)" in html, path
        assert "Fatima" not in html and "Jan Jansen" not in html, path
    assert "(hidden)" in viewer.get(f"/professionals/{professional.id}?lang=en").text
    assert "Fatima el Amrani" in web_as("researcher").get("/professionals").text
