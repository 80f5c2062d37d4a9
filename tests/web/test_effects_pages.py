"""The "Wat werkt" page: the API's numbers in tables, plots, sentences and CSV files; the
meta-regression; bad choices; who may see it."""

import csv
import html as markup
import io
import re
from typing import Any

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from tests.api.builders import BUURT_AA01, make_evaluation, make_indicator, make_initiative
from tests.web.conftest import BOOSTED, HTMX, WebFactory

GROUPED = "/effects?groupBy=organisationForm"
# The Dutch labels of the two organisation forms (vocabulary organisation-form).
FORMS = {"wijkpanel": "Wijkpanel / bewonerspanel", "zelfbeheer": "Zelfbeheer"}


def _world(session: Session) -> None:
    """Six initiatives in two organisation forms, one in Centrum, and one measure that
    gives only a direction."""
    indicator = make_indicator(session)
    for number, (form, change) in enumerate([("zelfbeheer", 1.2), ("zelfbeheer", 0.9),
                                             ("zelfbeheer", 1.0), ("wijkpanel", 0.2),
                                             ("wijkpanel", 0.1), ("wijkpanel", 0.4)]):
        place = {"buurtId": str(BUURT_AA01)} if number == 0 else {}
        initiative = make_initiative(session, title=f"Initiatief {number}",
                                     organisationForm=form, **place)
        make_evaluation(session, initiative.id, outcomeMeasures=[{
            "indicatorId": str(indicator.id), "kind": "pre-post", "meanPre": 5.0,
            "sdPre": 1.0, "meanPost": 5.0 + change, "sdPost": 1.0, "n": 40 + number,
            "prePostCorrelation": 0.5}])
    described = make_initiative(session, title="Alleen beschreven")
    make_evaluation(session, described.id, design="beschrijvend", outcomeMeasures=[{
        "indicatorId": str(indicator.id), "kind": "direction", "direction": "positive"}])


def _nl(value: float, decimals: int = 2) -> str:
    """A number as a Dutch reader writes it, formatted independently of the page's code."""
    return f"{value:.{decimals}f}".replace("-", "−").replace(".", ",").replace("−", "-")


def _rows(html: str, table_id: str) -> dict[str, list[str]]:
    """A table's body rows: the row header's text → the texts of its cells."""
    table = html[html.index(f'id="{table_id}"'):]
    body = table[table.index("<tbody>"):table.index("</tbody>")]
    found: dict[str, list[str]] = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, flags=re.DOTALL):
        cells = [re.sub(r"<[^>]+>", "", cell).strip()
                 for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.DOTALL)]
        found[cells[0]] = cells[1:]
    return found


def _csv(response: Any) -> list[dict[str, str]]:
    assert response.status_code == 200
    assert response.headers["content-disposition"].startswith("attachment; filename=")
    assert response.headers["content-type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # for Excel
    return list(csv.DictReader(io.StringIO(text[1:])))


@pytest.mark.parametrize("headers", [{}, HTMX, BOOSTED], ids=["plain", "htmx", "boosted"])
def test_the_table_shows_the_apis_numbers_with_interval_and_count(
    web: TestClient, client: TestClient, session: Session, headers: dict[str, str],
) -> None:
    _world(session)
    report = client.get("/v1/analysis/effects", params={"groupBy": "organisationForm"}).json()
    response = web.get(GROUPED, headers=headers)
    assert response.status_code == 200
    html = response.text
    rows = _rows(html, "forest-table")
    expected = [(FORMS[group["label"]], group) for group in report["groups"]]
    for name, group in [*expected, ("Alle initiatieven", report["overall"])]:
        model = group["model"]
        k, effect, interval, prediction, i2, tau2 = rows[name]
        assert k == str(group["k"]) and effect == _nl(model["estimate"])
        assert interval == f"{_nl(model['ciLb'])} tot {_nl(model['ciUb'])}"
        assert prediction == f"{_nl(model['piLb'])} tot {_nl(model['piUb'])}"
        assert i2 == f"{model['i2']:.0f}%" and tau2.startswith(_nl(model["tau2"], 3)[:4])
    if headers is HTMX:
        assert html.lstrip().startswith('<div id="effects-results"') and "<html" not in html
    else:
        assert html.startswith("<!doctype html>") and 'aria-current="page">Wat werkt' in html
    assert "HX-Request" in response.headers["vary"]


def test_an_effect_is_never_shown_without_its_interval_and_its_count(
    web: TestClient, session: Session,
) -> None:
    _world(session)
    html = web.get(GROUPED).text
    for cells in _rows(html, "forest-table").values():
        if cells[1] != "Geen schatting":
            assert cells[0].isdigit() and " tot " in cells[2]
    svg = html[html.index("<svg class=\"bk-plot__svg bk-forest"):html.index("</svg>")]
    numbers = re.findall(r'<text x="575" y="[\d.]+">([^<]*)</text>', svg)
    assert len(numbers) == 3 and all(re.fullmatch(r"-?\d,\d\d \(-?\d,\d\d tot -?\d,\d\d\)",
                                                  text) for text in numbers)
    headline = re.search(r'id="overall-effect">(.*?)</p>', html, flags=re.DOTALL)
    assert headline is not None
    assert re.search(r"Gemiddeld effect \d,\d\d \(95%-betrouwbaarheidsinterval \d,\d\d tot "
                     r"\d,\d\d; 6 initiatieven\)\.", headline.group(1))
    assert "In een nieuw initiatief ligt het effect naar verwachting tussen" in headline.group(1)


def test_the_forest_plot_is_described_and_has_a_row_per_group(
    web: TestClient, session: Session,
) -> None:
    _world(session)
    html = web.get(GROUPED).text
    assert re.search(r'<svg class="bk-plot__svg bk-forest" viewBox="0 0 760 \d+" role="img" '
                     r'aria-labelledby="forest-title" aria-describedby="forest-desc">', html)
    assert '<title id="forest-title">Bosdiagram: Effect per groep: Organisatievorm</title>' in html
    desc = re.search(r'<desc id="forest-desc">(.*?)</desc>', html, flags=re.DOTALL)
    assert desc is not None and "2 groepen" in desc.group(1)
    assert "Het grootste effect heeft Zelfbeheer" in desc.group(1)
    assert html.count('class="bk-forest__marker"') == 2
    assert html.count('class="bk-forest__marker bk-forest__marker--overall"') == 1
    assert html.count('class="bk-forest__ci"') == 3 and html.count('class="bk-forest__pi"') == 3
    assert '<caption class="ams-table__caption" id="forest-table-caption">' in html


def test_the_subgroup_test_is_said_in_words(
    web: TestClient, client: TestClient, session: Session,
) -> None:
    _world(session)
    test = client.get("/v1/analysis/effects",
                      params={"groupBy": "organisationForm"}).json()["subgroupTest"]
    html = markup.unescape(web.get(GROUPED).text)
    p = test["commonTau2"]["qmP"]
    assert p < 0.05
    shown = "p < 0,001" if p < 0.001 else f"p = {_nl(p, 3 if p < 0.1 else 2)}"
    assert f"De groepen verschillen: {shown} (toets met gemeenschappelijke tau²)." in html
    rows = _rows(html, "subgroup-table")
    assert rows["Gemeenschappelijke tau² (QM)"][:2] == [_nl(test["commonTau2"]["qm"]), "1"]
    html = web.get("/effects?groupBy=theme").text
    assert "De groepen overlappen" in html and 'id="subgroup-table"' not in html


def test_the_funnel_plot_has_a_point_per_initiative_and_its_csv(
    web: TestClient, session: Session,
) -> None:
    _world(session)
    html = web.get("/effects").text
    points = re.search(r'<path class="bk-funnel__points" d="([^"]*)"/>', html)
    assert points is not None and points.group(1).count("h0") == 6
    desc = re.search(r'<desc id="funnel-desc">(.*?)</desc>', html, flags=re.DOTALL)
    assert desc is not None and "6 initiatieven" in desc.group(1)
    assert "symmetr" not in desc.group(1)
    assert 'href="/effects.csv?part=initiatives' in html


def test_the_csv_files_hold_the_apis_numbers(
    web: TestClient, client: TestClient, session: Session,
) -> None:
    _world(session)
    params = {"groupBy": "organisationForm"}
    report = client.get("/v1/analysis/effects", params=params).json()
    groups = _csv(web.get("/effects.csv", params={"part": "groups", **params}))
    assert [row["group"] for row in groups] == ["wijkpanel", "zelfbeheer", "alle"]
    for row, group in zip(groups, [*report["groups"], report["overall"]], strict=True):
        assert float(row["estimate"]) == group["model"]["estimate"]
        assert float(row["ci_lb"]) == group["model"]["ciLb"] and int(row["k"]) == group["k"]
    initiatives = _csv(web.get("/effects.csv", params={"part": "initiatives", **params}))
    assert {row["initiative"]: float(row["yi"]) for row in initiatives} == {
        item["id"]: item["yi"] for item in report["overall"]["initiatives"]}
    tests = _csv(web.get("/effects.csv", params={"part": "subgroup-test", **params}))
    assert float(tests[0]["p"]) == report["subgroupTest"]["commonTau2"]["qmP"]
    counts = _csv(web.get("/effects.csv", params={"part": "counts", **params}))
    assert {row["code"]: row["count"] for row in counts}["direction_positive"] == "1"


def test_a_meta_regression_on_the_chosen_moderators(
    web: TestClient, client: TestClient, session: Session,
) -> None:
    _world(session)
    params = {"moderators": "organisationForm", "method": "ML"}
    model = client.get("/v1/analysis/effects/moderators", params=params).json()["model"]
    html = web.get("/effects", params=params).text
    assert 'id="moderator-organisationForm" name="moderators" value="organisationForm" ' \
           'form="effects-form" checked' in html
    rows = _rows(html, "regression-table")
    slope = model["coefficients"][1]
    assert rows["Organisatievorm: Zelfbeheer"][0] == _nl(slope["estimate"])
    assert re.search(r"Berekend over 6 initiatieven\. De moderatoren samen: QM = \d+,\d\d bij 1 "
                     r"vrijheidsgraden, p", markup.unescape(html))
    regression = _csv(web.get("/effects.csv", params={"part": "regression", **params}))
    assert [row["coefficient"] for row in regression] == ["intrcpt", "organisationFormzelfbeheer"]
    assert float(regression[1]["estimate"]) == slope["estimate"]


def test_a_meta_regression_the_api_cannot_fit_is_a_message_in_the_page(
    web: TestClient, session: Session,
) -> None:
    _world(session)  # no initiative has an amount granted: the API answers 422
    response = web.get("/effects", params={"moderators": "amountGranted"})
    assert response.status_code == 200
    assert 'id="regression-problem"' in response.text
    assert "Deze meta-regressie kan niet" in response.text
    assert 'id="forest-table"' in response.text  # the rest of the page is still there


@pytest.mark.parametrize("params", [{"groupBy": "schoenmaat"}, {"method": "XYZ"},
                                    {"indicator": "bestaat-niet"}, {"area": "ZZ"}])
def test_a_choice_the_api_refuses_is_a_message_not_an_error(
    web: TestClient, params: dict[str, str],
) -> None:
    response = web.get("/effects", params=params)
    assert response.status_code == 400
    assert "Deze keuze kan niet" in response.text and 'id="effects-form"' in response.text
    name = next(iter(params))
    assert f'href="#effects-{name}"' in response.text
    assert web.get("/effects.csv", params={"part": "groups", **params}).status_code in (400, 404)


def test_an_unknown_csv_part_is_not_found(web: TestClient) -> None:
    assert web.get("/effects.csv", params={"part": "alles"}).status_code == 404


def test_without_effects_the_page_says_so(web: TestClient, session: Session) -> None:
    _world(session)
    response = web.get("/effects", params={"area": "A", "theme": "cultuur"})
    assert response.status_code == 200
    assert 'id="effects-empty"' in response.text and 'id="forest-table"' not in response.text


def test_a_viewer_sees_it_and_in_english_with_a_decimal_point(
    web_as: WebFactory, client: TestClient, session: Session,
) -> None:
    _world(session)
    estimate = client.get("/v1/analysis/effects").json()["overall"]["model"]["estimate"]
    viewer = web_as("viewer")
    assert f"Gemiddeld effect {_nl(estimate)}" in viewer.get("/effects").text
    html = viewer.get("/effects?lang=en").text
    assert f"Average effect {estimate:.2f} (95% confidence interval" in html


def test_someone_not_signed_in_is_sent_to_the_login(anonymous_web: TestClient) -> None:
    for path in ("/effects", "/effects.csv?part=groups"):
        response = anonymous_web.get(path, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/login")
