"""Registering, editing and removing a professional through real forms, against the real API:
303 after success, 422 at the field, 409 when someone else was first or episodes remain."""

import re

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from api.areas.models import AreaType, area_id
from tests.api.builders import (
    BUURT_F76A_2015,
    BUURT_FD03,
    make_initiative,
    make_professional,
    make_support_episode,
)
from tests.web.conftest import BOOSTED, HTMX

HEADERS = [{}, HTMX, BOOSTED]
IDS = ["plain", "htmx", "boosted"]
STADSDEEL_F = str(area_id(None, AreaType.STADSDEEL, "F"))
WIJK_FD = str(area_id(2022, AreaType.WIJK, "FD"))
UNKNOWN = "3f2b6a9e-0000-4000-8000-000000000001"


def _form(**overrides: str | list[str]) -> dict[str, str | list[str]]:
    form: dict[str, str | list[str]] = {
        "name": "Joris de Vries", "email": "j.devries@example.org", "role": "opbouwwerker",
        "organisation": "Dynamo", "organisationKind": "welzijnsorganisatie", "fte": "0.6",
        "activeFrom": "2009-02-01", "areaIds": [STADSDEEL_F, str(BUURT_FD03)],
    }
    form.update(overrides)
    return form


def _tag(html: str, field_id: str) -> str:
    found = re.search(rf'<(?:input|select)[^>]*id="{field_id}"[^>]*>', html)
    assert found is not None, field_id
    return found.group(0)


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_the_new_form_offers_stadsdelen_wijken_and_buurten(
    web: TestClient, headers: dict[str, str]
) -> None:
    response = web.get("/professionals/new", headers=headers)
    assert response.status_code == 200
    html = response.text
    assert html.lstrip().startswith('<form id="professional-form"') == (headers is HTMX)
    assert 'method="post" action="/professionals/new"' in html
    assert f'name="areaIds" value="{STADSDEEL_F}"' in html
    assert 'id="f-areaIds-wijken" name="areaIds" multiple' in html
    assert f'<option value="{WIJK_FD}">Slotermeer-Noordoost (FD)</option>' in html
    assert f'<option value="{BUURT_FD03}">' in html
    assert len(re.findall(r'id="f-areaIds"', html)) == 1  # ids unique although names repeat


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_a_new_professional_is_saved_with_their_areas(
    web: TestClient, client: TestClient, headers: dict[str, str]
) -> None:
    response = web.post("/professionals/new", data=_form(), headers=headers,
                        follow_redirects=False)
    assert response.status_code == 303
    professional_id = response.headers["location"].rsplit("/", 1)[-1]
    saved = client.get(f"/v1/professionals/{professional_id}").json()
    assert saved["name"] == "Joris de Vries"
    assert saved["fte"] == 0.6
    assert sorted(saved["areaIds"]) == sorted([STADSDEEL_F, str(BUURT_FD03)])
    assert "Joris de Vries" in web.get(response.headers["location"]).text


def test_bad_input_is_a_422_with_each_message_at_its_field(
    web: TestClient, client: TestClient
) -> None:
    response = web.post("/professionals/new",
                        data=_form(name="J", email="geen-adres", fte="3", role="tovenaar"))
    assert response.status_code == 422
    html = response.text
    for field in ("name", "email", "fte", "role"):
        assert 'aria-invalid="true"' in _tag(html, f"f-{field}"), field
        assert f'href="#f-{field}"' in html
    assert 'value="geen-adres"' in _tag(html, "f-email")  # what was typed stays
    assert client.get("/v1/professionals").json()["total"] == 0


def test_an_unknown_area_is_shown_at_the_area_fieldset(web: TestClient) -> None:
    response = web.post("/professionals/new", data=_form(areaIds=[UNKNOWN]))
    assert response.status_code == 422
    assert 'id="f-areaIds-error"' in response.text
    assert 'href="#f-areaIds"' in response.text


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_the_edit_form_is_filled_in_and_keeps_earlier_areas(
    web: TestClient, session: Session, headers: dict[str, str]
) -> None:
    professional = make_professional(session, areaIds=[STADSDEEL_F, str(BUURT_F76A_2015)])
    response = web.get(f"/professionals/{professional.id}/edit", headers=headers)
    assert response.status_code == 200
    html = response.text
    assert 'value="Fatima el Amrani"' in _tag(html, "f-name")
    assert '<input type="hidden" name="version" value="1">' in html
    assert f'name="areaIds" value="{STADSDEEL_F}" checked' in html
    assert f'value="{BUURT_F76A_2015}" checked' in html  # a 2015 buurt is offered and kept


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_an_edit_is_saved_with_a_303_back_to_the_page(
    web: TestClient, client: TestClient, session: Session, headers: dict[str, str]
) -> None:
    professional = make_professional(session)
    response = web.post(f"/professionals/{professional.id}/edit",
                        data=_form(email="", fte="", areaIds=[WIJK_FD], version="1"),
                        headers=headers, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/professionals/{professional.id}"
    saved = client.get(f"/v1/professionals/{professional.id}").json()
    assert (saved["email"], saved["fte"], saved["areaIds"]) == (None, None, [WIJK_FD])


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_a_concurrent_edit_overwrites_nothing_and_says_so(
    web: TestClient, client: TestClient, session: Session, headers: dict[str, str]
) -> None:
    professional = make_professional(session)
    assert client.patch(f"/v1/professionals/{professional.id}",
                        json={"name": "Naam van een ander"}).status_code == 200
    response = web.post(f"/professionals/{professional.id}/edit",
                        data=_form(name="Mijn naam", version="1"), headers=headers)
    assert response.status_code == 409
    assert "Iemand anders heeft deze professional intussen gewijzigd" in response.text
    assert 'value="Mijn naam"' in _tag(response.text, "f-name")
    assert '<input type="hidden" name="version" value="2">' in response.text
    assert client.get(f"/v1/professionals/{professional.id}").json()["name"] == (
        "Naam van een ander")


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_deleting_asks_first_then_deletes(
    web: TestClient, client: TestClient, session: Session, headers: dict[str, str]
) -> None:
    professional = make_professional(session, name="Weg Ermee")
    confirm = web.get(f"/professionals/{professional.id}/delete", headers=headers)
    assert confirm.status_code == 200
    assert "Weet u zeker dat u Weg Ermee wilt verwijderen?" in confirm.text
    response = web.post(f"/professionals/{professional.id}/delete", data={"version": "1"},
                        headers=headers, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/professionals"
    assert client.get(f"/v1/professionals/{professional.id}").status_code == 404


def test_a_professional_with_support_is_not_deleted_and_the_page_says_why(
    web: TestClient, client: TestClient, session: Session
) -> None:
    professional = make_professional(session)
    make_support_episode(session, make_initiative(session).id, professional.id)
    response = web.post(f"/professionals/{professional.id}/delete", data={"version": "1"})
    assert response.status_code == 409
    assert "Niet verwijderd" in response.text
    assert "heeft ondersteuningsepisodes" in response.text
    english = web.post(f"/professionals/{professional.id}/delete?lang=en",
                       data={"version": "1"})
    assert "has support episodes" in english.text
    assert client.get(f"/v1/professionals/{professional.id}").status_code == 200


def test_deleting_a_changed_professional_deletes_nothing(
    web: TestClient, client: TestClient, session: Session
) -> None:
    professional = make_professional(session)
    client.patch(f"/v1/professionals/{professional.id}", json={"name": "Intussen gewijzigd"})
    response = web.post(f"/professionals/{professional.id}/delete", data={"version": "1"})
    assert response.status_code == 409
    assert "Er is niets verwijderd." in response.text
    assert client.get(f"/v1/professionals/{professional.id}").status_code == 200


def test_a_cross_site_post_is_refused(web: TestClient, client: TestClient) -> None:
    response = web.post("/professionals/new", data=_form(),
                        headers={"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"})
    assert response.status_code == 403
    assert client.get("/v1/professionals").json()["total"] == 0


def test_the_list_and_the_page_link_to_the_forms(web: TestClient, session: Session) -> None:
    professional = make_professional(session)
    assert 'href="/professionals/new"' in web.get("/professionals").text
    page = web.get(f"/professionals/{professional.id}").text
    assert f'href="/professionals/{professional.id}/edit"' in page
    assert f'href="/professionals/{professional.id}/delete"' in page


@pytest.mark.parametrize("path", ["/professionals/new", f"/professionals/{UNKNOWN}/edit"])
def test_the_forms_are_a_503_page_when_the_api_is_down(
    web_without_api: TestClient, path: str
) -> None:
    assert web_without_api.get(path).status_code == 503
    assert web_without_api.post(path, data=_form(version="1")).status_code == 503
