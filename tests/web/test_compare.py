"""Comparing initiatives and buurten: plain, htmx fragment, boosted; the 2–4 rule; differences."""

import re
import uuid
from pathlib import Path

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from tests.api.builders import (
    BUURT_AA01,
    make_evaluation,
    make_indicator,
    make_initiative,
    make_professional,
    make_support_episode,
    pre_post_measure,
)
from tests.web.conftest import BOOSTED, HTMX
from web.api_client.compare import OutcomeMeasure
from web.comparison import Outcome, Row, counted, in_order, mean_change, standardised_change


def _row(html: str, label: str) -> str:
    """The table row whose header starts with `label`."""
    found = re.search(r"<tr[^>]*>\s*<th[^>]*scope=\"row\">" + re.escape(label) + r".*?</tr>",
                      html, flags=re.DOTALL)
    assert found is not None, label
    return found.group(0)


def _differs(row: str) -> bool:
    return row.startswith('<tr class="bk-differs">') and "(verschilt)" in row


def _two(session: Session) -> tuple[str, str]:
    garden = make_initiative(session, title="Moestuin Sloterplein", participants=40,
                             amountRequested=5000, amountGranted=4000, ownContribution=500)
    cafe = make_initiative(session, title="Taalcafé", organisationForm="buurtbudget",
                           participants=40, amountRequested=2000, amountGranted=4000)
    professional = make_professional(session)
    make_support_episode(session, garden.id, professional.id, hours=40)
    indicator = make_indicator(session)
    make_evaluation(session, garden.id, outcomeMeasures=[pre_post_measure(indicator.id)])
    return str(garden.id), str(cafe.id)


@pytest.mark.parametrize("headers", [{}, HTMX, BOOSTED], ids=["plain", "htmx", "boosted"])
def test_two_initiatives_side_by_side_with_the_differences_marked(
    web: TestClient, session: Session, headers: dict[str, str]
) -> None:
    garden, cafe = _two(session)
    response = web.get(f"/compare?initiative={garden}&initiative={cafe}", headers=headers)
    assert response.status_code == 200
    html = response.text
    assert "<caption" in html and 'scope="col"' in html
    assert f'href="/initiatives/{garden}">Moestuin Sloterplein' in html
    assert _differs(_row(html, "Organisatievorm"))
    assert "Buurtbudget / wijkbudget" in _row(html, "Organisatievorm")
    assert not _differs(_row(html, "Participatieniveau"))
    assert not _differs(_row(html, "Deelnemers"))
    assert not _differs(_row(html, "Toegekend bedrag"))
    assert _differs(_row(html, "Aangevraagd bedrag"))
    assert "€&nbsp;5.000" in _row(html, "Aangevraagd bedrag")
    assert "Fatima el Amrani" in _row(html, "Ondersteund door")
    assert _differs(_row(html, "Uren ondersteuning"))
    assert "Sociale cohesie (test): 5,6 → 6,1 (verandering 0,42)" in _row(html, "Uitkomstmaten")
    assert "Eerste aanwijzingen" in html or "eerste aanwijzingen" in html.lower()
    if headers is HTMX:
        assert html.lstrip().startswith('<div id="comparison"')
        assert "<html" not in html
    else:
        assert html.startswith("<!doctype html>")
    assert "HX-Request" in response.headers["vary"]


@pytest.mark.parametrize("count", [1, 5])
@pytest.mark.parametrize("headers", [{}, HTMX, BOOSTED], ids=["plain", "htmx", "boosted"])
def test_fewer_than_two_or_more_than_four_is_a_422_that_says_so(
    web: TestClient, session: Session, count: int, headers: dict[str, str]
) -> None:
    ids = [str(make_initiative(session, title=f"Initiatief {n}").id) for n in range(count)]
    query = "&".join(f"initiative={initiative_id}" for initiative_id in ids)
    response = web.get(f"/compare?{query}", headers=headers)
    assert response.status_code == 422
    assert "Kies 2 tot 4 initiatieven" in response.text
    assert f"U koos {count} initiatie" in response.text
    assert "<table" not in response.text
    assert response.text.count('name="initiative"') == count  # checked, to untick some


def test_the_start_page_offers_the_form_without_a_complaint(web: TestClient) -> None:
    response = web.get("/compare")
    assert response.status_code == 200
    assert 'role="alert"' not in response.text
    form = re.search(r'<form id="compare-form"[^>]*>', response.text)
    assert form is not None and 'method="get"' in form.group(0)
    assert '<label class="ams-label" for="compare-q">' in response.text


def test_the_same_initiative_twice_counts_once(web: TestClient, session: Session) -> None:
    initiative = str(make_initiative(session).id)
    response = web.get(f"/compare?initiative={initiative}&initiative={initiative}")
    assert response.status_code == 422
    assert "U koos 1 initiatief." in response.text


def test_searching_by_title_offers_initiatives_to_tick(web: TestClient, session: Session) -> None:
    garden, cafe = _two(session)
    response = web.get(f"/compare?initiative={garden}&q=taal&action=search")
    assert response.status_code == 200
    assert f'name="initiative" value="{cafe}">' in response.text
    assert f'name="initiative" value="{garden}" checked>' in response.text


def test_an_id_pasted_into_the_search_field_is_added(web: TestClient, session: Session) -> None:
    garden, cafe = _two(session)
    response = web.get(f"/compare?initiative={garden}&q={cafe}&action=compare")
    assert response.status_code == 200
    assert "<table" in response.text and "Taalcafé" in response.text


def test_pressing_compare_ignores_a_search_term_left_in_the_field(
    web: TestClient, session: Session
) -> None:
    garden, _cafe = _two(session)
    response = web.get(f"/compare?initiative={garden}&q=taal&action=compare")
    assert response.status_code == 422


# Fixed values: pytest-xdist workers must collect the same test ids.
@pytest.mark.parametrize("bad", ["8d1c5b4e-0000-4000-8000-000000000000", "geen-id"])
def test_an_unknown_initiative_is_a_404(web: TestClient, session: Session, bad: str) -> None:
    initiative = str(make_initiative(session).id)
    response = web.get(f"/compare?initiative={initiative}&initiative={bad}")
    assert response.status_code == 404


def test_the_comparison_is_in_english_when_asked(web: TestClient, session: Session) -> None:
    garden, cafe = _two(session)
    html = web.get(f"/compare?initiative={garden}&initiative={cafe}&lang=en").text
    assert "Compare initiatives" in html and "(differs)" in html and "Hours of support" in html


def test_an_unreachable_api_is_a_503_on_the_comparison(web_without_api: TestClient) -> None:
    ids = "&".join(f"initiative={uuid.uuid4()}" for _ in range(2))
    response = web_without_api.get(f"/compare?{ids}")
    assert response.status_code == 503
    assert "Even niet bereikbaar" in response.text



# --- buurten ------------------------------------------------------------------------------

def _two_buurten(session: Session) -> None:
    """FD03 (Meerwaldtbuurt): two initiatives, one supported and evaluated; AA01: one."""
    garden = make_initiative(session, title="Moestuin Sloterplein", themes=["groen"])
    make_initiative(session, title="Taalcafé", themes=["taal-educatie", "groen"])
    make_initiative(session, title="Buurtfeest", buurtId=str(BUURT_AA01), themes=["groen"],
                    organisationForm="buurtbudget")
    professional = make_professional(session)
    make_support_episode(session, garden.id, professional.id, hours=40)
    indicator = make_indicator(session)
    make_evaluation(session, garden.id, outcomeMeasures=[
        pre_post_measure(indicator.id), pre_post_measure(indicator.id, meanPost=5.0)])


@pytest.mark.parametrize("headers", [{}, HTMX, BOOSTED], ids=["plain", "htmx", "boosted"])
def test_two_buurten_side_by_side_with_the_differences_marked(
    web: TestClient, session: Session, headers: dict[str, str]
) -> None:
    _two_buurten(session)
    response = web.get("/compare/buurten?buurt=FD03&buurt=aa01", headers=headers)
    assert response.status_code == 200
    html = response.text
    assert 'href="/areas/FD03">Meerwaldtbuurt' in html
    total = _row(html, "Aantal initiatieven")
    assert _differs(total) and re.findall(r'<td class="ams-table__cell">(\d+)', total) == ["2", "1"]
    assert "Groen (2)" in _row(html, "Thema's") and _differs(_row(html, "Thema's"))
    assert _differs(_row(html, "Organisatievormen"))
    assert _differs(_row(html, "Uren ondersteuning"))
    assert "40" in _row(html, "Uren ondersteuning")
    # (6.1 - 5.6) / 1.2 = 0.417 and (5.0 - 5.6) / 1.2 = -0.5: the mean is -0.04
    assert "-0,04" in _row(html, "Gemiddelde gestandaardiseerde verandering")
    assert 'id="compare-capped"' not in html
    if headers is HTMX:
        assert html.lstrip().startswith('<div id="comparison"')
    else:
        assert html.startswith("<!doctype html>")


@pytest.mark.parametrize("query", ["buurt=FD03", "buurt=FD03&buurt=FD03",
                                   "buurt=AA01&buurt=AA02&buurt=FD03&buurt=FD01&buurt=FD02"])
def test_fewer_than_two_or_more_than_four_buurten_is_a_422(web: TestClient, query: str) -> None:
    response = web.get(f"/compare/buurten?{query}")
    assert response.status_code == 422
    assert "Kies 2 tot 4 buurten" in response.text
    assert "<table" not in response.text


@pytest.mark.parametrize("code", ["ZZ99", "FD"])  # unknown, and a wijk rather than a buurt
def test_an_unknown_buurt_is_a_404(web: TestClient, code: str) -> None:
    assert web.get(f"/compare/buurten?buurt=FD03&buurt={code}").status_code == 404


def test_buurten_are_found_by_name_or_added_by_code(web: TestClient) -> None:
    found = web.get("/compare/buurten?buurt=FD03&q=planc&action=search")
    assert found.status_code == 200
    assert 'name="buurt" value="AA01">' in found.text
    added = web.get("/compare/buurten?buurt=FD03&q=aa01&action=compare")
    assert added.status_code == 200 and "<table" in added.text


def test_the_buurten_start_page_offers_the_form(web: TestClient) -> None:
    response = web.get("/compare/buurten")
    assert response.status_code == 200
    assert '<label class="ams-label" for="compare-q">' in response.text


def test_a_link_with_one_buurt_to_start_from_is_no_complaint(web: TestClient) -> None:
    response = web.get("/compare/buurten?buurt=FD03&action=search")
    assert response.status_code == 200
    assert 'role="alert"' not in response.text
    assert 'name="buurt" value="FD03" checked>' in response.text


def test_the_buurten_comparison_is_in_english_when_asked(web: TestClient) -> None:
    html = web.get("/compare/buurten?buurt=FD03&buurt=AA01&lang=en").text
    assert "Compare neighbourhoods" in html and "Number of initiatives" in html


# --- the pure parts ------------------------------------------------------------------------

def _measure(**values: float) -> OutcomeMeasure:
    return OutcomeMeasure(id="m", indicator_id="i", kind="pre-post", **values)


def test_the_standardised_change_is_signed_so_that_positive_is_better() -> None:
    measure = _measure(mean_pre=5.6, sd_pre=1.2, mean_post=6.1)
    assert standardised_change(measure) == pytest.approx(0.41667, abs=1e-4)
    assert standardised_change(measure, higher_is_better=False) == pytest.approx(-0.41667,
                                                                                abs=1e-4)
    assert standardised_change(_measure(mean_pre=5.6, mean_post=6.1)) is None  # no SD
    two_groups = OutcomeMeasure(id="m", indicator_id="i", kind="two-group")
    assert standardised_change(two_groups) is None


def test_the_mean_change_leaves_out_measures_without_one() -> None:
    outcomes = [Outcome("a", "pre-post", change=0.4), Outcome("b", "pre-post", change=-0.2),
                Outcome("c", "direction", direction="positive")]
    assert mean_change(outcomes) == pytest.approx(0.1)
    assert mean_change(outcomes[2:]) is None


def test_a_row_differs_only_when_its_values_do() -> None:
    assert Row("hours", "number", (40.0, 40)).differs is False
    assert Row("hours", "number", (None, None)).differs is False
    assert Row("hours", "number", (None, 0)).differs is True
    assert Row("themes", "terms", (("groen",), ("groen", "jeugd"))).differs is True


def test_counts_come_most_frequent_first_and_ties_in_the_vocabulary_order() -> None:
    order = ["ontmoeting", "groen", "jeugd"]
    assert counted(["jeugd", "groen", "jeugd", "ontmoeting"], order) == (
        ("jeugd", 2), ("ontmoeting", 1), ("groen", 1))
    assert in_order(["jeugd", "groen", "jeugd"], order) == ("groen", "jeugd")


def test_the_print_stylesheet_prints_the_comparisons_in_landscape_without_the_form() -> None:
    css = (Path(__file__).resolve().parents[2] / "services/web/web/static/print.css").read_text()
    assert "@page compare" in css and "page: compare;" in css
    assert ".bk-compare__form" in css and ".bk-compare .bk-differs" in css
