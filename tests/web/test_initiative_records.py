"""Support episodes and evaluations with outcome-measure rows, recorded from the initiative
page: real forms, rows added and removed with and without JavaScript, errors in their row."""

import re

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from api.areas.models import AreaType, area_id
from tests.api.builders import make_indicator, make_initiative, make_professional
from tests.web.conftest import BOOSTED, HTMX

HEADERS = [{}, HTMX, BOOSTED]
IDS = ["plain", "htmx", "boosted"]


def _field(html: str, field_id: str) -> str:
    found = re.search(rf'<(?:input|select|textarea)[^>]*id="{field_id}"[^>]*>', html)
    assert found is not None, field_id
    return found.group(0)


def _evaluation(indicator_id: object, **rows: str) -> dict[str, str | list[str]]:
    form: dict[str, str | list[str]] = {
        "evaluatedOn": "2012-06-01", "evaluator": "Verwey-Jonker Instituut",
        "design": "voor-nameting", "methods": ["enquete"], "summary": "",
        "measures-0-indicatorId": str(indicator_id), "measures-0-kind": "pre-post",
        "measures-0-meanPre": "5.6", "measures-0-sdPre": "1.2", "measures-0-meanPost": "6.1",
        "measures-0-sdPost": "1.1", "measures-0-n": "80", "measures-0-prePostCorrelation": "0.5",
        "measures-3-indicatorId": str(indicator_id), "measures-3-kind": "proportion",
        "measures-3-events": "30", "measures-3-n": "60",
    }
    form.update(rows)
    return form


# --- support episodes -------------------------------------------------------------------

@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_the_support_form_offers_the_professionals(
    web: TestClient, session: Session, headers: dict[str, str]
) -> None:
    initiative = make_initiative(session)
    professional = make_professional(session, name="Johan de Vries")
    response = web.get(f"/initiatives/{initiative.id}/support-episodes/new", headers=headers)
    assert response.status_code == 200
    assert f'<option value="{professional.id}">Johan de Vries (Stadsdeel Nieuw-West)</option>' \
        in response.text
    assert 'type="checkbox" id="f-kinds-0" name="kinds"' in response.text
    assert response.text.lstrip().startswith('<form id="support-episode-form"') == \
        (headers is HTMX)


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_support_is_recorded_and_shown_on_the_initiative_page(
    web: TestClient, session: Session, headers: dict[str, str]
) -> None:
    initiative = make_initiative(session)
    professional = make_professional(session, name="Johan de Vries")
    form = {"professionalId": str(professional.id), "startDate": "2011-01-01", "hours": "12.5",
            "kinds": ["activeren"], "style": "stimulerend", "actionDescription": "Belde rond."}
    response = web.post(f"/initiatives/{initiative.id}/support-episodes/new", data=form,
                        headers=headers, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/initiatives/{initiative.id}#support"
    page = web.get(f"/initiatives/{initiative.id}").text
    assert "Johan de Vries" in page and "12,5" in page and "Belde rond." in page


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_refused_support_comes_back_as_422_at_the_fields(
    web: TestClient, session: Session, headers: dict[str, str]
) -> None:
    initiative = make_initiative(session)
    form = {"professionalId": "", "startDate": "2011-01-01", "hours": "-3",
            "kinds": ["activeren"]}
    response = web.post(f"/initiatives/{initiative.id}/support-episodes/new", data=form,
                        headers=headers)
    assert response.status_code == 422
    for field in ("professionalId", "hours"):
        assert 'aria-invalid="true"' in _field(response.text, f"f-{field}")
    assert 'value="-3"' in _field(response.text, "f-hours")
    assert 'value="activeren" checked' in response.text


# --- evaluations --------------------------------------------------------------------------

@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_the_evaluation_form_starts_with_one_measure_row(
    web: TestClient, session: Session, headers: dict[str, str]
) -> None:
    initiative = make_initiative(session)
    make_indicator(session, name="Sociale cohesie (test)")
    response = web.get(f"/initiatives/{initiative.id}/evaluations/new", headers=headers)
    assert response.status_code == 200
    html = response.text
    assert 'id="measure-0"' in html and 'id="measure-1"' not in html
    assert 'id="f-measures-0-sdPre"' in html  # the fields of the default kind
    assert "Sociale cohesie (test)" in html
    assert 'name="action" value="add-row"' in html and 'hx-target="#measure-rows"' in html
    assert html.lstrip().startswith('<form id="evaluation-form"') == (headers is HTMX)


def test_an_evaluation_with_two_measures_is_saved(
    web: TestClient, session: Session
) -> None:
    initiative = make_initiative(session)
    indicator = make_indicator(session, name="Sociale cohesie (test)")
    response = web.post(f"/initiatives/{initiative.id}/evaluations/new",
                        data=_evaluation(indicator.id), headers=BOOSTED, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/initiatives/{initiative.id}#evaluations"
    page = web.get(f"/initiatives/{initiative.id}").text
    assert "Verwey-Jonker Instituut" in page
    assert "Gemiddelde voormeting 5,6" in page and "Gebeurtenissen 30" in page


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_an_error_in_a_row_appears_at_the_field_of_that_row(
    web: TestClient, session: Session, headers: dict[str, str]
) -> None:
    initiative = make_initiative(session)
    indicator = make_indicator(session)
    form = _evaluation(indicator.id, **{"measures-3-n": "0", "measures-0-sdPre": "-1"})
    response = web.post(f"/initiatives/{initiative.id}/evaluations/new", data=form,
                        headers=headers)
    assert response.status_code == 422
    html = response.text
    # /outcomeMeasures/0/sdPre is row 0; /outcomeMeasures/1/n is the second row: index 3.
    assert 'aria-invalid="true"' in _field(html, "f-measures-0-sdPre")
    assert 'aria-invalid="true"' in _field(html, "f-measures-3-n")
    assert 'aria-invalid="true"' not in _field(html, "f-measures-0-n")
    assert 'href="#f-measures-3-n">Uitkomstmaat 2, n: ' in html
    assert 'value="30"' in _field(html, "f-measures-3-events")  # typed values stay


def test_without_javascript_a_row_is_added_and_removed_and_nothing_saved(
    web: TestClient, client: TestClient, session: Session
) -> None:
    initiative = make_initiative(session)
    indicator = make_indicator(session)
    path = f"/initiatives/{initiative.id}/evaluations/new"
    added = web.post(path, data={**_evaluation(indicator.id), "action": "add-row"})
    assert added.status_code == 200
    assert [int(i) for i in re.findall(r'id="measure-(\d+)"', added.text)] == [0, 3, 4]
    assert 'value="Verwey-Jonker Instituut"' in added.text
    removed = web.post(path, data={**_evaluation(indicator.id), "action": "remove-row-0"})
    assert removed.status_code == 200
    assert re.findall(r'id="measure-(\d+)"', removed.text) == ["3"]
    assert 'value="30"' in _field(removed.text, "f-measures-3-events")
    assert client.get(f"/v1/evaluations?initiative={initiative.id}").json()["total"] == 0


def test_with_htmx_a_row_comes_alone_and_a_removed_row_is_gone(
    web: TestClient, session: Session
) -> None:
    initiative = make_initiative(session)
    indicator = make_indicator(session)
    path = f"/initiatives/{initiative.id}/evaluations/new"
    added = web.post(path, data={**_evaluation(indicator.id), "action": "add-row"},
                     headers=HTMX)
    assert added.status_code == 200
    assert added.text.lstrip().startswith('<fieldset class="ams-field-set bk-form__section '
                                          'bk-measure-row" id="measure-4"')
    assert "Uitkomstmaat 3" in added.text and "<form" not in added.text
    removed = web.post(path, data={**_evaluation(indicator.id), "action": "remove-row-3"},
                       headers=HTMX)
    assert removed.status_code == 200 and removed.text == ""
    assert "HX-Request" in removed.headers["vary"]


def test_choosing_another_kind_shows_its_fields(web: TestClient, session: Session) -> None:
    initiative = make_initiative(session)
    indicator = make_indicator(session)
    path = f"/initiatives/{initiative.id}/evaluations/new"
    form = {**_evaluation(indicator.id), "measures-0-kind": "direction",
            "action": "refresh-row-0"}
    plain = web.post(path, data=form)
    assert plain.status_code == 200
    assert 'id="f-measures-0-direction"' in plain.text
    assert 'id="f-measures-0-sdPre"' not in plain.text
    fragment = web.post(path, data=form, headers=HTMX)
    assert fragment.text.lstrip().startswith('<fieldset')
    assert 'id="f-measures-0-direction"' in fragment.text


def test_the_evaluation_form_is_a_503_page_when_the_api_is_down(
    web_without_api: TestClient,
) -> None:
    path = "/initiatives/3f2b6a9e-0000-4000-8000-000000000000/evaluations/new"
    assert web_without_api.post(path, data={"action": "add-row"}).status_code == 503
    assert "Even niet bereikbaar" in web_without_api.get(path).text


def test_a_statistic_the_kind_needs_is_asked_for_in_its_row(
    web: TestClient, session: Session
) -> None:
    initiative = make_initiative(session)
    indicator = make_indicator(session)
    form = _evaluation(indicator.id, **{"measures-3-n": ""})
    response = web.post(f"/initiatives/{initiative.id}/evaluations/new", data=form)
    assert response.status_code == 422
    assert 'aria-invalid="true"' in _field(response.text, "f-measures-3-n")
    assert "Verplicht bij soort" in response.text


def test_the_support_form_offers_the_professionals_of_the_initiatives_area(
    web: TestClient, session: Session
) -> None:
    initiative = make_initiative(session)  # a buurt in Nieuw-West
    make_professional(session, name="Nel Zuidoost", email="nel@example.org",
                      areaIds=[str(area_id(None, AreaType.STADSDEEL, "T"))])
    make_professional(session, name="Johan de Vries")
    html = web.get(f"/initiatives/{initiative.id}/support-episodes/new").text
    assert "Johan de Vries" in html and "Nel Zuidoost" not in html
