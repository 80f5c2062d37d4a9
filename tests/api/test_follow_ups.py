"""The follow-ups of an initiative: CRUD, validation, locking, the audit trail."""

import uuid
from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from api.clock import local_today
from api.initiatives.models import Initiative
from api.privacy import HIDDEN
from tests.api.builders import make_initiative


def follow_up_payload(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "monthsAfterSupport": 12, "observedOn": "2013-07-01", "stillRunning": False,
        "stoppedAfterMonths": 9, "residentsInLead": True, "newPeopleJoined": 3,
        "note": "Volgens mevrouw Jansen stopte de groep na de zomer.",
    }
    body.update(overrides)
    return body


def make_finished(session: Session, **overrides: Any) -> Initiative:
    return make_initiative(session, status="afgerond", endDate="2012-06-30", **overrides)


@pytest.fixture
def initiative(session: Session) -> Initiative:
    return make_finished(session)


def _url(initiative: Initiative) -> str:
    return f"/v1/initiatives/{initiative.id}/follow-ups"


def _post(client: TestClient, initiative: Initiative, **overrides: Any) -> dict[str, Any]:
    response = client.post(_url(initiative), json=follow_up_payload(**overrides))
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def test_a_follow_up_is_created_under_its_initiative_and_read_back(
    client: TestClient, initiative: Initiative,
) -> None:
    created = client.post(_url(initiative), json=follow_up_payload(externalRef="FU-1"))
    assert created.status_code == 201, created.text
    body = created.json()
    assert created.headers["location"] == f"/v1/follow-ups/{body['id']}"
    assert created.headers["etag"] == '"1"'
    assert {key: body[key] for key in follow_up_payload()} == follow_up_payload()
    assert (body["initiativeId"], body["externalRef"], body["version"]) == (
        str(initiative.id), "FU-1", 1)
    assert set(body) == {"id", "initiativeId", "monthsAfterSupport", "observedOn",
                         "stillRunning", "stoppedAfterMonths", "residentsInLead",
                         "newPeopleJoined", "note", "externalRef", "version", "createdAt",
                         "updatedAt"}
    read = client.get(f"/v1/follow-ups/{body['id']}")
    assert (read.status_code, read.json(), read.headers["etag"]) == (200, body, '"1"')


def test_the_list_holds_only_the_initiative_s_follow_ups_the_earliest_month_first(
    client: TestClient, session: Session, initiative: Initiative,
) -> None:
    for month in (24, 6, 12):
        _post(client, initiative, monthsAfterSupport=month, stoppedAfterMonths=None)
    _post(client, make_finished(session, title="Buurtkeuken"))
    listed = client.get(_url(initiative)).json()
    assert [item["monthsAfterSupport"] for item in listed["items"]] == [6, 12, 24]
    assert listed["total"] == 3
    single = client.get(f"/v1/follow-ups/{listed['items'][0]['id']}").json()
    assert listed["items"][0] == single


def test_an_unknown_initiative_or_follow_up_is_a_404(client: TestClient) -> None:
    unknown = uuid.uuid4()
    for method, path in (("GET", f"/v1/initiatives/{unknown}/follow-ups"),
                         ("POST", f"/v1/initiatives/{unknown}/follow-ups"),
                         ("GET", f"/v1/follow-ups/{unknown}"),
                         ("PATCH", f"/v1/follow-ups/{unknown}"),
                         ("DELETE", f"/v1/follow-ups/{unknown}")):
        body = follow_up_payload() if method == "POST" else {}
        response = client.request(method, path, json=body)
        assert response.status_code == 404, (method, path)
        assert response.headers["content-type"] == "application/problem+json"


def test_every_bad_field_gets_its_own_error_and_nothing_is_written(
    client: TestClient, initiative: Initiative,
) -> None:
    payload = follow_up_payload(monthsAfterSupport=0, observedOn="volgend jaar",
                                stillRunning="misschien", stoppedAfterMonths=-1,
                                residentsInLead="vaak", newPeopleJoined=-3, note="x" * 2001,
                                externalRef="r" * 101)
    response = client.post(_url(initiative), json=payload)
    assert response.status_code == 400
    assert sorted(error["location"]["pointer"] for error in response.json()["errors"]) == [
        "/externalRef", "/monthsAfterSupport", "/newPeopleJoined", "/note", "/observedOn",
        "/residentsInLead", "/stillRunning", "/stoppedAfterMonths"]
    too_late = client.post(_url(initiative), json=follow_up_payload(monthsAfterSupport=241))
    assert too_late.json()["errors"][0]["location"] == {"pointer": "/monthsAfterSupport"}
    missing = client.post(_url(initiative), json={"note": "alleen een notitie"})
    assert sorted(error["location"]["pointer"] for error in missing.json()["errors"]) == [
        "/monthsAfterSupport", "/observedOn", "/stillRunning"]
    assert client.get(_url(initiative)).json()["total"] == 0


def test_a_follow_up_in_the_future_is_refused(client: TestClient,
                                              initiative: Initiative) -> None:
    tomorrow = str(local_today() + timedelta(days=1))
    response = client.post(_url(initiative), json=follow_up_payload(observedOn=tomorrow))
    assert response.status_code == 400, response.text
    assert [(error["location"]["pointer"], error["code"])
            for error in response.json()["errors"]] == [("/observedOn", "in-the-future")]
    assert client.get(_url(initiative)).json()["total"] == 0


@pytest.mark.parametrize(("changes", "code"), [
    ({"stillRunning": True, "stoppedAfterMonths": 3}, "still-running"),
    ({"monthsAfterSupport": 6, "stoppedAfterMonths": 7}, "after-follow-up"),
])
def test_a_stop_month_fits_only_a_stopped_initiative_by_the_follow_up_s_month(
    client: TestClient, initiative: Initiative, changes: dict[str, Any], code: str,
) -> None:
    response = client.post(_url(initiative), json=follow_up_payload(**changes))
    assert response.status_code == 400
    assert [(error["location"]["pointer"], error["code"])
            for error in response.json()["errors"]] == [("/stoppedAfterMonths", code)]
    assert client.get(_url(initiative)).json()["total"] == 0


def test_a_stop_in_the_follow_up_s_own_month_or_unknown_or_at_once_is_accepted(
    client: TestClient, initiative: Initiative,
) -> None:
    assert _post(client, initiative, monthsAfterSupport=6,
                 stoppedAfterMonths=6)["stoppedAfterMonths"] == 6
    assert _post(client, initiative, monthsAfterSupport=12,
                 stoppedAfterMonths=None)["stoppedAfterMonths"] is None
    assert _post(client, initiative, monthsAfterSupport=24,
                 stoppedAfterMonths=0)["stoppedAfterMonths"] == 0


def test_a_second_follow_up_in_the_same_month_is_a_conflict(
    client: TestClient, session: Session, initiative: Initiative,
) -> None:
    first = _post(client, initiative)
    response = client.post(_url(initiative), json=follow_up_payload(note="Nog eens"))
    assert response.status_code == 409
    assert response.headers["content-type"] == "application/problem+json"
    assert "12" in response.json()["detail"]
    assert [item["id"] for item in client.get(_url(initiative)).json()["items"]] == [first["id"]]
    _post(client, make_finished(session, title="Buurtkeuken"))  # another initiative may


def test_a_duplicate_external_ref_is_refused(
    client: TestClient, session: Session, initiative: Initiative,
) -> None:
    _post(client, initiative, externalRef="FU-1")
    other = make_finished(session, title="Buurtkeuken")
    response = client.post(_url(other), json=follow_up_payload(externalRef="FU-1"))
    assert response.status_code == 400
    assert response.json()["errors"][0]["location"] == {"pointer": "/externalRef"}
    second = _post(client, other, externalRef="FU-2")
    response = client.patch(f"/v1/follow-ups/{second['id']}", json={"externalRef": "FU-1"})
    assert response.status_code == 400
    assert client.get(f"/v1/follow-ups/{second['id']}").json()["externalRef"] == "FU-2"


def test_a_partial_update_changes_only_what_is_sent_and_bumps_the_version(
    client: TestClient, initiative: Initiative,
) -> None:
    created = _post(client, initiative)
    url = f"/v1/follow-ups/{created['id']}"
    response = client.patch(url, json={"newPeopleJoined": 5, "residentsInLead": None},
                            headers={"If-Match": '"1"'})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["newPeopleJoined"], body["residentsInLead"], body["version"]) == (5, None, 2)
    assert (body["note"], body["stoppedAfterMonths"]) == (created["note"], 9)
    assert body["updatedAt"] > created["updatedAt"]
    assert response.headers["etag"] == '"2"'


def test_an_update_keeps_the_follow_up_consistent_or_changes_nothing(
    client: TestClient, initiative: Initiative,
) -> None:
    created = _post(client, initiative)
    _post(client, initiative, monthsAfterSupport=24, stoppedAfterMonths=None)
    url = f"/v1/follow-ups/{created['id']}"
    assert client.patch(url, json={"stillRunning": True}).status_code == 400
    assert client.patch(url, json={"monthsAfterSupport": 6}).status_code == 400
    assert client.patch(url, json={"monthsAfterSupport": 24}).status_code == 409
    refused = client.patch(url, json={"observedOn": None, "stillRunning": None, "note": None})
    assert {error["location"]["pointer"] for error in refused.json()["errors"]} == {
        "/observedOn", "/stillRunning", "/note"}
    assert client.get(url).json() == created
    # Running after all: the stop month goes in the same change.
    response = client.patch(url, json={"stillRunning": True, "stoppedAfterMonths": None})
    assert response.status_code == 200, response.text
    assert (response.json()["stillRunning"], response.json()["stoppedAfterMonths"]) == (
        True, None)


def test_a_write_against_an_old_version_is_refused(
    client: TestClient, initiative: Initiative,
) -> None:
    created = _post(client, initiative)
    url = f"/v1/follow-ups/{created['id']}"
    assert client.patch(url, json={"note": "Nieuw"}, headers={"If-Match": '"1"'}).status_code == 200
    assert client.patch(url, json={"note": "Ouder"}, headers={"If-Match": '"1"'}).status_code == 412
    assert client.delete(url, headers={"If-Match": '"1"'}).status_code == 412
    assert client.get(url).json()["note"] == "Nieuw"
    assert client.delete(url, headers={"If-Match": '"2"'}).status_code == 204
    assert client.get(url).status_code == 404


def test_deleting_the_initiative_deletes_its_follow_ups(
    client: TestClient, initiative: Initiative,
) -> None:
    created = _post(client, initiative)
    assert client.delete(f"/v1/initiatives/{initiative.id}").status_code == 204
    assert client.get(f"/v1/follow-ups/{created['id']}").status_code == 404


def test_the_audit_trail_records_each_change_and_hides_the_note(
    client: TestClient, initiative: Initiative,
) -> None:
    created = _post(client, initiative)
    url = f"/v1/follow-ups/{created['id']}"
    client.patch(url, json={"note": "Meneer Bakker nam het over.", "newPeopleJoined": 4})
    client.delete(url)
    events = client.get(f"/v1/audit-events?resourceId={created['id']}").json()["items"]
    assert [(event["action"], event["resourceType"]) for event in events] == [
        ("delete", "follow-up"), ("update", "follow-up"), ("create", "follow-up")]
    assert events[1]["changes"]["note"] == {"before": HIDDEN, "after": HIDDEN}
    assert events[1]["changes"]["newPeopleJoined"] == {"before": 3, "after": 4}
    assert "Jansen" not in str(events) and "Bakker" not in str(events)

