"""The initiatives list: plain, as an htmx fragment and boosted; filters, order and pages."""

import re

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from tests.api.builders import BUURT_AA01, make_initiative
from tests.web.conftest import BOOSTED, HTMX


def _titles(html: str) -> list[str]:
    return re.findall(r'<a class="ams-link" href="/initiatives/[0-9a-f-]{36}">([^<]+)</a>', html)


def test_the_list_shows_initiatives_with_labels_from_the_vocabularies(
    web: TestClient, session: Session
) -> None:
    make_initiative(session, title="Taalcafé <De Banne>", status="in-uitvoering",
                    organisationForm="buurtbudget", themes=["taal-educatie"])
    response = web.get("/initiatives")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert '<html lang="nl">' in response.text
    assert "Taalcafé &lt;De Banne&gt;" in response.text
    assert "1 initiatief gevonden" in response.text
    assert "In uitvoering" in response.text
    assert "Buurtbudget / wijkbudget" in response.text
    assert "Taal en educatie" in response.text
    assert "Meerwaldtbuurt" in response.text  # the buurt by name, not by id
    assert "Wijkaanpak" in response.text
    assert "Bron: Gemeente Amsterdam (gebiedsindeling, open geodata)." in response.text
    assert "HX-Request" in response.headers["vary"]


def test_an_htmx_request_gets_only_the_results_and_the_count(
    web: TestClient, session: Session
) -> None:
    make_initiative(session, title="Moestuin Sloterplein")
    response = web.get("/initiatives?q=moestuin", headers=HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="results"')
    assert "<html" not in response.text and "<header" not in response.text
    assert 'id="result-count" hx-swap-oob="innerHTML"' in response.text
    assert 'id="alerts" hx-swap-oob="innerHTML"' in response.text  # old alerts are cleared
    assert _titles(response.text) == ["Moestuin Sloterplein"]
    assert "HX-Request" in response.headers["vary"]


@pytest.mark.parametrize("headers", [BOOSTED, {**HTMX, "HX-History-Restore-Request": "true"}],
                         ids=["boosted", "history-restore"])
def test_boosted_navigation_and_history_restores_get_the_whole_page(
    web: TestClient, headers: dict[str, str]
) -> None:
    response = web.get("/initiatives", headers=headers)
    assert response.status_code == 200
    assert response.text.startswith("<!doctype html>")
    assert '<main id="main"' in response.text
    assert "hx-swap-oob" not in response.text
    assert "HX-Request" in response.headers["vary"]


def test_the_filters_reach_the_api_and_stay_in_the_form(web: TestClient, session: Session) -> None:
    make_initiative(session, title="Groene gevels", status="afgerond", themes=["groen"])
    make_initiative(session, title="Groene daken", status="idee", themes=["groen"])
    make_initiative(session, title="Groene buurtkrant", status="afgerond", themes=["buurtmedia"])
    make_initiative(session, title="Groen in het centrum", status="afgerond", themes=["groen"],
                    buurtId=str(BUURT_AA01))
    response = web.get("/initiatives?q=groen&area=F&status=afgerond&theme=groen")
    assert _titles(response.text) == ["Groene gevels"]
    assert 'value="groen"' in response.text
    assert '<option value="F" selected>Nieuw-West</option>' in response.text
    assert '<option value="afgerond" selected>Afgerond</option>' in response.text
    assert '<option value="groen" selected>Groen</option>' in response.text


def test_the_filter_form_works_without_javascript_and_filters_live_with_htmx(
    web: TestClient,
) -> None:
    html = web.get("/initiatives").text
    form = re.search(r'<form id="filters"[^>]*>', html)
    assert form is not None
    tag = form.group(0)
    assert 'method="get"' in tag and 'action="/initiatives"' in tag
    assert 'hx-trigger="submit, input delay:400ms"' in tag
    assert 'hx-push-url="true"' in tag and 'hx-target="#results"' in tag
    assert '<button class="ams-button ams-button--primary" type="submit">' in html


def test_sorting_links_keep_the_filters_and_reverse_on_a_second_click(
    web: TestClient, session: Session
) -> None:
    for title, start in (("Buurtfeest", "2012-01-01"), ("Avondwandeling", "2011-01-01"),
                         ("Computercursus", "2013-01-01")):
        make_initiative(session, title=title, startDate=start)
    html = web.get("/initiatives?q=e&sort=startDate").text
    assert _titles(html) == ["Avondwandeling", "Buurtfeest", "Computercursus"]
    assert 'href="/initiatives?q=e&amp;sort=-startDate"' in html
    assert 'aria-sort="ascending"' in html
    assert 'href="/initiatives?q=e&amp;sort=status"' in html
    descending = web.get("/initiatives?q=e&sort=-startDate").text
    assert _titles(descending) == ["Computercursus", "Buurtfeest", "Avondwandeling"]
    assert 'aria-sort="descending"' in descending


def test_pages_keep_the_filters_and_the_order(web: TestClient, session: Session) -> None:
    for number in range(30):
        make_initiative(session, title=f"Speeltuin {number:02d}", status="idee")
    first = web.get("/initiatives?status=idee&sort=-title")
    assert "30 initiatieven gevonden" in first.text
    assert _titles(first.text)[0] == "Speeltuin 29"
    assert len(_titles(first.text)) == 25
    next_page = "/initiatives?status=idee&amp;sort=-title&amp;page=2"
    assert f'rel="next" href="{next_page}"' in first.text
    second = web.get("/initiatives?status=idee&sort=-title&page=2", headers=HTMX)
    assert _titles(second.text) == [f"Speeltuin {n:02d}" for n in range(4, -1, -1)]
    assert 'aria-current="page"' in second.text
    assert 'rel="prev" href="/initiatives?status=idee&amp;sort=-title"' in second.text


def test_a_page_past_the_end_offers_the_first_page(web: TestClient, session: Session) -> None:
    make_initiative(session)
    response = web.get("/initiatives?page=9")
    assert response.status_code == 200
    assert 'href="/initiatives"' in response.text
    assert "Deze pagina is leeg." in response.text


@pytest.mark.parametrize("headers", [{}, HTMX, BOOSTED], ids=["plain", "htmx", "boosted"])
def test_filters_the_api_refuses_come_back_as_422_with_the_message_at_the_field(
    web: TestClient, headers: dict[str, str]
) -> None:
    response = web.get("/initiatives?status=bestaat-niet", headers=headers)
    assert response.status_code == 422
    assert 'href="#filter-status"' in response.text
    if headers is HTMX:
        assert response.text.lstrip().startswith('<div id="results"')
        assert "HX-Retarget" not in response.headers  # the results show the problem
    else:
        assert 'id="filter-status-error"' in response.text
        assert 'aria-invalid="true"' in response.text


def test_the_list_is_in_english_when_asked(web: TestClient, session: Session) -> None:
    make_initiative(session, status="afgerond", themes=["groen"])
    response = web.get("/initiatives?lang=en")
    assert '<html lang="en">' in response.text
    assert "1 initiative found" in response.text
    assert "Completed" in response.text and "Greenery" in response.text
    assert "All districts" in response.text
    assert "Afgerond" not in response.text


def test_each_row_has_a_labelled_checkbox_to_compare_it(web: TestClient, session: Session) -> None:
    initiative = make_initiative(session, title="Moestuin Sloterplein")
    response = web.get("/initiatives")
    assert response.status_code == 200
    html = response.text
    assert '<form id="compare-form" method="get" action="/compare"' in html
    checkbox = f'id="compare-{initiative.id}" name="initiative" value="{initiative.id}"'
    assert f'<input type="checkbox" {checkbox}>' in html
    assert (f'<label class="ams-visually-hidden" for="compare-{initiative.id}">'
            "Vergelijk Moestuin Sloterplein</label>") in html
    assert 'name="action" value="compare">Vergelijk de gekozen initiatieven</button>' in html
    fragment = web.get("/initiatives?q=moestuin", headers=HTMX).text
    assert f'<input type="checkbox" {checkbox}>' in fragment  # live filtering keeps them


def test_submitting_two_ticked_initiatives_shows_the_comparison(
    web: TestClient, session: Session
) -> None:
    garden = make_initiative(session, title="Moestuin Sloterplein")
    cafe = make_initiative(session, title="Taalcafé De Banne")
    listed = web.get("/initiatives").text
    action = re.search(r'<form id="compare-form" method="get" action="([^"]+)"', listed)
    ticked = re.findall(r'<input type="checkbox" id="compare-[^"]+" name="(initiative)" '
                        r'value="([^"]+)">', listed)
    assert action
    assert sorted(value for _name, value in ticked) == sorted(map(str, [garden.id, cafe.id]))
    response = web.get(action.group(1), params=[*ticked, ("action", "compare")])
    assert response.status_code == 200
    assert f'href="/initiatives/{garden.id}">Moestuin Sloterplein' in response.text
    assert f'href="/initiatives/{cafe.id}">Taalcafé De Banne' in response.text
    assert "<caption" in response.text
