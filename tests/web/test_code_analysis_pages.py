"""The analyses of coded records: codes meet outcomes, agreement between coders, codes by
group (researchers and administrators only), and codes as success-factor conditions."""

import re
from typing import Any

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from tests.api.builders import BUURT_AA01, make_evaluation, make_indicator, make_initiative
from tests.audit_check import ClientFactory
from tests.web.conftest import BOOSTED, HTMX, WebFactory
from tests.web.test_codebook_pages import code_text, new_code, new_record
from web.api_client.code_analysis import PooledEffect
from web.code_readings import alpha_reading, mark_scale

PAGES = ("/codes/uitkomsten", "/codes/overeenstemming", "/codes/per-groep")
CHANGES = (1.2, 0.9, 1.0, 0.2)


@pytest.fixture
def world(session: Session, client_as: ClientFactory) -> dict[str, Any]:
    """Four initiatives with an effect (two in Centrum); a record about the first two, coded
    Hulp (and its subcode Buurtwerk) by two researchers, who disagree about Vanzelf."""
    indicator = make_indicator(session)
    initiatives = []
    for number, change in enumerate(CHANGES):
        place = {"buurtId": str(BUURT_AA01)} if number < 2 else {}
        initiative = make_initiative(session, title=f"Initiatief {number}", **place)
        make_evaluation(session, initiative.id, outcomeMeasures=[{
            "indicatorId": str(indicator.id), "kind": "pre-post", "meanPre": 5.0,
            "sdPre": 1.0, "meanPost": 5.0 + change, "sdPost": 1.0, "n": 40 + number,
            "prePostCorrelation": 0.5}])
        initiatives.append(str(initiative.id))
    first, second = client_as("researcher"), client_as("researcher")
    help_code = new_code(first, "Hulp")
    sub = new_code(first, "Buurtwerk", help_code)
    alone = new_code(first, "Vanzelf")
    record = new_record(first, "Gesprek", tuple(initiatives[:2]))
    for coder in (first, second):
        code_text(coder, record, help_code, 8, 40)
    code_text(first, record, sub, 8, 22)
    code_text(second, record, alone, 42, 66)
    return {"indicator": indicator.code, "help": help_code, "sub": sub, "alone": alone}


@pytest.mark.parametrize(("role", "stadsdelen"), [("editor", ("F",)), ("viewer", ())])
def test_editors_and_viewers_may_not_see_the_analyses(
    web_as: WebFactory, role: str, stadsdelen: tuple[str, ...]
) -> None:
    web = web_as(role, stadsdelen)
    for path in PAGES:
        assert web.get(path).status_code == 403, path
    assert 'href="/codes/uitkomsten"' not in web.get("/codes").text


@pytest.mark.parametrize("headers", [{}, HTMX, BOOSTED], ids=["plain", "htmx", "boosted"])
def test_the_analyses_render_plain_as_a_fragment_and_boosted(
    web_as: WebFactory, world: dict[str, Any], headers: dict[str, str]
) -> None:
    web = web_as("researcher")
    for path in PAGES:
        response = web.get(path, headers=headers)
        assert response.status_code == 200, path
        assert response.text.lstrip().startswith('<div id="codes-results"') is (
            headers is HTMX), path


def test_codes_meet_outcomes_next_to_every_initiative(
    web_as: WebFactory, world: dict[str, Any]
) -> None:
    html = web_as("researcher").get(f"/codes/uitkomsten?indicator={world['indicator']}").text
    table = re.search(r'<table [^>]*id="outcomes-table">.*?</table>', html, re.S)
    assert table is not None
    rows = re.findall(r"<tr[^>]*>.*?</tr>", table.group(0), re.S)
    assert "Alle initiatieven (referentie)" in rows[1] and 'bk-codes__reference' in rows[1]
    assert ">4</td>" in rows[1]  # every initiative with an effect
    help_row = next(row for row in rows if f'href="/codes/{world["help"]}"' in row)
    assert ">1</td>" in help_row and ">2</td>" in help_row  # one record, two initiatives
    sub_row = next(row for row in rows if f'href="/codes/{world["sub"]}"' in row)
    assert "bk-codes__depth-1" in sub_row and "(Hulp / Buurtwerk)" in sub_row
    assert '<svg class="bk-codes__mark"' in rows[1]  # the reference pools four effects
    assert "in heel Amsterdam" in html and 'aria-hidden="true"' in rows[1]
    centrum = web_as("researcher").get("/codes/uitkomsten?area=A").text
    assert "in stadsdeel Centrum" in centrum
    assert '<option value="A" selected>Centrum</option>' in centrum


def test_an_unknown_indicator_is_shown_at_its_field(web_as: WebFactory) -> None:
    response = web_as("admin").get("/codes/uitkomsten?indicator=bestaat-niet")
    assert response.status_code == 422  # as every other page answers bad input
    assert 'href="#codes-indicator"' in response.text
    assert 'aria-describedby="codes-indicator-error"' in response.text


def test_agreement_per_code_is_read_in_words(
    web_as: WebFactory, world: dict[str, Any]
) -> None:
    html = web_as("researcher").get("/codes/overeenstemming").text
    assert 'id="agreement-overall"' in html
    assert "Krippendorffs alfa over alle codes" in html
    table = re.search(r'<table [^>]*id="agreement-table">.*?</table>', html, re.S)
    assert table is not None
    help_row = re.search(rf'href="/codes/{world["help"]}">Hulp</a>.*?</tr>', table.group(0),
                         re.S)
    assert help_row is not None
    assert "1,000" in help_row.group(0) and "betrouwbaar (α ≥ 0,800)" in help_row.group(0)
    assert f'href="/codes/{world["alone"]}">Vanzelf</a>' in table.group(0)
    assert "Vergeleken: 3 eenheden in 1 verslagen, door 2 codeurs." in html
    character = web_as("researcher").get("/codes/overeenstemming?unit=character").text
    assert '<option value="character" selected>Tekens</option>' in character


def test_agreement_needs_two_coders(web_as: WebFactory, client_as: ClientFactory) -> None:
    api = client_as("researcher")
    code_text(api, new_record(api), new_code(api, "Hulp"), 8, 40)
    response = web_as("researcher").get("/codes/overeenstemming")
    assert response.status_code == 200
    assert 'id="agreement-problem"' in response.text
    assert 'id="agreement-table"' not in response.text


def test_codes_by_group_use_the_groups_names(
    web_as: WebFactory, world: dict[str, Any]
) -> None:
    web = web_as("researcher")
    html = web.get("/codes/per-groep").text
    assert '<th class="ams-table__header-cell bk-number" scope="col">Centrum' in html
    assert "(van 2)" in html
    row = re.search(rf'href="/codes/{world["help"]}">Hulp</a>.*?</tr>', html, re.S)
    assert row is not None and row.group(0).count(">2</td>") == 2  # two initiatives, both A
    forms = web.get("/codes/per-groep?groupBy=organisationForm").text
    assert '<option value="organisationForm" selected>Organisatievorm</option>' in forms
    assert "Bewonersinitiatief" in forms
    unknown = web.get("/codes/per-groep?groupBy=theme").text  # not offered: the first
    assert '<option value="stadsdeel" selected>' in unknown


def test_codes_are_success_factor_conditions_for_those_who_read_records(
    web_as: WebFactory, world: dict[str, Any]
) -> None:
    condition = f"code={world['help']}"
    researcher = web_as("researcher").get("/success-factors").text
    assert "Codes uit verslagen" in researcher
    assert f'value="{condition}"' in researcher
    assert re.search(rf'value="{condition}"[^>]*>\s*<label [^>]*>Code: Hulp</label>', researcher)
    viewer = web_as("viewer").get("/success-factors").text
    assert "Codes uit verslagen" not in viewer and condition not in viewer
    asked = web_as("researcher").get(
        "/success-factors", params=[("outcome", "effect"), ("conditions", "residentInitiated"),
                                    ("conditions", "makelaarInvolved"),
                                    ("conditions", condition), ("nCut", "1")])
    assert asked.status_code == 200
    assert 'scope="col">Code: Hulp</th>' in asked.text  # named, not by its id
    assert "Initiatieven met „Hulp”" in asked.text
    assert 'id="sf-conditions-error"' not in asked.text
    assert f'value="{condition}" checked' in asked.text


def test_a_viewer_asking_for_a_code_condition_is_refused_by_the_api(
    web: TestClient, web_as: WebFactory, world: dict[str, Any]
) -> None:
    condition = f"code={world['help']}"
    params = [("outcome", "effect"), ("conditions", "residentInitiated"),
              ("conditions", "makelaarInvolved"), ("conditions", condition)]
    response = web_as("viewer").get("/success-factors", params=params)
    assert response.status_code == 403


@pytest.mark.parametrize(("alpha", "reading"), [
    (0.8, "betrouwbaar (α ≥ 0,800)"), (0.7999, "voorzichtige conclusies (0,667 ≤ α < 0,800)"),
    (0.667, "voorzichtige conclusies (0,667 ≤ α < 0,800)"), (0.6669, "onvoldoende (α < 0,667)"),
    (-0.2, "onvoldoende (α < 0,667)"), (None, "niet te bepalen")])
def test_alpha_is_read_by_krippendorffs_rule_of_thumb(alpha: float | None, reading: str) -> None:
    assert alpha_reading(alpha) == reading


def test_the_marks_share_one_scale_with_zero_on_it() -> None:
    effects = [PooledEffect(studies=3, estimate=0.5, ci_low=0.2, ci_high=0.8),
               PooledEffect(studies=2, estimate=-0.1, ci_low=-0.4, ci_high=0.2), None]
    scale = mark_scale(effects)
    assert (scale.low, scale.high) == (-0.5, 1.0)  # round ends: the nice ticks around them
    first, second = scale.mark(effects[0]), scale.mark(effects[1])
    assert first is not None and second is not None and scale.mark(None) is None
    assert first.zero_x == second.zero_x == 42.0  # 6 + 108 × 0.5 / 1.5
    assert second.ci[0] == 13.2 and first.ci[1] == 99.6


def test_every_code_page_renders_in_english(web: TestClient, world: dict[str, Any]) -> None:
    code = world["help"]
    for path in (*PAGES, "/codes", f"/codes/{code}", f"/codes/{code}?subcodes=1", "/codes/nieuw",
                 f"/codes/{code}/bewerken", f"/codes/{code}/verwijderen"):
        response = web.get(path, params={"lang": "en"})
        assert response.status_code == 200, path
        assert '<html lang="en">' in response.text, path
