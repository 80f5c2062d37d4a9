"""The "Succesfactoren" page over demo data: the API's solutions in Dutch sentences, its
numbers in the tables, the initiatives behind every path, the CSV files; choices the page or
the API refuse; htmx; who may see it."""

import csv
import html as markup
import io
import re
from typing import Any
from urllib.parse import urlencode

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from api.demo import generate_demo
from tests.web.conftest import BOOSTED, HTMX, WebFactory

CONDITIONS = ["residentInitiated", "makelaarInvolved", "hours", "organisationForm=zelfbeheer"]
# The combination the demo generator plants (docs/success-factors.md), as the page asks it.
PLANTED = [("outcome", "effect"), *(("conditions", name) for name in CONDITIONS),
           ("effectE", "0.1"), ("effectC", "0,35"), ("effectI", "0.6"), ("nCut", "5"),
           ("solution", "parsimonious")]
PLANTED_BODY = {
    "conditions": [{"attribute": name} for name in CONDITIONS],
    "outcome": {"kind": "effect", "calibration": {
        "type": "fuzzy", "thresholds": {"e": 0.1, "c": 0.35, "i": 0.6}}},
    "solution": "parsimonious", "inclCut": 0.8, "nCut": 5,
}
PAGE = "/success-factors?" + urlencode(PLANTED)


@pytest.fixture
def demo(session: Session) -> None:
    generate_demo(session, initiatives=600)


def _planted(client: TestClient) -> dict[str, Any]:
    response = client.post("/v1/analysis/success-factors", json=PLANTED_BODY)
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def _nl(value: float) -> str:
    """Two decimals as a Dutch reader writes them, formatted apart from the page's code."""
    return f"{value:.2f}".replace(".", ",")


def _rows(html: str, table_id: str) -> list[list[str]]:
    """A table's body rows, each as the texts of its cells (row header first)."""
    table = html[html.index(f'id="{table_id}"'):]
    body = table[table.index("<tbody>"):table.index("</tbody>")]
    return [[markup.unescape(re.sub(r"<[^>]+>", "", cell)).strip()
             for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.DOTALL)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, flags=re.DOTALL)]


def _csv(response: Any) -> list[dict[str, str]]:
    assert response.status_code == 200
    assert response.headers["content-disposition"].startswith("attachment; filename=")
    assert response.headers["content-type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


@pytest.mark.usefixtures("demo")
def test_the_planted_path_is_a_dutch_sentence_with_its_fit(
    web: TestClient, client: TestClient,
) -> None:
    [solution] = _planted(client)["solutions"]
    assert solution["expression"] == "RESIDENT_INITIATED*MAKELAAR_INVOLVED"
    response = web.get(PAGE)
    assert response.status_code == 200
    html = markup.unescape(response.text)
    assert ("Initiatieven van bewoners zelf, met ondersteuning van een participatiemakelaar, "
            f"zijn effectief (consistentie {_nl(solution['inclS'])}; dekking "
            f"{_nl(solution['covS'])}).") in html
    assert "<code>RESIDENT_INITIATED*MAKELAAR_INVOLVED → EFFECTIEF</code>" in html


@pytest.mark.usefixtures("demo")
def test_the_tables_hold_the_apis_numbers(web: TestClient, client: TestClient) -> None:
    result = _planted(client)
    html = web.get(PAGE).text
    [solution] = result["solutions"]
    rows = _rows(html, "sf-M1-table")
    for term, row in zip(solution["terms"], rows, strict=False):
        assert row == [term["term"], _nl(term["inclS"]), _nl(term["pri"]), _nl(term["covS"]),
                       "—" if term["covU"] is None else _nl(term["covU"]),
                       str(len(term["cases"]))]
    assert rows[-1][:4] == ["Het hele model", _nl(solution["inclS"]), _nl(solution["pri"]),
                            _nl(solution["covS"])]
    truth = _rows(html, "sf-truth-table")
    assert len(truth) == len(result["truthTable"]["rows"])
    outs = {"1": "ja", "0": "nee", "C": "tegenstrijdig", "?": "rest: te weinig initiatieven"}
    for shown, row in zip(truth, result["truthTable"]["rows"], strict=True):
        yes_no = ["ja" if row["configuration"][name] else "nee" for name in result["conditions"]]
        assert shown == [*yes_no, outs[row["out"]], str(row["n"]), _nl(row["incl"]),
                         _nl(row["pri"])]


@pytest.mark.usefixtures("demo")
def test_the_initiatives_behind_each_path_link_to_their_pages(
    web: TestClient, client: TestClient,
) -> None:
    result = _planted(client)
    html = web.get(PAGE).text
    [term] = result["solutions"][0]["terms"]
    listed = html[html.index("De initiatieven op weg 1"):]
    listed = listed[:listed.index("</details>")]
    assert set(re.findall(r'href="/initiatives/([0-9a-f-]{36})"', listed)) == set(term["cases"])
    assert f"De initiatieven op weg 1 ({len(term['cases'])})" in listed


@pytest.mark.usefixtures("demo")
def test_the_xy_plot_has_a_point_per_position_and_says_what_it_shows(web: TestClient) -> None:
    html = markup.unescape(web.get(PAGE).text)
    assert re.search(r'<svg class="bk-plot__svg bk-sf__xy" viewBox="0 0 380 380" role="img" '
                     r'aria-labelledby="sf-M1-plot-title" aria-describedby="sf-M1-plot-desc">',
                     html)
    desc = re.search(r'<desc id="sf-M1-plot-desc">(.*?)</desc>', html, flags=re.DOTALL)
    assert desc is not None
    assert re.search(r"Een punt per initiatief, \d+ initiatieven\. Horizontaal het lidmaatschap "
                     r"van model M1, verticaal dat van de uitkomst \(effectief\)", desc.group(1))
    assert "liggen op of boven de diagonaal" in desc.group(1)


@pytest.mark.usefixtures("demo")
def test_the_csv_files_hold_the_apis_numbers(web: TestClient, client: TestClient) -> None:
    result = _planted(client)
    query = urlencode(PLANTED)
    cases = _csv(web.get(f"/success-factors.csv?part=cases&{query}"))
    assert len(cases) == len(result["cases"])
    first, api_case = cases[0], result["cases"][0]
    assert first["initiative"] == api_case["id"]
    assert float(first["HOURS_raw"]) == api_case["raw"]["HOURS"]
    assert float(first["EFFECTIEF"]) == pytest.approx(api_case["outcome"])
    memberships = api_case["memberships"]
    assert float(first["solution_M1"]) == pytest.approx(
        min(memberships["RESIDENT_INITIATED"], memberships["MAKELAAR_INVOLVED"]))
    truth = _csv(web.get(f"/success-factors.csv?part=truth-table&{query}"))
    assert [int(row["n"]) for row in truth] == [row["n"] for row in result["truthTable"]["rows"]]
    solutions = _csv(web.get(f"/success-factors.csv?part=solutions&{query}"))
    [term] = result["solutions"][0]["terms"]
    assert [row["level"] for row in solutions] == ["solution", "term"]
    assert float(solutions[1]["incl_s"]) == pytest.approx(term["inclS"])
    assert set(solutions[1]["cases"].split("|")) == set(term["cases"])
    assert web.get(f"/success-factors.csv?part=elders&{query}").status_code == 404


@pytest.mark.parametrize("count", [2, 9])
def test_fewer_than_three_or_more_than_eight_conditions_is_a_message_at_the_field(
    web: TestClient, count: int,
) -> None:
    names = ["residentInitiated", "makelaarInvolved", "residentInitiatedWithMakelaar", "hours",
             "amountGranted", "durationMonths", "organisationForm=zelfbeheer",
             "supportStyle=overnemend", "supportStyle=faciliterend"][:count]
    response = web.get("/success-factors?" + urlencode(
        [("outcome", "effect"), *(("conditions", name) for name in names)]))
    assert response.status_code == 400
    html = response.text
    expected = ("Kies ten minste 3 voorwaarden; nu zijn het er 2." if count == 2
                else "Kies hoogstens 8 voorwaarden; nu zijn het er 9.")
    field = re.search(r'<p class="ams-error-message" id="sf-conditions-error">(.*?)</p>', html,
                      flags=re.DOTALL)
    assert field is not None and expected in field.group(1)
    assert 'aria-describedby="sf-conditions-hint sf-conditions-error"' in html
    assert f'<a class="ams-link" href="#sf-conditions">{expected}</a>' in html
    assert "Wegen naar de uitkomst" not in html


def test_thresholds_that_are_no_numbers_or_that_the_api_refuses_are_said_at_their_fields(
    web: TestClient,
) -> None:
    query = [("outcome", "effect"), *(("conditions", name) for name in CONDITIONS)]
    html = web.get("/success-factors?" + urlencode([*query, ("hoursE", "veel")])).text
    assert re.search(r'id="sf-hoursE-error">.*Vul een getal in', html)
    assert 'id="sf-hoursE" name="hoursE" value="veel"' in html
    refused = web.get("/success-factors?" + urlencode(
        [*query, ("hoursE", "100"), ("hoursC", "50"), ("hoursI", "50")]))
    assert refused.status_code == 400
    assert 'id="sf-hours-error"' in refused.text
    assert 'href="#sf-hours"' in refused.text


def test_data_the_api_cannot_analyse_is_a_message_in_the_page(web: TestClient) -> None:
    """No initiatives at all: the API's 422, in words, and the form to try again."""
    response = web.get("/success-factors")
    assert response.status_code == 200
    html = markup.unescape(response.text)
    problem = re.search(r'id="sf-problem">(.*?)</div>\s*</div>', html, flags=re.DOTALL)
    assert problem is not None
    assert "Deze analyse kan niet" in problem.group(1)
    assert "Te weinig initiatieven met deze gegevens." in problem.group(1)
    assert 'id="sf-form"' in html


@pytest.mark.usefixtures("demo")
def test_intermediate_without_expectations_shows_the_apis_reason(web: TestClient) -> None:
    query = [(key, value) for key, value in PLANTED if key != "solution"]
    html = markup.unescape(web.get("/success-factors?" + urlencode(
        [*query, ("solution", "intermediate")])).text)
    assert "Deze analyse kan niet" in html
    assert '<span lang="en">The intermediate solution needs directional expectations' in html
    with_expectations = web.get("/success-factors?" + urlencode(
        [*query, ("solution", "intermediate"),
         ("dirExp", "resident_initiated, MAKELAAR_INVOLVED")]))
    assert with_expectations.status_code == 200 and 'id="sf-M1-table"' in with_expectations.text


@pytest.mark.parametrize("headers", [HTMX, BOOSTED], ids=["htmx", "boosted"])
def test_htmx_swaps_the_form_and_the_results_and_boosted_gets_the_page(
    web: TestClient, headers: dict[str, str],
) -> None:
    response = web.get("/success-factors?" + urlencode([("outcome", "effect"),
                                                        ("conditions", "hours")]),
                       headers=headers)
    html = response.text
    if headers is HTMX:
        assert html.lstrip().startswith('<div id="sf-analysis">') and "<html" not in html
        assert 'id="sf-conditions-error"' in html
    else:
        assert html.startswith("<!doctype html>")
        assert 'aria-current="page">Succesfactoren' in html
    assert "HX-Request" in response.headers["vary"]


def test_the_form_offers_the_conditions_and_draws_each_calibration(web: TestClient) -> None:
    html = markup.unescape(web.get("/success-factors").text)
    for name in ["residentInitiated", "makelaarInvolved", "organisationForm=zelfbeheer",
                 "supportStyle=overnemend", "professionalRole=participatiemakelaar"]:
        assert f'name="conditions" value="{name}"' in html
    for name, label in [("hours", "Uren ondersteuning"), ("amountGranted", "Toegekend bedrag (€)"),
                        ("durationMonths", "Looptijd (maanden)")]:
        assert f'<title id="sf-{name}-chart-title">Kalibratie: {label}</title>' in html
    desc = re.search(r'<desc id="sf-hours-chart-desc">(.*?)</desc>', html, flags=re.DOTALL)
    assert desc is not None
    assert "Bij 40 is het lidmaatschap 0,50 (omslagpunt)." in desc.group(1)
    assert "Bij 150 is het lidmaatschap 0,95 (volledig erin)." in desc.group(1)
    assert 'id="sf-hoursC" name="hoursC" value="40"' in html


@pytest.mark.usefixtures("demo")
def test_a_viewer_sees_it_in_english(web_as: WebFactory) -> None:
    html = markup.unescape(web_as("viewer").get(PAGE + "&lang=en").text)
    assert re.search(r"Initiatives started by residents themselves, with the support of a "
                     r"participation broker, are effective \(consistency 0\.\d\d; coverage "
                     r"0\.\d\d\)\.", html)


def test_someone_not_signed_in_is_sent_to_the_login(anonymous_web: TestClient) -> None:
    for path in ["/success-factors", "/success-factors.csv?part=cases"]:
        response = anonymous_web.get(path, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/login?next=")
