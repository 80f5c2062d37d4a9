"""The /v1/evaluations resource: nested outcome measures, evidence levels, filters, locking."""

import uuid
from typing import Any

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from tests.api.builders import (
    evaluation_payload,
    make_evaluation,
    make_indicator,
    make_initiative,
    pre_post_measure,
)


def pointers(response: Any) -> dict[str, str]:
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == "application/problem+json"
    return {error["location"].get("pointer") or error["location"]["name"]: error["code"]
            for error in response.json()["errors"]}


def evaluators(client: TestClient, query: str) -> list[str]:
    response = client.get(f"/v1/evaluations?{query}")
    assert response.status_code == 200, response.text
    return [item["evaluator"] for item in response.json()["items"]]


def nothing_written(client: TestClient) -> bool:
    totals = [client.get(f"/v1/{path}").json()["total"] for path in ("evaluations",
                                                                      "outcome-measures")]
    return totals == [0, 0]


def test_an_evaluation_is_created_with_its_outcome_measures_and_read_back(
    client: TestClient, session: Session,
) -> None:
    indicator = make_indicator(session)
    initiative = make_initiative(session)
    proportion = {"indicatorId": str(indicator.id), "kind": "proportion", "events": 12, "n": 40}
    payload = evaluation_payload(initiative.id, outcomeMeasures=[
        pre_post_measure(indicator.id), proportion])
    created = client.post("/v1/evaluations", json=payload)
    assert created.status_code == 201, created.text
    body = created.json()
    assert created.headers["location"] == f"/v1/evaluations/{body['id']}"
    assert created.headers["etag"] == '"1"'
    assert body["evidenceLevel"] == "eerste-aanwijzingen"
    assert sorted(m["kind"] for m in body["outcomeMeasures"]) == ["pre-post", "proportion"]
    assert all(m["evaluationId"] == body["id"] for m in body["outcomeMeasures"])
    pre_post = next(m for m in body["outcomeMeasures"] if m["kind"] == "pre-post")
    assert (pre_post["meanPre"], pre_post["n"], pre_post["events"]) == (5.6, 80, None)
    read = client.get(f"/v1/evaluations/{body['id']}")
    assert read.status_code == 200
    assert read.json() == body
    assert read.headers["etag"] == '"1"'


@pytest.mark.parametrize(("design", "theory_of_change", "level"), [
    ("beschrijvend", False, "goed-beschreven"),
    ("beschrijvend", True, "goed-onderbouwd"),
    ("voor-nameting", False, "eerste-aanwijzingen"),
    ("voor-nameting", True, "eerste-aanwijzingen"),
    ("voor-nameting-controlegroep", False, "goede-aanwijzingen"),
    ("gerandomiseerd", False, "sterke-aanwijzingen"),
])
def test_the_evidence_level_follows_from_the_design(
    client: TestClient, session: Session, design: str, theory_of_change: bool, level: str,
) -> None:
    initiative = make_initiative(session)
    payload = evaluation_payload(initiative.id, design=design, theoryOfChange=theory_of_change)
    created = client.post("/v1/evaluations", json=payload).json()
    assert created["evidenceLevel"] == level
    assert client.get(f"/v1/evaluations/{created['id']}").json()["evidenceLevel"] == level
    assert client.get("/v1/evaluations").json()["items"][0]["evidenceLevel"] == level


def test_unknown_ids_answer_404_problems(client: TestClient) -> None:
    unknown = uuid.uuid4()
    for response in (client.get(f"/v1/evaluations/{unknown}"),
                     client.patch(f"/v1/evaluations/{unknown}", json={"evaluator": "Iemand"}),
                     client.delete(f"/v1/evaluations/{unknown}")):
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"
    assert client.get("/v1/evaluations/geen-uuid").status_code == 400


def test_wrong_types_and_enums_get_one_error_per_field(
    client: TestClient, session: Session,
) -> None:
    indicator = make_indicator(session)
    initiative = make_initiative(session)
    payload = evaluation_payload(
        initiative.id, design="anekdotisch", evaluatedOn="gisteren", methods=["glazen-bol"],
        outcomeMeasures=[pre_post_measure(indicator.id, sdPre=-1, kind="gevoel")])
    assert pointers(client.post("/v1/evaluations", json=payload)) == {
        "/design": "enum", "/evaluatedOn": "date-from-datetime-parsing", "/methods/0": "enum",
        "/outcomeMeasures/0/sdPre": "greater-than", "/outcomeMeasures/0/kind": "enum"}
    assert nothing_written(client)


def test_an_unknown_initiative_or_indicator_is_a_400_and_writes_nothing(
    client: TestClient, session: Session,
) -> None:
    indicator = make_indicator(session)
    payload = evaluation_payload(uuid.uuid4(), outcomeMeasures=[
        pre_post_measure(indicator.id), pre_post_measure(uuid.uuid4())])
    assert pointers(client.post("/v1/evaluations", json=payload)) == {
        "/initiativeId": "unknown-initiative",
        "/outcomeMeasures/1/indicatorId": "unknown-indicator",
    }
    assert nothing_written(client)


def test_each_measure_must_carry_exactly_the_statistics_of_its_kind(
    client: TestClient, session: Session,
) -> None:
    indicator = make_indicator(session)
    initiative = make_initiative(session)
    counts = {"indicatorId": str(indicator.id), "kind": "counts", "eventsTreatment": 30,
              "nTreatment": 25, "eventsControl": 5, "nControl": 25}
    payload = evaluation_payload(initiative.id, outcomeMeasures=[
        pre_post_measure(indicator.id),
        pre_post_measure(indicator.id, sdPre=None, events=4),
        counts,
        {"indicatorId": str(indicator.id), "kind": "proportion", "events": 9, "n": 8},
    ])
    assert pointers(client.post("/v1/evaluations", json=payload)) == {
        "/outcomeMeasures/1/sdPre": "required",
        "/outcomeMeasures/1/events": "not-used-for-kind",
        "/outcomeMeasures/2/eventsTreatment": "exceeds-n",
        "/outcomeMeasures/3/events": "exceeds-n",
    }
    assert nothing_written(client)


def test_a_bad_period_is_refused_on_create_and_on_update(
    client: TestClient, session: Session,
) -> None:
    initiative = make_initiative(session)
    bad = evaluation_payload(initiative.id, periodStart="2011-01-01", periodEnd="2010-12-31")
    assert pointers(client.post("/v1/evaluations", json=bad)) == {"/periodEnd": "before-start"}
    evaluation = make_evaluation(session, initiative.id, periodStart="2010-01-01")
    url = f"/v1/evaluations/{evaluation.id}"
    assert pointers(client.patch(url, json={"periodEnd": "2009-06-30"})) == {
        "/periodEnd": "before-start"}
    assert client.get(url).json()["periodEnd"] is None


def test_a_duplicate_external_reference_is_refused(client: TestClient, session: Session) -> None:
    initiative = make_initiative(session)
    make_evaluation(session, initiative.id, externalRef="HVA-2011-7")
    duplicate = evaluation_payload(initiative.id, externalRef="HVA-2011-7")
    assert pointers(client.post("/v1/evaluations", json=duplicate)) == {
        "/externalRef": "duplicate"}


def test_a_partial_update_changes_only_the_evaluation_and_bumps_its_version(
    client: TestClient, session: Session,
) -> None:
    indicator = make_indicator(session)
    initiative = make_initiative(session)
    evaluation = make_evaluation(session, initiative.id,
                                 outcomeMeasures=[pre_post_measure(indicator.id)])
    url = f"/v1/evaluations/{evaluation.id}"
    before = client.get(url).json()
    response = client.patch(url, json={"design": "beschrijvend", "theoryOfChange": True,
                                       "outcomeMeasures": []}, headers={"If-Match": '"1"'})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["design"], body["evidenceLevel"], body["version"]) == (
        "beschrijvend", "goed-onderbouwd", 2)
    assert body["evaluator"] == before["evaluator"]
    assert body["outcomeMeasures"] == before["outcomeMeasures"]
    assert body["updatedAt"] > before["updatedAt"]
    assert response.headers["etag"] == '"2"'


def test_a_patch_cannot_clear_a_field_that_must_have_a_value(
    client: TestClient, session: Session,
) -> None:
    evaluation = make_evaluation(session, make_initiative(session).id)
    url = f"/v1/evaluations/{evaluation.id}"
    assert pointers(client.patch(url, json={"evaluator": None, "design": None})) == {
        "/evaluator": "required", "/design": "required"}
    assert pointers(client.patch(url, json={"theoryOfChange": None})) == {
        "/theoryOfChange": "required"}
    assert client.get(url).json()["version"] == 1


def test_a_stale_if_match_is_refused_with_412_and_changes_nothing(
    client: TestClient, session: Session,
) -> None:
    evaluation = make_evaluation(session, make_initiative(session).id)
    url = f"/v1/evaluations/{evaluation.id}"
    client.patch(url, json={"evaluator": "Eerste wijziging"})
    stale = client.patch(url, json={"evaluator": "Te laat"}, headers={"If-Match": '"1"'})
    assert stale.status_code == 412
    assert stale.headers["content-type"] == "application/problem+json"
    assert client.get(url).json()["evaluator"] == "Eerste wijziging"
    assert client.delete(url, headers={"If-Match": '"1"'}).status_code == 412
    assert client.get(url).status_code == 200


def test_delete_removes_the_evaluation_with_its_outcome_measures(
    client: TestClient, session: Session,
) -> None:
    indicator = make_indicator(session)
    evaluation = make_evaluation(session, make_initiative(session).id,
                                 outcomeMeasures=[pre_post_measure(indicator.id)])
    measure_id = client.get(f"/v1/evaluations/{evaluation.id}").json()["outcomeMeasures"][0]["id"]
    response = client.delete(f"/v1/evaluations/{evaluation.id}", headers={"If-Match": '"1"'})
    assert response.status_code == 204
    assert client.get(f"/v1/evaluations/{evaluation.id}").status_code == 404
    assert client.get(f"/v1/outcome-measures/{measure_id}").status_code == 404
    assert client.delete(f"/v1/indicators/{indicator.id}").status_code == 204


def test_the_initiative_and_indicator_filters_select_evaluations(
    client: TestClient, session: Session,
) -> None:
    cohesion = make_indicator(session)
    ladder = make_indicator(session, code="ladder", scaleType="ladder-1-6", scaleMin=1, scaleMax=6)
    moestuin = make_initiative(session)
    buurtfeest = make_initiative(session, title="Buurtfeest")
    make_evaluation(session, moestuin.id, evaluator="Moestuin cohesie",
                    outcomeMeasures=[pre_post_measure(cohesion.id)])
    make_evaluation(session, buurtfeest.id, evaluator="Buurtfeest ladder",
                    outcomeMeasures=[pre_post_measure(ladder.id)])
    make_evaluation(session, buurtfeest.id, evaluator="Buurtfeest zonder maten")
    assert evaluators(client, f"initiative={moestuin.id}") == ["Moestuin cohesie"]
    assert sorted(evaluators(client, f"initiative={buurtfeest.id}")) == [
        "Buurtfeest ladder", "Buurtfeest zonder maten"]
    assert evaluators(client, f"indicator={ladder.id}") == ["Buurtfeest ladder"]
    assert evaluators(client, f"indicator={uuid.uuid4()}") == []


def test_the_design_and_evidence_level_filters_take_any_of_the_given_codes(
    client: TestClient, session: Session,
) -> None:
    initiative = make_initiative(session)
    for evaluator, design, theory in (("A", "beschrijvend", False), ("B", "beschrijvend", True),
                                      ("C", "voor-nameting", True), ("D", "gerandomiseerd", False)):
        make_evaluation(session, initiative.id, evaluator=f"Team {evaluator}", design=design,
                        theoryOfChange=theory)
    assert sorted(evaluators(client, "design=beschrijvend")) == ["Team A", "Team B"]
    assert sorted(evaluators(client, "design=voor-nameting&design=gerandomiseerd")) == [
        "Team C", "Team D"]
    assert evaluators(client, "evidenceLevel=goed-onderbouwd") == ["Team B"]
    assert evaluators(client, "evidenceLevel=goed-beschreven") == ["Team A"]
    assert sorted(evaluators(client, "evidenceLevel=eerste-aanwijzingen"
                                     "&evidenceLevel=sterke-aanwijzingen")) == ["Team C", "Team D"]
    assert evaluators(client, "evidenceLevel=goede-aanwijzingen") == []


def test_bad_filter_values_are_400s_on_the_parameter(client: TestClient) -> None:
    assert pointers(client.get("/v1/evaluations?design=x&evidenceLevel=y&initiative=z")) == {
        "design": "enum", "evidenceLevel": "enum", "initiative": "uuid-parsing"}


def test_the_list_is_newest_first_and_sorts_and_pages_on_request(
    client: TestClient, session: Session,
) -> None:
    initiative = make_initiative(session)
    for day in ("2010-03-01", "2012-03-01", "2011-03-01"):
        make_evaluation(session, initiative.id, evaluator=f"Team {day[:4]}", evaluatedOn=day)
    assert evaluators(client, "") == ["Team 2012", "Team 2011", "Team 2010"]
    assert evaluators(client, "sort=evaluatedOn") == ["Team 2010", "Team 2011", "Team 2012"]
    assert evaluators(client, "sort=createdAt") == ["Team 2010", "Team 2012", "Team 2011"]
    assert evaluators(client, "sort=-updatedAt") == ["Team 2011", "Team 2012", "Team 2010"]
    page = client.get("/v1/evaluations?pageSize=2&page=2").json()
    assert [item["evaluator"] for item in page["items"]] == ["Team 2010"]
    assert (page["total"], page["_links"]["prev"]) == (3, "/v1/evaluations?pageSize=2&page=1")
    assert pointers(client.get("/v1/evaluations?sort=evaluator")) == {"sort": "unknown-sort-key"}
