"""Area pages: the stadsdelen with their wijken, and one area at every level."""

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from api.areas.models import AreaType, area_id
from tests.api.builders import BUURT_AA01, make_initiative, make_professional
from tests.web.conftest import BOOSTED, HTMX

WIJK_FD = str(area_id(2022, AreaType.WIJK, "FD"))


@pytest.mark.parametrize("headers", [{}, HTMX, BOOSTED], ids=["plain", "htmx", "boosted"])
def test_the_areas_page_lists_the_stadsdelen_with_their_wijken(
    web: TestClient, headers: dict[str, str]
) -> None:
    response = web.get("/areas", headers=headers)
    assert response.status_code == 200
    html = response.text
    assert '<a class="ams-link" href="/areas/F">Nieuw-West</a>' in html
    assert '<a class="ams-link" href="/areas/FD">Slotermeer-Noordoost</a>' in html
    assert html.index("/areas/F\"") < html.index("/areas/FD\"")
    if headers is HTMX:
        assert html.lstrip().startswith('<div id="areas"')
    else:
        assert html.startswith("<!doctype html>")
    assert "HX-Request" in response.headers["vary"]


@pytest.mark.parametrize("headers", [{}, HTMX, BOOSTED], ids=["plain", "htmx", "boosted"])
def test_a_buurt_page_has_its_codes_breadcrumb_initiatives_and_professionals(
    web: TestClient, session: Session, headers: dict[str, str]
) -> None:
    make_initiative(session, title="Moestuin Sloterplein")
    make_initiative(session, title="Buurtfeest Centrum", buurtId=str(BUURT_AA01))
    make_professional(session, name="Fatima el Amrani")  # serves stadsdeel F
    make_professional(session, name="Kees de Wit", areaIds=[WIJK_FD])
    make_professional(session, name="Anouk Jansen", areaIds=[str(area_id(None, AreaType.STADSDEEL,
                                                                         "A"))])
    response = web.get("/areas/fd03", headers=headers)
    assert response.status_code == 200
    html = response.text
    assert "<h1 class=\"ams-heading ams-heading--1\">Meerwaldtbuurt</h1>" in html
    assert "BU0363FD03" in html and ">FD03<" in html
    assert 'href="/areas/F">Nieuw-West' in html and 'href="/areas/FD">Slotermeer-Noordoost' in html
    assert "Deze buurt hoort bij de Wijkaanpak." in html
    assert "Moestuin Sloterplein" in html and "Buurtfeest Centrum" not in html
    assert 'href="/initiatives?area=FD03"' in html
    assert "Fatima el Amrani" in html and "Kees de Wit" in html and "Anouk Jansen" not in html
    assert 'href="/compare/buurten?buurt=FD03&amp;action=search"' in html
    if headers is HTMX:
        assert html.lstrip().startswith('<article id="area"')


def test_a_stadsdeel_page_lists_its_gebieden_and_its_wijkaanpak_buurten(
    web: TestClient,
) -> None:
    html = web.get("/areas/F").text
    assert "Geuzenveld, Slotermeer" in html
    assert 'href="/areas/FD03">Meerwaldtbuurt</a>' in html
    assert "Wijkaanpak-buurten in dit gebied" in html
    assert "Geen initiatieven in dit gebied." in html


def test_a_wijk_page_lists_its_buurten(web: TestClient) -> None:
    html = web.get("/areas/FD").text
    assert 'href="/areas/FD03">Meerwaldtbuurt</a>' in html
    assert "Wijk" in html


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_an_unknown_area_code_is_a_404(web: TestClient, headers: dict[str, str]) -> None:
    response = web.get("/areas/ZZ99", headers=headers)
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.text


def test_initiatives_of_an_area_can_be_ticked_and_compared(web: TestClient, session: Session
                                                          ) -> None:
    garden = make_initiative(session, title="Moestuin Sloterplein")
    html = web.get("/areas/FD").text
    assert '<form id="area-compare" method="get" action="/compare"' in html
    assert f'<input type="checkbox" id="pick-{garden.id}" name="initiative"' in html
    assert f'for="pick-{garden.id}">Kiezen om te vergelijken: Moestuin Sloterplein<' in html


def test_the_professionals_list_offers_the_wijk_an_area_page_links_to(web: TestClient) -> None:
    html = web.get("/professionals?area=FD").text
    assert '<option value="FD" selected>Slotermeer-Noordoost</option>' in html
