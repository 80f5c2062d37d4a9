"""The /v1/indicators resource and its seeded catalogue: CRUD, filters, problems, locking."""

import uuid
from typing import Any

import pytest
from sqlmodel import Session, select
from starlette.testclient import TestClient

from api.errors import PreconditionFailed
from api.indicators import service
from api.indicators.models import Indicator, IndicatorUpdate
from api.indicators.seed import seed_indicators
from tests.api.builders import (
    evaluation_payload,
    indicator_payload,
    make_indicator,
    make_initiative,
    pre_post_measure,
)

REQUIRED_CODES = {
    "wia-rapportcijfer-buurt", "vm-sociale-cohesie", "cbs-binding-buurt", "lbm-totaalscore",
    "lbm-bewoners", "lbm-veiligheid", "lbm-fysieke-omgeving", "sds-betrokkenheid-buurt",
    "sds-veilig-avond", "sds-ervaren-verloedering", "sds-inzet-voor-buurt", "participatieladder",
    "zrm-sociaal-netwerk", "zrm-maatschappelijke-participatie", "aantal-deelnemers",
    "aantal-vrijwilligers", "nieuwe-actieve-bewoners", "vertrouwen-bestuur", "eenzaamheid",
    "deelname-activiteiten",
}


def codes(client: TestClient, query: str) -> list[str]:
    response = client.get(f"/v1/indicators?{query}")
    assert response.status_code == 200, response.text
    return [item["code"] for item in response.json()["items"]]


def pointers(response: Any) -> dict[str, str]:
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == "application/problem+json"
    return {error["location"].get("pointer") or error["location"]["name"]: error["code"]
            for error in response.json()["errors"]}


def make_three(session: Session) -> None:
    make_indicator(session, code="b-cohesie", name="Buurtcohesie", source="Veiligheidsmonitor")
    make_indicator(session, code="a-ladder", name="Participatieladder trede", theme="welzijn",
                   level="bewoner", scaleType="ladder-1-6", scaleMin=1, scaleMax=6,
                   source="Participatieladder")
    make_indicator(session, code="c-deelnemers", name="Aantal deelnemers", level="initiatief",
                   theme="kenmerken-initiatief", scaleType="aantal", scaleMin=0, scaleMax=None,
                   source="Registratie van het initiatief")


def test_a_new_indicator_is_created_and_read_back(client: TestClient) -> None:
    created = client.post("/v1/indicators", json=indicator_payload())
    assert created.status_code == 201, created.text
    body = created.json()
    assert created.headers["location"] == f"/v1/indicators/{body['id']}"
    assert created.headers["etag"] == '"1"'
    assert (body["code"], body["scaleType"], body["higherIsBetter"]) == (
        "test-sociale-cohesie", "score-0-10", True)
    read = client.get(f"/v1/indicators/{body['id']}")
    assert read.status_code == 200
    assert read.json() == body
    assert read.headers["etag"] == '"1"'


def test_the_list_is_sorted_by_code_by_default_and_by_name_or_theme_on_request(
    client: TestClient, session: Session,
) -> None:
    make_three(session)
    assert codes(client, "") == ["a-ladder", "b-cohesie", "c-deelnemers"]
    assert codes(client, "sort=-code") == ["c-deelnemers", "b-cohesie", "a-ladder"]
    assert codes(client, "sort=name") == ["c-deelnemers", "b-cohesie", "a-ladder"]
    assert codes(client, "sort=-theme,code") == ["a-ladder", "b-cohesie", "c-deelnemers"]
    assert codes(client, "sort=theme") == ["c-deelnemers", "b-cohesie", "a-ladder"]


def test_an_unknown_sort_key_is_a_400_on_the_sort_parameter(client: TestClient) -> None:
    assert pointers(client.get("/v1/indicators?sort=colour")) == {"sort": "unknown-sort-key"}


def test_pages_have_a_total_and_links_that_keep_the_filters(
    client: TestClient, session: Session,
) -> None:
    make_three(session)
    body = client.get("/v1/indicators?pageSize=2&page=2&sort=code").json()
    assert [item["code"] for item in body["items"]] == ["c-deelnemers"]
    assert (body["page"], body["pageSize"], body["total"]) == (2, 2, 3)
    assert body["_links"]["prev"] == "/v1/indicators?pageSize=2&sort=code&page=1"
    assert body["_links"]["next"] is None
    assert pointers(client.get("/v1/indicators?pageSize=101")) == {"pageSize": "less-than-equal"}


def test_theme_level_and_scale_filters_take_any_of_the_given_codes(
    client: TestClient, session: Session,
) -> None:
    make_three(session)
    assert codes(client, "theme=welzijn") == ["a-ladder"]
    assert codes(client, "level=initiatief") == ["c-deelnemers"]
    assert codes(client, "level=buurt") == ["b-cohesie"]
    assert codes(client, "scaleType=aantal&scaleType=ladder-1-6") == ["a-ladder", "c-deelnemers"]
    assert codes(client, "scaleType=score-0-10&level=bewoner") == []


def test_the_source_filter_matches_part_of_the_source_in_any_case(
    client: TestClient, session: Session,
) -> None:
    make_three(session)
    assert codes(client, "source=VEILIGHEIDS") == ["b-cohesie"]
    assert codes(client, "source=registratie") == ["c-deelnemers"]
    assert codes(client, "source=%25") == []


def test_free_text_searches_name_and_code(client: TestClient, session: Session) -> None:
    make_three(session)
    assert codes(client, "q=trede") == ["a-ladder"]
    assert codes(client, "q=C-DEEL") == ["c-deelnemers"]


def test_bad_filter_values_are_400s_on_the_parameter(client: TestClient) -> None:
    assert pointers(client.get("/v1/indicators?level=stad")) == {"level": "enum"}
    assert pointers(client.get("/v1/indicators?scaleType=x&theme=y")) == {
        "scaleType": "enum", "theme": "enum"}


def test_unknown_ids_answer_404_problems(client: TestClient) -> None:
    unknown = uuid.uuid4()
    for response in (client.get(f"/v1/indicators/{unknown}"),
                     client.patch(f"/v1/indicators/{unknown}", json={"name": "Nieuwe naam"}),
                     client.delete(f"/v1/indicators/{unknown}")):
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"


def test_every_bad_field_gets_its_own_error_and_nothing_is_written(client: TestClient) -> None:
    response = client.post("/v1/indicators", json=indicator_payload(
        code="x", theme="geluk", scaleMin="laag", higherIsBetter="soms"))
    assert pointers(response) == {"/code": "string-too-short", "/theme": "enum",
                                  "/scaleMin": "float-parsing", "/higherIsBetter": "bool-parsing"}
    assert client.get("/v1/indicators").json()["total"] == 0


def test_a_code_that_is_not_kebab_case_is_refused(client: TestClient) -> None:
    response = client.post("/v1/indicators", json=indicator_payload(code="Met Spaties"))
    assert pointers(response) == {"/code": "string-pattern-mismatch"}


def test_a_duplicate_code_and_a_maximum_not_above_the_minimum_are_refused(
    client: TestClient, session: Session,
) -> None:
    make_indicator(session)
    response = client.post("/v1/indicators", json=indicator_payload(scaleMin=10, scaleMax=10))
    assert pointers(response) == {"/code": "duplicate", "/scaleMax": "not-above-scale-min"}
    assert client.get("/v1/indicators").json()["total"] == 1


def test_a_partial_update_changes_only_the_fields_sent_and_bumps_the_version(
    client: TestClient, session: Session,
) -> None:
    indicator = make_indicator(session)
    before = client.get(f"/v1/indicators/{indicator.id}").json()
    response = client.patch(f"/v1/indicators/{indicator.id}",
                            json={"name": "Ervaren sociale cohesie", "higherIsBetter": False},
                            headers={"If-Match": '"1"'})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["name"], body["higherIsBetter"], body["version"]) == (
        "Ervaren sociale cohesie", False, 2)
    assert body["code"] == before["code"]
    assert body["updatedAt"] > before["updatedAt"]
    assert response.headers["etag"] == '"2"'


def test_a_patch_is_checked_against_the_stored_values(
    client: TestClient, session: Session,
) -> None:
    make_indicator(session, code="bezet")
    indicator = make_indicator(session)
    url = f"/v1/indicators/{indicator.id}"
    assert pointers(client.patch(url, json={"scaleMax": -1})) == {
        "/scaleMax": "not-above-scale-min"}
    assert pointers(client.patch(url, json={"code": "bezet"})) == {"/code": "duplicate"}
    assert pointers(client.patch(url, json={"name": None, "description": None})) == {
        "/name": "required", "/description": "required"}
    assert pointers(client.patch(url, json={"description": None})) == {"/description": "required"}
    assert client.patch(url, json={"scaleMax": None}).json()["scaleMax"] is None
    assert client.get(url).json()["code"] == "test-sociale-cohesie"


def test_a_stale_if_match_is_refused_with_412_and_changes_nothing(
    client: TestClient, session: Session,
) -> None:
    indicator = make_indicator(session)
    url = f"/v1/indicators/{indicator.id}"
    client.patch(url, json={"name": "Eerste wijziging"})
    stale = client.patch(url, json={"name": "Te laat"}, headers={"If-Match": '"1"'})
    assert stale.status_code == 412
    assert stale.headers["content-type"] == "application/problem+json"
    assert client.get(url).json()["name"] == "Eerste wijziging"
    assert client.delete(url, headers={"If-Match": '"1"'}).status_code == 412
    assert client.get(url).status_code == 200


def test_a_change_stored_meanwhile_by_someone_else_makes_the_write_412(
    client: TestClient, session: Session,
) -> None:
    indicator = make_indicator(session)
    client.patch(f"/v1/indicators/{indicator.id}", json={"name": "Andermans wijziging"})
    mine = IndicatorUpdate.model_validate({"name": "Mijn wijziging"})
    with pytest.raises(PreconditionFailed):
        service.update_indicator(session, indicator, mine, None)
    assert client.get(f"/v1/indicators/{indicator.id}").json()["name"] == "Andermans wijziging"


def test_delete_removes_the_indicator(client: TestClient, session: Session) -> None:
    indicator = make_indicator(session)
    response = client.delete(f"/v1/indicators/{indicator.id}", headers={"If-Match": '"1"'})
    assert response.status_code == 204
    assert client.get(f"/v1/indicators/{indicator.id}").status_code == 404


def test_an_indicator_used_by_outcome_measures_cannot_be_deleted(
    client: TestClient, session: Session,
) -> None:
    indicator = make_indicator(session)
    initiative = make_initiative(session)
    payload = evaluation_payload(initiative.id, outcomeMeasures=[pre_post_measure(indicator.id)])
    assert client.post("/v1/evaluations", json=payload).status_code == 201
    response = client.delete(f"/v1/indicators/{indicator.id}")
    assert response.status_code == 409
    assert response.headers["content-type"] == "application/problem+json"
    assert client.get(f"/v1/indicators/{indicator.id}").status_code == 200
    assert client.get(f"/v1/outcome-measures?indicator={indicator.id}").json()["total"] == 1


def test_the_seed_adds_the_catalogue_once(session: Session) -> None:
    added = seed_indicators(session)
    stored = session.exec(select(Indicator)).all()
    assert added == len(stored) >= len(REQUIRED_CODES)
    assert {indicator.code for indicator in stored} >= REQUIRED_CODES
    assert seed_indicators(session) == 0
    assert len(session.exec(select(Indicator)).all()) == added


def test_the_seed_adds_only_what_is_missing_and_keeps_local_edits(
    client: TestClient, session: Session,
) -> None:
    make_indicator(session, code="eenzaamheid", name="Eenzaamheid (eigen meting)")
    added = seed_indicators(session)
    assert added == len(session.exec(select(Indicator)).all()) - 1
    assert codes(client, "q=eigen meting") == ["eenzaamheid"]


def test_the_seeded_catalogue_records_scales_sources_and_directions(
    client: TestClient, session: Session,
) -> None:
    seed_indicators(session)
    items = client.get("/v1/indicators?pageSize=100").json()["items"]
    by_code = {item["code"]: item for item in items}
    wia = by_code["wia-rapportcijfer-buurt"]
    assert (wia["scaleType"], wia["level"], wia["theme"], wia["source"]) == (
        "rapportcijfer-1-10", "buurt", "leefomgeving", "Wonen in Amsterdam")
    assert (wia["scaleMin"], wia["scaleMax"]) == (1, 10)
    assert by_code["cbs-binding-buurt"]["scaleType"] == "likert-1-5"
    assert by_code["cbs-binding-buurt"]["level"] == "bewoner"
    assert by_code["participatieladder"]["scaleType"] == "ladder-1-6"
    assert by_code["zrm-sociaal-netwerk"]["scaleType"] == "zrm-1-5"
    assert by_code["aantal-deelnemers"]["level"] == "initiatief"
    assert by_code["vertrouwen-bestuur"]["theme"] == "bewoner-bestuur"
    for lower_is_better in ("eenzaamheid", "sds-ervaren-verloedering"):
        assert by_code[lower_is_better]["higherIsBetter"] is False
    assert by_code["vm-sociale-cohesie"]["higherIsBetter"] is True
    assert codes(client, "source=leefbaarometer&pageSize=100") == sorted(
        code for code in by_code if code.startswith("lbm-"))
