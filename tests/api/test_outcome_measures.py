"""The /v1/outcome-measures resource: per-kind statistics rules, filters, paging, locking."""

import uuid
from typing import Any

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from api.evaluations.models import Evaluation
from api.indicators.models import Indicator
from tests.api.builders import make_evaluation, make_indicator, make_initiative, pre_post_measure


@pytest.fixture
def indicator(session: Session) -> Indicator:
    return make_indicator(session)


@pytest.fixture
def evaluation(session: Session) -> Evaluation:
    evaluation: Evaluation = make_evaluation(session, make_initiative(session).id)
    return evaluation


def pointers(response: Any) -> dict[str, str]:
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == "application/problem+json"
    return {error["location"].get("pointer") or error["location"]["name"]: error["code"]
            for error in response.json()["errors"]}


def add(client: TestClient, evaluation: Evaluation, measure: dict[str, Any]) -> Any:
    return client.post("/v1/outcome-measures",
                       json={"evaluationId": str(evaluation.id), **measure})


def added(client: TestClient, evaluation: Evaluation, measure: dict[str, Any]) -> dict[str, Any]:
    response = add(client, evaluation, measure)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def notes(client: TestClient, query: str) -> list[str]:
    response = client.get(f"/v1/outcome-measures?{query}")
    assert response.status_code == 200, response.text
    return [item["note"] for item in response.json()["items"]]


def test_a_measure_is_added_to_an_evaluation_and_read_back(
    client: TestClient, evaluation: Evaluation, indicator: Indicator,
) -> None:
    response = add(client, evaluation, pre_post_measure(indicator.id, note="Enquête 2009-2011"))
    assert response.status_code == 201, response.text
    body = response.json()
    assert response.headers["location"] == f"/v1/outcome-measures/{body['id']}"
    assert response.headers["etag"] == '"1"'
    assert (body["evaluationId"], body["kind"], body["sdPost"]) == (
        str(evaluation.id), "pre-post", 1.1)
    read = client.get(f"/v1/outcome-measures/{body['id']}")
    assert (read.status_code, read.json(), read.headers["etag"]) == (200, body, '"1"')
    embedded = client.get(f"/v1/evaluations/{evaluation.id}").json()["outcomeMeasures"]
    assert embedded == [body]


def test_an_unknown_evaluation_or_indicator_is_a_400(
    client: TestClient, indicator: Indicator,
) -> None:
    response = client.post("/v1/outcome-measures", json={
        "evaluationId": str(uuid.uuid4()), **pre_post_measure(uuid.uuid4())})
    assert pointers(response) == {"/evaluationId": "unknown-evaluation",
                                  "/indicatorId": "unknown-indicator"}
    assert client.get("/v1/outcome-measures").json()["total"] == 0


@pytest.mark.parametrize(("measure", "expected"), [
    ({"kind": "two-group", "meanTreatment": 6.2, "sdTreatment": 1.1, "nTreatment": 40,
      "meanControl": 5.9, "sdControl": 1.0, "nControl": 38}, {}),
    ({"kind": "two-group", "meanTreatment": 6.2, "sdTreatment": 1.1, "nTreatment": 40,
      "meanControl": 5.9, "nControl": 38, "n": 78}, {"/sdControl": "required",
                                                     "/n": "not-used-for-kind"}),
    ({"kind": "counts", "eventsTreatment": 12, "nTreatment": 40, "eventsControl": 50,
      "nControl": 38}, {"/eventsControl": "exceeds-n"}),
    ({"kind": "counts", "eventsTreatment": 41, "nTreatment": 40}, {
        "/eventsTreatment": "exceeds-n", "/eventsControl": "required", "/nControl": "required"}),
    ({"kind": "proportion", "events": 12, "n": 40}, {}),
    ({"kind": "proportion", "events": 41, "n": 40}, {"/events": "exceeds-n"}),
    ({"kind": "effect-size", "effectMeasure": "SMD", "effectSize": 0.3,
      "samplingVariance": 0.02}, {}),
    ({"kind": "effect-size", "effectSize": 0.3}, {"/effectMeasure": "required",
                                                  "/samplingVariance": "required"}),
    ({"kind": "direction", "direction": "positive"}, {}),
    ({"kind": "direction", "meanPre": 5.0}, {"/direction": "required",
                                             "/meanPre": "not-used-for-kind"}),
])
def test_each_kind_takes_exactly_its_own_statistics(
    client: TestClient, evaluation: Evaluation, indicator: Indicator,
    measure: dict[str, Any], expected: dict[str, str],
) -> None:
    response = add(client, evaluation, {"indicatorId": str(indicator.id), **measure})
    if expected:
        assert pointers(response) == expected
        assert client.get("/v1/outcome-measures").json()["total"] == 0
    else:
        assert response.status_code == 201, response.text


def test_wrong_types_and_ranges_get_one_error_per_field(
    client: TestClient, evaluation: Evaluation, indicator: Indicator,
) -> None:
    response = add(client, evaluation, pre_post_measure(
        indicator.id, n=0, prePostCorrelation=2, meanPost="hoog", kind="pre-postje"))
    assert pointers(response) == {"/n": "greater-than-equal", "/prePostCorrelation":
                                  "less-than-equal", "/meanPost": "float-parsing",
                                  "/kind": "enum"}


def test_unknown_ids_answer_404_problems(client: TestClient) -> None:
    unknown = uuid.uuid4()
    for response in (client.get(f"/v1/outcome-measures/{unknown}"),
                     client.patch(f"/v1/outcome-measures/{unknown}", json={"note": "x"}),
                     client.delete(f"/v1/outcome-measures/{unknown}")):
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"


def test_a_patch_is_checked_against_the_stored_statistics_and_the_merged_kind(
    client: TestClient, evaluation: Evaluation, indicator: Indicator,
) -> None:
    url = f"/v1/outcome-measures/{added(client, evaluation, pre_post_measure(indicator.id))['id']}"
    assert pointers(client.patch(url, json={"sdPre": None})) == {"/sdPre": "required"}
    assert pointers(client.patch(url, json={"kind": "proportion", "events": 3})) == {
        "/meanPre": "not-used-for-kind", "/sdPre": "not-used-for-kind",
        "/meanPost": "not-used-for-kind", "/sdPost": "not-used-for-kind",
        "/prePostCorrelation": "not-used-for-kind"}
    assert pointers(client.patch(url, json={"kind": None})) == {"/kind": "required"}
    assert pointers(client.patch(url, json={"note": None})) == {"/note": "required"}
    assert pointers(client.patch(url, json={"indicatorId": str(uuid.uuid4())})) == {
        "/indicatorId": "unknown-indicator"}
    assert client.get(url).json()["version"] == 1


def test_a_patch_can_turn_a_measure_into_another_kind(
    client: TestClient, evaluation: Evaluation, indicator: Indicator,
) -> None:
    url = f"/v1/outcome-measures/{added(client, evaluation, pre_post_measure(indicator.id))['id']}"
    before = client.get(url).json()
    response = client.patch(url, headers={"If-Match": '"1"'}, json={
        "kind": "proportion", "events": 30, "n": 80, "meanPre": None, "sdPre": None,
        "meanPost": None, "sdPost": None, "prePostCorrelation": None})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["kind"], body["events"], body["n"], body["meanPre"]) == (
        "proportion", 30, 80, None)
    assert (body["version"], response.headers["etag"]) == (2, '"2"')
    assert body["updatedAt"] > before["updatedAt"]


def test_a_stale_if_match_is_refused_with_412_and_changes_nothing(
    client: TestClient, evaluation: Evaluation, indicator: Indicator,
) -> None:
    url = f"/v1/outcome-measures/{added(client, evaluation, pre_post_measure(indicator.id))['id']}"
    client.patch(url, json={"note": "Eerste wijziging"})
    stale = client.patch(url, json={"note": "Te laat"}, headers={"If-Match": '"1"'})
    assert stale.status_code == 412
    assert stale.headers["content-type"] == "application/problem+json"
    assert client.get(url).json()["note"] == "Eerste wijziging"
    assert client.delete(url, headers={"If-Match": '"1"'}).status_code == 412
    assert client.get(url).status_code == 200


def test_delete_removes_the_measure_and_leaves_the_evaluation(
    client: TestClient, evaluation: Evaluation, indicator: Indicator,
) -> None:
    url = f"/v1/outcome-measures/{added(client, evaluation, pre_post_measure(indicator.id))['id']}"
    assert client.delete(url, headers={"If-Match": '"1"'}).status_code == 204
    assert client.get(url).status_code == 404
    assert client.get(f"/v1/evaluations/{evaluation.id}").json()["outcomeMeasures"] == []


def test_the_evaluation_indicator_and_kind_filters_select_measures(
    client: TestClient, session: Session, evaluation: Evaluation, indicator: Indicator,
) -> None:
    other_evaluation = make_evaluation(session, evaluation.initiative_id)
    ladder = make_indicator(session, code="ladder", scaleType="ladder-1-6", scaleMin=1, scaleMax=6)
    added(client, evaluation, pre_post_measure(indicator.id, note="cohesie voor-na"))
    added(client, evaluation, {"indicatorId": str(ladder.id), "kind": "direction",
                               "direction": "positive", "note": "ladder richting"})
    added(client, other_evaluation, {"indicatorId": str(indicator.id), "kind": "proportion",
                                     "events": 3, "n": 10, "note": "cohesie aandeel"})
    assert notes(client, f"evaluation={evaluation.id}") == ["cohesie voor-na", "ladder richting"]
    assert notes(client, f"indicator={indicator.id}") == ["cohesie voor-na", "cohesie aandeel"]
    assert notes(client, "kind=direction&kind=proportion") == ["ladder richting", "cohesie aandeel"]
    assert notes(client, f"kind=pre-post&evaluation={other_evaluation.id}") == []
    assert pointers(client.get("/v1/outcome-measures?kind=x&indicator=y")) == {
        "kind": "enum", "indicator": "uuid-parsing"}


def test_the_list_is_oldest_first_and_sorts_and_pages_on_request(
    client: TestClient, evaluation: Evaluation, indicator: Indicator,
) -> None:
    for note in ("eerste", "tweede", "derde"):
        added(client, evaluation, pre_post_measure(indicator.id, note=note))
    assert notes(client, "") == ["eerste", "tweede", "derde"]
    assert notes(client, "sort=-createdAt") == ["derde", "tweede", "eerste"]
    page = client.get("/v1/outcome-measures?pageSize=2&page=2").json()
    assert [item["note"] for item in page["items"]] == ["derde"]
    assert (page["total"], page["_links"]["next"]) == (3, None)
    assert pointers(client.get("/v1/outcome-measures?sort=n")) == {"sort": "unknown-sort-key"}
