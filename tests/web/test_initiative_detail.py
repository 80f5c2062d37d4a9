"""The initiative page: every field in words, its support and its evaluations; 404 if gone."""


import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from tests.api.builders import (
    make_evaluation,
    make_indicator,
    make_initiative,
    make_professional,
    make_support_episode,
    pre_post_measure,
)
from tests.web.conftest import BOOSTED, HTMX

# An id no initiative has (fixed: parallel workers must collect the same tests).
UNKNOWN = "3f2b6a9e-0000-4000-8000-000000000000"


def test_the_page_shows_the_initiative_its_support_and_its_evaluations(
    web: TestClient, session: Session
) -> None:
    initiative = make_initiative(session, title="Moestuin <Sloterplein>", amountGranted=2500,
                                 fundingScheme="buurtbudget", continuedAfterSupport=True)
    professional = make_professional(session, name="Fatima el Amrani")
    make_support_episode(session, initiative.id, professional.id, hours=40)
    indicator = make_indicator(session, name="Sociale cohesie (test)")
    make_evaluation(session, initiative.id, evaluator="Hogeschool van Amsterdam",
                    outcomeMeasures=[pre_post_measure(indicator.id)])
    response = web.get(f"/initiatives/{initiative.id}")
    assert response.status_code == 200
    html = response.text
    assert "<h1 class=\"ams-heading ams-heading--1\">Moestuin &lt;Sloterplein&gt;</h1>" in html
    assert "Meerwaldtbuurt" in html  # the buurt by name
    assert "In uitvoering" in html and "Coproduceren" in html
    assert "Groen, Ontmoeting en sociale cohesie" in html
    assert "€ 2.500" in html
    assert "Fatima el Amrani" in html and "Participatiemakelaar" in html
    assert "Faciliterend" in html and "Verbinden en netwerken" in html
    assert "Bracht de bewoners in contact met de corporatie." in html
    assert "Hogeschool van Amsterdam" in html and "Voor- en nameting" in html
    assert "Sociale cohesie (test)" in html
    assert "Gemiddelde voormeting 5,6" in html and "n 80" in html
    for action in ("edit", "delete", "support-episodes/new", "evaluations/new"):
        assert f'href="/initiatives/{initiative.id}/{action}"' in html


def test_the_page_is_in_english_when_asked(web: TestClient, session: Session) -> None:
    initiative = make_initiative(session, status="afgerond")
    html = web.get(f"/initiatives/{initiative.id}?lang=en").text
    assert "Completed" in html and "No support recorded yet." in html


@pytest.mark.parametrize("headers", [{}, HTMX, BOOSTED], ids=["plain", "htmx", "boosted"])
def test_the_page_whole_or_as_a_fragment(
    web: TestClient, session: Session, headers: dict[str, str]
) -> None:
    initiative = make_initiative(session)
    response = web.get(f"/initiatives/{initiative.id}", headers=headers)
    assert response.status_code == 200
    if headers is HTMX:
        assert response.text.lstrip().startswith('<div id="initiative"')
    else:
        assert response.text.startswith("<!doctype html>")
    assert "HX-Request" in response.headers["vary"]


@pytest.mark.parametrize("path", [f"/initiatives/{UNKNOWN}", "/initiatives/geen-id",
                                  f"/initiatives/{UNKNOWN}/edit"])
def test_an_unknown_initiative_is_a_404_page(web: TestClient, path: str) -> None:
    response = web.get(path)
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.text
