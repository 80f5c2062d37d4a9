"""Personal data kept from viewers and out of the audit trail; an editor's stadsdelen; the
personal-data export and erasure of a professional."""

from sqlmodel import Session
from starlette.testclient import TestClient

from api.privacy import HIDDEN
from tests.api.builders import (
    BUURT_AA01,
    BUURT_FD03,
    initiative_payload,
    make_evaluation,
    make_indicator,
    make_initiative,
    make_professional,
    make_support_episode,
    pre_post_measure,
    support_episode_payload,
)
from tests.audit_check import ClientFactory


def test_a_viewer_gets_every_personal_field_as_null(client_as: ClientFactory,
                                                    session: Session) -> None:
    initiative = make_initiative(session, initiatorName="Mevrouw Jansen")
    professional = make_professional(session)
    make_support_episode(session, initiative.id, professional.id,
                         actionDescription="Sprak met mevrouw Jansen over de tuin.")
    make_evaluation(session, initiative.id, summary="Volgens Jansen een succes.",
                    outcomeMeasures=[pre_post_measure(make_indicator(session).id,
                                                      note="Gemeten door Piet.")])
    viewer, researcher = client_as("viewer"), client_as("researcher")
    for path in ("/v1/professionals", f"/v1/professionals/{professional.id}"):
        body = viewer.get(path).json()
        item = body["items"][0] if "items" in body else body
        assert (item["name"], item["email"]) == (None, None), path
        assert item["organisation"] == "Stadsdeel Nieuw-West"  # not personal: kept
    assert viewer.get(f"/v1/initiatives/{initiative.id}").json()["initiatorName"] is None
    assert viewer.get("/v1/support-episodes").json()["items"][0]["actionDescription"] is None
    evaluation = viewer.get("/v1/evaluations").json()["items"][0]
    assert evaluation["summary"] is None
    assert evaluation["outcomeMeasures"][0]["note"] is None
    assert viewer.get("/v1/outcome-measures").json()["items"][0]["note"] is None
    shown = researcher.get(f"/v1/professionals/{professional.id}").json()
    assert shown["name"] == "Fatima el Amrani"
    assert researcher.get("/v1/evaluations").json()["items"][0]["summary"].startswith("Volgens")


def test_a_viewer_cannot_search_professionals_by_name(client_as: ClientFactory) -> None:
    viewer = client_as("viewer")
    assert viewer.get("/v1/professionals?q=Fatima").status_code == 403
    assert viewer.get("/v1/professionals?role=opbouwwerker").status_code == 200
    assert client_as("editor", ("F",)).get("/v1/professionals?q=Fatima").status_code == 200


def test_the_audit_trail_records_that_personal_data_changed_not_what_it_said(
    client: TestClient, session: Session
) -> None:
    professional = make_professional(session)
    client.patch(f"/v1/professionals/{professional.id}",
                 json={"name": "Fatima Amrani", "organisation": "Dynamo"})
    events = client.get(f"/v1/audit-events?resourceId={professional.id}").json()["items"]
    changes = events[0]["changes"]
    assert changes["name"] == {"before": HIDDEN, "after": HIDDEN}
    assert changes["organisation"] == {"before": "Stadsdeel Nieuw-West", "after": "Dynamo"}
    assert "Fatima" not in str(events)


def test_an_editor_writes_in_their_own_stadsdeel_only(client_as: ClientFactory,
                                                      session: Session) -> None:
    editor = client_as("editor", ("F",))
    own = make_initiative(session, buurtId=str(BUURT_FD03))
    other = make_initiative(session, buurtId=str(BUURT_AA01))
    professional = make_professional(session)
    assert editor.post("/v1/initiatives", json=initiative_payload()).status_code == 201
    assert editor.post("/v1/initiatives", json=initiative_payload(
        buurtId=str(BUURT_AA01))).status_code == 403
    # Moving one's own initiative into another stadsdeel is writing there too.
    assert editor.patch(f"/v1/initiatives/{own.id}",
                        json={"buurtId": str(BUURT_AA01)}).status_code == 403
    assert editor.patch(f"/v1/initiatives/{other.id}", json={"title": "Van mij"}).status_code == 403
    assert editor.post("/v1/support-episodes", json=support_episode_payload(
        other.id, professional.id)).status_code == 403
    assert editor.post("/v1/support-episodes", json=support_episode_payload(
        own.id, professional.id)).status_code == 201
    assert client_as("admin").get(f"/v1/initiatives/{other.id}").json()["title"] != "Van mij"


def test_audit_events_filter_by_resource_actor_and_period(client_as: ClientFactory,
                                                          session: Session) -> None:
    editor, admin = client_as("editor", ("F",)), client_as("admin")
    created = editor.post("/v1/initiatives", json=initiative_payload()).json()
    editor.patch(f"/v1/initiatives/{created['id']}", json={"title": "Anders"})
    admin.post("/v1/professionals", json={"name": "Joris", "role": "opbouwwerker",
                                         "organisation": "Dynamo",
                                         "organisationKind": "welzijnsorganisatie"})
    mine = admin.get(f"/v1/audit-events?actor={editor.username}").json()
    assert [event["action"] for event in mine["items"]] == ["update", "create"]  # newest first
    assert mine["items"][0]["changes"]["title"]["after"] == "Anders"
    people = admin.get("/v1/audit-events?resourceType=professional").json()
    assert people["total"] == 1
    future = admin.get("/v1/audit-events?since=2100-01-01T00:00:00Z").json()
    assert future["total"] == 0


def test_no_route_changes_or_deletes_an_audit_event(client: TestClient,
                                                    session: Session) -> None:
    make_initiative(session)
    client.post("/v1/initiatives", json=initiative_payload())
    event = client.get("/v1/audit-events").json()["items"][0]["id"]
    for method in ("PATCH", "PUT", "DELETE"):
        response = client.request(method, f"/v1/audit-events/{event}", json={})
        assert response.status_code in (404, 405), method
    assert client.request("DELETE", "/v1/audit-events").status_code == 405


def test_a_professional_s_data_is_exported_and_erased(client: TestClient,
                                                      session: Session) -> None:
    professional = make_professional(session, externalRef="HR-123")
    make_support_episode(session, make_initiative(session).id, professional.id,
                         actionDescription="Belde Fatima met bewoner Kees.",
                         situation="Kees wilde een moestuin.", reasoning="Fatima kent hem.",
                         result="Kees begon met buurman Piet.")
    exported = client.get(f"/v1/professionals/{professional.id}/personal-data").json()
    assert exported["professional"]["name"] == "Fatima el Amrani"
    assert exported["supportEpisodes"][0]["actionDescription"].startswith("Belde")
    erased = client.post(f"/v1/professionals/{professional.id}/pseudonymisation").json()
    assert erased["name"].startswith("Professional ") and erased["email"] is None
    assert erased["externalRef"] is None
    episodes = client.get(f"/v1/support-episodes?professional={professional.id}").json()
    account = episodes["items"][0]
    assert [account[part] for part in ("situation", "actionDescription", "reasoning",
                                       "result")] == ["", "", "", ""]
    assert account["hours"] > 0  # the evidence stays
    after = client.get(f"/v1/professionals/{professional.id}/personal-data").json()
    assert "Fatima" not in str(after)
