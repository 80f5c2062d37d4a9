"""Creating, editing and deleting an initiative through real forms: 303 after success, 422
with the API's messages at their fields, 409 with a notice when someone else was first."""

import re

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from tests.api.builders import BUURT_F76A_2015, BUURT_FD03, make_initiative
from tests.web.conftest import BOOSTED, HTMX

# An id no initiative has (fixed: parallel workers must collect the same tests).
UNKNOWN = "3f2b6a9e-0000-4000-8000-000000000000"

HEADERS = [{}, HTMX, BOOSTED]
IDS = ["plain", "htmx", "boosted"]


def _new_form(**overrides: str | list[str]) -> dict[str, str | list[str]]:
    form: dict[str, str | list[str]] = {
        "title": "Buurtmoestuin Geuzenveld", "summary": "Samen tuinieren.",
        "buurtId": str(BUURT_FD03), "status": "idee", "organisationForm": "bewonersinitiatief",
        "participationLevel": "coproduceren", "initiatorType": "bewonersgroep",
        "themes": ["groen", "ontmoeting"], "startDate": "2012-03-01", "amountRequested": "1500",
        "continuedAfterSupport": "",
    }
    form.update(overrides)
    return form


def _field(html: str, field_id: str) -> str:
    found = re.search(rf'<(?:input|select|textarea)[^>]*id="{field_id}"[^>]*>', html)
    assert found is not None, field_id
    return found.group(0)


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_the_new_form_is_a_real_form_with_grouped_buurten(
    web: TestClient, headers: dict[str, str]
) -> None:
    response = web.get("/initiatives/new", headers=headers)
    assert response.status_code == 200
    html = response.text
    assert '<form id="initiative-form"' in html
    assert 'method="post" action="/initiatives/new"' in html
    assert '<optgroup label="Nieuw-West">' in html
    assert f'<option value="{BUURT_FD03}">' in html
    assert "<legend class=\"ams-field-set__legend\">Thema's</legend>" in html
    assert 'type="date" id="f-startDate"' in html
    assert 'type="number" id="f-amountRequested"' in html
    assert '<label class="ams-label" for="f-title">Titel</label>' in html
    assert html.lstrip().startswith('<form id="initiative-form"') == (headers is HTMX)


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_a_new_initiative_is_saved_and_the_browser_sent_to_its_page(
    web: TestClient, headers: dict[str, str]
) -> None:
    response = web.post("/initiatives/new", data=_new_form(), headers=headers,
                        follow_redirects=False)
    assert response.status_code == 303
    location = response.headers["location"]
    assert re.fullmatch(r"/initiatives/[0-9a-f-]{36}", location)
    page = web.get(location).text
    assert "Buurtmoestuin Geuzenveld" in page and "Groen, Ontmoeting" in page
    assert "€ 1.500" in page


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_refused_input_comes_back_as_422_with_each_message_at_its_field(
    web: TestClient, headers: dict[str, str]
) -> None:
    form = _new_form(title="ab", amountRequested="-5", themes=["groen", "bestaat-niet"])
    response = web.post("/initiatives/new", data=form, headers=headers)
    assert response.status_code == 422
    html = response.text
    for field in ("title", "amountRequested"):
        assert 'aria-invalid="true"' in _field(html, f"f-{field}")
        assert f'aria-describedby="f-{field}-error"' in _field(html, f"f-{field}")
        assert f'id="f-{field}-error"' in html
        assert f'href="#f-{field}"' in html  # the summary links to the field
    assert 'id="f-themes-error"' in html  # /themes/1 belongs to the group of checkboxes
    assert "Controleer het formulier" in html
    assert 'value="ab"' in _field(html, "f-title")  # what was typed stays
    assert 'value="-5"' in _field(html, "f-amountRequested")
    assert re.search(r'value="groen" checked', html)
    assert html.lstrip().startswith('<form id="initiative-form"') == (headers is HTMX)


def test_a_rule_across_fields_is_shown_at_the_field_it_names(web: TestClient) -> None:
    response = web.post("/initiatives/new", data=_new_form(endDate="2011-01-01"))
    assert response.status_code == 422
    assert 'aria-invalid="true"' in _field(response.text, "f-endDate")
    assert 'href="#f-endDate">Einddatum: ' in response.text


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_the_edit_form_shows_the_stored_values_and_carries_the_version(
    web: TestClient, session: Session, headers: dict[str, str]
) -> None:
    initiative = make_initiative(session, title="Speeltuin De Kolk", amountGranted=800,
                                 continuedAfterSupport=False)
    response = web.get(f"/initiatives/{initiative.id}/edit", headers=headers)
    assert response.status_code == 200
    html = response.text
    assert html.lstrip().startswith('<form id="initiative-form"') == (headers is HTMX)
    assert 'value="Speeltuin De Kolk"' in _field(html, "f-title")
    assert 'value="800"' in _field(html, "f-amountGranted")
    assert '<input type="hidden" name="version" value="1">' in html
    assert f'<option value="{BUURT_FD03}" selected>' in html
    assert '<option value="false" selected>Nee</option>' in html
    assert f'action="/initiatives/{initiative.id}/edit"' in html


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_an_edit_is_saved_with_a_303_back_to_the_page(
    web: TestClient, session: Session, headers: dict[str, str]
) -> None:
    initiative = make_initiative(session)
    form = _new_form(title="Nieuwe titel", location="", version="1")
    response = web.post(f"/initiatives/{initiative.id}/edit", data=form, headers=headers,
                        follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/initiatives/{initiative.id}"
    assert "Nieuwe titel" in web.get(response.headers["location"]).text


def test_emptying_a_required_field_in_the_edit_form_is_a_422_at_the_field(
    web: TestClient, session: Session
) -> None:
    initiative = make_initiative(session)
    form = _new_form(title="", version="1")
    response = web.post(f"/initiatives/{initiative.id}/edit", data=form)
    assert response.status_code == 422
    assert 'aria-invalid="true"' in _field(response.text, "f-title")


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_a_concurrent_edit_overwrites_nothing_and_says_so(
    web: TestClient, client: TestClient, session: Session, headers: dict[str, str]
) -> None:
    initiative = make_initiative(session, title="Originele titel")
    changed = client.patch(f"/v1/initiatives/{initiative.id}",
                           json={"title": "Titel van een ander"})
    assert changed.status_code == 200
    form = _new_form(title="Mijn titel", version="1")
    response = web.post(f"/initiatives/{initiative.id}/edit", data=form, headers=headers)
    assert response.status_code == 409
    assert "Iemand anders heeft dit initiatief intussen gewijzigd" in response.text
    assert 'value="Mijn titel"' in _field(response.text, "f-title")  # the typing is kept
    assert '<input type="hidden" name="version" value="2">' in response.text
    assert client.get(f"/v1/initiatives/{initiative.id}").json()["title"] == "Titel van een ander"


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_deleting_asks_first_then_deletes_and_goes_to_the_list(
    web: TestClient, client: TestClient, session: Session, headers: dict[str, str]
) -> None:
    initiative = make_initiative(session, title="Weg ermee")
    confirm = web.get(f"/initiatives/{initiative.id}/delete", headers=headers)
    assert confirm.status_code == 200
    assert "Weet u zeker dat u „Weg ermee” wilt verwijderen?" in confirm.text
    assert f'method="post" action="/initiatives/{initiative.id}/delete"' in confirm.text
    assert client.get(f"/v1/initiatives/{initiative.id}").status_code == 200
    response = web.post(f"/initiatives/{initiative.id}/delete", data={"version": "1"},
                        headers=headers, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/initiatives"
    assert client.get(f"/v1/initiatives/{initiative.id}").status_code == 404


def test_deleting_a_changed_initiative_deletes_nothing(
    web: TestClient, client: TestClient, session: Session
) -> None:
    initiative = make_initiative(session)
    client.patch(f"/v1/initiatives/{initiative.id}", json={"title": "Intussen gewijzigd"})
    response = web.post(f"/initiatives/{initiative.id}/delete", data={"version": "1"})
    assert response.status_code == 409
    assert "Er is niets verwijderd." in response.text
    assert '<input type="hidden" name="version" value="2">' in response.text
    assert client.get(f"/v1/initiatives/{initiative.id}").status_code == 200


def test_a_cross_site_post_of_the_form_is_refused(web: TestClient, client: TestClient) -> None:
    response = web.post("/initiatives/new", data=_new_form(),
                        headers={"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"})
    assert response.status_code == 403
    assert client.get("/v1/initiatives").json()["total"] == 0


@pytest.mark.parametrize("path", ["/initiatives/new", f"/initiatives/{UNKNOWN}/edit"])
def test_the_forms_are_a_503_page_when_the_api_is_down(
    web_without_api: TestClient, path: str
) -> None:
    response = web_without_api.get(path)
    assert response.status_code == 503
    assert "Even niet bereikbaar" in response.text
    posted = web_without_api.post(path, data=_new_form(version="1"))
    assert posted.status_code == 503


def test_the_forms_speak_english_when_asked(web: TestClient, session: Session) -> None:
    initiative = make_initiative(session)
    new = web.get("/initiatives/new?lang=en").text
    assert "New initiative" in new and "Choose a neighbourhood" in new and "(optional)" in new
    evaluation = web.get(f"/initiatives/{initiative.id}/evaluations/new?lang=en").text
    assert "Outcome measure 1" in evaluation and "Add an outcome measure" in evaluation


def test_a_buurt_of_the_old_indeling_stays_chosen_in_the_edit_form(
    web: TestClient, session: Session
) -> None:
    initiative = make_initiative(session, buurtId=str(BUURT_F76A_2015))
    html = web.get(f"/initiatives/{initiative.id}/edit").text
    assert '<optgroup label="Eerdere buurtindeling">' in html
    assert f'<option value="{BUURT_F76A_2015}" selected>' in html


def test_a_made_up_buurt_is_refused_at_the_field(web: TestClient) -> None:
    response = web.post("/initiatives/new", data=_new_form(buurtId="geen-buurt"))
    assert response.status_code == 422
    assert 'aria-invalid="true"' in _field(response.text, "f-buurtId")
