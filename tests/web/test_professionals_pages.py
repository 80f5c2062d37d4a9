"""Professionals pages: the list plain, as an htmx fragment and boosted; one professional."""

import re
import uuid

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from api.areas.models import AreaType, area_id
from tests.api.builders import make_initiative, make_professional, make_support_episode
from tests.web.conftest import BOOSTED, HTMX

CENTRUM = str(area_id(None, AreaType.STADSDEEL, "A"))


def _names(html: str) -> list[str]:
    return re.findall(r'<a class="ams-link" href="/professionals/[0-9a-f-]{36}">([^<]+)</a>', html)


@pytest.mark.parametrize("headers", [{}, HTMX, BOOSTED], ids=["plain", "htmx", "boosted"])
def test_the_list_filters_by_role_and_stadsdeel(
    web: TestClient, session: Session, headers: dict[str, str]
) -> None:
    make_professional(session, name="Fatima el Amrani")
    make_professional(session, name="Kees de Wit", role="opbouwwerker")
    make_professional(session, name="Anouk Jansen", areaIds=[CENTRUM])
    response = web.get("/professionals?role=participatiemakelaar&area=F", headers=headers)
    assert response.status_code == 200
    assert _names(response.text) == ["Fatima el Amrani"]
    assert "f.elamrani@example.org" not in response.text  # e-mail only on the detail page
    assert "HX-Request" in response.headers["vary"]
    if headers is HTMX:
        assert response.text.lstrip().startswith('<div id="results"')
        assert 'id="result-count" hx-swap-oob="innerHTML"' in response.text
        assert "<html" not in response.text
    else:
        assert response.text.startswith("<!doctype html>")
        assert "1 professional gevonden" in response.text
        assert '<option value="F" selected>Nieuw-West</option>' in response.text
        assert '<option value="participatiemakelaar" selected>' in response.text


def test_the_filter_form_works_without_javascript_and_filters_live(web: TestClient) -> None:
    html = web.get("/professionals").text
    form = re.search(r'<form id="filters"[^>]*>', html)
    assert form is not None
    assert 'method="get"' in form.group(0) and 'action="/professionals"' in form.group(0)
    assert 'hx-trigger="submit, input delay:400ms"' in form.group(0)
    assert 'hx-push-url="true"' in form.group(0)
    assert '<label class="ams-label" for="filter-role">' in html


def test_pages_keep_the_filters(web: TestClient, session: Session) -> None:
    for number in range(27):
        make_professional(session, name=f"Opbouwwerker {number:02d}", role="opbouwwerker")
    first = web.get("/professionals?role=opbouwwerker")
    assert len(_names(first.text)) == 25
    assert 'rel="next" href="/professionals?role=opbouwwerker&amp;page=2"' in first.text
    second = web.get("/professionals?role=opbouwwerker&page=2", headers=HTMX)
    assert _names(second.text) == ["Opbouwwerker 25", "Opbouwwerker 26"]


def test_a_role_the_api_refuses_is_a_422_with_the_message_at_the_field(web: TestClient) -> None:
    response = web.get("/professionals?role=bestaat-niet")
    assert response.status_code == 422
    assert 'id="filter-role-error"' in response.text


@pytest.mark.parametrize("headers", [{}, HTMX, BOOSTED], ids=["plain", "htmx", "boosted"])
def test_the_detail_page_shows_the_support_given_and_the_total_hours(
    web: TestClient, session: Session, headers: dict[str, str]
) -> None:
    professional = make_professional(session)
    garden = make_initiative(session, title="Moestuin Sloterplein")
    cafe = make_initiative(session, title="Taalcafé")
    make_support_episode(session, garden.id, professional.id, hours=40)
    make_support_episode(session, garden.id, professional.id, hours=12.5, startDate="2011-01-01",
                         endDate=None, style="stimulerend", kinds=["activeren"])
    make_support_episode(session, cafe.id, professional.id, hours=8)
    response = web.get(f"/professionals/{professional.id}", headers=headers)
    assert response.status_code == 200
    html = response.text
    assert "Fatima el Amrani" in html
    assert 'href="mailto:f.elamrani@example.org"' in html
    assert "Participatiemakelaar" in html and "Stadsdeel Nieuw-West" in html
    assert '<a class="ams-link" href="/areas/F">Nieuw-West</a>' in html
    assert f'href="/initiatives/{garden.id}">Moestuin Sloterplein' in html
    # One row group per initiative, its header spanning that group's rows.
    bodies = re.findall(r"<tbody>(.*?)</tbody>", html, re.DOTALL)
    assert [(len(re.findall(r"<tr>", body)), re.findall(r'scope="rowgroup" rowspan="(\d)"', body))
            for body in bodies] == [(2, ["2"]), (1, ["1"])]
    assert "Verbinden en netwerken, Procesbegeleiding" in html
    assert "Stimulerend (rood)" in html and "Faciliterend (blauw)" in html
    assert re.search(r'id="total-hours">60,5<', html)
    if headers is HTMX:
        assert html.lstrip().startswith('<article id="professional"')
    else:
        assert html.startswith("<!doctype html>")


def test_an_unknown_professional_is_a_404(web: TestClient) -> None:
    assert web.get(f"/professionals/{uuid.uuid4()}").status_code == 404
    assert web.get("/professionals/geen-id").status_code == 404


def test_the_detail_page_is_in_english_when_asked(web: TestClient, session: Session) -> None:
    professional = make_professional(session)
    html = web.get(f"/professionals/{professional.id}?lang=en").text
    assert "Initiatives supported" in html and "No support recorded yet." in html


def test_an_unreachable_api_is_a_503_on_the_professionals_list(
    web_without_api: TestClient,
) -> None:
    response = web_without_api.get("/professionals", headers=HTMX)
    assert response.status_code == 503
    assert response.headers["hx-retarget"] == "#alerts"
