"""The "Wat vraagt ondersteuning" page: the API's numbers per support grouping, the models
read in words, the Kaplan–Meier curves as a picture and a table, every count a link to the
initiatives behind it; readable by every role, working without JavaScript."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from tests.web.conftest import BOOSTED, HTMX, WebFactory
from tests.web.support_world import (
    OVERNEMEND,
    api_json,
    build_world,
    links_of,
    listed,
    rows_of,
    text_of,
)

HEADERS = [{}, HTMX, BOOSTED]
IDS = ["plain", "htmx", "boosted"]
PAGE = "/ondersteuning"


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
@pytest.mark.parametrize(("role", "stadsdelen"), [
    ("admin", ()), ("editor", ("A",)), ("researcher", ()), ("viewer", ())])
def test_every_signed_in_role_reads_the_page(
    web_as: WebFactory, session: Session, role: str, stadsdelen: tuple[str, ...],
    headers: dict[str, str],
) -> None:
    build_world(session)
    response = web_as(role, stadsdelen).get(PAGE, headers=headers)
    assert response.status_code == 200
    html = response.text
    assert html.lstrip().startswith('<div id="support-results"') == (headers is HTMX)
    for table in ("effects-supportStyle-table", "curves-table", "durability-supportHours-table"):
        assert f'id="{table}"' in html
    if headers is not HTMX:
        assert '<a class="ams-link bk-nav__link" href="/ondersteuning" aria-current="page">' \
               'Wat vraagt ondersteuning</a>' in html


def test_someone_not_signed_in_is_sent_to_the_login_page(anonymous_web: TestClient) -> None:
    response = anonymous_web.get(PAGE, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login")


def test_each_effect_is_the_apis_with_its_interval_and_a_link_to_its_initiatives(
    web: TestClient, client: TestClient, session: Session
) -> None:
    build_world(session)
    report = api_json(client, "/v1/analysis/support")["effects"]
    html = web.get(PAGE).text
    grouping = next(found for found in report["groupings"] if found["by"] == "supportStyle")
    names = {"faciliterend": "Faciliterend (blauw)", "overnemend": "Overnemend"}
    table = "effects-supportStyle-table"
    rows, links = rows_of(html, table), links_of(html, table)
    for group in grouping["groups"]:
        name = names[group["label"]]
        effect = f"{group['estimate']:.2f}".replace(".", ",")
        low, high = (f"{group[key]:.2f}".replace(".", ",") for key in ("ciLb", "ciUb"))
        assert rows[name] == [f"{group['k']} initiatieven", effect, f"{low} tot {high}"]
        [(address, text)] = links[name]
        assert text == f"{group['k']} initiatieven"
        assert set(listed(web, address)) == {item["title"] for item in group["initiatives"]}
    assert set(listed(web, links["Overnemend"][0][0])) == OVERNEMEND


def test_the_curves_table_gives_the_share_still_running_as_worked_out_by_hand(
    web: TestClient, client: TestClient, session: Session
) -> None:
    build_world(session)
    html = web.get(PAGE).text
    rows = rows_of(html, "curves-table")
    # Faciliterend: 75% after 6 months, 50% after 12 and 24 (last seen at 24).
    # Overnemend: 33% after 6, none left after 10 months, so 0% at 12 and 24.
    shares = {name: [cell.split(" ")[0] for cell in cells[2:5]] for name, cells in rows.items()}
    assert shares == {"Faciliterend (blauw)": ["75%", "50%", "50%"],
                      "Overnemend": ["33%", "0%", "0%"]}
    assert rows["Faciliterend (blauw)"][:2] == ["4 initiatieven", "2 initiatieven"]
    assert rows["Overnemend"][:2] == ["3 initiatieven", "3 initiatieven"]
    # The intervals are the API's (Greenwood, log scale), as whole percentages.
    curve = api_json(client, "/v1/analysis/durability", by="supportStyle")["groups"][0]["curve"]
    at_6 = [point for point in curve if point["time"] <= 6][-1]
    low, high = round(at_6["lower"] * 100), round(at_6["upper"] * 100)
    assert rows["Faciliterend (blauw)"][2] == f"75% ({low}% tot {high}%)"
    medians = api_json(client, "/v1/analysis/durability", by="supportStyle")["groups"]
    assert [rows[name][-1] for name in ("Faciliterend (blauw)", "Overnemend")] == [
        f"{group['median']:g}".replace(".", ",") for group in medians]


def test_the_curves_are_step_lines_told_apart_by_dash_and_symbol(
    web: TestClient, session: Session
) -> None:
    build_world(session)
    html = web.get(PAGE).text
    svg = html[html.index('<svg class="bk-plot__svg bk-km"'):]
    svg = svg[:svg.index("</svg>")]
    # Months 0–24 over x 64–560 (x(t) = 64 + t·496/24), survival 1–0 over y 20–300.
    # Faciliterend: down to 0.75 at 3 months (x 126, y 90), to 0.5 at 9 (x 250, y 160),
    # then level to its last look at 24 (x 560).
    assert '<path class="bk-km__line" d="M64 20H126V90H250V160H560"/>' in svg
    # Overnemend: 2/3 at 2 months (x 105.3, y 113.3), 1/3 at 6 (x 188, y 206.7), 0 at 10
    # (x 270.7, y 300); dashed.
    assert ('<path class="bk-km__line" d="M64 20H105.3V113.3H188V206.7H270.7V300" '
            'stroke-dasharray="8 4"/>') in svg
    assert 'role="img" aria-labelledby="curves-title" aria-describedby="curves-desc"' in svg
    assert re.search(r'<title id="curves-title">Kaplan–Meier-curven: Hoe lang gaan initiatieven '
                     r"door na de ondersteuning\? Per ondersteuningsstijl", svg)
    desc = text_of(svg[svg.index('<desc id="curves-desc">'):svg.index("</desc>")])
    assert "Overnemend: na 12 maanden 0% nog actief, mediane duur 6." in desc
    assert "bk-km__marks--circle" in svg and "bk-km__marks--square" in svg
    labels = re.findall(r'<text x="586" y="[\d.]+">([^<]+)</text>', svg)
    assert labels == ["Faciliterend (blauw) (4)", "Overnemend (3)"]


def test_every_overview_count_lists_exactly_the_apis_initiatives(
    web: TestClient, client: TestClient, session: Session
) -> None:
    build_world(session)
    html = web.get(PAGE).text
    report = api_json(client, "/v1/analysis/support")["durability"]
    # The curves' grouping (supportStyle at first) has its numbers in the curves' table.
    assert 'id="durability-supportStyle-table"' not in html
    for grouping in report["groupings"]:
        if grouping["by"] == "supportStyle":
            continue
        links = links_of(html, f"durability-{grouping['by']}-table")
        by_label = {parse_qs(urlsplit(found[0][0]).query)["label"][0]: found[0]
                    for found in links.values()}
        assert set(by_label) == {group["label"] for group in grouping["groups"]}
        for group in grouping["groups"]:
            address, text = by_label[group["label"]]
            assert text == (f"{group['n']} initiatief" if group["n"] == 1
                            else f"{group['n']} initiatieven")
            assert set(listed(web, address)) == {item["title"] for item in group["initiatives"]}


def test_without_assessed_competence_a_regression_on_it_says_why_it_is_missing(
    web: TestClient, session: Session
) -> None:
    build_world(session)  # nobody's competence is assessed: a regression on it fails
    html = web.get(PAGE, params=[("method", "REML"), ("moderators", "competence"),
                                 ("covariates", "hours")]).text
    assert 'id="regression-problem"' in html
    assert "Geen initiatieven met effecten en deze moderatoren." in html
    assert re.search(r'name="moderators" value="competence" form="support-form" checked', html)


def test_the_models_are_tables_read_in_plain_words(web: TestClient, session: Session) -> None:
    build_world(session)
    chosen = [("method", "REML"), ("moderators", "hours"), ("moderators", "makelaarInvolved"),
              ("moderators", "supportStyle"), ("covariates", "hours"),
              ("covariates", "makelaarInvolved"), ("covariates", "takenOver")]
    html = web.get(PAGE, params=chosen).text
    assert 'id="regression-table"' in html and 'id="cox-table"' in html
    regression = text_of(html[html.index('id="regression-reading"'):].split("</ul>")[0])
    assert "Per 100 uur ondersteuning meer is het effect gemiddeld" in regression
    assert "Bij ondersteuningsstijl (meeste uren) „Overnemend” (tegenover „Faciliterend " \
           "(blauw)”) is het effect gemiddeld" in regression
    cox = text_of(html[html.index('id="cox-reading"'):].split("</ul>")[0])
    assert "Met een participatiemakelaar erbij (tegenover zonder) is de kans om in een maand " \
           "te stoppen" in cox
    assert 'id="log-rank"' in html and "Log-rank-toets: χ² =" in html


def test_the_support_conditions_open_the_success_factor_page_with_them_chosen(
    web: TestClient, session: Session
) -> None:
    build_world(session)
    html = web.get(PAGE).text
    form = html[html.index('<form id="conditions-form"'):]
    form = form[:form.index("</form>")]
    assert 'method="get" action="/success-factors"' in form
    checked = re.findall(r'name="conditions" value="([^"]+)" form="conditions-form" checked', form)
    assert checked == ["hours", "makelaarInvolved", "takenOver"]
    assert 'value="supportStyle=overnemend"' in form
    chosen = web.get("/success-factors", params=[("outcome", "durability"),
                                                ("conditions", "hours"),
                                                ("conditions", "makelaarInvolved"),
                                                ("conditions", "takenOver")])
    assert chosen.status_code == 200
    assert re.search(r'value="takenOver"[^>]*checked', chosen.text)


def test_choices_stay_in_the_address_and_a_bad_one_is_refused_at_its_field(
    web: TestClient, session: Session
) -> None:
    build_world(session)
    chosen = [("method", "DL"), ("moderators", "hours"), ("covariates", "hours"),
              ("curves", "professionalRole")]
    response = web.get(PAGE, params=chosen)
    assert response.status_code == 200
    assert '<option value="DL" selected>' in response.text
    assert '<option value="professionalRole" selected>' in response.text
    assert re.search(r'name="covariates" value="hours" form="support-form" checked', response.text)
    assert not re.search(r'value="makelaarInvolved" form="support-form" checked', response.text)
    assert "Per rol van de professional" in response.text
    for params, field in [([*chosen[:2], ("covariates", "bestaat-niet")], "covariates"),
                          ([("method", "REML"), ("moderators", "hours"),
                            ("covariates", "hours"), ("curves", "bestaat-niet")], "curves"),
                          ([("indicator", "bestaat-niet")], "indicator")]:
        refused = web.get(PAGE, params=params)
        assert refused.status_code == 400, params
        assert f'id="support-{field}-error"' in refused.text
        assert f'href="#support-{field}"' in refused.text


def test_everything_works_without_javascript(web: TestClient, session: Session) -> None:
    """Real GET forms with an action and plain links: htmx only swaps the results."""
    build_world(session)
    html = web.get(PAGE).text
    assert '<form id="support-form" class="bk-filters" method="get" action="/ondersteuning"' \
           in html
    assert 'type="submit" id="support-submit"' in html
    assert 'href="/ondersteuning/initiatieven?part=durability&amp;by=supportStyle' in html
    assert "<script" not in html[html.index("<body"):]


def test_without_follow_ups_or_effects_the_page_says_so(web: TestClient) -> None:
    response = web.get(PAGE)
    assert response.status_code == 200
    assert 'id="support-effects-empty"' in response.text
    assert 'id="support-durability-empty"' in response.text


def test_the_page_speaks_english_when_asked(web: TestClient, session: Session) -> None:
    build_world(session)
    html = web.get(PAGE + "?lang=en").text
    assert "<h1 class=\"ams-heading ams-heading--1\">What support requires</h1>" in html
    assert "Per 100 hours more support" in html
    assert "Facilitating (blue) (4)" in html


def test_the_page_is_a_503_page_when_the_api_is_down(web_without_api: TestClient) -> None:
    assert web_without_api.get(PAGE).status_code == 503


def test_with_nothing_ticked_a_model_is_not_made_and_the_page_says_so(
    web: TestClient, session: Session
) -> None:
    build_world(session)
    response = web.get(PAGE, params={"method": "REML", "curves": "supportStyle"})
    assert response.status_code == 200
    for model in ("regression", "cox"):
        problem = response.text[response.text.index(f'id="{model}-problem"'):]
        assert problem.split("</p>")[0].endswith(
            "Geen kenmerken gekozen. Kies andere kenmerken onder „Meer instellingen”.")
    assert not re.search(r'form="support-form" checked', response.text)
